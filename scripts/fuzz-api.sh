#!/usr/bin/env bash
# schemathesis over the whole OpenAPI document (/api/v1/openapi.json), once per signed-in role.
#
#   scripts/fuzz-api.sh [BASE_URL] [CHECKS] [MAX_EXAMPLES]
#     BASE_URL      default http://127.0.0.1:8095 (a dev server: TONGBAN_DATA_DIR=/tmp/secx .build/debug/tongban serve --port 8095)
#     CHECKS        default not_a_server_error; also try all, or response_schema_conformance,status_code_conformance
#     MAX_EXAMPLES  default 15 per operation
#   ROLES="13800000001 admin" (default) — one run per account, with its bearer token; ANONYMOUS=1 adds a run without one.
#   WORKERS=2 (default), REPORT_DIR=/tmp/fuzz-api (JUnit and NDJSON per role there).
#
# Needs schemathesis 4 (`st`). Against a throw-away server only: it files tickets, applications and the like by the
# thousand. /api/v1/auth/token is left out: DELETE would revoke the very token the run uses (everything after it would
# be a 401), and wrong passwords would lock this address out of signing in for 15 minutes. Tokens are asked for first.
# Exit status: non-zero when any run found a failure. See docs/security-testing.md for the last results.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8095}
CHECKS=${2:-not_a_server_error}
EXAMPLES=${3:-15}
ROLES=${ROLES:-"13800000001 admin"}
WORKERS=${WORKERS:-2}
REPORT_DIR=${REPORT_DIR:-/tmp/fuzz-api}
mkdir -p "$REPORT_DIR"

token() {
  curl -sf "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"${PASSWORD:-Tongban2026}\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

declare -A TOKENS
for role in $ROLES; do TOKENS[$role]=$(token "$role"); done

status=0
run() {  # run NAME [header args…]
  local name=$1; shift
  echo "== schemathesis as $name: checks=$CHECKS, $EXAMPLES examples per operation"
  st run "$BASE/api/v1/openapi.json" --checks "$CHECKS" --max-examples "$EXAMPLES" --workers "$WORKERS" \
    --request-timeout 30 --suppress-health-check all --report junit,ndjson --report-dir "$REPORT_DIR/$name" \
    --exclude-path-regex '^/api/v1/auth/token$' "$@" || status=1
}
for role in $ROLES; do run "$role" -H "Authorization: Bearer ${TOKENS[$role]}"; done
if [[ "${ANONYMOUS:-0}" == 1 ]]; then run anonymous; fi
exit $status
