"""Soak test: `vanban run --workers 2` over a mixed archive for M minutes; throughput, failures, memory over time.

    .venv/bin/python benchmarks/soak.py --minutes 20 [--workers 2] [--keep DIR]

The archive mixes synthetic text documents (:func:`benchmarks.scale.make_archive`: real dev
letters, decisions and plans, each varied so its content hash is new), the PDFs and page scans
of ../shared/corpus when present, and 10 % bad files (:func:`tests.robustness.badfiles.write_bad_files`:
corrupt, encrypted, bombs, wrong extensions, odd names and encodings, links), spread over rounds so
that the whole run, not only its start, meets every kind.

One long process, not many short ones: the archive is sized from a calibration run of 90 s
over synthetic texts and bad files (files per second once the workers are warm), so that the
per-file phase of a single ``vanban run`` lasts about M minutes; the archive outputs follow.
A leak or a slowly growing worker only shows in a process that lives long, which successive
short batches would hide (each starts new workers).

While it runs, the RSS of the whole process tree (runner, workers, Tesseract) is sampled
every 2 s. Printed: files per minute, failures by reason, peak memory per minute, the growth
of the peak after minute 5 (acceptance: within 10 %), and whether every input file appears
exactly once in the manifest. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.scale import make_archive, process_tree  # noqa: E402
from tests.robustness.badfiles import write_bad_files  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus"
SAMPLE_SECONDS = 2.0
CALIBRATION_SECONDS = 90
BAD_SHARE = 0.10


def build_archive(folder: Path, texts: int, real: bool = True) -> int:
    """``texts`` synthetic documents, the real PDFs and scans of ../shared (``real``), and 10 % bad files, spread
    over rounds ``r000/``, ``r001/``... (one set of bad files each), so that every part of the run meets all
    three kinds; return the number of inputs."""
    make_archive(folder / "texts", texts, max_chars=16000)
    reals = [p for kind in ("pdf", "img") if real and (SHARED / kind).is_dir()
             for p in sorted((SHARED / kind).iterdir()) if p.is_file()]
    per_round = len(write_bad_files(folder / "r000" / "bad", big_text_mb=5))
    rounds = max(1, round(BAD_SHARE * (texts + len(reals)) / ((1 - BAD_SHARE) * per_round)))
    for r in range(1, rounds):
        write_bad_files(folder / f"r{r:03d}" / "bad", big_text_mb=5)
        _unique_bad_contents(folder / f"r{r:03d}" / "bad", r)
    for i, path in enumerate(sorted((folder / "texts").iterdir())):
        target = folder / f"r{i % rounds:03d}" / "texts"
        target.mkdir(parents=True, exist_ok=True)
        path.rename(target / path.name)
    (folder / "texts").rmdir()
    for i, path in enumerate(reals):
        target = folder / f"r{i % rounds:03d}" / "real"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target / path.name)
    return sum(1 for _ in _inputs(folder))


def _unique_bad_contents(folder: Path, round_number: int) -> None:
    """A round's bad files after the first would be duplicates (skipped from cache): mark their text files."""
    for path in folder.iterdir():
        if path.is_file() and not path.is_symlink() and path.suffix in (".txt", ".md") and path.stat().st_size:
            with path.open("ab") as f:
                f.write(f"\nround {round_number}\n".encode())


def _inputs(folder: Path):
    return (p for p in folder.rglob("*") if p.is_symlink() or p.is_file())


