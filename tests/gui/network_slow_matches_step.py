#!/usr/bin/env python3
"""Issue 16 item 3: the network view's slow motion, held at its last sub-step of step s + 1 (SLOW.png, run to step
s), shows exactly the states the chain records for step s + 1 (STEP.png, the same scenario run to s + 1): the
visible probabilities and every hidden layer's bits.
usage: network_slow_matches_step.py SLOW.png STEP.png"""
import json
import sys

slow = json.load(open(sys.argv[1] + ".json"))
step = json.load(open(sys.argv[2] + ".json"))
n = slow["network"]
grids = {g["layer"]: g["values"] for g in n["grids"]}
ok = n["phase"] == n["phases"] - 1 and n["slow_step"] == step["step"]
print("slow motion of step %d at sub-step %d of %d; the chain run to step %d" %
      (n["slow_step"], n["phase"] + 1, n["phases"], step["step"]))
same_v = grids.get(0) == step["visible_values"]
print("visible layer: %s" % ("identical" if same_v else "DIFFERENT"))
ok = ok and same_v
for l, bits in enumerate(step["hidden_bits"], start=1):
    shown = "".join("1" if v > 0.5 else "0" for v in grids.get(l, []))
    print("hidden layer %d: %s" % (l, "identical" if shown == bits else "DIFFERENT"))
    ok = ok and shown == bits
sys.exit(0 if ok else 1)
