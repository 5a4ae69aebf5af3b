#!/bin/sh
# Runs one scripted GUI scenario under Xvfb, then checks its screenshot.
# usage: run_gui_case.sh 0 TOPDOWN CHECKER PNG [app args...] -- [checker args...]
#        run_gui_case.sh fail EXIT_CODE STDERR_REGEX TOPDOWN CHECKER PNG [app args...]
# 0: the app must exit 0, then the checker runs on the screenshot.
# fail: the app must exit with exactly EXIT_CODE (the documented status, e.g. 3 for a model that cannot be
# loaded at start) and print a line matching STDERR_REGEX (grep -E) on stderr. A crash signal (exit 128+N),
# an ASan abort (1), a missing display (1) or xvfb-run missing (127) do not pass.
set -u
expect="$1"; shift
want_rc=""; want_err=""
if [ "$expect" = "fail" ]; then
  want_rc="$1"; want_err="$2"; shift 2
  case "$want_rc" in ''|*[!0-9]*) echo "run_gui_case.sh: fail needs a numeric EXIT_CODE, got '$want_rc'"; exit 2 ;; esac
  [ -n "$want_err" ] || { echo "run_gui_case.sh: fail needs a non-empty STDERR_REGEX"; exit 2; }
elif [ "$expect" != "0" ]; then
  echo "run_gui_case.sh: EXPECT must be 0 or fail, got '$expect'"; exit 2
fi
topdown="$1"; checker="$2"; png="$3"; shift 3
app_args=""
screen="1280x800"
prev=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  app_args="$app_args '$1'"
  # The X screen holds the largest window asked for (--size up to 3840x2160).
  if [ "$prev" = "--size" ]; then
    w=${1%x*}; h=${1#*x}
    [ "$w" -gt 1280 ] || w=1280; [ "$h" -gt 800 ] || h=800
    screen="${w}x${h}"
  fi
  prev="$1"; shift
done
[ $# -gt 0 ] && shift
mkdir -p "$(dirname "$png")"
rm -f "$png" "$png.json" "$png.stderr" "$png.rc"
# Settings and imgui.ini must never be written outside a scratch folder.
export XDG_CONFIG_HOME="$(dirname "$png")/config"
# The app's own exit status is recorded by a shell inside xvfb-run: xvfb-run's status is its own when its
# clean-up fails (exit 5, "problem while cleaning up temporary directory", seen with parallel runs).
export TD_RC_FILE="$png.rc"
eval "xvfb-run -a -s '-screen 0 ${screen}x24' sh -c '\"\$@\"; r=\$?; echo \$r > \"\$TD_RC_FILE\"; exit \$r' sh '$topdown' $app_args --screenshot '$png' --no-settings --timeout 60" 2> "$png.stderr"
xrc=$?
cat "$png.stderr" >&2
if [ ! -s "$png.rc" ]; then echo "the app did not run (xvfb-run exited $xrc)"; exit 1; fi
rc=$(cat "$png.rc")
[ $xrc -eq "$rc" ] || echo "note: xvfb-run exited $xrc, the app $rc (the app's status counts)"
if [ "$expect" = "fail" ]; then
  ok=1
  if [ $rc -ne "$want_rc" ]; then
    if [ $rc -gt 128 ]; then echo "expected exit $want_rc, the app died of signal $((rc - 128)) (exit $rc)"
    else echo "expected exit $want_rc, the app exited $rc"; fi
    ok=0
  fi
  if ! grep -Eq -- "$want_err" "$png.stderr"; then echo "expected stderr to match /$want_err/, it did not"; ok=0; fi
  if [ -e "$png" ]; then echo "the app wrote a screenshot although it was expected to fail"; ok=0; fi
  [ $ok -eq 1 ] || exit 1
  echo "app failed as expected (exit $rc, stderr matches /$want_err/)"; exit 0
fi
if [ $rc -ne 0 ]; then echo "app exited $rc"; exit 1; fi
exec "$checker" "$png" "$@"
