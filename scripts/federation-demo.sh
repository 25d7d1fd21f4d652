#!/usr/bin/env bash
# 跨域通办 demo: two Tongban platforms on one machine — 六安市 (:8091) and 合肥市 (:8092) — each with its own
# data directory and SQLite database, configured as each other's peer. Then, over their APIs:
#   1. each shows its federation identity and Lu'an lists its 跨域通办事项;
#   2. a 12345 ticket about Hefei is transferred from Lu'an, Hefei replies, the reply shows on Lu'an's ticket;
#   3. a certificate issued in Hefei is verified in Lu'an against Hefei's signed ledger tree head;
#   4. a forged and a replayed request to Hefei are refused (and logged);
#   5. Hefei goes offline, a ticket transferred meanwhile waits in Lu'an's outbox and is delivered once it is back.
# Usage: scripts/federation-demo.sh [start|stop]   (DIR, LUAN_PORT, HEFEI_PORT, BIN override the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${DIR:-/tmp/tongban-federation-demo}
LUAN_PORT=${LUAN_PORT:-8091}
HEFEI_PORT=${HEFEI_PORT:-8092}
BIN=${BIN:-.build/debug/tongban}
export TONGBAN_SEED_HOUSEHOLDS=${TONGBAN_SEED_HOUSEHOLDS:-0} TONGBAN_BCRYPT_COST=${TONGBAN_BCRYPT_COST:-4} LOG_LEVEL=${LOG_LEVEL:-warning}

LUAN_ENV=(TONGBAN_DATA_DIR="$DIR/luan" TONGBAN_CITY_CODE=341500 TONGBAN_CITY_NAME=六安市 TONGBAN_PEERS="$DIR/luan-peers.json")
HEFEI_ENV=(TONGBAN_DATA_DIR="$DIR/hefei" TONGBAN_CITY_CODE=340100 TONGBAN_CITY_NAME=合肥市 TONGBAN_PEERS="$DIR/hefei-peers.json")

stop_one() {
  if [ -f "$DIR/$1.pid" ]; then
    local pid; pid=$(cat "$DIR/$1.pid"); kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$DIR/$1.pid"
}
stop_all() { stop_one luan; stop_one hefei; }

wait_up() {
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 1; done
  echo "instance on :$1 did not come up (see $DIR/*.log)" >&2; exit 1
}
start_luan() { env "${LUAN_ENV[@]}" "$BIN" serve --port "$LUAN_PORT" >>"$DIR/luan.log" 2>&1 & echo $! >"$DIR/luan.pid"; wait_up "$LUAN_PORT"; }
start_hefei() { env "${HEFEI_ENV[@]}" "$BIN" serve --port "$HEFEI_PORT" >>"$DIR/hefei.log" 2>&1 & echo $! >"$DIR/hefei.pid"; wait_up "$HEFEI_PORT"; }

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
token() { curl -sf -X POST "http://127.0.0.1:$1/api/v1/auth/token" -H 'Content-Type: application/json' \
            -d "{\"login\":\"$2\",\"password\":\"Tongban2026\"}" | json 'd["token"]'; }
step() { printf '\n== %s\n' "$*"; }

if [ "${1:-start}" = stop ]; then stop_all; exit 0; fi
[ -x "$BIN" ] || swift build --product tongban
stop_all
for port in "$LUAN_PORT" "$HEFEI_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then echo "port $port is in use; set LUAN_PORT/HEFEI_PORT" >&2; exit 1; fi
done
rm -rf "$DIR"; mkdir -p "$DIR/luan" "$DIR/hefei"
echo '[]' >"$DIR/luan-peers.json"; echo '[]' >"$DIR/hefei-peers.json"

step "keys and peer entries (each city creates its key on first use)"
env "${LUAN_ENV[@]}" "$BIN" federation peer-entry --base-url "http://127.0.0.1:$LUAN_PORT" >"$DIR/luan-entry.json"
env "${HEFEI_ENV[@]}" "$BIN" federation peer-entry --base-url "http://127.0.0.1:$HEFEI_PORT" >"$DIR/hefei-entry.json"
python3 -c "import json,sys; print(json.dumps([json.load(open(sys.argv[1]))], ensure_ascii=False))" "$DIR/hefei-entry.json" >"$DIR/luan-peers.json"
python3 -c "import json,sys; print(json.dumps([json.load(open(sys.argv[1]))], ensure_ascii=False))" "$DIR/luan-entry.json" >"$DIR/hefei-peers.json"
cat "$DIR/luan-peers.json"
# The demo data marks 跨域通办 items only when Hefei is a peer at seeding time: seed again now that it is.
rm -f "$DIR/luan/tongban.sqlite"*

start_luan; start_hefei
step "identities"
curl -sf "http://127.0.0.1:$LUAN_PORT/api/v1/federation/public-key" | json 'd["cityName"], d["peers"]'
curl -sf "http://127.0.0.1:$HEFEI_PORT/api/v1/federation/public-key" | json 'd["cityName"], d["peers"]'
step "六安市 跨域通办事项"
curl -sf "http://127.0.0.1:$LUAN_PORT/api/v1/federation/items" | json '[(i["itemName"], i["decidingCityName"]) for i in d]'

