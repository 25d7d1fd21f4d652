#!/usr/bin/env bash
# Reads through the exchange gate over HTTP: grant check, registry read, masking and the audit
# row written for every read. Usage: scripts/bench-exchange.sh [duration, default 15s]
# (DATABASE_URL set: on PostgreSQL). Needs wrk and a release build (BIN, default .build/release/tongban).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
PORT=${PORT:-8094}
DATA=$(mktemp -d /tmp/tongban-bench.XXXXXX)
BIN=${BIN:-.build/release/tongban}
TONGBAN_DATA_DIR="$DATA" LOG_LEVEL=warning TONGBAN_RUN_JOBS=0 "$BIN" serve --port "$PORT" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
URL="http://127.0.0.1:$PORT"
TOKEN=$(curl -sf "$URL/api/v1/auth/token" -H 'Content-Type: application/json' -d '{"login":"reviewer.gjj","password":"Tongban2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
PATH_Q="/api/v1/exchange/fund/341502198506181239?fields=accountStatus,consecutiveMonths,outstandingLoan&purpose=gjj-tq-gf"
curl -sf "$URL$PATH_Q" -H "Authorization: Bearer $TOKEN" >/dev/null
echo "wrk -t2 -c16 -d$DURATION, release build, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), $(nproc) cores"
printf "%-34s " "GET /api/v1/exchange/fund/{id}"
wrk -t2 -c16 -d"$DURATION" -H "Authorization: Bearer $TOKEN" -s scripts/wrk/percentiles.lua "$URL$PATH_Q" | tail -1
echo "audit rows written: $(curl -sf "$URL/api/v1/me/data-usage" -H "Authorization: Bearer $(curl -sf "$URL/api/v1/auth/token" -H 'Content-Type: application/json' -d '{"login":"13800000001","password":"Tongban2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)), "(the page shows the latest 200)")')"
