"""OCR of page images with Tesseract (pytesseract, language "vie"), keeping word boxes.

Preprocessing (Pillow + numpy): drop colored ink (red seals, blue signatures), convert to
grayscale, upscale scans below 140 dpi to 300 dpi, straighten skewed scans; Tesseract then
binarizes with its adaptive Sauvola method. Each step was kept because it lowered the
character error rate in benchmarks/ocr.py; a global Otsu threshold of our own and upscaling
150-200 dpi scans did not, and were dropped. The words are then repaired with Vietnamese
knowledge (:mod:`pipeline.extract.repair`) and the corrections listed in the warnings.

Each Tesseract run uses one thread (OMP_THREAD_LIMIT=1); parallelism comes from running
several pages at once (:class:`OcrQueue`), at most one per CPU across the whole batch
(:func:`share_slots` lets the batch runner hand every worker process the same limit).
"""

from __future__ import annotations

import os
import statistics
import threading
import unicodedata
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pytesseract
from PIL import Image

from pipeline.extract.errors import ExtractionError
from pipeline.extract.layout import layout_blocks
from pipeline.extract.repair import repair_lines, summarize_changes
from pipeline.extract.textout import join_blocks
from pipeline.limits import DEFAULTS, Limits, check_deadline
from pipeline.model import Page, Word

LANG = "vie"
TARGET_DPI = 300
UPSCALE_BELOW_DPI = 140
A4_LONG_SIDE_INCHES = 11.69
MIN_SKEW = 0.3  # degrees; below this, rotating costs more than it helps
_REPAIR_EXAMPLES = 8  # corrections quoted per page in the warnings
_MIN_CONFIDENCE = 30  # below this, words without a letter or digit are noise (specks, seal edges)


class OcrTimeout(ExtractionError):
    """Tesseract did not finish a page within the time limit."""


_slots: threading.Semaphore | None = None  # how many pages may be OCR'd at once, machine-wide


def share_slots(semaphore) -> None:
    """Use ``semaphore`` (e.g. a multiprocessing one shared by all workers) to limit concurrent OCR."""
    global _slots
    _slots = semaphore


def ocr_slots() -> int:
    """How many pages to OCR at once: ``VANBAN_OCR_THREADS`` or the CPU count."""
    return max(1, int(os.environ.get("VANBAN_OCR_THREADS") or os.cpu_count() or 1))


def _run_in_slot(func: Callable[[], Page]) -> Page:
    global _slots
    if _slots is None:
        _slots = threading.BoundedSemaphore(ocr_slots())
    with _slots:
        return func()


class OcrQueue:
    """OCR pages on :func:`ocr_slots` threads; results come back in submission order.

    ``submit`` blocks while too many pages are waiting, so memory holds only a few
    rendered page images however long the document is.
    """

    def __init__(self) -> None:
        self._width = ocr_slots()
        self._pool = ThreadPoolExecutor(max_workers=self._width, thread_name_prefix="ocr")
        self._pending: deque[tuple[int, Future]] = deque()
        self._done: dict[int, Page] = {}
        self._warnings: list[str] = []

    def submit(self, number: int, func: Callable[[], Page]) -> None:
        """Queue ``func``, the OCR of page ``number``."""
        while len(self._pending) > self._width:
            self._collect_oldest()
        self._pending.append((number, self._pool.submit(_run_in_slot, func)))

    def _collect_oldest(self) -> None:
        check_deadline()
        number, future = self._pending.popleft()
        try:
            self._done[number] = future.result()
        except ExtractionError as exc:  # a page Tesseract cannot read (timeout, crash): the page fails alone
            self._warnings.append(f"page {number}: OCR failed ({exc})")

    def finish(self, warnings: list[str]) -> dict[int, Page]:
        """Wait for every page: ``{page number: Page}``; pages that failed are left out, with a warning."""
        while self._pending:
            self._collect_oldest()
        for number, page in sorted(self._done.items()):
            if page.repairs:
                head, *examples = summarize_changes(page.repairs, limit=_REPAIR_EXAMPLES)
                self._warnings.append(f"page {number}: {head} ({'; '.join(examples)})")
        warnings.extend(self._warnings)
        done, self._done, self._warnings = self._done, {}, []
        return done

    def __enter__(self) -> OcrQueue:
        return self

    def __exit__(self, exc_type, *_exc_info) -> None:
        # on an error (a file timeout) the pages being read are abandoned, not waited for
        self._pool.shutdown(wait=exc_type is None, cancel_futures=True)


