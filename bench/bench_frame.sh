#!/bin/sh
# Frame-time benchmark of the GUI under Xvfb while the simulation worker runs flat out (issue 5).
# usage: bench/bench_frame.sh [BUILD_DIR] [MODEL] [FRAMES] [ENSEMBLE]
# Prints the median and 99th percentile frame time and the worker's steps/s.
set -eu
build="${1:-build}"
model="${2:-assets/models/idbn_mnist.tdm}"
frames="${3:-600}"
ensemble="${4:-100}"
export XDG_CONFIG_HOME="$(mktemp -d)"
xvfb-run -a -s '-screen 0 1280x800x24' "$build/topdown" --model "$model" --method intersection --classes 2,9 \
  --seed 7 --steps 5 --ensemble "$ensemble" --frames-bench "$frames" --no-settings --timeout 600
rm -rf "$XDG_CONFIG_HOME"
