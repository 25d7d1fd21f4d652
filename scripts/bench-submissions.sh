#!/usr/bin/env bash
# Applications end to end over HTTP: submit 企业开办 (6 items, 6 departments) and accept it at
# the window, which fans it out into review tasks. Reports applications per second.
# Usage: scripts/bench-submissions.sh [duration, default 20s]   (DATABASE_URL set: on PostgreSQL)
# Needs wrk and a release build (BIN, default .build/release/tongban).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}
PORT=${PORT:-8098}
CONNECTIONS=${CONNECTIONS:-32}
DATA=$(mktemp -d /tmp/tongban-bench.XXXXXX)
BIN=${BIN:-.build/release/tongban}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }

TONGBAN_DATA_DIR="$DATA" LOG_LEVEL=warning TONGBAN_RUN_JOBS=0 "$BIN" serve --port "$PORT" >"${SERVER_LOG:-$DATA/server.log}" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
URL="http://127.0.0.1:$PORT"

token() { curl -sf "$URL/api/v1/auth/token" -H 'Content-Type: application/json' -d "{\"login\":\"$1\",\"password\":\"Tongban2026\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
export APPLICANT_TOKEN=$(token 13800000002) CLERK_TOKEN=$(token clerk)
printf '%%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' > "$DATA/scan.pdf"
UPLOAD=$(curl -sf "$URL/api/v1/uploads" -H "Authorization: Bearer $APPLICANT_TOKEN" -H 'Content-Type: application/pdf' \
  -H 'X-File-Name: scan.pdf' --data-binary @"$DATA/scan.pdf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf "$URL/api/v1/cases/draft?lifeEvent=qykb" -H "Authorization: Bearer $APPLICANT_TOKEN" > "$DATA/draft.json"
export BODY_FILE="$DATA/body.json"
python3 scripts/case-body.py "$DATA/draft.json" "$UPLOAD" > "$BODY_FILE"
# One warm-up application, checked by hand, so a broken body fails loudly instead of benchmarking errors.
ID=$(curl -s "$URL/api/v1/cases" -H "Authorization: Bearer $APPLICANT_TOKEN" -H 'Content-Type: application/json' -d @"$BODY_FILE" \
  | python3 -c 'import json,sys; t=sys.stdin.read(); print(json.loads(t).get("id") or sys.exit("warm-up application refused: " + t))')
curl -sf -X POST "$URL/api/v1/cases/$ID/accept" -H "Authorization: Bearer $CLERK_TOKEN" | python3 -c 'import json,sys; v=json.load(sys.stdin); print("warm-up:", v["state"], len(v["tasks"]), "tasks in", len({t["department"] for t in v["tasks"]}), "departments")'
echo "wrk -t2 -c$CONNECTIONS -d$DURATION, release build, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), $(nproc) cores"
[ -n "${PERF_OUT:-}" ] && (perf record -F 499 -g -p $SERVER -o "$PERF_OUT" -- sleep 8 >/dev/null 2>&1 &)
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/wrk/submit-accept.lua "$URL" | tail -1
