"""Page scans (.png, .jpg, .jpeg, .tif, .tiff): one OCR'd page per image frame."""

from __future__ import annotations

import warnings as _warnings
from functools import partial
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.extract.errors import ExtractionError
from pipeline.extract.ocr import MAX_PIXELS, OcrQueue, check_size, ocr_page
from pipeline.model import Extraction, Page


def _dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    try:
        return float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None


def extract_image(path: Path) -> Extraction:
    """OCR every frame of an image file (multi-page TIFF gives several pages); method "ocr"."""
    warnings: list[str] = []
    pages: list[Page] = []
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # check_size decides
            image = Image.open(path)
    except Image.DecompressionBombError as exc:
        raise ExtractionError(f"image too large (over {MAX_PIXELS // 1_000_000} MP): {exc}") from exc
    except UnidentifiedImageError as exc:
        raise ExtractionError("not a readable image (unknown or corrupt format)") from exc
    except OSError as exc:
        raise ExtractionError(f"unreadable image: {exc}") from exc
    with image, OcrQueue() as queue:
        for index, frame in enumerate(ImageSequence.Iterator(image), start=1):
            check_size(frame)
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
            queue.submit(index, partial(ocr_page, frame.copy(), index, dpi=dpi))
        for number, page in queue.finish(warnings).items():
            pages[number - 1] = page
    if not any(p.text for p in pages):
        warnings.append("OCR found no text")
    return Extraction(pages=pages, method="ocr", warnings=warnings)
