#!/usr/bin/env bash
# run_cli_case.sh RC REGEX... -- COMMAND...: runs COMMAND and passes only if it exits with exactly RC (not
# merely "non-zero": a crash, a sanitizer abort or a signal fails) and every extended regular expression
# REGEX matches a line of its output (stdout + stderr).
set -u
want_rc=$1
shift
regexes=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do regexes+=("$1"); shift; done
[ $# -gt 1 ] || { echo "usage: run_cli_case.sh RC REGEX... -- COMMAND..." >&2; exit 2; }
shift
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out" | tail -n 60
if [ "$rc" -ne "$want_rc" ]; then
  echo "FAIL: exit code $rc, expected $want_rc" >&2
  exit 1
fi
for regex in "${regexes[@]}"; do
  if ! printf '%s\n' "$out" | grep -Eq -- "$regex"; then
    echo "FAIL: output does not match /$regex/" >&2
    exit 1
  fi
done
echo "PASS: exit code $rc, output matches every expected pattern"
