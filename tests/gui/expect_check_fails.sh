#!/bin/sh
# Negative test of the screenshot checks: each CHECK (one argument, e.g. "--fills model 12") must FAIL on a
# deliberately wrong picture: IMAGE.png as it is ("none"), blanked ("blank") or mirrored ("mirror"), read with
# the sidecar of SIDECAR_OF.png (the screenshot the checks were written for).
# usage: expect_check_fails.sh CHECKER IMAGE.png SIDECAR_OF.png none|blank|mirror OUT.png CHECK...
set -u
checker="$1"; image="$2"; sidecar_of="$3"; mutation="$4"; out="$5"; shift 5
for f in "$image" "$sidecar_of.json"; do [ -s "$f" ] || { echo "missing input $f (run the GUI tests first)"; exit 1; }; done
mkdir -p "$(dirname "$out")"
if [ "$mutation" = none ]; then cp "$image" "$out" || exit 1
else "$checker" --mutate "$mutation" "$image" "$out" || exit 1; fi
cp "$sidecar_of.json" "$out.json" || exit 1
bad=0
for check in "$@"; do
  # A check fails properly when the checker exits 1 with a FAIL line (not a usage error, crash or unreadable file).
  result=$("$checker" "$out" $check 2>&1); rc=$?
  if [ $rc -eq 1 ] && printf '%s\n' "$result" | grep -q '^FAIL  '; then
    printf '%s\n' "$result" | grep '^FAIL  ' | sed "s|^|rejected ($mutation) $check: |"
  else
    echo "NOT REJECTED ($mutation, exit $rc): $check"; printf '%s\n' "$result" | sed 's/^/    /'; bad=1
  fi
done
[ $bad -eq 0 ] && echo "every check failed on the wrong picture, as it must"
exit $bad
