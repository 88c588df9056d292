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
import torch
from torch import nn

from benchmark_loop import blas_library, parse_arguments, train_and_report
from fashion_mnist import load

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


def mirror_half(inputs: torch.Tensor, generator: torch.Generator) -> None:
    """Mirrors each image left-right with probability 1/2, like FashionMnist.Augmentation."""
    mirror = torch.rand(inputs.shape[0], generator=generator) < 0.5
    inputs[mirror] = inputs[mirror].flip(-1)


def main() -> None:
    args = parse_arguments(__doc__, epochs=15)
    train_x, train_y, test_x, test_y = (torch.from_numpy(a) for a in load(as_bytes=args.data == "bytes"))
    data = (train_x.reshape(-1, 1, 28, 28), train_y, test_x.reshape(-1, 1, 28, 28), test_y)
    model = build()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    # Epoch e (from 0) runs at 1e-3·(1 + cos(π·e/epochs))/2, as LearningRateSchedules.Cosine(1e-3, epochs).
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    print(f"PyTorch train-cnn: torch={torch.__version__} threads={torch.get_num_threads()} epochs={args.epochs} "
          f"batch={args.batch} blas={blas_library()} mkldnn={torch.backends.mkldnn.is_available()} data={args.data}")
    train_and_report(model, optimizer, data, args, schedule=schedule, augment=mirror_half, min_batch=2)


if __name__ == "__main__":
    main()
