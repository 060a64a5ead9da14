"""Benchmark at scale: throughput and peak memory of `vanban run` on a synthetic archive of N documents.

    .venv/bin/python benchmarks/scale.py --sizes 1000 10000 --workers 1 2 [--max-chars 16000] [--keep DIR]

The archive is made from real dev documents (corpus/seed and ../shared/corpus/text, those of at
most ``--max-chars`` characters: letters, decisions, plans; the long laws would make a 10k run
last hours): variant k of a document shifts its years, renumbers its symbols ("3645/UBND-KGVX"),
moves its days of the month and puts other provinces in place of the ones it names, each
consistently through the text, so every file is a distinct document (distinct content hash:
nothing comes from the cache). Each size is written once to a temporary folder and run with each
worker count into a fresh output, as a subprocess whose process tree (the runner and its workers)
is sampled every 0.2 s with psutil.

Printed per run: files, documents, wall time, documents per second, peak RSS of the whole tree,
and the peaks of the two phases: per-file work (runner + worker pool) and the whole-archive
outputs after it (graph, tables, search: the runner, with an idle forkserver). Memory is flat when the peak at the
largest size stays within 20% of the peak at the smallest. Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "corpus" / "seed", REPO.parent / "shared" / "corpus" / "text"]
SUFFIXES = {".txt", ".md", ".html"}
SAMPLE_SECONDS = 0.2

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_SYMBOL_NUMBER = re.compile(r"(?<![\d/])(\d{1,5})(?=\s*/\s*(?:(?:19|20)\d\d/)?[A-ZĐ])")
_DAY = re.compile(r"(?<=ngày )(\d{1,2})(?= tháng)")


def provinces() -> list[str]:
    """Province names of models/provinces.tsv (two syllables or more, so no short false matches)."""
    rows = (line.split("\t") for line in (REPO / "models" / "provinces.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "id\t")))
    return sorted({r[1] for r in rows if len(r[1].split()) >= 2}, key=len, reverse=True)


def vary(text: str, k: int, names: list[str]) -> str:
    """Variant ``k`` of a document: years, symbol numbers, days and provinces replaced consistently."""
    if k == 0:
        return text
    shift = k % 5 - 2 or 3
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    text = _SYMBOL_NUMBER.sub(lambda m: str(int(m.group(1)) + 1000 * k), text)
    text = _DAY.sub(lambda m: f"{(int(m.group(1)) - 1 + k) % 28 + 1:02d}", text)
    named = [n for n in names if n in text or n.upper() in text]
    others = [n for n in names if n not in named]
    mapping = {n: others[(k * 7 + i) % len(others)] for i, n in enumerate(named)}
    if mapping:
        pattern = re.compile("|".join(re.escape(x) for n in mapping for x in (n, n.upper())))
        upper = {n.upper(): m.upper() for n, m in mapping.items()}
        text = pattern.sub(lambda m: mapping.get(m.group(0)) or upper[m.group(0)], text)
    return text


def make_archive(folder: Path, n: int, max_chars: int) -> int:
    """Write ``n`` distinct documents under ``folder``; return how many base documents they vary."""
    bases = [p for src in SOURCES if src.is_dir() for p in sorted(src.iterdir())
             if p.suffix in SUFFIXES and p.stat().st_size <= max_chars * 4]
    bases = [(p, t) for p in bases if len(t := p.read_text(encoding="utf-8")) <= max_chars]
    names = provinces()
    folder.mkdir(parents=True)
    seen: set[str] = set()
    written, k = 0, 0
    while written < n:
        for path, text in bases:
            variant = vary(text, k, names)
            digest = hashlib.sha256(variant.encode()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            (folder / f"{written:06d}_v{k}_{path.name}").write_text(variant, encoding="utf-8")
            written += 1
            if written == n:
                break
        k += 1
    return len(bases)


def process_tree(pid: int) -> list[tuple[int, int, int]]:
    """(pid, parent pid, RSS bytes) of a process and all its descendants."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []
    out = []
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            out.append((p.pid, p.ppid(), p.memory_info().rss))
    return out


@dataclass
class Figures:
    """One run: size, workers, counts, wall time, peaks (MiB) of the tree and of each phase."""

    size: int
    workers: int
    files: int = 0
    documents: int = 0
    seconds: float = 0.0
    files_seconds: float = 0.0
    peak: float = 0.0
    peak_files: float = 0.0
    peak_archive: float = 0.0
    summary: str = ""


def measure(archive: Path, out: Path, size: int, workers: int) -> Figures:
    """Run `vanban run` on ``archive`` as a subprocess and sample its process tree until it ends."""
    fig = Figures(size=size, workers=workers)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", str(archive), "--out", str(out), "--quiet",
                             "--workers", str(workers)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    pool_seen = False
    while proc.poll() is None:
        tree = process_tree(proc.pid)
        total = sum(rss for *_, rss in tree) / 2**20
        fig.peak = max(fig.peak, total)
        if any(parent != proc.pid for _, parent, _ in tree[1:]):  # workers: children of the forkserver
            pool_seen = True
            fig.peak_files = max(fig.peak_files, total)
            fig.files_seconds = time.perf_counter() - started
        elif pool_seen:
            fig.peak_archive = max(fig.peak_archive, total)
        time.sleep(SAMPLE_SECONDS)
    stdout, stderr = proc.communicate()
    fig.seconds = time.perf_counter() - started
    fig.summary = (stdout.strip().splitlines() or stderr.strip().splitlines() or [""])[-1]
    fig.files = sum(1 for _ in (out / "manifest.jsonl").open())
    fig.documents = sum(1 for _ in (out / "documents.jsonl").open())
    return fig


HEADER = (f"{'N':>6} {'workers':>7} {'files':>6} {'docs':>6} {'wall s':>8} {'docs/s':>7} {'per-file s':>10} "
          f"{'peak MiB':>9} {'files MiB':>9} {'archive MiB':>11}")


def row(f: Figures) -> str:
    """One line of the table."""
    return (f"{f.size:>6} {f.workers:>7} {f.files:>6} {f.documents:>6} {f.seconds:>8.1f} "
            f"{f.documents / f.seconds:>7.2f} {f.files_seconds:>10.1f} {f.peak:>9.0f} {f.peak_files:>9.0f} "
            f"{f.peak_archive:>11.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--max-chars", type=int, default=16000, help="longest base document (characters)")
    parser.add_argument("--keep", type=Path, help="write archives and outputs here instead of a temporary folder")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="vanban-scale-"))
    rows: list[Figures] = []
    try:
        for size in args.sizes:
            archive = root / f"archive-{size}"
            bases = make_archive(archive, size, args.max_chars)
            print(f"N={size}: {bases} base documents -> {archive}", flush=True)
            for workers in args.workers:
                rows.append(measure(archive, root / f"out-{size}-w{workers}", size, workers))
                print(f"  {rows[-1].summary}\n{HEADER}\n{row(rows[-1])}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(HEADER)
    print("\n".join(row(f) for f in rows))
    for workers in args.workers:
        runs = sorted((f for f in rows if f.workers == workers), key=lambda f: f.size)
        if len(runs) > 1:
            small, large = runs[0], runs[-1]
            growth = large.peak / small.peak - 1
            print(f"workers={workers}: peak at N={large.size} is {growth:+.0%} of the peak at N={small.size} "
                  f"({'flat' if growth <= 0.2 else 'grows'})")


if __name__ == "__main__":
    main()
