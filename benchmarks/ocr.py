"""Benchmark of the OCR path: accuracy (CER), throughput against the tesseract CLI, peak memory.

    .venv/bin/python benchmarks/ocr.py [--corpus ../shared/corpus] [--workers 2] [--skip-throughput]

(a) Character error rate on pages with a known text: pages rendered from the seed letter at
    300/200/150 dpi with noise, skew and a red seal, and the real page that ocr_outputs/
    transcribes (QĐ 3467/QĐ-BYT page 1, five VLM transcriptions). Each page is read three
    ways: vanban's OCR (preprocessing + Tesseract), Tesseract on the raw image through
    pytesseract, and the plain ``tesseract IMG - -l vie`` command line.
(b) Pages per second of ``vanban run`` on the scanned PDFs of the corpus against the CLI run
    page by page, sequentially, on the same pages rendered at 300 dpi (rendering not timed
    for the CLI, timed for vanban).
(c) Peak resident memory of the ``vanban run`` processes.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytesseract
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.pages import REPO, cer, page_lines, render_page, seed_paragraphs  # noqa: E402
from pipeline.extract.ocr import ocr_page  # noqa: E402

RENDERED = [  # (label, dpi, noise sigma, skew degrees, red seal)
    ("300 dpi clean", 300, 0, 0.0, False),
    ("300 dpi noisy, skew 2.0, seal", 300, 10, 2.0, True),
    ("200 dpi noisy", 200, 8, 0.0, False),
    ("150 dpi noisy, seal", 150, 12, 0.0, True),
    ("150 dpi noisy, skew 1.5, seal", 150, 12, 1.5, True),
]
REAL_PAGE = "img/johnpa_sample_ocr_page_0001.png"
REAL_REFERENCES = "ocr_outputs/johnpa_sample_ocr*_page_0001.md"


def cli_text(image_path: Path) -> str:
    """``tesseract IMG - -l vie`` as a user would type it (default threading)."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    proc = subprocess.run(["tesseract", str(image_path), "-", "-l", "vie"], capture_output=True, text=True, env=env)
    return proc.stdout


def raw_pytesseract(image: Image.Image) -> str:
    """Tesseract on the unprocessed image, to show what preprocessing adds."""
    return pytesseract.image_to_string(image.convert("RGB"), lang="vie")


def _reference_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^# Page .*$", "", text, flags=re.M)  # the transcriber's own title line
    return re.sub(r"^[_\-]{3,}\s*$", "", text, flags=re.M)  # rule lines are drawn, not written


def accuracy(corpus: Path | None, tmp: Path) -> None:
    print("(a) character error rate, % (lower is better)")
    print(f"  {'page':34} {'vanban':>8} {'raw pyt.':>9} {'CLI':>7}")
    lines = page_lines(seed_paragraphs())
    reference = "\n".join(lines)
    for label, dpi, noise, skew, seal in RENDERED:
        image = render_page(lines, dpi, noise=noise, skew=skew, seal=seal)
        path = tmp / f"rendered_{dpi}_{noise}_{skew}_{seal}.png"
        image.save(path, dpi=(dpi, dpi))
        ours = cer(reference, ocr_page(image, 1, dpi=dpi).text)
        raw, cli = cer(reference, raw_pytesseract(image)), cer(reference, cli_text(path))
        print(f"  {label:34} {ours * 100:8.2f} {raw * 100:9.2f} {cli * 100:7.2f}")
    if corpus is None or not (corpus / REAL_PAGE).is_file():
        print("  (real page skipped: ../shared/corpus not found)")
        return
    image = Image.open(corpus / REAL_PAGE)
    texts = {
        "vanban": ocr_page(image, 1).text,
        "raw pyt.": raw_pytesseract(image),
        "CLI": cli_text(corpus / REAL_PAGE),
    }
    refs = sorted(corpus.glob(REAL_REFERENCES))
    scores = {name: [cer(_reference_text(r), text) for r in refs] for name, text in texts.items()}
    row = " ".join(f"{statistics.median(s) * 100:{w}.2f}" for s, w in zip(scores.values(), (8, 9, 7), strict=True))
    print(f"  {'real scan QĐ 3467 p.1 (median of ' + str(len(refs)) + ')':34} {row}")
    print("  (the real page's references are VLM transcriptions with their own layout; CER includes reading order)")


def _scanned_pdfs(corpus: Path) -> list[Path]:
    """PDFs of the corpus without a usable text layer on their first page."""
    import pdfplumber

    from pipeline.extract.pdf import text_layer_problem

    found = []
    for path in sorted((corpus / "pdf").glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            if text_layer_problem([w["text"] for w in pdf.pages[0].extract_words()]) is not None:
                found.append(path)
    return found


def throughput(corpus: Path, tmp: Path, workers: int) -> None:
    pdfs = _scanned_pdfs(corpus)
    print(f"(b) throughput on the scanned PDFs: {', '.join(p.name for p in pdfs)}")
    images: list[Path] = []
    for pdf in pdfs:
        subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp / pdf.stem)], check=True)
        images.extend(sorted(tmp.glob(f"{pdf.stem}*.png")))
    started = time.perf_counter()
    for image in images:
        cli_text(image)
    cli_seconds = time.perf_counter() - started
    folder = tmp / "scans"
    folder.mkdir()
    for pdf in pdfs:
        (folder / pdf.name).symlink_to(pdf)
    out = tmp / "out"
    command = [sys.executable, "-m", "pipeline.cli", "run", str(folder), "--out", str(out), "--quiet",
               "--workers", str(workers)]
    ours_seconds, peak = _measured(command)
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    pages = sum(r.get("pages", 0) for r in rows)
    print(f"  tesseract CLI, page by page: {len(images)} pages in {cli_seconds:.1f} s = "
          f"{len(images) / cli_seconds:.3f} pages/s")
    print(f"  vanban run --workers {workers}: {pages} pages in {ours_seconds:.1f} s = "
          f"{pages / ours_seconds:.3f} pages/s (includes rendering, structure and nlp)")
    print(f"  speed-up: {cli_seconds / len(images) / (ours_seconds / pages):.2f}x")
    print(f"(c) peak RSS of vanban run (largest of its processes, tesseract included): {peak:.0f} MiB")


def _measured(command: list[str]) -> tuple[float, float]:
    """Run ``command`` in a wrapper process; (wall seconds, peak RSS in MiB of it and its descendants)."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "subprocess.run(sys.argv[1:], check=True); "
               "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", wrapper, *command], check=True, cwd=REPO,
                         capture_output=True, text=True).stdout.split()
    return float(out[-2]), float(out[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    corpus = args.corpus if args.corpus.is_dir() else None
    print(f"cores: {os.cpu_count()}  tesseract: {pytesseract.get_tesseract_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        accuracy(corpus, Path(tmp))
        if corpus is not None and not args.skip_throughput:
            throughput(corpus, Path(tmp), args.workers)


if __name__ == "__main__":
    main()
