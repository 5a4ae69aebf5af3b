#!/usr/bin/env bash
# generate_reproduce.sh CLI MODEL DIR: `topdown-cli generate` with every output-changing option set away from
# its default; the reproduce command it prints (and stores in summary.json) must name each of those options
# and, when run, must write byte-identical filmstrip.png and chains.csv.
set -euo pipefail
cli=$1
model=$2
dir=$3
rm -rf "$dir"
mkdir -p "$dir"
check_case() {  # NAME ARGS...
  local name=$1
  shift
  local out="$dir/$name"
  "$cli" generate "$model" "$@" --out "$out" > "$dir/$name.log"
  local cmd
  cmd=$(sed -n 's/^reproduce: //p' "$dir/$name.log")
  [ -n "$cmd" ] || { echo "FAIL($name): no reproduce line printed"; cat "$dir/$name.log"; exit 1; }
  grep -q '"reproduce"' "$out/summary.json" || { echo "FAIL($name): summary.json has no reproduce command"; exit 1; }
  for opt in --method --classes --k --temperature --steps --chains --seed --frames --filmstrip-chains --image-index --threads --out; do
    case " $cmd " in
      *" $opt "*) ;;
      *) echo "FAIL($name): reproduce command lacks $opt: $cmd"; exit 1 ;;
    esac
  done
  mkdir -p "$dir/$name-first"
  cp "$out/filmstrip.png" "$out/chains.csv" "$dir/$name-first/"
  rm -rf "$out"
  # Run the printed command as a shell would (its arguments are quoted for a POSIX shell).
  eval "\"\$cli\" ${cmd#topdown-cli }" > "$dir/$name.rerun.log"
  cmp "$out/filmstrip.png" "$dir/$name-first/filmstrip.png" || { echo "FAIL($name): filmstrip.png differs"; exit 1; }
  cmp "$out/chains.csv" "$dir/$name-first/chains.csv" || { echo "FAIL($name): chains.csv differs"; exit 1; }
  echo "ok $name: $cmd"
}
# Method sample: the test image index and the frames change the output.
check_case sample --method sample --image-index 7 --frames 1,3,6 --steps 6 --chains 8 --seed 5 --temperature 0.85 \
  --filmstrip-chains 3 --threads 1
# A chimera by class names with the model's k replaced, default frames, two threads.
check_case chimera --method intersection --classes 2,9 --k 120 --steps 12 --chains 14 --seed 123456789012 --threads 2
# A different image index gives a different filmstrip (so the option matters and the check can fail).
"$cli" generate "$model" --method sample --image-index 8 --frames 1,3,6 --steps 6 --chains 8 --seed 5 --temperature 0.85 \
  --filmstrip-chains 3 --threads 1 --out "$dir/other" > /dev/null
if cmp -s "$dir/other/filmstrip.png" "$dir/sample-first/filmstrip.png"; then
  echo "FAIL: --image-index 8 gives the same filmstrip as 7"; exit 1
fi
echo "PASS"
