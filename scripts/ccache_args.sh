# Sourced by setup.sh and test.sh: adds ccache as the compiler launcher when it is installed (set
# TOPDOWN_NO_CCACHE=1 to build without it), so both scripts configure build/ identically.
CCACHE_ARGS=()
if [ -z "${TOPDOWN_NO_CCACHE:-}" ] && command -v ccache >/dev/null 2>&1; then
  CCACHE_ARGS=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}   # clones in other folders share the cache
fi
