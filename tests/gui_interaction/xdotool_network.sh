#!/bin/sh
# Issue 16 item 3 (look inside): the network view of the interactive app driven with xdotool under Xvfb. A scripted
# run at the same window size gives the grid geometry (its sidecar) and the reference picture of unit 0 of layer 2's
# receptive field (--network-pin 2:0: the grid's top-left unit, whose tooltip stays inside its column). Then the
# interactive app (--network) is hovered over that unit (its field shows, pixel for pixel the reference), clicked
# (pinned: the field stays when the pointer leaves), and clicked again (unpinned: gone once the pointer leaves).
# Then "Slow step" animates step 1 (the updated layer framed) and leaves the chain at that step.
# usage: xdotool_network.sh TOPDOWN MODEL OUTDIR      (exits 77, skipped, when xdotool / xwd / python3 is missing)
set -u
topdown="$1"; model="$2"; out="$3"
tool="$(cd "$(dirname "$0")" && pwd)/xwd_tool.py"
for t in xdotool xwd python3 xvfb-run; do
  command -v "$t" >/dev/null 2>&1 || { echo "skipped: $t is not installed"; exit 77; }
done
rm -rf "$out"; mkdir -p "$out/home"
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" XDG_DATA_HOME="$out/home/.local/share"
cat > "$out/drive.sh" <<'DRIVE'
#!/bin/sh
set -u
topdown="$1"; model="$2"; out="$3"; tool="$4"
shot() { xwd -root -silent > "$out/$1.xwd"; }
"$topdown" --model "$model" --method intersection --classes 2,9 --seed 7 --steps 12 --network-pin 2:0 \
  --size 1280x800 --no-settings --screenshot "$out/ref.png" --timeout 60 > "$out/ref.log" 2>&1 || { cat "$out/ref.log"; exit 1; }
geometry=$(python3 - "$out/ref.png.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
g = [g for g in j["network"]["grids"] if g["layer"] == 2][0]
x = g["x"] + 0.5 * g["cell"]
y = g["y"] + 0.5 * g["cell"]
f = j["items"]["network_field"]
b = j["items"]["network_slow_step"]
v = [g for g in j["network"]["grids"] if g["layer"] == 0][0]
print("%d %d %d %d %d %d %d %d %d %d %d %d" % (x, y, f[0], f[1], f[2], f[3], b[0] + b[2] / 2, b[1] + b[3] / 2,
      v["x"], v["y"], v["cols"] * v["cell"], v["rows"] * v["cell"]))
PY
) || exit 1
set -- $geometry
ux=$1; uy=$2; fx=$3; fy=$4; fw=$5; fh=$6; bx=$7; by=$8; vx=$9; shift 9; vy=$1; vw=$2; vh=$3
echo "unit 2:0 at ($ux, $uy); field image at ($fx, $fy) ${fw}x${fh}"
"$topdown" --model "$model" --no-settings --size 1280x800 --fps-cap 30 --network > "$out/app.log" 2>&1 &
app=$!
xdotool search --sync --onlyvisible --name '^TopDown$' > /dev/null
sleep 4  # the model loads
away() { xdotool mousemove 1275 795; sleep 0.8; }   # outside the network view, on no unit
field_diff() { python3 "$tool" diffbox "$out/ref.png" "$fx" "$fy" "$out/$1.xwd" "$fx" "$fy" "$fw" "$fh"; }
away; shot nothing
xdotool mousemove "$ux" "$uy"; sleep 0.8; shot hover
xdotool click 1; sleep 0.5; away; shot pinned
xdotool mousemove "$ux" "$uy"; sleep 0.5; xdotool click 1; sleep 0.5; away; shot unpinned
total=$((fw * fh))
d0=$(field_diff nothing); d1=$(field_diff hover); d2=$(field_diff pinned); d3=$(field_diff unpinned)
echo "field pixels differing from the reference ($total): before $d0, hovered $d1, pinned and left $d2, unpinned and left $d3"
# Slow step (1.5 s per sub-step): step 1 of the chain (at step 0) is the top-down pass, 2 sub-steps after the
# state before; 2.5 s in, sub-step 1 (h1 from h2) is framed in the highlight colour; 6 s in, the slow motion has
# ended, nothing is framed and the chain stands at step 1 (the visible grid shows another image than step 0's).
xdotool mousemove "$bx" "$by"; sleep 0.3; xdotool click 1; sleep 0.2; away
sleep 2.1; shot slow_during
sleep 3.6; shot slow_after
hl_during=$(python3 "$tool" count "$out/slow_during.xwd" 255 196 40)
hl_after=$(python3 "$tool" count "$out/slow_after.xwd" 255 196 40)
dv=$(python3 "$tool" diffbox "$out/unpinned.xwd" "$vx" "$vy" "$out/slow_after.xwd" "$vx" "$vy" "$vw" "$vh")
echo "highlight pixels during the slow step $hl_during, after it $hl_after; visible-grid pixels changed by the step $dv"
rc=1
[ "$d1" -eq 0 ] && [ "$d2" -eq 0 ] && [ "$d0" -gt $((total / 2)) ] && [ "$d3" -gt $((total / 2)) ] &&
  [ "$hl_during" -gt 300 ] && [ "$hl_after" -lt 50 ] && [ "$dv" -gt 500 ] && rc=0
xdotool key ctrl+q; sleep 1
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
exit $rc
DRIVE
xvfb-run -a -s '-screen 0 1280x800x24' sh "$out/drive.sh" "$topdown" "$model" "$out" "$tool"
rc=$?
[ $rc -eq 0 ] && echo "network hover/pin: ok" || echo "network hover/pin: FAILED (screenshots in $out)"
exit $rc
