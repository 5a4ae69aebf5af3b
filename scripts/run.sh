#!/usr/bin/env bash
# The README's first command: set everything up (packages, data, build), then run the main job.
# Main job: launch the app on the shipped iDBN with a preset chimera when the app and a display are
# available; otherwise train a small iDBN and print its read-out accuracy.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
MODEL=assets/models/idbn_mnist.tdm
if [ -x build/topdown ] && [ -f "$MODEL" ] && [ -n "${DISPLAY:-}" ]; then
  exec build/topdown --model "$MODEL" --method intersection --classes 2,9 --seed 7
fi
echo "== no display or no app: training a small iDBN (784-500-500-1000, 5 epochs on 10,000 MNIST images)"
mkdir -p out
build/topdown-cli train --arch 784-500-500-1000 --recipe idbn2025 --epochs 5 --limit 10000 --seed 1 --out out/small-idbn.tdm
build/topdown-cli info out/small-idbn.tdm | grep -E '"(architecture|readout_accuracy|k)"' || true
