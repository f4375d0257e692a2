#!/usr/bin/env bash
# Civicast contact-list import benchmark: POST /v1/contact-lists/import of generated voter files
# (100,000 and 1,000,000 rows) served from a local plain-HTTP server, timed until the list is
# ready, beside a bare COPY of the same file into the same PostgreSQL. Needs only a JDK 21+; see
# bench/README.md.
#
#   bash bench/contacts.sh [--sizes 100000,1000000] [--warm-runs 1] [--heap 512m] [--seed 20261130]
#                          [--jfr FILE] [--jar PATH]
#
# Uses $JAVA_HOME/bin/java if JAVA_HOME is set, else `java` from PATH. Builds target/civicast.jar
# (./mvnw -q -DskipTests package) if it is missing and no --jar is given.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java || true)"; fi
if [[ -z "$java" || ! -x "$java" ]]; then
  echo "bench: no java found; set JAVA_HOME to a JDK 21 or newer" >&2
  exit 1
fi
spec="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
if (( ${spec%%.*} < 21 )); then
  echo "bench: $java is Java $spec; the benchmark and the server need 21 or newer (set JAVA_HOME)" >&2
  exit 1
fi

args=("$@")
if [[ " $* " != *" --jar "* ]]; then
  jar="$root/target/civicast.jar"
  if [[ ! -f "$jar" ]]; then
    echo "bench: $jar is missing; building it (./mvnw -q -DskipTests package)" >&2
    (cd "$root" && ./mvnw -q -DskipTests package)
  elif [[ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
    echo "bench: note: sources are newer than $jar; rebuild with ./mvnw -q -DskipTests package to bench them" >&2
  fi
  args=(--jar "$jar" "$@")
fi

exec "$java" "$root/bench/ContactsBench.java" "${args[@]}"
