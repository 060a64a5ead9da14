"""PDF files: the text layer where it is usable (pdfplumber words), OCR where it is not.

Each page is judged on its own: no text, too little text over a page-sized image, a
glyph-fragmented layer ("K ế t lu ậ n") or mojibake send that page to OCR (rendered at
300 dpi with pypdfium2). Mojibake from a TCVN3 or VNI font is converted instead.
"""

from __future__ import annotations

import logging
import unicodedata
from functools import partial
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSEOF
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.extract.errors import ExtractionError
from pipeline.extract.layout import group_lines, layout_blocks
from pipeline.extract.legacy import convert_legacy, detect_legacy, legacy_warning
from pipeline.extract.ocr import TARGET_DPI, OcrQueue, ocr_page
from pipeline.extract.textout import join_blocks
from pipeline.model import Extraction, Page, Word

MIN_CHARS = 20
_SPARSE = ("no text layer", "too little text")
SCAN_OVERLAY_CHARS = 200  # fewer chars than this over a full-page image: a stamp, not the text
_VOWELS = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VIETNAMESE_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzđABCDEFGHIJKLMNOPQRSTUVWXYZĐ"
    + "".join(unicodedata.normalize("NFC", v + t) for v in _VOWELS + _VOWELS.upper() for t in _TONES)
)

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def text_layer_problem(words: list[str]) -> str | None:
    """Why a page's text layer should not be trusted (None when it looks like real text)."""
    chars = "".join(words)
    if len(chars) < MIN_CHARS:
        return "no text layer" if not chars else "too little text"
    bad = sum(
        1 for c in chars
        if (c.isalpha() and c not in VIETNAMESE_LETTERS)
        or "\x80" <= c <= "\xbf" or "\ue000" <= c <= "\uf8ff" or c == "\ufffd" or unicodedata.category(c) == "Cc"
    )
    if bad / len(chars) > 0.03 or chars.count("(cid:") >= 3:
        return "garbled text layer (legacy font encoding or missing character map)"
    alpha = [w for w in words if w.isalpha()]
    if len(alpha) >= 10 and sum(len(w) == 1 for w in alpha) / len(alpha) > 0.3:
        return "glyph-fragmented text layer"
    return None


def _open_error(exc: Exception) -> ExtractionError:
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
        return ExtractionError("encrypted PDF: a password is required to open it")
    if isinstance(inner, PSEOF):
        return ExtractionError("corrupt or truncated PDF: unexpected end of file")
    if isinstance(inner, PDFSyntaxError):
        return ExtractionError(f"corrupt or truncated PDF: {inner}")
    return ExtractionError(f"unreadable PDF: {type(inner).__name__}: {inner}")


def _image_coverage(page) -> float:
    area = float(page.width * page.height) or 1.0
    covered = sum(max(0.0, float(i["x1"] - i["x0"])) * max(0.0, float(i["bottom"] - i["top"])) for i in page.images)
    return min(covered / area, 1.0)


def _render(document: pdfium.PdfDocument, index: int):
    return document[index].render(scale=TARGET_DPI / 72).to_pil()


def extract_pdf(path: Path) -> Extraction:
    """A PDF -> pages ("pdf-text" or "ocr" each); Extraction.method pdf-text, ocr or mixed."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
        handle.seek(max(0, path.stat().st_size - 2048))
        tail = handle.read()
    if b"%PDF-" not in head:
        raise ExtractionError("not a PDF file (no %PDF- header)")
    try:
        plumber = pdfplumber.open(path, password="")
        page_count = len(plumber.pages)
    except Exception as exc:
        raise _open_error(exc) from exc
    if page_count == 0:
        plumber.close()
        raise ExtractionError("PDF has no pages (corrupt or truncated)")
    pages: dict[int, Page] = {}
    warnings: list[str] = [] if b"%%EOF" in tail else ["PDF looks truncated (no %%EOF marker): pages may be missing"]
    rendered: pdfium.PdfDocument | None = None
    try:
        with OcrQueue() as queue:
            for index, pl_page in enumerate(plumber.pages):
                number = index + 1
                size = {"width": float(pl_page.width), "height": float(pl_page.height)}
                problem, page = _text_layer_page(pl_page, number, size)
                if page is not None:
                    pages[number] = page
                    if problem:
                        warnings.append(f"page {number}: {problem}")
                    continue
                if problem != "no text layer":
                    warnings.append(f"page {number}: {problem}, OCR used")
                try:
                    if rendered is None:
                        rendered = pdfium.PdfDocument(str(path), password="")
                    image = _render(rendered, index)
                except pdfium.PdfiumError as exc:
                    warnings.append(f"page {number}: could not be rendered for OCR ({exc})")
                    pages[number] = Page(number, "", "failed", **size)
                    continue
                pages[number] = Page(number, "", "failed", **size)  # until its OCR comes back
                queue.submit(number, partial(ocr_page, image, number, dpi=TARGET_DPI, unit_scale=TARGET_DPI / 72))
            pages.update(queue.finish(warnings))
    finally:
        plumber.close()
        if rendered is not None:
            rendered.close()
    ordered = [pages[n] for n in sorted(pages)]
    methods = {p.method for p in ordered if p.method != "failed"} or {"ocr"}
    method = methods.pop() if len(methods) == 1 else "mixed"
    if all(p.method == "failed" for p in ordered):
        raise ExtractionError("; ".join(warnings) or "no page could be read")
    return Extraction(pages=ordered, method=method, warnings=warnings)


def _text_layer_page(pl_page, number: int, size: dict[str, float]) -> tuple[str | None, Page | None]:
    """(None, the page) from a usable text layer, (a note, the page) from a converted one, (why not, None)."""
    try:
        raw = pl_page.extract_words(keep_blank_chars=False, use_text_flow=False)
        problem = text_layer_problem([w["text"] for w in raw])
        coverage = _image_coverage(pl_page)
    except Exception as exc:  # a broken content stream: try the pixels instead
        raw, problem, coverage = [], f"unreadable text layer ({type(exc).__name__})", 1.0
    finally:
        pl_page.close()  # drop the parsed layout: memory stays flat on long files
    if problem is None and coverage > 0.5 and sum(len(w["text"]) for w in raw) < SCAN_OVERLAY_CHARS:
        problem = "scanned page with only a small text overlay"
    texts, note = [w["text"] for w in raw], None
    if problem and problem.startswith("garbled") and (encoding := detect_legacy(" ".join(texts))):
        converted = [convert_legacy(t, encoding) for t in texts]  # a .VnTime or VNI font: no need to OCR
        if text_layer_problem(converted) is None:
            texts, problem, note = converted, None, legacy_warning(encoding)
    if problem is None or (problem in _SPARSE and coverage < 0.05):
        boxes = [tuple(float(w[k]) for k in ("x0", "top", "x1", "bottom")) for w in raw]
        words = [Word(t, box) for t, box in zip(texts, boxes, strict=True)]
        return note, Page(number, join_blocks(layout_blocks(group_lines(words))), "pdf-text", words, **size)
    return problem, None
