#!/usr/bin/env bash
# Regenerates every shipped file in assets/models/ from scratch with fixed seeds, printing each command.
# Usage: scripts/train-default-models.sh [out-dir]   (default: assets/models). Takes about an hour on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-assets/models}
CLI=${TOPDOWN_CLI:-build/topdown-cli}
mkdir -p "$OUT"
run() { echo "+ $*"; "$@"; }
run "$CLI" data fetch
run "$CLI" train --arch 784-500-500-1000 --mode iterative --recipe idbn2025 --dataset mnist --epochs 100 --seed 1 --out "$OUT/idbn_mnist.tdm"
run "$CLI" fit-pca "$OUT/idbn_mnist.tdm" --chains 100 --steps 100 --seed 1
run "$CLI" train --arch 784-1000 --recipe rbm2023 --dataset mnist --epochs 100 --seed 1 --out "$OUT/rbm_mnist.tdm"
run "$CLI" fit-pca "$OUT/rbm_mnist.tdm" --chains 100 --steps 100 --seed 1
run "$CLI" train --arch 784-500-500-1000 --mode iterative --recipe idbn2025 --dataset fashion --epochs 100 --seed 1 --out "$OUT/idbn_fashion.tdm"
run "$CLI" fit-pca "$OUT/idbn_fashion.tdm" --chains 100 --steps 100 --seed 1
run "$CLI" train-classifier --dataset mnist --epochs 6 --seed 1 --out "$OUT/classifier_mnist.tdc"
run "$CLI" train-classifier --dataset fashion --epochs 6 --seed 1 --out "$OUT/classifier_fashion.tdc"
(cd "$OUT" && sha256sum ./*.tdm ./*.tdc)
