#!/usr/bin/env bash
# End-to-end "bring your own data and model" (issue 17): exports slices of the real MNIST and Fashion-MNIST to
# PNG folders, imports them (28x28; 64x64 with Sauvola; a non-square 36x24), trains a small iDBN and a state
# classifier on them, runs a study, generates filmstrips, round-trips a model through .npz, and (when the app
# and xvfb-run are given and present) renders the app on the non-square model and checks the visible image's
# shape in the screenshot's sidecar.
# Usage: byo_e2e.sh CLI OUT [APP]. Exit 77 (skipped) when the real datasets are missing.
set -euo pipefail
CLI=$1; OUT=$2; APP=${3:-}
HERE=$(cd "$(dirname "$0")" && pwd)
REAL=${TOPDOWN_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/topdown/data}
if [ ! -f "$REAL/mnist/train-images-idx3-ubyte" ] || [ ! -f "$REAL/fashion/train-images-idx3-ubyte" ]; then
  echo "SKIPPED: MNIST / Fashion-MNIST not found in $REAL (run topdown-cli data fetch)"; exit 77
fi
rm -rf "$OUT"; mkdir -p "$OUT"; cd "$OUT"
export TOPDOWN_DATA_DIR="$OUT/data"
fail() { echo "FAIL: $*" >&2; exit 1; }
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

echo "== export PNG folders"
"$PY" "$HERE/idx_to_png_folders.py" "$REAL/mnist/train-images-idx3-ubyte" "$REAL/mnist/train-labels-idx1-ubyte" png/mnist 100 --extras
"$PY" "$HERE/idx_to_png_folders.py" "$REAL/fashion/train-images-idx3-ubyte" "$REAL/fashion/train-labels-idx1-ubyte" png/fashion64 40 --size 64 \
  --names "T-shirt,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot"

echo "== import"
out=$("$CLI" data import png/mnist --name mnist_png --size 28x28 --seed 3)
echo "$out"
grep -q "bad image '0/empty.png': empty file" <<<"$out" || fail "the empty file was not reported"
grep -q "imported 850 train + 150 test images (28x28, 10 classes, 3 skipped)" <<<"$out" || fail "mnist_png counts"
if "$CLI" data import png/mnist --name strict --size 28x28 --bad-images reject >/dev/null 2>&1; then fail "reject accepted bad images"; fi
[ ! -e data/strict ] || fail "a rejected import left data/strict"
"$CLI" data import png/fashion64 --name fash64 --size 64x64 --binarize sauvola | tail -1
"$CLI" data import png/mnist --name mnist_nsq --size 36x24 | tail -1
"$CLI" data verify --dataset mnist_png
"$PY" - <<'PY' || fail "the Sauvola dataset is not binary"
import struct
d = open('data/fash64/train-images-idx3-ubyte', 'rb').read()
n, r, c = struct.unpack('>III', d[4:16])
assert (r, c) == (64, 64), (r, c)
assert set(d[16:]) <= {0, 255}, sorted(set(d[16:]))[:10]
PY

echo "== train, classify, study (28x28)"
"$CLI" train --dataset mnist_png --arch 784-200-200 --epochs 12 --lr 0.1 --seed 1 --out m.tdm | tail -2
acc=$("$CLI" info m.tdm | grep -o '"readout_accuracy": [0-9.]*' | grep -o '[0-9.]*$')
"$PY" -c "import sys; a=float('$acc'); print('read-out', a); sys.exit(0 if a > 0.5 else 1)" || fail "read-out accuracy $acc <= 0.5 (chance is 0.1)"
"$CLI" info m.tdm | grep -q '"image_shape": \[' || fail "image_shape not stored"
"$CLI" train-classifier --dataset mnist_png --epochs 3 --seed 1 --out classifier_mnist_png.tdc | tail -1
"$CLI" experiment m.tdm --classifier classifier_mnist_png.tdc --study intersection --chains 10 --steps 30 --out study | tail -1
for f in report.md results.json visited_states.png filmstrips.png; do [ -s "study/$f" ] || fail "study/$f missing"; done

