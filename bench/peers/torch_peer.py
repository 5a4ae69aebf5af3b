#!/usr/bin/env python3
"""PyTorch-CPU peer for bench/run_all.sh (issue 21): the same generation steps and the same iterative CD-1
epoch as TopDown, written the way a researcher using the papers' PyTorch stack would (dense float32 tensors,
torch.sigmoid / torch.bernoulli, 2 threads). Prints one JSON object with its figures.

Usage: torch_peer.py MODEL.npz   (the shipped iDBN exported by `topdown-cli export ... --out MODEL.npz`)
Exits 3 (and prints {"skipped": ...}) when torch or numpy is missing, so the benchmark script goes on.
"""
import json
import sys
import time

try:
    import numpy as np
    import torch
except ImportError as e:  # the peer is optional: no torch, no peer figures
    print(json.dumps({"skipped": f"no torch/numpy: {e}"}))
    sys.exit(3)

torch.set_num_threads(2)
torch.manual_seed(1)


def load_layers(path):
    """Weights (n_lower x n_upper), visible biases a, hidden biases b, from the exported .npz."""
    z = np.load(path)
    layers, i = [], 1
    while f"W{i}" in z:
        W, a, b = (torch.from_numpy(np.ascontiguousarray(z[n], dtype=np.float32)) for n in (f"W{i}", f"a{i}", f"b{i}"))
        a, b = a.reshape(-1), b.reshape(-1)
        W = W.t().contiguous()  # the exported (iDBN) layout is W[n_upper, n_lower]
        assert W.shape == (a.numel(), b.numel())
        layers.append((W, a, b))
        i += 1
    return layers


def gen_step(layers, states, first):
    """One generation step: bottom-up samples (after the first step), top-down with sampled hidden layers and
    visible probabilities, energies of every layer pair."""
    L = len(layers)
    if not first:
        for l in range(L):
            W, a, b = layers[l]
            states[l + 1] = torch.bernoulli(torch.sigmoid(states[l] @ W + b))
    pre = [None] * L
    for l in reversed(range(L)):
        W, a, b = layers[l]
        pre[l] = states[l + 1] @ W.t() + a
        p = torch.sigmoid(pre[l])
        states[l] = p if l == 0 else torch.bernoulli(p)
    energies = [-(states[l] * pre[l]).sum(1) - states[l + 1] @ layers[l][2] for l in range(L)]
    return energies


def bench_generation(layers, chains, seconds=2.0):
    top = layers[-1][2].numel()
    states = [None] * len(layers) + [torch.zeros(chains, top)]
    states[-1][:, ::7] = 1.0
    with torch.no_grad():
        gen_step(layers, states, True)
        for _ in range(20):
            gen_step(layers, states, False)
        best = 0.0
        for _ in range(3):  # best of three timed runs
            n, t0 = 0, time.perf_counter()
            while time.perf_counter() - t0 < seconds / 3:
                gen_step(layers, states, False)
                n += 1
            best = max(best, n * chains / (time.perf_counter() - t0))
    return best


def cd1_epoch(arch=(784, 500, 500, 1000), n=60000, batch=128, lr=0.01, mom=0.5, wd=1e-4):
    """One iterative CD-1 epoch (every layer in turn on the up-pass of the layer below), as the 2025 iDBN code."""
    data = torch.rand(n, arch[0])
    layers = [(0.01 * torch.randn(arch[i], arch[i + 1]), torch.zeros(arch[i]), torch.zeros(arch[i + 1]))
              for i in range(len(arch) - 1)]
    vel = [(torch.zeros_like(W), torch.zeros_like(a), torch.zeros_like(b)) for W, a, b in layers]
    t0 = time.perf_counter()
    with torch.no_grad():
        x = data
        for l, (W, a, b) in enumerate(layers):
            if l > 0:
                Wp, ap, bp = layers[l - 1]
                x = torch.sigmoid(x @ Wp + bp)
            dW, da, db = vel[l]
            perm = torch.randperm(n)
            for i in range(n // batch):
                v0 = x[perm[i * batch:(i + 1) * batch]]
                ph0 = torch.sigmoid(v0 @ W + b)
                h0 = torch.bernoulli(ph0)
                pv1 = torch.sigmoid(h0 @ W.t() + a)
                v1 = torch.bernoulli(pv1)
                ph1 = torch.sigmoid(v1 @ W + b)
                grad = v0.t() @ ph0 - v1.t() @ ph1
                dW.mul_(mom).add_(lr * (grad / batch - wd * W))
                da.mul_(mom).add_(lr * (v0 - v1).mean(0))
                db.mul_(mom).add_(lr * (ph0 - ph1).mean(0))
                W += dW
                a += da
                b += db
    return time.perf_counter() - t0


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    layers = load_layers(sys.argv[1])
    out = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    out["gen_idbn_1000_chain_steps_per_s"] = bench_generation(layers, 1000)
    out["gen_idbn_1_steps_per_s"] = bench_generation(layers, 1)
    out["gen_idbn_100_chain_steps_per_s"] = bench_generation(layers, 100)
    if "--no-epoch" not in sys.argv:
        out["cd1_idbn_epoch_s"] = cd1_epoch()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
