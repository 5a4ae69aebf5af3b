#!/usr/bin/env python3
"""Writes a copy of a Metrics-tab screenshot whose census sidecar lies in one way, for the test that expects
png_check --census to fail (issue 18): 'returns' adds a return to the first row, 'verdict' counts one run twice,
'states' changes one recorded state (the table no longer matches the chains).
usage: mutate_census.py returns|verdict|states IN.png OUT.png"""
import json
import shutil
import sys

kind, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
side = json.load(open(src + ".json"))
census = side["census"]
if kind == "returns":
    census["rows"][0]["returns"] += 1
elif kind == "verdict":
    census["rows"][0]["memorised"] += 1
elif kind == "states":
    chain = census["states"][0]
    chain[len(chain) // 2] = (chain[len(chain) // 2] + 1) % len(census["rows"] or [1, 1])
else:
    sys.exit("unknown mutation " + kind)
shutil.copyfile(src, dst)
json.dump(side, open(dst + ".json", "w"))
