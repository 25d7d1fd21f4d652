#!/usr/bin/env bash
# HTTP throughput of the catalogue against Vapor's plaintext floor, in one run.
# Usage: scripts/bench-http.sh [duration, default 20s]
# Needs wrk (Debian: apt-get install wrk) and a release build (swift build -c release).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}
PORT=${PORT:-8099}
DATA=$(mktemp -d /tmp/tongban-bench.XXXXXX)
BIN=${BIN:-.build/release/tongban}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }

TONGBAN_DATA_DIR="$DATA" TONGBAN_BENCH_ROUTES=1 LOG_LEVEL=warning "$BIN" serve --port "$PORT" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done

ITEM=$(curl -s "http://127.0.0.1:$PORT/api/v1/services?hot=true" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["code"])')
SEARCH="/api/v1/search?q=%E5%85%AC%E7%A7%AF%E9%87%91%E6%8F%90%E5%8F%96"   # 公积金提取

run() {
  local label=$1 path=$2
  curl -sf "http://127.0.0.1:$PORT$path" >/dev/null
  local out; out=$(wrk -t2 -c64 -d"$DURATION" --latency "http://127.0.0.1:$PORT$path")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
  printf "%-28s %10s req/s   p50 %-9s p99 %-9s %s\n" "$label" "$rps" "$p50" "$p99" "${errors:-no errors}"
}

echo "wrk -t2 -c64 -d$DURATION, release build, SQLite, $(nproc) cores"
run "GET /plaintext (Vapor)" /plaintext
run "GET /api/v1/services/{id}" "/api/v1/services/$ITEM"
run "GET /api/v1/search (公积金提取)" "$SEARCH"
run "GET /services/{id} (page)" "/services/$ITEM"
