#!/usr/bin/env bash
# Reviewer's queue and supervisor's late list on a big simulated history.
# Usage: scripts/bench-queues.sh DATA_DIR [duration, default 15s]   (DATABASE_URL set: on PostgreSQL)
# First fill it: BIN simulate --days 365 --per-day 3800 (about 1,000,000 cases) with the same
# TONGBAN_DATA_DIR / DATABASE_URL. Needs wrk and a release build (BIN, default .build/release/tongban).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:?data directory of the simulated platform}
DURATION=${2:-15s}
PORT=${PORT:-8095}
BIN=${BIN:-.build/release/tongban}
TONGBAN_DATA_DIR="$DATA" LOG_LEVEL=warning TONGBAN_RUN_JOBS=0 "$BIN" serve --port "$PORT" >"$DATA/queues-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
URL="http://127.0.0.1:$PORT"
token() { curl -sf "$URL/api/v1/auth/token" -H 'Content-Type: application/json' -d "{\"login\":\"$1\",\"password\":\"Tongban2026\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
REVIEWER=$(token reviewer.gjj) SUPERVISOR=$(token supervisor)
echo "open tasks in 公积金's queue: $(curl -sf "$URL/api/v1/tasks" -H "Authorization: Bearer $REVIEWER" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') shown (limit 100);" \
     "late list: $(curl -sf "$URL/api/v1/supervision/late-tasks" -H "Authorization: Bearer $SUPERVISOR" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') shown (limit 200)"
CONNECTIONS=${CONNECTIONS:-4}
echo "wrk -t2 -c$CONNECTIONS -d$DURATION, release build, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), $(nproc) cores"
for route in "reviewer queue page|/workbench/tasks|$REVIEWER" "supervisor late page|/workbench/supervision|$SUPERVISOR" \
             "reviewer queue API|/api/v1/tasks|$REVIEWER" "late list API|/api/v1/supervision/late-tasks|$SUPERVISOR"; do
  IFS='|' read -r label path token <<<"$route"
  printf "%-22s " "$label"
  wrk -t$(( CONNECTIONS < 2 ? 1 : 2 )) -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $token" -s scripts/wrk/percentiles.lua "$URL$path" | tail -1
done
