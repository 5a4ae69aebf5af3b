#!/usr/bin/env python3
"""generate_image_start.py CLI MODEL DIR: `topdown-cli generate --method image --image FILE --clamp-mask FILE`
(issue 16 item 2). Writes a 56x56 start image (a bright ring, resized by the CLI to 28x28) and a 28x28 mask of the
left half as PGM files, runs the command, and checks with an independent PNG decoder that in every frame of the
filmstrip the left half of every chain equals the start image (2x2 area means of the source, as 8-bit gray) while
the right half differs from it; also that the summary names 392 clamped pixels and that the reproduce command
gives the same filmstrip, and that --clamp-mask without --method image and a bad image file are refused."""
import json, os, shutil, struct, subprocess, sys, zlib

cli, model, out = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)


def pgm(path, w, h, px):
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (w, h) + bytes(px))


def ring(x, y):  # the source image, 56x56
    d = ((x - 27.5) ** 2 + (y - 27.5) ** 2) ** 0.5
    return 230 if 12 <= d <= 20 else (40 if (x // 4 + y // 4) % 2 else 0)


src = [ring(x, y) for y in range(56) for x in range(56)]
pgm(f"{out}/start.pgm", 56, 56, src)
pgm(f"{out}/left.pgm", 28, 28, [255 if x < 14 else 0 for y in range(28) for x in range(28)])
# The expected 28x28 image: 2x2 means of the source in [0, 1].
expect = [sum(src[(2 * r + i) * 56 + 2 * c + j] for i in (0, 1) for j in (0, 1)) / 4 / 255 for r in range(28) for c in range(28)]


def run(args, rc):
    p = subprocess.run([cli] + args, capture_output=True, text=True)
    if p.returncode != rc:
        sys.exit(f"FAIL: {' '.join(args)} exited {p.returncode}, expected {rc}\n{p.stdout}\n{p.stderr}")
    return p.stdout + p.stderr


def read_png(path):  # 8-bit RGB, non-interlaced (what stb_image_write writes)
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype == 2, "expected 8-bit RGB"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), 3 * w, [], bytearray(3 * w)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 3] if i >= 3 else 0
            b, c = prev[i], prev[i - 3] if i >= 3 else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, rows


log = run(["generate", model, "--method", "image", "--image", f"{out}/start.pgm", "--clamp-mask", f"{out}/left.pgm",
           "--chains", "4", "--steps", "12", "--frames", "1,2,6,12", "--filmstrip-chains", "4", "--seed", "3",
           "--out", f"{out}/run"], 0)
if "392 pixels clamped" not in log:
    sys.exit("FAIL: the run does not say 392 pixels clamped:\n" + log)
summary = json.load(open(f"{out}/run/summary.json"))
assert summary["clamped_pixels"] == 392 and summary["method"] == "image", summary
w, h, rows = read_png(f"{out}/run/filmstrip.png")
right_differs = 0
for f in range(4):
    for chain in range(4):
        x0, y0 = 2 + f * 58, 2 + chain * 58
        for r in range(28):
            for c in range(28):
                g = rows[y0 + 2 * r][3 * (x0 + 2 * c)]
                want = int(min(max(expect[r * 28 + c], 0), 1) * 255 + 0.5)
                if c < 14 and abs(g - want) > 1:
                    sys.exit(f"FAIL: frame {f} chain {chain} pixel ({r},{c}) is {g}, the start image has {want}")
                if c >= 14 and abs(g - want) > 8:
                    right_differs += 1
if right_differs < 50:
    sys.exit(f"FAIL: only {right_differs} unclamped pixels differ from the start image: the chains did not evolve")
# The reproduce command names the files and writes the same filmstrip.
cmd = summary["reproduce"]
assert "--image" in cmd and "--clamp-mask" in cmd, cmd
first = open(f"{out}/run/filmstrip.png", "rb").read()
shutil.rmtree(f"{out}/run")
subprocess.run(cmd.replace("topdown-cli", cli, 1), shell=True, check=True, capture_output=True)
assert open(f"{out}/run/filmstrip.png", "rb").read() == first, "the reproduce command wrote another filmstrip"
# Refusals: a mask without --method image; no --image; a file that is not an image.
out1 = run(["generate", model, "--method", "label", "--clamp-mask", f"{out}/left.pgm", "--out", f"{out}/x"], 1)
assert "need --method image" in out1, out1
out2 = run(["generate", model, "--method", "image", "--out", f"{out}/x"], 1)
assert "needs --image" in out2, out2
open(f"{out}/bad.png", "w").write("not an image")
out3 = run(["generate", model, "--method", "image", "--image", f"{out}/bad.png", "--out", f"{out}/x"], 1)
assert "bad.png" in out3 and "cannot be used as a start image" in out3, out3
print(f"PASS: 4 frames x 4 chains: left half = start image, {right_differs} right-half pixels moved; refusals ok")
