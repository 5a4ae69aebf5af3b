#!/usr/bin/env python3
"""Reads X window dumps (xwd -root) and the app's PNGs for the xdotool GUI tests, without ImageMagick.
usage: xwd_tool.py count FILE R G B [X Y W H]   pixels within +-3 of the colour (optionally in a box);
                                                FILE is an .xwd dump or an 8-bit RGB .png
       xwd_tool.py diff A B                     pixels that differ
       xwd_tool.py diffbox A AX AY B BX BY W H  pixels that differ between a box of A and an equal box of B
       xwd_tool.py orange FILE X Y W H          orange pixels (text anti-aliased on a dark background too)
       xwd_tool.py png FILE.xwd OUT.png              converts (for looking at a failed case)
"""
import struct
import sys
import zlib


def load_png(data):
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n, t = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if t == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                raise SystemExit("only 8-bit RGB / RGBA PNGs are supported")
            ch = 3 if ctype == 2 else 4
        elif t == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * ch
    out = bytearray(h * stride)
    prev = bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - ch] if i >= ch else 0
            b = prev[i]
            c = prev[i - ch] if i >= ch else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out[y * stride:(y + 1) * stride] = line
        prev = line
    if ch == 4:
        out = bytearray(v for i in range(0, len(out), 4) for v in out[i:i + 3])
    return w, h, out


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return load_png(data)
    h = struct.unpack(">25I", data[:100])
    header_size, width, height = h[0], h[4], h[5]
    byte_order, bpp, bpl, ncolors = h[7], h[11], h[12], h[19]
    if bpp != 32:
        raise SystemExit("only 32-bit dumps are supported (got %d)" % bpp)
    off = header_size + ncolors * 12
    px = data[off:off + bpl * height]
    rgb = bytearray(width * height * 3)
    for y in range(height):
        row = px[y * bpl:y * bpl + width * 4]
        if byte_order == 0:  # LSB first: B G R X
            rgb[y * width * 3:(y + 1) * width * 3] = bytes(
                b for i in range(0, len(row), 4) for b in (row[i + 2], row[i + 1], row[i]))
        else:  # X R G B
            rgb[y * width * 3:(y + 1) * width * 3] = bytes(
                b for i in range(0, len(row), 4) for b in (row[i + 1], row[i + 2], row[i + 3]))
    return width, height, rgb


def main():
    cmd = sys.argv[1]
    if cmd == "count":
        w, h, rgb = load(sys.argv[2])
        r, g, b = (int(v) for v in sys.argv[3:6])
        x0, y0, bw, bh = (int(v) for v in sys.argv[6:10]) if len(sys.argv) >= 10 else (0, 0, w, h)
        n = 0
        for y in range(max(0, y0), min(h, y0 + bh)):
            for x in range(max(0, x0), min(w, x0 + bw)):
                i = (y * w + x) * 3
                if abs(rgb[i] - r) <= 3 and abs(rgb[i + 1] - g) <= 3 and abs(rgb[i + 2] - b) <= 3:
                    n += 1
        print(n)
    elif cmd == "diff":
        w1, h1, a = load(sys.argv[2])
        w2, h2, b = load(sys.argv[3])
        if (w1, h1) != (w2, h2):
            print(w1 * h1)
            return
        print(sum(1 for i in range(0, len(a), 3) if a[i:i + 3] != b[i:i + 3]))
    elif cmd == "orange":
        w, h, rgb = load(sys.argv[2])
        x0, y0, bw, bh = (int(v) for v in sys.argv[3:7])
        n = 0
        for y in range(max(0, y0), min(h, y0 + bh)):
            for x in range(max(0, x0), min(w, x0 + bw)):
                i = (y * w + x) * 3
                r, g, b = rgb[i], rgb[i + 1], rgb[i + 2]
                if r > g + 20 and g > b + 20 and r > b + 60:
                    n += 1
        print(n)
    elif cmd == "diffbox":
        w1, h1, a = load(sys.argv[2])
        ax, ay = int(sys.argv[3]), int(sys.argv[4])
        w2, h2, b = load(sys.argv[5])
        bx, by, bw, bh = (int(v) for v in sys.argv[6:10])
        n = 0
        for y in range(bh):
            for x in range(bw):
                i = ((ay + y) * w1 + ax + x) * 3
                j = ((by + y) * w2 + bx + x) * 3
                if a[i:i + 3] != b[j:j + 3]:
                    n += 1
        print(n)
    elif cmd == "png":
        w, h, rgb = load(sys.argv[2])
        raw = b"".join(b"\x00" + bytes(rgb[y * w * 3:(y + 1) * w * 3]) for y in range(h))
        def chunk(t, d):
            return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
        with open(sys.argv[3], "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                    chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