step "a 12345 ticket about Hefei, filed in Lu'an and transferred"
CITIZEN=$(token "$LUAN_PORT" 13800000001); DISPATCHER=$(token "$LUAN_PORT" dispatcher); HEFEI_OP=$(token "$HEFEI_PORT" operator)
file_ticket() {
  curl -sf -X POST "http://127.0.0.1:$LUAN_PORT/api/v1/tickets" -H "Authorization: Bearer $CITIZEN" -H 'Content-Type: application/json' \
    -d "{\"type\":\"complaint\",\"title\":\"$1\",\"body\":\"我在合肥市蜀山区有一套房子，物业公司今年起多收停车管理费，希望合肥相关部门处理。\"}" | json 'd["number"]'
}
NUMBER=$(file_ticket "合肥市蜀山区某小区物业乱收费")
curl -sf -X POST "http://127.0.0.1:$LUAN_PORT/api/v1/federation/ticket-transfers" -H "Authorization: Bearer $DISPATCHER" \
  -H 'Content-Type: application/json' -d "{\"ticket\":\"$NUMBER\",\"city\":\"合肥市\",\"reason\":\"事发地在合肥市\"}" -o /dev/null -w 'transfer: HTTP %{http_code}\n'
for _ in $(seq 1 20); do
  ID=$(curl -sf "http://127.0.0.1:$HEFEI_PORT/api/v1/federation/tickets" -H "Authorization: Bearer $HEFEI_OP" | json 'd[0]["id"] if d else ""')
  [ -n "$ID" ] && break; sleep 1
done
echo "received in Hefei as $ID"
curl -sf -X POST "http://127.0.0.1:$HEFEI_PORT/api/v1/federation/tickets/$ID/reply" -H "Authorization: Bearer $HEFEI_OP" \
  -H 'Content-Type: application/json' -d '{"reply":"经蜀山区住建局核实，物业已停止收取该费用并退还。"}' -o /dev/null -w 'reply: HTTP %{http_code}\n'
for _ in $(seq 1 20); do
  curl -sf "http://127.0.0.1:$LUAN_PORT/api/v1/tickets/$NUMBER" -H "Authorization: Bearer $CITIZEN" | grep -q 合肥市答复 && break; sleep 1
done
curl -sf "http://127.0.0.1:$LUAN_PORT/api/v1/tickets/$NUMBER" -H "Authorization: Bearer $CITIZEN" \
  | json '"\n".join(e["actor"] + "：" + e["message"] for e in d["events"])'

step "a Hefei certificate verified in Lu'an"
CERT=$(sqlite3 "$DIR/hefei/tongban.sqlite" "select number || '&code=' || verification_code from certificates limit 1" 2>/dev/null || true)
if [ -n "$CERT" ]; then
  curl -sf "http://127.0.0.1:$LUAN_PORT/api/v1/federation/certificates/verify?city=340100&number=$CERT" | json 'd["verified"], d["message"]'
else echo "(sqlite3 not installed: skipped)"; fi

step "a forged and a replayed request to Hefei"
NOW=$(python3 -c 'import time; print(int(time.time()*1000))')
curl -s -X POST "http://127.0.0.1:$HEFEI_PORT/api/v1/federation/inbox/tickets" -H 'Content-Type: application/json' \
  -H 'X-Tongban-City: 341500' -H "X-Tongban-Timestamp: $NOW" -H 'X-Tongban-Nonce: demo-nonce' \
  -H 'X-Tongban-Signature: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==' -d '{}' ; echo
ADMIN=$(token "$HEFEI_PORT" admin)
curl -sf "http://127.0.0.1:$HEFEI_PORT/api/v1/admin/federation/messages" -H "Authorization: Bearer $ADMIN" \
  | json '"\n".join(m["direction"] + " " + m["path"] + " " + m["outcome"] for m in d[:6])'
echo "(a replay is refused the same way with federation.replay; see Tests/TongbanAppTests/FederationCaseTests.swift)"

step "Hefei offline: a transfer waits in Lu'an's outbox"
stop_one hefei
NUMBER2=$(file_ticket "合肥市包河区噪音扰民")
curl -sf -X POST "http://127.0.0.1:$LUAN_PORT/api/v1/federation/ticket-transfers" -H "Authorization: Bearer $DISPATCHER" \
  -H 'Content-Type: application/json' -d "{\"ticket\":\"$NUMBER2\",\"city\":\"合肥市\"}" -o /dev/null -w 'transfer: HTTP %{http_code}\n'
LUAN_ADMIN=$(token "$LUAN_PORT" admin)
outcome() { curl -sf "http://127.0.0.1:$LUAN_PORT/api/v1/admin/federation/messages" -H "Authorization: Bearer $LUAN_ADMIN" | json '[m["outcome"] + " (attempts " + str(m["attempts"]) + ")" for m in d if m["direction"] == "out"][0]'; }
echo "queued: $(outcome)"
for _ in $(seq 1 60); do [ "$(outcome | cut -d' ' -f1)" = retrying ] && break; sleep 1; done
echo "while Hefei is down: $(outcome)"
start_hefei
echo "Hefei is back; the worker retries with back-off (10 s, 20 s, …)"
for _ in $(seq 1 40); do [ "$(outcome | cut -d' ' -f1)" = delivered ] && break; sleep 1; done
echo "now: $(outcome)"

step "both instances keep running: scripts/federation-demo.sh stop"
