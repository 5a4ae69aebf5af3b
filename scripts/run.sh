#!/usr/bin/env bash
# The README's first command: set everything up (packages, data, build), then run the main job.
# With a display: the app on the shipped iDBN with the intersection chimera {2, 9}.
# Without one (a server, a container, CI): the same app scenario rendered headless under xvfb-run into
# out/app.png, and a small intersection-chimera study on the shipped iDBN into out/study/ (report + figures).
# Usage: scripts/run.sh [--headless]      (--headless: do the headless job even when a display is present)
set -euo pipefail
cd "$(dirname "$0")/.."
HEADLESS=0
[ "${1:-}" = "--headless" ] && HEADLESS=1
scripts/setup.sh build
MODEL=assets/models/idbn_mnist.tdm
CLASSIFIER=assets/models/classifier_mnist.tdc
for f in "$MODEL" "$CLASSIFIER"; do
  [ -f "$f" ] || { echo "error: the shipped file $f is missing (a partial checkout?)" >&2; exit 1; }
done
if [ "$HEADLESS" = 0 ] && [ -x build/topdown ] && [ -n "${DISPLAY:-}" ]; then
  exec build/topdown --model "$MODEL" --method intersection --classes 2,9 --seed 7
fi

OUT=out
mkdir -p "$OUT"
echo "== headless main job (no display): the app rendered under Xvfb, then a small chimera study"
if [ -x build/topdown ] && command -v xvfb-run >/dev/null 2>&1; then
  echo "-- app: shipped iDBN, intersection chimera {2, 9}, seed 7, 60 steps -> $OUT/app.png"
  XDG_CONFIG_HOME="$OUT/.config" xvfb-run -a -s '-screen 0 1280x800x24' build/topdown --model "$MODEL" \
    --method intersection --classes 2,9 --seed 7 --steps 60 --size 1280x800 \
    --screenshot "$OUT/app.png" --no-settings --timeout 120
else
  echo "-- app: skipped (no build/topdown or no xvfb-run; scripts/setup.sh installs xvfb)"
fi
echo "-- study: intersection chimeras (all 45 class pairs), 20 chains x 100 steps -> $OUT/study/"
build/topdown-cli experiment "$MODEL" --classifier "$CLASSIFIER" --study intersection --chains 20 --steps 100 \
  --seed 1 --out "$OUT/study"
echo
echo "== done"
[ -f "$OUT/app.png" ] && echo "   app screenshot:  $OUT/app.png  (what the app shows at step 60; sidecar $OUT/app.png.json)"
echo "   study report:    $OUT/study/report.md  (figures and CSV beside it)"
