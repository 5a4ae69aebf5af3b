#!/usr/bin/python3
"""Exports a slice of an IDX dataset (MNIST layout) to a folder of PNG images, one subfolder per class.

Usage: idx_to_png_folders.py IMAGES LABELS OUT PER_CLASS [--size S] [--names a,b,...] [--extras]
--size S upsamples each image to S x S (nearest) so an import can resize it back (area filter).
--extras adds bad files (empty, not an image, a colour image) to check they are reported and skipped.
Plain Python + zlib (no PIL); NumPy is used when present only to speed up nothing essential.
"""
import struct, sys, zlib, os


def png_bytes(rows, cols, pixels, channels=1):
    raw = b"".join(b"\x00" + bytes(pixels[r * cols * channels:(r + 1) * cols * channels]) for r in range(rows))
    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    color_type = 0 if channels == 1 else 2
    ihdr = struct.pack(">IIBBBBB", cols, rows, 8, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def main():
    args = sys.argv[1:]
    size, names, extras = 0, None, False
    if "--size" in args:
        i = args.index("--size"); size = int(args[i + 1]); del args[i:i + 2]
    if "--names" in args:
        i = args.index("--names"); names = args[i + 1].split(","); del args[i:i + 2]
    if "--extras" in args:
        args.remove("--extras"); extras = True
    images, labels, out, per_class = args[0], args[1], args[2], int(args[3])
    with open(images, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16)); data = f.read()
    with open(labels, "rb") as f:
        f.read(8); lab = f.read()
    assert magic == 0x803
    counts = {}
    for i in range(n):
        c = lab[i]
        if counts.get(c, 0) >= per_class: continue
        counts[c] = counts.get(c, 0) + 1
        px = data[i * rows * cols:(i + 1) * rows * cols]
        r, cc = rows, cols
        if size:
            px = bytes(px[(y * rows // size) * cols + (x * cols // size)] for y in range(size) for x in range(size))
            r = cc = size
        folder = os.path.join(out, names[c] if names else str(c))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "%05d.png" % i), "wb") as g:
            g.write(png_bytes(r, cc, px))
        if len(counts) == 10 and all(v >= per_class for v in counts.values()): break
    if extras:
        first = os.path.join(out, names[0] if names else "0")
        open(os.path.join(first, "empty.png"), "wb").close()
        with open(os.path.join(first, "notes.png"), "wb") as g: g.write(b"this is not an image")
        with open(os.path.join(first, "colour.png"), "wb") as g: g.write(png_bytes(4, 4, bytes(range(48)), 3))
    print(sum(counts.values()))


main()
