#!/usr/bin/env bash
# Conformance check: the published reference client @political-comms/sdk (pinned in
# package.json) against a Civicast server. See conformance/README.md.
#
#   bash conformance/run.sh
#       Starts target/civicast.jar (build it first: ./mvnw -DskipTests package) on a free
#       port of 127.0.0.1 with a fresh data directory and a random root key, runs the check,
#       and stops the server and removes its data directory however the run ends.
#       CIVICAST_JAR=path/to/civicast.jar starts that jar instead (a build with -Dbuild.dir=…).
#
#   CIVICAST_URL=https://host:port CIVICAST_KEY=pc_live_… bash conformance/run.sh
#       When both are set, no server is started: the check runs against that already-running
#       server (URL without /v1). The key needs the read, write and admin scopes; the check
#       adds organizations, a key, brands, campaigns, numbers, domains and verifications under
#       the key's organization. For a self-signed certificate, also set
#       NODE_EXTRA_CA_CERTS=<data dir>/tls/self-signed.crt.
#
# The check includes the OpenAPI document: Redocly lint (redocly.yaml) and every answer of the
# run validated against it with Ajv (openapi.mjs).
#
# Exits non-zero when the server does not start, npm ci fails, or any check fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

install_sdk() {
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

run_check() {
  (cd "$here" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node conformance.mjs)
}

# --- Against an already-running server.
if [[ -n "${CIVICAST_URL:-}" && -n "${CIVICAST_KEY:-}" ]]; then
  install_sdk
  run_check
  exit 0
fi

# --- Against a server of our own.
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
jar="${CIVICAST_JAR:-$repo/target/civicast.jar}"
if [[ ! -f "$jar" ]]; then
  echo "run.sh: $jar not found; build it first with ./mvnw -DskipTests package (or set CIVICAST_JAR)" >&2
  exit 1
fi
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")" # the server starts in $repo

tmp="$(mktemp -d "${TMPDIR:-/tmp}/civicast-conformance.XXXXXX")"
server_pid=""

stop_server() {
  [[ -n "$server_pid" ]] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    # The shutdown hook stops the embedded PostgreSQL; give it time before forcing.
    for _ in $(seq 1 60); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "run.sh: server did not stop in 30 s; killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
  fi
  wait "$server_pid" 2>/dev/null || true
  # A forcibly killed server leaves its PostgreSQL behind: stop that one process by its pid file.
  local pg_pid_file="$tmp/postgres/postmaster.pid"
  if [[ -f "$pg_pid_file" ]]; then
    local pg_pid
    pg_pid="$(head -n 1 "$pg_pid_file" 2>/dev/null || true)"
    if [[ "$pg_pid" =~ ^[0-9]+$ ]] && kill -0 "$pg_pid" 2>/dev/null; then
      kill -TERM "$pg_pid" 2>/dev/null || true
      for _ in $(seq 1 20); do
        kill -0 "$pg_pid" 2>/dev/null || break
        sleep 0.5
      done
    fi
  fi
  server_pid=""
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_server
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

key="pc_live_$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 40 || true)"
if [[ ! "$key" =~ ^pc_live_[A-Za-z0-9]{40}$ ]]; then
  echo "run.sh: could not generate a root key" >&2
  exit 1
fi
port="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"

cd "$repo"
# The server refuses CIVICAST_ variables that are not its settings: CIVICAST_JAR is ours.
# No sending hours: the script sends a project to completion at whatever hour it runs.
env -u CIVICAST_JAR \
CIVICAST_DATA_DIR="$tmp" \
CIVICAST_EMBEDDED_DATABASE_BINARIES_DIR="$repo/target/pg-binaries" \
CIVICAST_PORT="$port" \
CIVICAST_BIND_ADDRESS=127.0.0.1 \
CIVICAST_BOOTSTRAP_API_KEY="$key" \
CIVICAST_RATE_LIMIT_PER_HOUR=100000 \
CIVICAST_OUTBOUND_ALLOWLIST=127.0.0.1 \
CIVICAST_OUTBOUND_ALLOW_HTTP=true \
CIVICAST_JOBS_POLL_MILLIS=100 \
CIVICAST_QUIET_HOURS=none \
  "$JAVA" -jar "$jar" >"$tmp/server.log" 2>&1 &
server_pid=$!
echo "run.sh: started civicast (pid $server_pid) on https://localhost:$port, data in $tmp"

deadline=$((SECONDS + 60))
# Installs the SDK while the server boots.
install_sdk

until curl -sf --cacert "$tmp/tls/self-signed.crt" "https://localhost:$port/healthz" >/dev/null 2>&1; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: the server exited during startup; its log:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "run.sh: the server was not healthy after 60 s; its log:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "run.sh: server healthy"

status=0
NODE_EXTRA_CA_CERTS="$tmp/tls/self-signed.crt" \
CIVICAST_URL="https://localhost:$port" \
CIVICAST_KEY="$key" \
  run_check || status=$?
if ((status != 0)) && [[ -n "${CONFORMANCE_SHOW_LOG:-}" ]]; then
  echo "run.sh: server log:" >&2
  cat "$tmp/server.log" >&2
fi
exit "$status"
