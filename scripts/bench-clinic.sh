#!/usr/bin/env bash
# 预约挂号 flash crowd over HTTP: PATIENTS distinct patients press 预约 for one session of CAPACITY places at the same
# moment, each on its own connection. Exactly CAPACITY must be booked and everyone else told "已约满", with no 5xx.
# Usage: scripts/bench-clinic.sh [patients, default 2000] [capacity, default 50]   (DATABASE_URL set: on PostgreSQL,
# which must be an empty benchmark database). Needs a release build (BIN, default .build/release/tongban).
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS=${1:-2000}
CAPACITY=${2:-50}
PORT=${PORT:-8098}
DATA=$(mktemp -d /tmp/tongban-bench.XXXXXX)
BIN=${BIN:-.build/release/tongban}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }
ulimit -n 8192 2>/dev/null || true

TONGBAN_DATA_DIR="$DATA" LOG_LEVEL=warning TONGBAN_RUN_JOBS=0 TONGBAN_SEED_HOUSEHOLDS=0 \
  "$BIN" prepare-clinic-bench --patients "$PATIENTS" --capacity "$CAPACITY" --out "$DATA/prepared.json" | tail -1
TONGBAN_DATA_DIR="$DATA" LOG_LEVEL=warning TONGBAN_RUN_JOBS=0 TONGBAN_SEED_HOUSEHOLDS=0 "$BIN" serve --port "$PORT" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
echo "release build, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), $(nproc) cores"
python3 scripts/bench-clinic.py "http://127.0.0.1:$PORT" "$DATA/prepared.json"
