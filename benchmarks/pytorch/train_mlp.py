#!/usr/bin/env python3
"""PyTorch side of the MLP benchmark: the same work as `Generated.Benchmarks train-mlp`.

Same network (784-256 ReLU-128 ReLU-10, no dropout), loss (cross-entropy on logits), optimizer (Adam, lr 1e-3,
PyTorch defaults otherwise), data (Fashion-MNIST / 255), per-epoch shuffles, batch gathering inside the timed
loop, and the same last line: samples_per_s=<training samples per second> test_acc=<test accuracy>.
Only the initial weights differ (PyTorch's default init; ours is He uniform), which changes accuracy slightly,
not the work.

    /usr/bin/python3 benchmarks/pytorch/train_mlp.py --threads 2 --epochs 10 --batch 128
"""
import argparse
import time

import numpy as np
import torch
from torch import nn

from fashion_mnist import load


def blas_library() -> str:
    """The BLAS shared library this process really loaded (Debian's torch links the generic libblas.so.3,
    which update-alternatives points at OpenBLAS or the reference BLAS)."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps", encoding="utf-8") as maps:
        libraries = {line.split()[-1] for line in maps if "blas" in line.lower()}
    return ",".join(sorted(path.rsplit("/", 1)[-1] for path in libraries)) or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    train_x, train_y, test_x, test_y = (torch.from_numpy(a) for a in load())
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    print(f"PyTorch train-mlp: torch={torch.__version__} threads={torch.get_num_threads()} epochs={args.epochs} "
          f"batch={args.batch} blas={blas_library()}")

    count = train_x.shape[0]
    generator = torch.Generator().manual_seed(args.seed)
    train_seconds = 0.0
    model.train()
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(count, generator=generator)
        loss_sum = 0.0
        for first in range(0, count, args.batch):
            rows = order[first:first + args.batch]
            inputs, targets = train_x[rows], train_y[rows]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(inputs), targets)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * rows.shape[0]
        seconds = time.perf_counter() - start
        train_seconds += seconds
        print(f"epoch {epoch}/{args.epochs}  loss={loss_sum / count:.4f}  time={seconds:.2f}s  samples/s={count / seconds:.0f}")

    model.eval()
    with torch.no_grad():
        accuracy = (model(test_x).argmax(dim=1) == test_y).double().mean().item()
    print(f"samples_per_s={count * args.epochs / train_seconds:.1f} test_acc={accuracy:.4f}")


if __name__ == "__main__":
    np.seterr(all="raise")
    main()
