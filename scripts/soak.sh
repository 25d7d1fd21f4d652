#!/usr/bin/env bash
# Soak: moderate mixed load for a long time against a running deployment, sampling every instance's memory (RSS)
# once a minute, to show it stays flat. Writes a CSV of the samples and prints the first and last.
# Usage: DEPLOY_DIR=/tmp/tongban-deploy scripts/soak.sh [URL, default http://127.0.0.1:8080] [minutes, default 60]
# The load: CONNECTIONS (8) connections each pausing DELAY_MS (100) between requests, scripts/wrk/mixed.lua's mix.
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${1:-http://127.0.0.1:8080}
MINUTES=${2:-60}
DEPLOY_DIR=${DEPLOY_DIR:-/tmp/tongban-deploy}
OUT=${OUT:-$DEPLOY_DIR/soak-rss.csv}
export CONNECTIONS=${CONNECTIONS:-8} DELAY_MS=${DELAY_MS:-100}

pids=$(cat "$DEPLOY_DIR"/instance-*.pid)
sample() {
  local line="$(date -u +%H:%M:%S)"
  for pid in $pids; do line+=",$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ' || echo gone)"; done
  echo "$line" >> "$OUT"
}
echo "time$(for pid in $pids; do printf ',rss_kb_pid_%s' "$pid"; done)" > "$OUT"
sample
scripts/bench-mixed.sh "$URL" "${MINUTES}m" > "$OUT.wrk" 2>&1 &
LOAD=$!
while kill -0 "$LOAD" 2>/dev/null; do sleep 60; sample; done
wait "$LOAD" || { echo "the load failed:" >&2; cat "$OUT.wrk" >&2; exit 1; }
sample
cat "$OUT.wrk"
echo "RSS (kB) at start and end, per instance:"
sed -n '2p;$p' "$OUT"
echo "all samples: $OUT"