def soak(archive: Path, out: Path, workers: int, seconds_cap: float | None = None) -> dict:
    """Run `vanban run` on ``archive`` as a subprocess; sample its tree; return the samples and the summary line.

    A sample is (seconds, MiB of the tree, whether workers are alive, files done so far: cache entries)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", str(archive), "--out", str(out), "--quiet",
                             "--workers", str(workers)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    samples: list[tuple[float, float, bool, int]] = []
    while proc.poll() is None:
        tree = process_tree(proc.pid)
        working = any(parent != proc.pid for _, parent, _ in tree[1:])  # workers: children of the forkserver
        done = sum(1 for _ in (out / "cache").rglob("*.json")) if working and (out / "cache").is_dir() else 0
        samples.append((time.perf_counter() - started, sum(rss for *_, rss in tree) / 2**20, working, done))
        if seconds_cap and samples[-1][0] > seconds_cap:
            proc.terminate()
        time.sleep(SAMPLE_SECONDS)
    stdout, stderr = proc.communicate()
    return {"samples": samples, "seconds": time.perf_counter() - started,
            "line": (stdout.strip().splitlines() or stderr.strip().splitlines() or [""])[-1]}


def calibrate(root: Path, workers: int) -> float:
    """Files per second over texts and bad files once the workers are warm (the first 30 s are start-up)."""
    archive = root / "calibration"
    build_archive(archive, 1000, real=False)
    out = root / "calibration-out"
    samples = soak(archive, out, workers, seconds_cap=CALIBRATION_SECONDS)["samples"]
    shutil.rmtree(out, ignore_errors=True)
    warm = [(t, done) for t, _, working, done in samples if working and t >= 30]
    if len(warm) < 2 or warm[-1][1] <= warm[0][1]:
        return 1.0
    return (warm[-1][1] - warm[0][1]) / (warm[-1][0] - warm[0][0])


def report(archive: Path, out: Path, run: dict) -> None:
    """Print the figures of a soak run."""
    samples, seconds = run["samples"], run["seconds"]
    names = (p.relative_to(archive).as_posix() for p in _inputs(archive))  # as the manifest writes them:
    inputs = sorted(n.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") for n in names)
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").open(encoding="utf-8")]
    paths = Counter(e["path"] for e in manifest)
    print(run["line"])
    print(f"{len(manifest)} files in {seconds / 60:.1f} min: {len(manifest) / (seconds / 60):.0f} files per minute")
    statuses = Counter(e["status"] for e in manifest)
    print("statuses:", ", ".join(f"{n} {s}" for s, n in statuses.most_common()))
    reasons = Counter((e["error"] or "")[:90] for e in manifest if e["status"] == "failed")
    print("failures by reason:")
    for reason, n in reasons.most_common():
        print(f"  {n:5d}  {reason}")
    working = [t for t, _, alive, _ in samples if alive]
    if working:
        print(f"per-file phase (workers alive): {working[0] / 60:.1f} to {working[-1] / 60:.1f} min; "
              f"then the archive outputs (graph, tables, search) by the runner alone")
    minutes: dict[int, float] = {}
    for t, mib, *_ in samples:
        minutes[int(t // 60)] = max(minutes.get(int(t // 60), 0.0), mib)
    print("peak MiB per minute:", " ".join(f"{m}:{v:.0f}" for m, v in sorted(minutes.items())))
    settled = [v for m, v in minutes.items() if m >= 5]
    if len(settled) >= 2:
        growth = max(settled) / minutes[5] - 1
        print(f"memory growth after minute 5: {growth:+.1%} ({'within' if growth <= 0.10 else 'OVER'} 10 %)")
    elif len(minutes) > 2:  # a short run: the same figure from minute 1
        growth = max(v for m, v in minutes.items() if m >= 1) / minutes[1] - 1
        print(f"run shorter than 6 minutes: memory growth after minute 1: {growth:+.1%}")
    once = all(paths[p] == 1 for p in inputs) and set(paths) == set(inputs)
    print(f"every input exactly once in the manifest: {'yes' if once else 'NO'} "
          f"({len(inputs)} inputs, {len(paths)} manifest paths, {sum(n > 1 for n in paths.values())} repeated)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write archive and outputs here instead of a temporary folder")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="vanban-soak-"))
    try:
        rate = calibrate(root, args.workers)
        size = max(50, round(rate * args.minutes * 60))  # the per-file phase lasts about M minutes
        print(f"calibration: {rate:.2f} files/s -> archive of about {size} files for {args.minutes:g} min", flush=True)
        archive = root / "archive"
        total = build_archive(archive, round(size * (1 - BAD_SHARE)))
        print(f"archive: {total} files -> {archive}", flush=True)
        run = soak(archive, root / "out", args.workers)
        report(archive, root / "out", run)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
