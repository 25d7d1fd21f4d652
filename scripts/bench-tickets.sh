#!/usr/bin/env bash
# 12345 intake over HTTP: an operator files tickets (realistic texts, every district), each classified by the
# dispatcher's model, checked for duplicates and repeats, and dispatched or queued. Reports tickets per second.
# Usage: scripts/bench-tickets.sh [duration, default 20s]   (DATABASE_URL set: on PostgreSQL)
# Needs wrk and a release build (BIN, default .build/release/tongban).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}
PORT=${PORT:-8097}
CONNECTIONS=${CONNECTIONS:-32}
DATA=$(mktemp -d /tmp/tongban-bench.XXXXXX)
BIN=${BIN:-.build/release/tongban}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }

TONGBAN_DATA_DIR="$DATA" LOG_LEVEL=warning TONGBAN_RUN_JOBS=0 TONGBAN_SEED_HOUSEHOLDS=0 "$BIN" serve --port "$PORT" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
URL="http://127.0.0.1:$PORT"

export OPERATOR_TOKEN=$(curl -sf "$URL/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"login":"operator","password":"Tongban2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export BODIES_FILE="$DATA/bodies.jsonl"
# The held-out requests (not the training set), each with a distinct caller, so the body is what a real call gives.
python3 - Tests/TongbanAppTests/Fixtures/hotline-heldout.csv > "$BODIES_FILE" <<'PY'
import csv, json, sys
types = ["complaint", "consult", "help", "suggestion", "report"]
for i, row in enumerate(csv.DictReader(open(sys.argv[1], encoding="utf-8"))):
    print(json.dumps({"type": types[i % len(types)], "title": row["title"], "body": row["body"],
                      "contactName": "来电人", "contactPhone": "139%08d" % i}, ensure_ascii=False))
PY
curl -s "$URL/api/v1/tickets" -H "Authorization: Bearer $OPERATOR_TOKEN" -H 'Content-Type: application/json' -d "$(head -1 "$BODIES_FILE")" \
  | python3 -c 'import json,sys; t=sys.stdin.read(); v=json.loads(t); print("warm-up:", v.get("number") or sys.exit("warm-up ticket refused: " + t), v["state"], v.get("department"))'
echo "wrk -t2 -c$CONNECTIONS -d$DURATION, release build, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), $(nproc) cores"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/wrk/file-ticket.lua "$URL" | tail -1
