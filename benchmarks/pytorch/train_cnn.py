#!/usr/bin/env python3
"""PyTorch side of the CNN benchmark: the same work as `Generated.Benchmarks train-cnn`.

The network mirrors benchmarks/Generated.Benchmarks/BenchmarkCnn.cs layer for layer (NCHW, 3x3 'same' convolutions
without bias, BatchNorm2d, ReLU, 2x2 max pooling, dropout, dense layers); loss, optimizer (Adam, lr 1e-3), data
(Fashion-MNIST / 255), per-epoch shuffles and batch gathering inside the timed loop are the same, and so is the
training recipe of train-cnn (Program.CnnRecipe): cosine annealing of the rate over the epochs, each epoch's rate set
before it starts, and each training image mirrored left-right with probability 1/2 as its batch is gathered. The last
line is the same too: samples_per_s=<training samples per second> test_acc=<test accuracy>. Keep CONVOLUTIONS, the
head and the recipe in step with BenchmarkCnn.cs and Program.cs.

    /usr/bin/python3 benchmarks/pytorch/train_cnn.py --threads 2 --epochs 15 --batch 128
"""
import argparse
import time

import torch
from torch import nn

from fashion_mnist import load
from train_mlp import blas_library

# (filters, max-pool after this block) for each conv + batch norm + ReLU block, as in BenchmarkCnn.cs.
CONVOLUTIONS = [(32, False), (32, True), (64, False), (64, True)]
HIDDEN, DROP_IN, DROP_HIDDEN = 256, 0.3, 0.4


def build() -> nn.Module:
    layers, channels, size = [], 1, 28
    for filters, pool in CONVOLUTIONS:
        layers += [nn.Conv2d(channels, filters, 3, padding="same", bias=False), nn.BatchNorm2d(filters), nn.ReLU()]
        channels = filters
        if pool:
            layers.append(nn.MaxPool2d(2))
            size //= 2
    layers += [nn.Flatten(), nn.Dropout(DROP_IN), nn.Linear(channels * size * size, HIDDEN), nn.ReLU(),
               nn.Dropout(DROP_HIDDEN), nn.Linear(HIDDEN, 10)]
    return nn.Sequential(*layers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    train_x, train_y, test_x, test_y = (torch.from_numpy(a) for a in load())
    train_x, test_x = train_x.reshape(-1, 1, 28, 28), test_x.reshape(-1, 1, 28, 28)
    model = build()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    # Epoch e (from 0) runs at 1e-3·(1 + cos(π·e/epochs))/2, as LearningRateSchedules.Cosine(1e-3, epochs).
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    loss_fn = nn.CrossEntropyLoss()
    print(f"PyTorch train-cnn: torch={torch.__version__} threads={torch.get_num_threads()} epochs={args.epochs} "
          f"batch={args.batch} blas={blas_library()} mkldnn={torch.backends.mkldnn.is_available()}")

    count = train_x.shape[0]
    generator = torch.Generator().manual_seed(args.seed)
    train_seconds = 0.0
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(count, generator=generator)
        loss_sum = 0.0
        for first in range(0, count, args.batch):
            rows = order[first:first + args.batch]
            if rows.shape[0] < 2:
                continue  # batch norm cannot train on one sample; ours skips it too
            inputs, targets = train_x[rows], train_y[rows]
            mirror = torch.rand(rows.shape[0], generator=generator) < 0.5
            inputs[mirror] = inputs[mirror].flip(-1)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(inputs), targets)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * rows.shape[0]
        seconds = time.perf_counter() - start
        train_seconds += seconds
        schedule.step()
        print(f"epoch {epoch}/{args.epochs}  loss={loss_sum / count:.4f}  time={seconds:.2f}s  samples/s={count / seconds:.0f}")

    model.eval()
    with torch.no_grad():
        correct = sum((model(test_x[i:i + 1000]).argmax(dim=1) == test_y[i:i + 1000]).sum().item() for i in range(0, test_x.shape[0], 1000))
    print(f"samples_per_s={count * args.epochs / train_seconds:.1f} test_acc={correct / test_x.shape[0]:.4f}")


if __name__ == "__main__":
    main()
