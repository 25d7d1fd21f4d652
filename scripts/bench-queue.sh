#!/usr/bin/env bash
# 叫号 and the hall display with 200 people waiting in 20 queues, over HTTP against a release build on a fresh
# database. Usage: scripts/bench-queue.sh [rounds, default 1000]   (DATABASE_URL set: on PostgreSQL, which must be an
# empty benchmark database). BIN defaults to .build/release/tongban.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-1000}
PORT=${PORT:-8097}
DATA=$(mktemp -d /tmp/tongban-bench.XXXXXX)
BIN=${BIN:-.build/release/tongban}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }
TONGBAN_DATA_DIR="$DATA" LOG_LEVEL=warning TONGBAN_RUN_JOBS=0 TONGBAN_SEED_HOUSEHOLDS=0 "$BIN" serve --port "$PORT" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
echo "$(basename "$(dirname "$BIN")") build, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 scripts/bench-queue.py "http://127.0.0.1:$PORT" "$ROUNDS"
