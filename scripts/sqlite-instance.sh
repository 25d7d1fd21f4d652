#!/usr/bin/env bash
# One tongban instance on its embedded SQLite, driven like scripts/deploy-local.sh so scripts/failure-drill.py can kill
# it with -9 in the middle of submissions and start it again; `verify` runs `tongban ledger verify` on its data.
#   scripts/sqlite-instance.sh start | kill 1 | restart 1 | verify | stop     (BIN, PORT=8090, DEPLOY_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath -m "${BIN:-.build/release/tongban}")
PORT=${PORT:-8090}
DEPLOY_DIR=${DEPLOY_DIR:-/tmp/tongban-sqlite-drill}
export TONGBAN_DATA_DIR="$DEPLOY_DIR/data" LOG_LEVEL=${LOG_LEVEL:-warning}

start() {
  nohup "$BIN" serve --hostname 127.0.0.1 --port "$PORT" >>"$DEPLOY_DIR/instance.log" 2>&1 &
  echo $! >"$DEPLOY_DIR/instance.pid"
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 1; done
  echo "no answer on $PORT; see $DEPLOY_DIR/instance.log" >&2; return 1
}

case "${1:-}" in
start) mkdir -p "$DEPLOY_DIR" && start && echo "Tongban on SQLite at http://127.0.0.1:$PORT, data in $DEPLOY_DIR/data" ;;
kill) kill -9 "$(cat "$DEPLOY_DIR/instance.pid")" && echo "instance killed (-9)" ;;
restart) start && echo "instance started" ;;
verify) "$BIN" ledger verify 2>&1 | tail -2 ;;
stop) kill "$(cat "$DEPLOY_DIR/instance.pid")" 2>/dev/null || true; echo "stopped; data kept in $DEPLOY_DIR" ;;
*) sed -n '2,5p' "$0"; exit 2 ;;
esac
