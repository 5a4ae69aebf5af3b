#!/usr/bin/env bash
# Runs the whole test suite. Usage: scripts/test.sh [--sanitize address|thread] [build-dir]
#   (no option)         Release build in build/, every test (unit, integration, GUI under Xvfb)
#   --sanitize address  ASan+UBSan build in build-asan/, the unit tests
#   --sanitize thread   TSan build in build-tsan/, the threading tests
# Uses ccache when installed (set TOPDOWN_NO_CCACHE=1 to build without it). Tests run two at a time (ctest -j2;
# the GUI tests share one display lock). Under ASan the slow script-level tests (sweeps, the end-to-end run, the figure studies) are
# left to the release run: they drive the same code as the unit tests, through the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
SAN=""
if [ "${1:-}" = "--sanitize" ]; then SAN=$2; shift 2; fi
case "$SAN" in
  "") DIR=${1:-build}; ARGS=(-DCMAKE_BUILD_TYPE=Release) ;;
  address) DIR=${1:-build-asan}; ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOPDOWN_SANITIZE=address -DTOPDOWN_BUILD_BENCH=OFF -DTOPDOWN_BUILD_APP=OFF) ;;
  thread) DIR=${1:-build-tsan}; ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOPDOWN_SANITIZE=thread -DTOPDOWN_BUILD_BENCH=OFF -DTOPDOWN_BUILD_APP=OFF) ;;
  *) echo "unknown sanitizer '$SAN'" >&2; exit 2 ;;
esac
source scripts/ccache_args.sh
cmake -S . -B "$DIR" -G Ninja -DTOPDOWN_WERROR=ON "${ARGS[@]}" "${CCACHE_ARGS[@]}" ${TOPDOWN_CMAKE_ARGS:-} >/dev/null
case "$SAN" in
  thread) cmake --build "$DIR" --target topdown_threading_tests ;;   # TSan runs only the threading tests
  *) cmake --build "$DIR" ;;
esac
[ -x "$DIR/topdown-cli" ] && "$DIR/topdown-cli" data fetch >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan_suppressions.txt:print_suppressions=0  # library caches
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
case "$SAN" in
  thread) TOPDOWN_STRESS_SECONDS=${TOPDOWN_STRESS_SECONDS:-30} ctest --test-dir "$DIR" --output-on-failure -L threading ;;
  address) ctest --test-dir "$DIR" -j2 --output-on-failure -LE "gui|sweep|e2e|figures" ;;
  *) ctest --test-dir "$DIR" -j2 --output-on-failure ;;
esac