def check_size(image: Image.Image, max_pixels: int = Limits.max_pixels) -> None:
    """Refuse images over ``max_pixels`` (decompression bombs, absurd scans)."""
    width, height = image.size
    if 0 < max_pixels < width * height:
        raise ExtractionError(f"image too large: {width} x {height} pixels (limit {max_pixels / 1e6:g} MP)")


def _otsu(gray: np.ndarray) -> int:
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    between = (mean[-1] * weight / total - mean) ** 2 / np.maximum(weight * (total - weight), 1e-9)
    return int(np.argmax(between))


def estimate_skew(gray: np.ndarray, limit: float = 5.0) -> float:
    """The rotation in degrees (counter-clockwise) that makes the text lines horizontal.

    The ink mask of a downscaled copy is rotated over candidate angles; straight lines of
    text give the sharpest row profile. Coarse steps of 0.5 degree, then 0.1.
    """
    ink = gray < _otsu(gray)
    step = max(1, round(max(ink.shape) / 1200))
    small = Image.fromarray((ink[::step, ::step] * 255).astype(np.uint8), "L")
    if np.count_nonzero(ink[::step, ::step]) < 500:  # blank page: nothing to measure
        return 0.0

    def sharpness(angle: float) -> float:
        rows = np.asarray(small.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-limit, limit + 0.01, 0.5), key=sharpness)
    best = max(np.arange(best - 0.4, best + 0.41, 0.1), key=sharpness)
    return round(float(best), 2)


def _straighten(gray: np.ndarray) -> np.ndarray:
    angle = estimate_skew(gray)
    if abs(angle) < MIN_SKEW:
        return gray
    rotated = Image.fromarray(gray, "L").rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return np.asarray(rotated)


def preprocess(image: Image.Image, dpi: float | None = None,
               max_pixels: int = Limits.max_pixels) -> tuple[Image.Image, float, int]:
    """Image -> (grayscale image for Tesseract, scale factor applied to it, its resolution in dpi).

    ``dpi`` is the scan resolution when known; otherwise it is guessed from an A4 page size.
    """
    check_size(image, max_pixels)
    if image.mode not in ("RGB", "L"):  # palette, alpha, CMYK, 16-bit: flatten onto white
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    if image.mode == "RGB":
        rgb = np.asarray(image, dtype=np.int16)
        saturation = rgb.max(axis=2) - rgb.min(axis=2)
        gray = (0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]).astype(np.uint8)
        gray[saturation > 60] = 255  # colored ink: seals, signatures, highlights
    else:
        gray = np.asarray(image, dtype=np.uint8)
    if not dpi or dpi < 50:
        dpi = max(gray.shape) / A4_LONG_SIDE_INCHES
    scale = 1.0
    if dpi < UPSCALE_BELOW_DPI:
        scale = min(TARGET_DPI / dpi, 4.0, (max_pixels / gray.size) ** 0.5 if max_pixels > 0 else 4.0)
    out = Image.fromarray(gray, "L")
    if scale > 1.01:
        out = out.resize((round(out.width * scale), round(out.height * scale)), Image.Resampling.LANCZOS)
    else:
        scale = 1.0
    return Image.fromarray(_straighten(np.asarray(out)), "L"), scale, round(dpi * scale)


