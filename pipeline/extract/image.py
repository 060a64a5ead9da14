"""Page scans (.png, .jpg, .jpeg, .tif, .tiff): one OCR'd page per image frame."""

from __future__ import annotations

import warnings as _warnings
from functools import partial
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.extract.errors import ExtractionError
from pipeline.extract.ocr import OcrQueue, check_size, ocr_page
from pipeline.limits import DEFAULTS, Limits, check_deadline
from pipeline.model import Extraction, Page


def _dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        return float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None


def extract_image(path: Path, limits: Limits = DEFAULTS) -> Extraction:
    """OCR every frame of an image file (multi-page TIFF gives several pages); method "ocr".

    A file of more than ``limits.max_pages`` frames, or a frame over ``limits.max_pixels``, fails.
    """
    warnings: list[str] = []
    pages: list[Page] = []
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # check_size decides
            image = Image.open(path)
            frames = getattr(image, "n_frames", 1)  # a TIFF's pages, counted before any is decoded
    except Image.DecompressionBombError as exc:  # over twice Pillow's own limit: refused before reading
        raise ExtractionError(f"image too large (decompression bomb): {exc}") from exc
    except UnidentifiedImageError as exc:
        raise ExtractionError("not a readable image (unknown or corrupt format)") from exc
    except (OSError, EOFError, ValueError) as exc:
        raise ExtractionError(f"unreadable image: {exc}") from exc
    if 0 < limits.max_pages < frames:
        image.close()
        raise ExtractionError(f"too many pages: {frames} (limit {limits.max_pages})")
    with image, OcrQueue() as queue:
        for index, frame in enumerate(ImageSequence.Iterator(image), start=1):
            check_deadline()
            check_size(frame, limits.max_pixels)
            try:
                frame.load()
            except OSError as exc:  # truncated / corrupt image data
                if index == 1:
                    raise ExtractionError(f"corrupt or truncated image: {exc}") from exc
                warnings.append(f"page {index}: corrupt image data, skipped ({exc})")
                break
            dpi = _dpi(frame) or _dpi(image)
            if dpi is None:
                warnings.append(f"page {index}: resolution unknown, assumed an A4 page")
            size = {"width": frame.width, "height": frame.height}
            pages.append(Page(number=index, text="", method="failed", **size))  # until its OCR comes back
            queue.submit(index, partial(ocr_page, frame.copy(), index, dpi=dpi, limits=limits))
        for number, page in queue.finish(warnings).items():
            pages[number - 1] = page
    if not any(p.text for p in pages):
        warnings.append("OCR found no text")
    return Extraction(pages=pages, method="ocr", warnings=warnings)
