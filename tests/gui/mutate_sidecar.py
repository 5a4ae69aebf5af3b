#!/usr/bin/env python3
"""Writes a copy of a screenshot whose sidecar lies in one way, for the tests that expect a layout check to
fail (issue 15): 'overlap' moves the timeline onto the visible image, 'outside' moves the visible image past
the window's right edge, 'legend' points swatch 3 at swatch 4 (another colour).
usage: mutate_sidecar.py overlap|outside|legend IN.png OUT.png"""
import json
import shutil
import sys

kind, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
side = json.load(open(src + ".json"))
items = side["items"]
if kind == "overlap":
    items["timeline"] = list(items["visible_image"])
elif kind == "outside":
    r = items["visible_image"]
    items["visible_image"] = [side["width"] - r[2] / 2, r[1], r[2], r[3]]
elif kind == "legend":
    items["legend_swatch_3"] = list(items["legend_swatch_4"])
else:
    sys.exit("unknown mutation " + kind)
shutil.copyfile(src, dst)
json.dump(side, open(dst + ".json", "w"))
