#!/usr/bin/env python3
"""Writes README.md's performance table from bench/run_all.sh's JSON (issue 21): every figure in the table
comes from that file, with the program that measured it, its target, and the ratio to the PyTorch-CPU peer.
Usage: scripts/perf_table.py [results.json=bench/results/latest.json] [README.md]   (--print: stdout only)"""
import json
import sys

BEGIN, END = "<!-- perf-table:begin (scripts/perf_table.py) -->", "<!-- perf-table:end -->"


def fmt(v, unit):
    if unit in ("s",):
        return f"{v:.2f} s" if v < 100 else f"{v:.0f} s"
    if unit == "GFLOP/s":
        return f"{v:.0f} GFLOP/s"
    if v < 1000:
        return f"{v:.1f} {unit}"
    return f"{v:,.0f} {unit}"


def table(res):
    m = res["machine"]
    lines = [f"Measured by `bench/run_all.sh` on {res['date'][:10]} (commit {res['commit']}), {m['cpu']}, "
             f"{m['cores']} cores, {m['isa']}, OPENBLAS_CORETYPE {m.get('openblas_coretype', '?')}; load at start: `{res['load_start'].split('load average:')[-1].strip()}`, "
             f"at end: `{res['load_end'].split('load average:')[-1].strip()}`. Best of the repetitions unless the row "
             "says otherwise; the peer is "
             f"`bench/peers/torch_peer.py` (PyTorch {res.get('peer', {}).get('torch', 'n/a')}, 2 threads) on the "
             "same weights and shapes.", "",
             "| what | TopDown | target | PyTorch peer | ratio to peer | program |", "|---|---|---|---|---|---|"]
    for f in res["figures"]:
        tgt = f.get("target")
        if isinstance(tgt, (int, float)):
            tgt = ("≥ " if f["higher_is_better"] else "≤ ") + fmt(tgt, f["unit"])
            met = (f["value"] >= f["target"]) if f["higher_is_better"] else (f["value"] <= f["target"])
            tgt += " (met)" if met else " (not met)"
        peer = fmt(f["peer"], f["unit"]) if "peer" in f else "-"
        ratio = f"{f['ratio_to_peer']:.1f}x" if "ratio_to_peer" in f else "-"
        lines.append(f"| {f['what']} | **{fmt(f['value'], f['unit'])}** | {tgt or '-'} | {peer} | {ratio} | "
                     f"`{f['program']}` |")
    return "\n".join(lines)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = args[0] if args else "bench/results/latest.json"
    readme = args[1] if len(args) > 1 else "README.md"
    with open(path) as f:
        t = table(json.load(f))
    if "--print" in sys.argv:
        print(t)
        return
    with open(readme) as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        sys.exit(f"{readme} has no {BEGIN} ... {END} block")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    with open(readme, "w") as f:
        f.write(head + BEGIN + "\n" + t + "\n" + END + tail)


if __name__ == "__main__":
    main()
