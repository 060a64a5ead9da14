"""Benchmark: what the runner's input ledger costs per input (memory, time), for archives of millions of files.

    .venv/bin/python benchmarks/inputs.py --sizes 100000 1000000

For each size N a ledger (pipeline.run.inputs) is filled with N synthetic inputs (names like an archive's,
a hash each, every tenth a duplicate), then read back as the runner reads it: the contents to process, then
the manifest rows. Printed per size: seconds to add, to list the contents, to list the rows, the ledger's
size on disk, and the growth of the process's resident memory from before the ledger to its peak, sampled
every 0.05 s. Asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

import psutil

from pipeline.run.inputs import InputLedger


def _sampled(work) -> tuple[float, int]:
    """Seconds of ``work()`` and the highest RSS growth (bytes) while it ran."""
    process, peak, done = psutil.Process(), [0], threading.Event()
    base = process.memory_info().rss

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], process.memory_info().rss - base)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return seconds, peak[0]


def measure(n: int, folder: Path) -> None:
    ledger = InputLedger(folder / ".tmp-inputs.sqlite")
    times: dict[str, float] = {}

    def fill() -> None:
        started = time.perf_counter()
        for i in range(n):
            k = i - i % 10 if i % 10 == 9 else i  # every tenth file repeats an earlier content
            rel = f"so-{i // 1000:04d}/van-ban-{i:08d}.pdf"
            ledger.add(rel, f"{k:064x}", f"/archive/{rel}")
        ledger.seal()
        times["add"] = time.perf_counter() - started
        started = time.perf_counter()
        contents = sum(1 for _ in ledger.contents())
        times["contents"] = time.perf_counter() - started
        started = time.perf_counter()
        rows = sum(1 for _ in ledger.rows())
        times["rows"] = time.perf_counter() - started
        assert rows == n and contents == ledger.distinct()

    _, growth = _sampled(fill)
    size = ledger.path.stat().st_size
    ledger.close()
    print(f"{n:>10,} inputs: add {times['add']:.1f} s, contents {times['contents']:.1f} s, rows {times['rows']:.1f} s; "
          f"{size / 2**20:.0f} MiB on disk; RSS growth {growth / 2**20:.1f} MiB ({growth / n:.1f} B per input)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            measure(n, Path(folder))


if __name__ == "__main__":
    main()