echo "== 64x64 Sauvola: iDBN, classifier, study"
"$CLI" train --dataset fash64 --arch 4096-100-100 --epochs 5 --lr 0.05 --seed 1 --out f.tdm | tail -1
"$CLI" train-classifier --dataset fash64 --epochs 1 --conv1 4 --conv2 8 --hidden 32 --seed 1 --out f.tdc | tail -1
"$CLI" experiment f.tdm --classifier f.tdc --study label --chains 5 --steps 20 --out fstudy | tail -1
[ -s fstudy/report.md ] || fail "fstudy/report.md missing"

echo "== non-square 36x24 (W x H)"
"$CLI" train --dataset mnist_nsq --arch 864-100 --epochs 5 --lr 0.1 --seed 1 --out nsq.tdm | tail -1
set +e
msg=$("$CLI" train-classifier --dataset mnist_nsq --epochs 1 --out nsq.tdc 2>&1); rc=$?
set -e
[ $rc -eq 1 ] && grep -q "square" <<<"$msg" || fail "the classifier did not refuse non-square images with a message (rc $rc: $msg)"
"$CLI" generate nsq.tdm --method label --classes 3 --chains 4 --steps 10 --frames 1,5,10 --out gen | tail -1
"$PY" - <<'PY' || fail "the filmstrip does not have the model's 24x36 shape"
import struct
d = open('gen/filmstrip.png', 'rb').read()
w, h = struct.unpack('>II', d[16:24])
# 3 frames x (36 px x scale 2 + gap 2) + gap; 4 chains x (24 x 2 + 2) + 2
assert (w, h) == (2 + 3 * (72 + 2), 2 + 4 * (48 + 2)), (w, h)
PY

echo "== .npz round trip"
"$CLI" export m.tdm --out m.npz | tail -1
"$CLI" import m.npz --out m2.tdm | tail -1
cmp m.tdm m2.tdm || fail "tdm -> npz -> tdm is not exact"
if /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  # Weights only (as the papers' code saves them): import names the dataset and --finalize recomputes M, k and
  # the read-out, which must equal those `train` computed on the same weights and data.
  /usr/bin/python3 -c "import numpy as np; z = np.load('m.npz'); np.savez('bare.npz', **{k: z[k] for k in z.files if k[0] in 'Wab'})"
  "$CLI" import bare.npz --out bare.tdm --dataset mnist_png --finalize | tail -2
  for key in readout_accuracy k; do
    a=$("$CLI" info m.tdm | grep "\"$key\":"); b=$("$CLI" info bare.tdm | grep "\"$key\":")
    [ "$a" = "$b" ] || fail "finalize after import: $key differs ($a vs $b)"
  done
else
  echo "note: /usr/bin/python3 has no numpy: the import --finalize step is skipped"
fi

if [ -n "$APP" ] && [ -x "$APP" ] && command -v xvfb-run >/dev/null 2>&1; then
  echo "== app on the non-square model"
  export XDG_CONFIG_HOME="$OUT/config"
  xvfb-run -a -s '-screen 0 1280x800x24' "$APP" --model nsq.tdm --method label --classes 3 --steps 5 --ensemble 10 \
    --screenshot app.png --no-settings --timeout 60
  "$PY" - <<'PY' || fail "the app's visible image does not have the model's shape"
import json
j = json.load(open('app.png.json'))
assert (j['visible_rows'], j['visible_cols']) == (24, 36), (j.get('visible_rows'), j.get('visible_cols'))
assert len(j['visible_values']) == 864
print('app visible image', j['visible_rows'], 'x', j['visible_cols'])
PY
else
  echo "note: app not rendered (no app binary or xvfb-run)"
fi
echo "PASS"
