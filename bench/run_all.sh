#!/usr/bin/env bash
# Runs every benchmark behind the README's Performance table, the PyTorch-CPU peer side by side, and writes
# one JSON of every figure with the date and the machine (issue 21). The README table is generated from it by
# scripts/perf_table.py. Each figure is the best of N repetitions (the machine may be shared: run the whole
# script under the build lock, `flock -o /work/build.lock bench/run_all.sh`, and quote the load it records).
# Usage: bench/run_all.sh [build-dir=build] [out.json=bench/results/latest.json]
#   REPS=3 (repetitions), PEER=0 (skip the PyTorch peer), EPOCH=0 (skip the one-epoch training figures),
#   STUDY=0 (skip the "all" study, about a minute), STARTUP=0 (skip the app-start launches under Xvfb),
#   LIVEUI=0 (skip the live session with the UI under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
OUT=${2:-bench/results/latest.json}
REPS=${REPS:-3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$(dirname "$OUT")"

for b in bench_chain bench_cd1 bench_gemm bench_session_rate bench_classifier; do
  [ -x "$BUILD/bench/$b" ] || { echo "missing $BUILD/bench/$b: build the benchmarks first" >&2; exit 1; }
done
uptime >"$TMP/load_start"

gb() {  # gb NAME FILTER [extra args]: Google Benchmark JSON into $TMP/NAME.json
  local name=$1 filter=$2; shift 2
  echo "== $name ($filter)" >&2
  "$BUILD/bench/$name" --benchmark_filter="$filter" --benchmark_repetitions="$REPS" \
    --benchmark_format=json "$@" >"$TMP/$name.json"
}
gb bench_chain 'Shipped' --benchmark_min_time=0.5
gb bench_gemm 'Gemm' --benchmark_min_time=0.3
gb bench_classifier 'Classify' --benchmark_min_time=0.5
if [ "${EPOCH:-1}" != 0 ]; then
  gb bench_cd1 'BM_IdbnEpoch' 
else
  echo '{"benchmarks": []}' >"$TMP/bench_cd1.json"
fi

# Live session worker (no UI): a requested 60 steps/s with 300 chains, and as fast as possible with 100.
: >"$TMP/session.txt"
for i in $(seq "$REPS"); do
  "$BUILD/bench/bench_session_rate" 60 4 300 >>"$TMP/session.txt"
  "$BUILD/bench/bench_session_rate" 0 4 100 >>"$TMP/session.txt"
done

# Live session with the real app under Xvfb, frames paced at 60 Hz (bench/bench_frame.sh): a requested 60 steps/s
# with 300 chains, and as fast as possible with 100; each line reports the frame rate and the worker's rate.
: >"$TMP/live_ui.txt"
if [ "${LIVEUI:-1}" != 0 ] && [ -x "$BUILD/topdown" ] && command -v Xvfb >/dev/null 2>&1; then
  echo "== live session with the UI at 60 Hz" >&2
  for i in $(seq "$REPS"); do
    bench/bench_frame.sh "$BUILD" assets/models/idbn_mnist.tdm 900 300 60 60 | grep '^frames' | sed 's/^/speed 60 /' >>"$TMP/live_ui.txt" || true
    bench/bench_frame.sh "$BUILD" assets/models/idbn_mnist.tdm 900 100 60 0 | grep '^frames' | sed 's/^/speed 0 /' >>"$TMP/live_ui.txt" || true
  done
fi

# App start under Xvfb (bench/bench_startup.sh): quiet, then with one core kept busy by a burner process.
: >"$TMP/startup.txt"
if [ "${STARTUP:-1}" != 0 ] && [ -x "$BUILD/topdown" ] && command -v Xvfb >/dev/null 2>&1; then
  echo "== app start" >&2
  bench/bench_startup.sh "$BUILD" 5 | tail -1 | sed 's/^/quiet /' >>"$TMP/startup.txt"
  sh -c 'while :; do :; done' &
  burner=$!
  bench/bench_startup.sh "$BUILD" 5 | tail -1 | sed 's/^/busy /' >>"$TMP/startup.txt" || true
  kill "$burner"
fi

# The "all" study (110 conditions x 100 chains x 100 steps, classified, with figures), once: STUDY=0 skips it.
: >"$TMP/study.txt"
if [ "${STUDY:-1}" != 0 ]; then
  echo "== the all study" >&2
  t0=$(date +%s.%N)
  "$BUILD/topdown-cli" experiment assets/models/idbn_mnist.tdm --classifier assets/models/classifier_mnist.tdc \
    --study all --out "$TMP/study" >/dev/null
  t1=$(date +%s.%N)
  python3 -c "print($t1 - $t0)" >"$TMP/study.txt"
fi

# The PyTorch peer: the same generation steps on the same weights, and the same CD-1 epoch.
echo '{"skipped": "PEER=0"}' >"$TMP/peer.json"
if [ "${PEER:-1}" != 0 ]; then
  PY=""
  for p in ${TORCH_PYTHON:-} /usr/bin/python3 python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import torch, numpy' >/dev/null 2>&1; then PY=$p; break; fi
  done
  if [ -z "$PY" ]; then
    echo '{"skipped": "no python3 with torch and numpy (Debian: python3-torch)"}' >"$TMP/peer.json"
  else
    echo "== PyTorch peer ($PY)" >&2
    "$BUILD/topdown-cli" export assets/models/idbn_mnist.tdm --out "$TMP/idbn_mnist.npz" >/dev/null
    peer_args=()
    [ "${EPOCH:-1}" != 0 ] || peer_args+=(--no-epoch)
    "$PY" bench/peers/torch_peer.py "$TMP/idbn_mnist.npz" "${peer_args[@]}" >"$TMP/peer.json" ||
      echo '{"skipped": "the peer failed"}' >"$TMP/peer.json"
  fi
fi
uptime >"$TMP/load_end"
if python3 bench/collect_results.py "$TMP" >"$OUT.tmp"; then
  mv "$OUT.tmp" "$OUT"
  echo "wrote $OUT" >&2
else
  rm -f "$OUT.tmp"
  cp -r "$TMP" "${OUT%.json}.raw"  # the raw outputs, to collect again by hand
  echo "collecting failed; raw outputs in ${OUT%.json}.raw" >&2
  exit 1
fi
