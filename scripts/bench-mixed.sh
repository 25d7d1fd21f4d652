#!/usr/bin/env bash
# Mixed load (scripts/wrk/mixed.lua) against a running platform, e.g. deploy-local.sh's nginx: searches, guide pages,
# the hall display, a reviewer's queue, one's own cases, sign-ins, applications and 12345 calls at once.
# Usage: scripts/bench-mixed.sh [URL, default http://127.0.0.1:8080] [duration, default 30s]
# One against two instances, as in BENCHMARKS.md:
#   INSTANCES=1 DEPLOY_DIR=/tmp/tb-1 scripts/deploy-local.sh start && scripts/bench-mixed.sh && DEPLOY_DIR=/tmp/tb-1 scripts/deploy-local.sh stop
#   INSTANCES=2 DEPLOY_DIR=/tmp/tb-2 scripts/deploy-local.sh start && scripts/bench-mixed.sh && DEPLOY_DIR=/tmp/tb-2 scripts/deploy-local.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${1:-http://127.0.0.1:8080}
DURATION=${2:-30s}
CONNECTIONS=${CONNECTIONS:-64}
WORK=$(mktemp -d /tmp/tongban-mixed.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

token() { curl -sf "$URL/api/v1/auth/token" -H 'Content-Type: application/json' -d "{\"login\":\"$1\",\"password\":\"Tongban2026\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
export APPLICANT_TOKEN=$(token 13800000002) REVIEWER_TOKEN=$(token reviewer.scjg) OPERATOR_TOKEN=$(token operator)
printf '%%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' > "$WORK/scan.pdf"
UPLOAD=$(curl -sf "$URL/api/v1/uploads" -H "Authorization: Bearer $APPLICANT_TOKEN" -H 'Content-Type: application/pdf' \
  -H 'X-File-Name: scan.pdf' --data-binary @"$WORK/scan.pdf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf "$URL/api/v1/cases/draft?lifeEvent=qykb" -H "Authorization: Bearer $APPLICANT_TOKEN" > "$WORK/draft.json"
export BODY_FILE="$WORK/body.json" BODIES_FILE="$WORK/tickets.jsonl" SERVICES_FILE="$WORK/services.txt"
python3 scripts/case-body.py "$WORK/draft.json" "$UPLOAD" > "$BODY_FILE"
python3 - Tests/TongbanAppTests/Fixtures/hotline-heldout.csv > "$BODIES_FILE" <<'PY'
import csv, json, sys
types = ["complaint", "consult", "help", "suggestion", "report"]
for i, row in enumerate(csv.DictReader(open(sys.argv[1], encoding="utf-8"))):
    print(json.dumps({"type": types[i % len(types)], "title": row["title"], "body": row["body"],
                      "contactName": "来电人", "contactPhone": "139%08d" % i}, ensure_ascii=False))
PY
curl -sf "$URL/api/v1/services?limit=200" | python3 -c '
import json, sys
data = json.load(sys.stdin)
items = data.get("items", data) if isinstance(data, dict) else data
print("\n".join(item["code"] for item in items))' > "$SERVICES_FILE"
# Each kind once by hand first, so a broken request fails loudly instead of being benchmarked.
for check in "/api/v1/search?q=%E7%A4%BE%E4%BF%9D" "/services/$(head -1 "$SERVICES_FILE")" "/halls/city/display"; do
  curl -sf -o /dev/null "$URL$check" || { echo "warm-up failed: $check" >&2; exit 1; }
done
curl -sf -o /dev/null "$URL/api/v1/tasks" -H "Authorization: Bearer $REVIEWER_TOKEN" || { echo "warm-up failed: reviewer queue" >&2; exit 1; }
curl -sf -o /dev/null "$URL/api/v1/cases" -H "Authorization: Bearer $APPLICANT_TOKEN" -H 'Content-Type: application/json' -d @"$BODY_FILE" \
  || { echo "warm-up application refused" >&2; exit 1; }
curl -sf -o /dev/null "$URL/api/v1/tickets" -H "Authorization: Bearer $OPERATOR_TOKEN" -H 'Content-Type: application/json' -d "$(head -1 "$BODIES_FILE")" \
  || { echo "warm-up ticket refused" >&2; exit 1; }
echo "wrk -t2 -c$CONNECTIONS -d$DURATION against $URL ($(wc -l < "$SERVICES_FILE") services), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s scripts/wrk/mixed.lua "$URL" | sed -n '/req\/s  p50\|^sent\|first failure/p'
