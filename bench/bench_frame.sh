#!/bin/sh
# Frame-time benchmark of the GUI under Xvfb while the simulation worker runs flat out (issue 5).
# usage: bench/bench_frame.sh [BUILD_DIR] [MODEL] [FRAMES] [ENSEMBLE] [FPS_CAP] [SPEED]
# Prints the median and 99th percentile frame time, the share of frames that would miss a 60 Hz refresh,
# the worker's steps/s and the CPU each thread used per frame. FPS_CAP 0 (default) renders as fast as
# possible; 60 paces frames like a 60 Hz vsync and shows how fast the worker runs beside a 60 fps UI. SPEED is
# the requested steps/s (0, the default: as fast as possible).
set -eu
build="${1:-build}"
model="${2:-assets/models/idbn_mnist.tdm}"
frames="${3:-600}"
ensemble="${4:-100}"
cap="${5:-0}"
speed="${6:-0}"
export XDG_CONFIG_HOME="$(mktemp -d)"
xvfb-run -a -s '-screen 0 1280x800x24' "$build/topdown" --model "$model" --method intersection --classes 2,9 \
  --seed 7 --steps 5 --ensemble "$ensemble" --frames-bench "$frames" --fps-cap "$cap" --speed "$speed" --no-settings --timeout 600
rm -rf "$XDG_CONFIG_HOME"
