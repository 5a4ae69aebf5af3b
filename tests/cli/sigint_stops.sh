#!/usr/bin/env bash
# sigint_stops.sh CLI MODEL DIR: Ctrl-C (SIGINT) during a long `topdown-cli generate` stops it cleanly at the
# next step: exit code 130 and "stopped: cancelled by the user" (the command runs as a task; the main thread
# takes SIGINT with sigwaitinfo and cancels it).
set -u
cli=$1
model=$2
dir=$3
rm -rf "$dir"
mkdir -p "$dir"
"$cli" generate "$model" --method label --classes 3 --chains 200 --steps 100000 --threads 1 --out "$dir/out" \
  > "$dir/stdout" 2> "$dir/stderr" &
pid=$!
# Wait until the run has started (the handler is installed before the command runs), at most 120 s.
for _ in $(seq 1 1200); do
  grep -q "chains x" "$dir/stdout" 2>/dev/null && break
  sleep 0.1
done
grep -q "chains x" "$dir/stdout" || { echo "FAIL: generate did not start"; cat "$dir/stderr"; kill -9 $pid; exit 1; }
kill -INT $pid
wait $pid
rc=$?
cat "$dir/stderr"
[ $rc -eq 130 ] || { echo "FAIL: exit code $rc, expected 130"; exit 1; }
grep -q "stopped: cancelled by the user" "$dir/stderr" || { echo "FAIL: no 'stopped' message"; exit 1; }
grep -q "stopping at the next check point" "$dir/stderr" || { echo "FAIL: Ctrl-C was not taken by the command's waiter"; exit 1; }
echo PASS
