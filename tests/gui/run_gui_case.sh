#!/bin/sh
# Runs one scripted GUI scenario under Xvfb, then checks its screenshot.
# usage: run_gui_case.sh EXPECT_EXIT TOPDOWN CHECKER PNG [app args...] -- [checker args...]
# EXPECT_EXIT: 0 (the app must succeed) or "fail" (the app must exit non-zero; no checks run).
set -u
expect="$1"; topdown="$2"; checker="$3"; png="$4"; shift 4
app_args=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do app_args="$app_args '$1'"; shift; done
[ $# -gt 0 ] && shift
mkdir -p "$(dirname "$png")"
rm -f "$png" "$png.json"
# Settings and imgui.ini must never be written outside a scratch folder.
export XDG_CONFIG_HOME="$(dirname "$png")/config"
eval "xvfb-run -a -s '-screen 0 1280x800x24' '$topdown' $app_args --screenshot '$png' --no-settings --timeout 60"
rc=$?
if [ "$expect" = "fail" ]; then
  if [ $rc -eq 0 ]; then echo "expected the app to fail, it exited 0"; exit 1; fi
  echo "app failed as expected (exit $rc)"; exit 0
fi
if [ $rc -ne 0 ]; then echo "app exited $rc"; exit 1; fi
exec "$checker" "$png" "$@"
