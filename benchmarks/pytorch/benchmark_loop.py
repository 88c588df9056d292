"""The timed part both PyTorch benchmark scripts share: arguments, the epoch loop and the last line.

It mirrors what `Generated.Benchmarks train-mlp/train-cnn` time: per-epoch shuffles, batch gathering and the
training steps, nothing else; the test accuracy is measured afterwards, in evaluation mode.
"""
import argparse
import time

import torch
from torch import nn


def blas_library() -> str:
    """The BLAS shared library this process really loaded (Debian's torch links the generic libblas.so.3,
    which update-alternatives points at OpenBLAS or the reference BLAS)."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps", encoding="utf-8") as maps:
        libraries = {line.split()[-1] for line in maps if "blas" in line.lower()}
    return ",".join(sorted(path.rsplit("/", 1)[-1] for path in libraries)) or "unknown"


def parse_arguments(description: str, epochs: int) -> argparse.Namespace:
    """--threads/--epochs/--batch/--seed, the same flags as ours; applies the thread count and the seed."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--epochs", type=int, default=epochs)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--data", choices=["float", "bytes"], default="float",
                        help="keep the images as float32, or as uint8 scaled to float per batch (what ours does)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    return args


def as_floats(images: torch.Tensor) -> torch.Tensor:
    """A batch as float32: uint8 pixels divided by 255 (the same values as dividing the whole set up front)."""
    return images.float().div_(255) if images.dtype == torch.uint8 else images


def rehearse(model: nn.Module, data, args) -> None:
    """One untimed forward and backward pass on the first batch, gradients then dropped: the same warm-up as ours
    (`train-mlp` computes one batch's gradients before its clock starts). No weight or optimizer state changes."""
    train_x, train_y = data[0], data[1]
    loss = nn.CrossEntropyLoss()(model(as_floats(train_x[:args.batch])), train_y[:args.batch])
    loss.backward()
    model.zero_grad(set_to_none=True)


def train_and_report(model: nn.Module, optimizer, data, args, schedule=None, augment=None, min_batch: int = 1) -> None:
    """Trains for args.epochs, prints one line per epoch, then the last line
    samples_per_s=<training samples per second> test_acc=<test accuracy>.

    schedule is stepped after each epoch; augment(inputs, generator) may change a gathered batch in place; batches
    smaller than min_batch are skipped (batch norm cannot train on one sample, and ours skips it too)."""
    train_x, train_y, test_x, test_y = data
    loss_fn = nn.CrossEntropyLoss()
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
            if rows.shape[0] < min_batch:
                continue
            inputs, targets = as_floats(train_x[rows]), train_y[rows]
            if augment is not None:
                augment(inputs, generator)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(inputs), targets)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * rows.shape[0]
        seconds = time.perf_counter() - start
        train_seconds += seconds
        if schedule is not None:
            schedule.step()
        print(f"epoch {epoch}/{args.epochs}  loss={loss_sum / count:.4f}  time={seconds:.2f}s  samples/s={count / seconds:.0f}")

    model.eval()
    with torch.no_grad():
        correct = sum((model(as_floats(test_x[i:i + 1000])).argmax(dim=1) == test_y[i:i + 1000]).sum().item()
                      for i in range(0, test_x.shape[0], 1000))
    print(f"samples_per_s={count * args.epochs / train_seconds:.1f} test_acc={correct / test_x.shape[0]:.4f}")
