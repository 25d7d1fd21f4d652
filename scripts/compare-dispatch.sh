#!/usr/bin/env bash
# The dispatcher's model and the scikit-learn baseline, side by side in one run on the same files.
# Usage: scripts/compare-dispatch.sh [TRAIN.csv TEST.csv]   (default: the shared labelled messages)
# Needs a release build (BIN, default .build/release/tongban) and scikit-learn.
set -euo pipefail
cd "$(dirname "$0")/.."
TRAIN=${1:-../shared/data/messages/train.csv}
TEST=${2:-../shared/data/messages/test.csv}
BIN=${BIN:-.build/release/tongban}
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }
DATA=$(mktemp -d /tmp/tongban-eval.XXXXXX)
trap 'rm -rf "$DATA"' EXIT
echo "== Tongban DispatchClassifier (tongban eval-dispatch) =="
TONGBAN_DATA_DIR="$DATA" TONGBAN_SEED_DEMO=0 LOG_LEVEL=warning "$BIN" eval-dispatch --train "$TRAIN" --test "$TEST" | grep -v '^[a-z]*	[0-9]' | tail -n +1
echo
echo "== scikit-learn TfidfVectorizer(analyzer='char', ngram_range=(1,3), sublinear_tf=True) + LinearSVC() =="
python3 scripts/eval-dispatch-sklearn.py --train "$TRAIN" --test "$TEST"
