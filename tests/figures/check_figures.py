#!/usr/bin/env python3
"""Checks the figures a study wrote (issue 20): every figure in PNG, SVG and PDF plus its CSV; the SVG parses as
XML and carries the expected titles; the PDF renders with pdftoppm; the plot areas of the PNG (and of the
rendered PDF) hold the series colours. The colours are the Okabe & Ito values written out here, not read from
the code under test. Usage: check_figures.py STUDY_DIR"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

# Method colours (Okabe & Ito): label blue, double orange, intersection reddish purple, random gray.
METHODS = {"label": (0, 114, 178), "double": (230, 159, 0), "intersection": (204, 121, 167), "random": (110, 110, 110)}
# base name -> strings the SVG must contain (its <title> first)
FIGURES = {
    "visited_states": ["States visited and transitions made per chain, by biasing method", "Visited states", "Transitions",
                       "distinct states visited per chain", "biasing method", "intersection", "p "],
    "state_time": ["Time spent in each state", "Per method (mean over conditions)", "Per label condition", "share of steps (%)"],
    "energy_per_layer": ["Energy during the first steps, per layer", "Layer 1", "Layer 2", "step", "energy (mean \u00b1 SEM)"],
    "pca_trajectories": ["Hidden-state trajectories in PCA space", "Label biasing", "10 best intersection chimeras", "Random init", "PC1"],
    "filmstrips": ["Example chains", "step", "LB 0", "non-digit"],
    "transition_label": ["Transition matrix: label", "state at step s", "transition probability (%)", "non-digit"],
    "transition_intersection": ["Transition matrix: intersection", "state at step s"],
}
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA non-interlaced PNG (what cairo writes) into (w, h, rows of (r, g, b))."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big"), body[8], body[9]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


def ppm_pixels(path):
    """Reads a binary PPM (P6) as written by pdftoppm."""
    data = open(path, "rb").read()
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace(): pos += 1
        end = pos
        while not data[end:end + 1].isspace(): end += 1
        parts.append(data[pos:end]); pos = end
    pos += 1
    w, h = int(parts[1]), int(parts[2])
    px = data[pos:]
    return w, h, [[tuple(px[(y * w + x) * 3:(y * w + x) * 3 + 3]) for x in range(w)] for y in range(h)]


def count(rows, colour, x0, x1, tol=14, run=5):
    """Pixels of the colour that lie in horizontal runs of at least `run` such pixels (a line, not text edges)."""
    n = 0
    for row in rows:
        k = 0
        for p in row[x0:x1] + [(-99, -99, -99)]:
            if all(abs(p[i] - colour[i]) <= tol for i in range(3)):
                k += 1
            else:
                n += k if k >= run else 0
                k = 0
    return n


def check_colours(name, w, rows):
    # Energy panels 2 and 3 (the right two thirds: no legend there) hold every method's line colour.
    for m, c in METHODS.items():
        if m == "random": continue  # its gray is also what an antialiased axis line blends to; not a telling check
        n = count(rows, c, w // 3, w)
        print(f"  {name}: {m} {c}: {n} pixels in the plot areas of layers 2-3")
        if n < 10: fail(f"{name}: colour of {m} {c} missing from the plot areas")


study = sys.argv[1]
for base, texts in FIGURES.items():
    for ext in ("png", "svg", "pdf", "csv"):
        p = os.path.join(study, base + "." + ext)
        if not os.path.isfile(p) or os.path.getsize(p) < 100: fail(f"{p} missing or empty")
    svg = os.path.join(study, base + ".svg")
    if not os.path.isfile(svg): continue
    try:
        root = ET.parse(svg).getroot()
    except ET.ParseError as e:
        fail(f"{svg} is not XML: {e}"); continue
    ns = "{http://www.w3.org/2000/svg}"
    title = root.find(ns + "title")
    if title is None or not (title.text or "").startswith(texts[0]): fail(f"{svg}: <title> is {title.text if title is not None else None!r}")
    found = " | ".join(t.text or "" for t in root.iter(ns + "text"))
    for t in texts:
        if t not in found: fail(f"{svg}: text {t!r} not found")
    with tempfile.TemporaryDirectory() as tmp:
        if not os.path.isfile(os.path.join(study, base + ".pdf")): continue
        r = subprocess.run(["pdftoppm", "-r", "100", "-singlefile", os.path.join(study, base + ".pdf"), os.path.join(tmp, "page")],
                           capture_output=True, text=True)
        if r.returncode != 0: fail(f"pdftoppm failed on {base}.pdf: {r.stderr}"); continue
        w, h, rows = ppm_pixels(os.path.join(tmp, "page.ppm"))
        ink = sum(1 for row in rows for p in row if p != (255, 255, 255))
        print(f"{base}.pdf: {w}x{h} at 100 dpi, {ink} non-white pixels")
        if ink < 0.01 * w * h: fail(f"{base}.pdf renders blank")
        if base == "energy_per_layer": check_colours(base + ".pdf", w, rows)
    if base == "energy_per_layer":
        w, h, rows = png_pixels(os.path.join(study, base + ".png"))
        check_colours(base + ".png", w, rows)

print("FAILED" if failures else "OK", len(failures), "failures")
sys.exit(1 if failures else 0)
