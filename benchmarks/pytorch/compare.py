#!/usr/bin/env python3
"""Side-by-side: the same training work in Generated and in PyTorch on this machine, medians, and the ratio.

For each thread count it runs `Generated.Benchmarks train-<model>` and the matching PyTorch script `--runs`
times each, alternating so that machine noise hits both alike, reads `samples_per_s` from each last line and
prints medians. PyTorch is measured at every thread count, with OpenBLAS's own threads both left alone and pinned
to 1, with OpenBLAS's kernels as the environment sets them and as OpenBLAS detects them (see torch_envs), and with its
images held as float32 and, with --torch-data, like ours as uint8 scaled per batch; the last ratio uses its best
setting, as the target asks. Before each round it measures the cores' round trip (`Generated.Benchmarks handoff`)
and prints it beside our figure: on a VM it changes with where the host puts the vCPUs, and two-thread figures with it.

    dotnet build -c Release benchmarks/Generated.Benchmarks
    /usr/bin/python3 benchmarks/pytorch/compare.py mlp --threads 1 2 --epochs 2 --runs 3

On a machine without .NET, publish the Native AOT build here and name it with --ours:

    dotnet publish benchmarks/Generated.Benchmarks.Native -c Release -r linux-x64 -o artifacts/bench-native
    python3 benchmarks/pytorch/compare.py mlp --ours artifacts/bench-native/Generated.Benchmarks.Native
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OURS = ROOT / "benchmarks" / "Generated.Benchmarks" / "bin" / "Release" / "net10.0" / "Generated.Benchmarks.dll"
LAST_LINE = re.compile(r"samples_per_s=([0-9.]+) test_acc=([0-9.]+)")


def torch_envs() -> dict:
    """The OpenBLAS settings PyTorch is measured under, by name.

    torch parallelises each operator with its own OpenMP threads (set_num_threads), and OpenBLAS, which Debian's torch
    calls for matrix products, starts its own pthreads (one per core unless told otherwise). Which combination is
    fastest depends on the machine, so PyTorch runs both ways: BLAS threads left at their default, and pinned to 1.

    OpenBLAS also picks its kernels by CPU unless OPENBLAS_CORETYPE names a core. A machine may set that variable (this
    repository's machines set Haswell, whose kernels are AVX2, on an AVX-512 CPU that OpenBLAS detects as Cooperlake),
    so PyTorch also runs without it, on the kernels OpenBLAS detects: its best setting must not be one the environment
    held back.
    """
    kernels = {"kernels=detected": None}
    if os.environ.get("OPENBLAS_CORETYPE"):
        kernels = {"kernels=" + os.environ["OPENBLAS_CORETYPE"]: os.environ["OPENBLAS_CORETYPE"], **kernels}
    envs = {}
    for blas, threads in {"blas=default": None, "blas=1": "1"}.items():
        for name, core in kernels.items():
            env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
            if core is not None:
                env["OPENBLAS_CORETYPE"] = core
            if threads is not None:
                env["OPENBLAS_NUM_THREADS"] = threads
            envs[f"{blas} {name}"] = env
    return envs


def run(command: list, env=None) -> tuple:
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    match = LAST_LINE.fullmatch(lines[-1]) if lines else None
    if result.returncode != 0 or match is None:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return float(match.group(1)), float(match.group(2))


HANDOFF = re.compile(r"handoff_round_trip_ns=([0-9.]+)")


def ours_command(path: Path) -> list:
    """How to start our benchmark: the JIT build's .dll through dotnet, or a Native AOT executable as it is."""
    return ["dotnet", str(path)] if path.suffix == ".dll" else [str(path)]


def handoff(ours: list) -> float:
    """The cores' round trip in ns (`Generated.Benchmarks handoff`): two-thread figures depend on where the host put the vCPUs."""
    result = subprocess.run(ours + ["handoff"], capture_output=True, text=True, check=False)
    match = HANDOFF.search(result.stdout)
    return float(match.group(1)) if match else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", choices=["mlp", "cnn"])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--torch-data", nargs="+", choices=["float", "bytes"], default=["float"],
                        help="PyTorch's image storage forms to measure (ours trains from bytes; PyTorch's uint8 batches "
                             "read within noise of float32 in every run of 2026-11-22 and 2026-11-23, so float alone by default)")
    parser.add_argument("--ours", type=Path, default=OURS,
                        help="our benchmark: the JIT build's Generated.Benchmarks.dll (the default) or the Native AOT "
                             "executable of benchmarks/Generated.Benchmarks.Native")
    args = parser.parse_args()
    if not args.ours.exists():
        sys.exit(f"{args.ours} is missing: dotnet build -c Release benchmarks/Generated.Benchmarks (or, for --ours, "
                 "dotnet publish benchmarks/Generated.Benchmarks.Native -c Release -r linux-x64 -o artifacts/bench-native)")
    ours_prefix = ours_command(args.ours.resolve())

    common = ["--epochs", str(args.epochs), "--batch", str(args.batch)]
    ours, theirs, handoffs = {}, {}, {}
    for threads in args.threads:
        t = ["--threads", str(threads)]
        for _ in range(args.runs):
            handoffs.setdefault(threads, []).append(handoff(ours_prefix))
            ours.setdefault(threads, []).append(run(ours_prefix + ["train-" + args.model] + t + common))
            for name, env in torch_envs().items():
                for data in args.torch_data:
                    command = [sys.executable, str(HERE / f"train_{args.model}.py")] + t + common + ["--data", data]
                    theirs.setdefault((threads, f"{name} data={data}"), []).append(run(command, env))

    def median(results):
        return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)

    best_key = max(theirs, key=lambda k: median(theirs[k])[0])
    best_torch = median(theirs[best_key])[0]
    print(f"{args.model}: {args.epochs} epochs, batch {args.batch}, median of {args.runs} runs (samples/s; test accuracy)")
    print("| threads | Generated | PyTorch (best BLAS and data setting at these threads) | ratio at these threads | ratio vs PyTorch's best |")
    print("|---:|---:|---:|---:|---:|")
    for threads in args.threads:
        ours_rate, ours_acc = median(ours[threads])
        key = max((k for k in theirs if k[0] == threads), key=lambda k: median(theirs[k])[0])
        torch_rate, torch_acc = median(theirs[key])
        print(f"| {threads} | {ours_rate:,.0f} ({ours_acc:.4f}) | {torch_rate:,.0f} ({torch_acc:.4f}, {key[1]}) | "
              f"{ours_rate / torch_rate:.2f}x | {ours_rate / best_torch:.2f}x |")
    for key in sorted(theirs):
        print(f"PyTorch threads={key[0]} {key[1]}: {median(theirs[key])[0]:,.0f} samples/s")
    print(f"PyTorch's best: {best_torch:,.0f} samples/s at {best_key[0]} thread(s), {best_key[1]}")
    for threads in args.threads:
        rounds = ", ".join(f"{rate:,.0f} at {ns:.0f} ns" for (rate, _), ns in zip(ours[threads], handoffs[threads]))
        print(f"Generated threads={threads} per round, with the cores' round trip measured just before: {rounds}")


if __name__ == "__main__":
    main()
