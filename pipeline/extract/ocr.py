"""OCR of page images with Tesseract (pytesseract, language "vie"), keeping word boxes.

Preprocessing (Pillow + numpy): drop colored ink (red seals, blue signatures), convert to
grayscale, upscale low-resolution scans to about 300 dpi, binarize with Otsu's threshold.
"""

from __future__ import annotations

import os
import statistics

import numpy as np
import pytesseract
from PIL import Image

from pipeline.extract.errors import ExtractionError
from pipeline.extract.layout import layout_blocks
from pipeline.extract.textout import join_blocks
from pipeline.model import Page, Word

LANG = "vie"
TARGET_DPI = 300
MAX_PIXELS = 100_000_000
PAGE_TIMEOUT = 120  # seconds of Tesseract per page
A4_LONG_SIDE_INCHES = 11.69
_MIN_CONFIDENCE = 30  # below this, words without a letter or digit are noise (specks, seal edges)


class OcrTimeout(ExtractionError):
    """Tesseract did not finish a page within the time limit."""


def check_size(image: Image.Image) -> None:
    """Refuse images over :data:`MAX_PIXELS` (decompression bombs, absurd scans)."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ExtractionError(f"image too large: {width} x {height} pixels (limit {MAX_PIXELS // 1_000_000} MP)")


def _otsu(gray: np.ndarray) -> int:
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    between = (mean[-1] * weight / total - mean) ** 2 / np.maximum(weight * (total - weight), 1e-9)
    return int(np.argmax(between))


def preprocess(image: Image.Image, dpi: float | None = None) -> tuple[Image.Image, float]:
    """Image -> (binarized grayscale image for Tesseract, scale factor applied to it).

    ``dpi`` is the scan resolution when known; otherwise it is guessed from an A4 page size.
    """
    check_size(image)
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
    if dpi < TARGET_DPI * 0.85:
        scale = min(TARGET_DPI / dpi, 4.0, (MAX_PIXELS / gray.size) ** 0.5)
    out = Image.fromarray(gray, "L")
    if scale > 1.01:
        out = out.resize((round(out.width * scale), round(out.height * scale)), Image.Resampling.LANCZOS)
    else:
        scale = 1.0
    arr = np.asarray(out)
    threshold = _otsu(arr)
    return Image.fromarray(np.where(arr > threshold, 255, 0).astype(np.uint8), "L"), scale


def run_tesseract(image: Image.Image, timeout: float = PAGE_TIMEOUT) -> dict:
    """``image_to_data`` with one Tesseract thread; errors become :class:`ExtractionError`."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        return pytesseract.image_to_data(
            image, lang=LANG, config=f"--oem 1 --psm 3 --dpi {TARGET_DPI}",
            output_type=pytesseract.Output.DICT, timeout=timeout,
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
             timeout: float = PAGE_TIMEOUT) -> Page:
    """OCR one page image into a :class:`Page` (method "ocr").

    Word boxes are divided by ``unit_scale`` (e.g. 300/72 to express them in PDF points);
    ``Page.confidence`` is the mean word confidence, 0-100.
    """
    prepared, scale = preprocess(image, dpi)
    data = run_tesseract(prepared, timeout)
    factor = scale * unit_scale
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        if conf < _MIN_CONFIDENCE and not any(c.isalnum() for c in text):
            continue
        x, y, w, h = (data[k][i] / factor for k in ("left", "top", "width", "height"))
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(Word(text, (x, y, x + w, y + h), round(conf, 1)))
    words = [w for line in lines.values() for w in line]
    return Page(
        number=number,
        text=join_blocks(layout_blocks(list(lines.values()))),
        method="ocr",
        words=words,
        confidence=round(statistics.fmean(w.confidence for w in words), 2) if words else None,
        width=image.width / unit_scale,
        height=image.height / unit_scale,
    )
