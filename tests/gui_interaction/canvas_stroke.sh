#!/bin/sh
# Issue 16 item 2: the start-image canvas driven like a user with xdotool under Xvfb. A lesson step opens the
# canvas with the method "from a drawn image"; a mouse stroke across the blank canvas must paint it (white
# pixels appear along the stroke), and Space (Play runs what the composer shows) must restart the chain from the
# drawn image: the visible layer at step 0 then changes, brighter along the stroke's diagonal than off it.
# usage: canvas_stroke.sh TOPDOWN MODEL OUTDIR   (exit 77 = skipped: xdotool, xwd, python3 or xvfb-run missing)
# Coordinates are those of the default layout at 1280x800, zoom 1 (canvas dialog: right side of the window).
set -u
topdown="$1"; model="$2"; out="$3"
tool="$(cd "$(dirname "$0")" && pwd)/xwd_tool.py"
export tool
for t in xdotool xwd python3 xvfb-run; do
  command -v "$t" >/dev/null 2>&1 || { echo "skipped: $t is not installed"; exit 77; }
done
rm -rf "$out"; mkdir -p "$out/home"
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" XDG_DATA_HOME="$out/home/.local/share"
cat > "$out/draw.json" <<'JSON'
{"format": "topdown-lesson", "version": 1, "title": "Draw a start",
 "steps": [{"title": "Draw", "text": "Draw a stroke on the canvas, then press Space.", "method": "image",
            "panel": "canvas", "speed": 0.5}]}
JSON
cat > "$out/drive.sh" <<'DRIVE'
#!/bin/sh
set -u
topdown="$1"; model="$2"; out="$3"
shot() { xwd -root -silent > "$out/$1.xwd"; }
"$topdown" --model "$model" --lesson "$out/draw.json" --size 1280x800 --fps-cap 30 --no-settings > "$out/app.log" 2>&1 &
app=$!
xdotool search --sync --onlyvisible --name '^TopDown$' > /dev/null
sleep 5; xdotool mousemove 1270 790; sleep 0.5
shot before
# One stroke down the canvas's diagonal (the canvas lies at about x 778..1140, y 178..540).
xdotool mousemove 830 230 mousedown 1
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do xdotool mousemove $((830 + 20 * i)) $((230 + 20 * i)); sleep 0.05; done
xdotool mouseup 1; sleep 0.5; xdotool mousemove 1270 790; sleep 0.5
shot stroke
xdotool key space; sleep 0.6
shot started
xdotool key ctrl+q; sleep 1
kill "$app" 2>/dev/null; wait "$app" 2>/dev/null
python3 - "$out" <<'PY'
import os, sys
sys.path.insert(0, os.path.dirname(os.environ["tool"]))
from xwd_tool import load
out = sys.argv[1]
def lum(img, x, y):
    w, h, rgb = img
    i = (y * w + x) * 3
    return (rgb[i] + rgb[i + 1] + rgb[i + 2]) / 3
before, stroke, started = (load(f"{out}/{n}.xwd") for n in ("before", "stroke", "started"))
# 1. The canvas: white pixels along the stroke, none before.
box = [(x, y) for x in range(790, 1130, 2) for y in range(190, 530, 2)]
white = lambda img: sum(lum(img, x, y) > 200 for x, y in box)
wb, ws = white(before), white(stroke)
print(f"canvas white samples: before {wb}, after the stroke {ws}")
ok = wb < 20 and ws > 300
# 2. The visible layer (x 329..592, y 128..390) after Space: changed, and brighter on the stroke's diagonal.
vis = [(x, y) for x in range(332, 590, 2) for y in range(131, 388, 2)]
changed = sum(abs(lum(stroke, x, y) - lum(started, x, y)) > 40 for x, y in vis)
on = [lum(started, x, y) for x, y in vis if abs((x - 332) - (y - 131)) < 30]
off = [lum(started, x, y) for x, y in vis if abs((x - 332) - (y - 131)) > 90]
m_on, m_off = sum(on) / len(on), sum(off) / len(off)
print(f"visible layer: {changed} samples changed after Space; mean luminance on the diagonal {m_on:.1f}, off it {m_off:.1f}")
ok = ok and changed > 300 and m_on > m_off + 30
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
DRIVE
xvfb-run -a -s '-screen 0 1280x800x24' sh "$out/drive.sh" "$topdown" "$model" "$out"
rc=$?
[ $rc -eq 0 ] && echo "canvas stroke: ok" || echo "canvas stroke: FAILED (screenshots in $out)"
exit $rc
