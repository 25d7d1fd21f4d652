#!/bin/sh
# Writes the sample charts and screenshots them, for checking by eye that Chinese labels render and
# nothing overlaps. Needs chromium and fonts-noto-cjk. Usage: scripts/render-chart-samples.sh [folder] [scratch-path]
set -eu
out=${1:-/tmp/charts-samples}
scratch=${2:-.build}
CHART_SAMPLES="$out" swift test --scratch-path "$scratch" --filter ChartSamples
for svg in "$out"/*.svg; do
    chromium --headless --no-sandbox --hide-scrollbars --screenshot="${svg%.svg}.png" --window-size=800,600 "file://$svg" 2>/dev/null
done
chromium --headless --no-sandbox --hide-scrollbars --screenshot="$out/phone.png" --window-size=360,2400 "file://$out/phone.html" 2>/dev/null
echo "PNG files in $out"
