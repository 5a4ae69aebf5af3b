#!/usr/bin/env bash
# Set-up from a fresh Debian 12 machine: apt packages, the real datasets, configure and build.
# Usage: scripts/setup.sh [build-dir]     (default build dir: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}

PACKAGES=(cmake g++ pkg-config ninja-build libimgui-dev libglfw3-dev libgl-dev libeigen3-dev libstb-dev libepoxy-dev
  xvfb xauth x11-apps xdotool libgl1-mesa-dri mesa-utils libopenblas-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev nodejs libzip-dev python3-numpy
  libtomlplusplus-dev slurm-wlm munge parallel   # this line: sweeps (TOML plans, Slurm and GNU parallel tests)
  libcairo2-dev poppler-utils fonts-dejavu-core   # figures (core/figure: cairo, DejaVu Sans; pdftoppm in the tests)
  ccache)   # build cache
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# npm: Debian's package, unless a Node.js that bundles npm is already installed.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

echo "== configuring and building ($BUILD_DIR)"
source scripts/ccache_args.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOPDOWN_WERROR=ON "${CCACHE_ARGS[@]}" ${TOPDOWN_CMAKE_ARGS:-}
cmake --build "$BUILD_DIR"

echo "== fetching and verifying the datasets"
"$BUILD_DIR/topdown-cli" data fetch
