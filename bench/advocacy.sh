#!/usr/bin/env bash
# Civicast advocacy benchmark: letter submissions (POST /v3/campaigns/{id}/letter) and ZIP lookups
# (GET /v3/campaigns/{id}/letter?zipcode=) beside a trivial authenticated /v3 route, on a fresh
# server with the embedded database. Needs only a JDK 21+; see bench/README.md.
#
#   bash bench/advocacy.sh [--concurrency 16] [--seconds 10] [--rate 500] [--warmup 3] [--server-warmup 10]
#                          [--jobs-workers 4] [--drain 120] [--jar PATH] [--pg-stats] [--pg-setting NAME=VALUE]
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

exec "$java" "$root/bench/AdvocacyBench.java" "${args[@]}"