def run_tesseract(image: Image.Image, dpi: int = TARGET_DPI, timeout: float = Limits.page_timeout,
                  psm: int = 3) -> dict:
    """``image_to_data`` with one Tesseract thread; errors become :class:`ExtractionError`.

    ``psm`` is Tesseract's page segmentation mode: 3 finds the layout, 6 reads one block of text;
    ``timeout`` 0 waits as long as Tesseract takes.
    """
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        return pytesseract.image_to_data(
            image, lang=LANG, config=f"--oem 1 --psm {psm} --dpi {dpi} -c thresholding_method=2",
            output_type=pytesseract.Output.DICT, timeout=max(timeout, 0),
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise ExtractionError("tesseract is not installed or not on PATH") from exc
    except pytesseract.TesseractError as exc:
        raise ExtractionError(f"tesseract failed: {exc}") from exc
    except RuntimeError as exc:  # pytesseract reports its timeout as RuntimeError
        if "timeout" in str(exc).lower():
            raise OcrTimeout(f"OCR timed out after {timeout:g} s") from exc
        raise


def ocr_page(image: Image.Image, number: int, dpi: float | None = None, unit_scale: float = 1.0,
             limits: Limits = DEFAULTS) -> Page:
    """OCR one page image into a :class:`Page` (method "ocr").

    Word boxes are divided by ``unit_scale`` (e.g. 300/72 to express them in PDF points);
    ``Page.confidence`` is the mean word confidence, 0-100. Regions that Tesseract's page
    layout takes for pictures (a seal stamped over the signer's title and name) are read
    again as plain blocks of text. ``limits`` gives the largest image and Tesseract's time per page.
    """
    prepared, scale, effective_dpi = preprocess(image, dpi, limits.max_pixels)
    timeout = limits.page_timeout
    data = run_tesseract(prepared, effective_dpi, timeout)
    lines = _word_lines(data)
    for left, top, width, height in _wordless_blocks(data, min_side=effective_dpi / 2):
        crop = prepared.crop((left, top, left + width, top + height))
        extra = _word_lines(run_tesseract(crop, effective_dpi, timeout, psm=6), offset=(left, top))
        lines.update({("reread", left, top, *key): line for key, line in extra.items()})
    factor = scale * unit_scale
    repaired, repairs = repair_lines([[_scaled(w, factor) for w in line] for line in lines.values()])
    words = [w for line in repaired for w in line]
    return Page(
        number=number,
        text=join_blocks(layout_blocks(repaired)),
        method="ocr",
        words=words,
        confidence=round(statistics.fmean(w.confidence for w in words), 2) if words else None,
        width=image.width / unit_scale,
        height=image.height / unit_scale,
        repairs=repairs,
    )


def _word_lines(data: dict, offset: tuple[int, int] = (0, 0)) -> dict[tuple, list[Word]]:
    """Tesseract's words grouped by (block, paragraph, line), boxes in pixels of the full page."""
    lines: dict[tuple, list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        if _is_speck(text, conf):
            continue
        x, y = data["left"][i] + offset[0], data["top"][i] + offset[1]
        box = (x, y, x + data["width"][i], y + data["height"][i])
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(Word(text, box, round(conf, 1)))
    return lines


def _wordless_blocks(data: dict, min_side: float) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, width, height) of layout blocks at least ``min_side`` pixels each way with no word."""
    blocks = {data["block_num"][i]: i for i in range(len(data["level"])) if data["level"][i] == 2}
    with_words = {data["block_num"][i] for i, t in enumerate(data["text"]) if (t or "").strip()}
    return [
        (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
        for block, i in blocks.items()
        if block not in with_words and min(data["width"][i], data["height"][i]) >= min_side
    ]


def _is_speck(token: str, confidence: float) -> bool:
    """Noise read as text: a lone accent-like mark ("ˆ", "ʻ", "`"), or a low-confidence token without
    a letter or digit (seal edges). Dashes, bullets and "/." endings stay."""
    if len(token) == 1 and unicodedata.category(token) in ("Lm", "Sk", "Mn"):
        return True
    return confidence < _MIN_CONFIDENCE and not any(c.isalnum() for c in token)


def _scaled(word: Word, factor: float) -> Word:
    return Word(word.text, tuple(v / factor for v in word.box), word.confidence)
