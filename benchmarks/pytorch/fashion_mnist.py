"""Fashion-MNIST from the IDX files Debian's dataset-fashion-mnist installs, scaled like FashionMnist.Load (x / 255)."""
import gzip
import os
from pathlib import Path

import numpy as np

DEFAULT_DIRECTORY = Path(os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"))


def _read(path: Path) -> np.ndarray:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as file:
        data = file.read()
    dimensions = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dimensions))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)


def _find(directory: Path, stem: str) -> Path:
    for candidate in (directory / (stem + ".gz"), directory / stem):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"{stem}(.gz) not found in {directory}; install it with: apt-get install dataset-fashion-mnist")


def load(directory: Path = DEFAULT_DIRECTORY, as_bytes: bool = False):
    """(train_images, train_labels, test_images, test_labels): float32 [N, 784] in [0, 1] (or, as_bytes, the uint8
    pixels, for the caller to scale per batch) and int64 [N]."""
    def images(stem):
        pixels = _read(_find(directory, stem)).reshape(-1, 784)
        return pixels.copy() if as_bytes else pixels.astype(np.float32) / np.float32(255)

    def labels(stem):
        return _read(_find(directory, stem)).astype(np.int64)

    return (images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte"),
            images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte"))
