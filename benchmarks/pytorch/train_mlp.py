#!/usr/bin/env python3
"""PyTorch side of the MLP benchmark: the same work as `Generated.Benchmarks train-mlp`.

Same network (784-256 ReLU-128 ReLU-10, no dropout), loss (cross-entropy on logits), optimizer (Adam, lr 1e-3,
PyTorch defaults otherwise), data (Fashion-MNIST / 255), per-epoch shuffles, batch gathering inside the timed
loop, one untimed rehearsal of the gradient pass before it (as ours), and the same last line: samples_per_s=<training samples per second> test_acc=<test accuracy>.
Only the initial weights differ (PyTorch's default init; ours is He uniform), which changes accuracy slightly,
not the work.

    /usr/bin/python3 benchmarks/pytorch/train_mlp.py --threads 2 --epochs 10 --batch 128
"""
import torch
from torch import nn

from benchmark_loop import blas_library, parse_arguments, rehearse, train_and_report
from fashion_mnist import load


def main() -> None:
    args = parse_arguments(__doc__, epochs=10)
    data = tuple(torch.from_numpy(a) for a in load(as_bytes=args.data == "bytes"))
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    print(f"PyTorch train-mlp: torch={torch.__version__} threads={torch.get_num_threads()} epochs={args.epochs} "
          f"batch={args.batch} blas={blas_library()} data={args.data}")
    rehearse(model, data, args)
    train_and_report(model, optimizer, data, args)


if __name__ == "__main__":
    main()
