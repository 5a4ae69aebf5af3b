#!/bin/sh
# Launch-to-first-frame and launch-to-first-step of the app under Xvfb (issue 21), on the shipped iDBN with
# the default preset (label biasing, one step), best and worst of N launches. The app prints the wall-clock
# times of its first frame and of the first frame that shows a step when TOPDOWN_STARTUP_LOG is set (scripted
# mode, app/gui/script_runner.cpp); the launch time is taken here just before exec, so the figures include
# process start, library loading, window and GL set-up, the model load and the first step.
# Usage: bench/bench_startup.sh [BUILD_DIR=build] [N=5] [MODEL=assets/models/idbn_mnist.tdm]
# Prints one line per launch and "startup first_frame_ms=<best> first_step_ms=<best> (worst ...)".
set -eu
build="${1:-build}"
n="${2:-5}"
model="${3:-assets/models/idbn_mnist.tdm}"
export XDG_CONFIG_HOME="$(mktemp -d)"
out="$XDG_CONFIG_HOME/log"
# One X server for every launch, so its own start is not counted.
Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null; rm -rf "$XDG_CONFIG_HOME"' EXIT
sleep 1
ff=""; fs=""
i=0
while [ "$i" -lt "$n" ]; do
  i=$((i + 1))
  t0=$(date +%s%N)
  DISPLAY=:97 TOPDOWN_STARTUP_LOG=1 "$build/topdown" --model "$model" --method label --classes 3 --steps 1 \
    --screenshot "$XDG_CONFIG_HOME/shot.png" --no-settings --timeout 60 >/dev/null 2>"$out" || { cat "$out" >&2; exit 1; }
  a=$(sed -n 's/^startup: first_frame //p' "$out")
  b=$(sed -n 's/^startup: first_step //p' "$out")
  f=$(( (a - t0) / 1000000 )); s=$(( (b - t0) / 1000000 ))
  echo "launch $i: first frame $f ms, first step on screen $s ms"
  ff="$ff $f"; fs="$fs $s"
done
best() { echo "$@" | tr ' ' '\n' | sed '/^$/d' | sort -n | head -1; }
worst() { echo "$@" | tr ' ' '\n' | sed '/^$/d' | sort -n | tail -1; }
echo "startup first_frame_ms=$(best $ff) first_step_ms=$(best $fs) (worst $(worst $ff) / $(worst $fs))"
