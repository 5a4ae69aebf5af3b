#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time (default 60 s; CI passes 30 s per
# target).
# Usage: scripts/fuzz.sh [seconds]. Crashing inputs land in build-fuzz/crashes/<target>/ and fail the run;
# keep them as regression cases in tests/fuzz/regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
DIR=build-fuzz
source scripts/ccache_args.sh
cmake -S . -B "$DIR" -G Ninja "${CCACHE_ARGS[@]}" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOPDOWN_FUZZ=ON \
  -DTOPDOWN_BUILD_APP=OFF -DTOPDOWN_BUILD_TESTS=OFF -DTOPDOWN_BUILD_BENCH=OFF >/dev/null
cmake --build "$DIR" --target fuzz_model fuzz_classifier fuzz_idx fuzz_session fuzz_study fuzz_npz
# Seed corpora: valid files made by the project itself, plus every stored regression input.
SEEDS="$DIR/seeds"
mkdir -p "$SEEDS"/{model,classifier,idx,session,study,npz}
if [ ! -f "$SEEDS/model/tiny.tdm" ]; then
  "${TOPDOWN_CLI:-build/topdown-cli}" train --arch 784-8-6 --epochs 1 --limit 300 --out "$SEEDS/model/tiny.tdm" >/dev/null 2>&1 || true
  "${TOPDOWN_CLI:-build/topdown-cli}" train-classifier --epochs 1 --limit 300 --conv1 2 --conv2 2 --hidden 4 \
      --out "$SEEDS/classifier/tiny.tdc" >/dev/null 2>&1 || true
  head -c 3152 "${TOPDOWN_DATA_DIR:-$HOME/.local/share/topdown/data}/mnist/t10k-images-idx3-ubyte" > "$SEEDS/idx/images" || true
fi
[ -f "$SEEDS/session/good.json" ] || cat > "$SEEDS/session/good.json" <<'JSON'
{"format":"topdown-session","version":1,"model":"assets/models/idbn_mnist.tdm","method":"intersection","class_a":2,
 "class_b":9,"k":0,"sample_index":0,"seed":7,"temperature":1.0,"ensemble_size":100,"steps":40,"step":40}
JSON
# Study seeds (.tds shards of the 16-8-6, 3-class model that fuzz_study checks against) are the files kept in
# tests/fuzz/regressions/study/, copied below with every target's regressions.
# .npz seeds: the tiny model exported stored and deflated (the hostile cases live in regressions/npz/).
if [ -f "$SEEDS/model/tiny.tdm" ] && [ ! -f "$SEEDS/npz/tiny.npz" ]; then
  "${TOPDOWN_CLI:-build/topdown-cli}" export "$SEEDS/model/tiny.tdm" --out "$SEEDS/npz/tiny.npz" >/dev/null 2>&1 || true
  "${TOPDOWN_CLI:-build/topdown-cli}" export "$SEEDS/model/tiny.tdm" --stored --out "$SEEDS/npz/tiny-stored.npz" >/dev/null 2>&1 || true
fi
for t in model classifier idx session study npz; do
  [ -d "tests/fuzz/regressions/$t" ] && cp tests/fuzz/regressions/$t/* "$SEEDS/$t/" 2>/dev/null || true
  mkdir -p "$DIR/crashes/$t" "$DIR/corpus/$t"
  echo "== fuzz_$t for ${SECS}s"
  ASAN_OPTIONS=allocator_may_return_null=0:malloc_limit_mb=2048 "$DIR/tests/fuzz/fuzz_$t" "$DIR/corpus/$t" "$SEEDS/$t" \
    -max_total_time="$SECS" -rss_limit_mb=2048 -max_len=4000000 -artifact_prefix="$DIR/crashes/$t/" -print_final_stats=1 2>&1 | tail -4
done
