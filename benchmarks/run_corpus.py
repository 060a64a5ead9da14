"""Benchmark: wall time, files per second and peak memory of `vanban run` over a folder.

    .venv/bin/python benchmarks/run_corpus.py [FOLDER] [--workers N]

Runs twice into a fresh temporary output: cold (everything processed) and warm (all from
cache). Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(folder: Path, out: Path, workers: int) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out),
                           "--quiet", "--workers", str(workers)], capture_output=True, text=True, cwd=REPO)
    return time.perf_counter() - started, proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path, nargs="?", default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        cold, line = _run(args.folder, out, args.workers)
        warm, _ = _run(args.folder, out, args.workers)
        rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
        methods = Counter(r.get("method") for r in rows if r["status"] == "ok")
        ocr_pages = sum(r.get("pages", 0) for r in rows if r.get("method") in ("ocr", "mixed"))
        docs = sum(1 for _ in (out / "documents.jsonl").open())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"folder: {args.folder}  workers: {args.workers}")
    print(f"summary: {line}")
    print(f"files: {len(rows)}  documents: {docs}  methods: {dict(methods)}  OCR pages: {ocr_pages}")
    print(f"cold run: {cold:.1f} s ({len(rows) / cold:.2f} files/s)   warm run (cache): {warm:.1f} s")
    print(f"peak RSS of one process (max over children): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
