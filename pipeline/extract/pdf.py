"""PDF files: the text layer where it is usable (pdfplumber words), OCR where it is not.

Each page is judged on its own: no text, too little text over a page-sized image, a
glyph-fragmented layer ("K ế t lu ậ n") or mojibake send that page to OCR (rendered at
300 dpi with pypdfium2). Mojibake from a TCVN3 or VNI font is converted instead.

Bad input is refused before it costs memory or time: the page count is read (pypdfium2)
before any page is parsed, a page whose content inflates beyond :data:`MAX_CONTENT_BYTES`
(a Flate bomb) is skipped before pdfminer or pdfium decode it, and a page too large for
``max_pixels`` at 300 dpi is rendered at the resolution that fits.
"""

from __future__ import annotations

import logging
import unicodedata
import zlib
from functools import partial
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psexceptions import PSEOF
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.extract.errors import ExtractionError
from pipeline.extract.language import VIETNAMESE_LETTERS
from pipeline.extract.layout import group_lines, layout_blocks
from pipeline.extract.legacy import convert_legacy, detect_legacy, legacy_warning
from pipeline.extract.ocr import TARGET_DPI, OcrQueue, ocr_page
from pipeline.extract.textout import join_blocks
from pipeline.limits import DEFAULTS, Limits, check_deadline
from pipeline.model import Extraction, Page, Word

MIN_CHARS = 20
_SPARSE = ("no text layer", "too little text")
SCAN_OVERLAY_CHARS = 200  # fewer chars than this over a full-page image: a stamp, not the text
MAX_CONTENT_BYTES = 64 << 20  # a page's content streams inflated (real pages: a few MB at most)

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


def _render(document: pdfium.PdfDocument, index: int, max_pixels: int) -> tuple[object, float, str | None]:
    """(page image, its scale in pixels per point, a warning): 300 dpi, or less when that is over ``max_pixels``."""
    page = document[index]
    scale, note = TARGET_DPI / 72, None
    width, height = page.get_size()
    pixels = width * height * scale * scale
    if 0 < max_pixels < pixels:
        scale *= (max_pixels / pixels) ** 0.5 * 0.999  # rounded up to whole pixels, the bitmap must still fit
        note = (f"page {index + 1} is {width * TARGET_DPI / 72:.0f} x {height * TARGET_DPI / 72:.0f} pixels at "
                f"{TARGET_DPI} dpi (limit {max_pixels / 1e6:g} MP): rendered at {scale * 72:.0f} dpi")
    return page.render(scale=scale).to_pil(), scale, note


def _page_count(path: Path) -> int | None:
    """The number of pages from the page tree (pypdfium2, nothing parsed); None when pdfium cannot open it."""
    try:
        document = pdfium.PdfDocument(str(path), password="")
    except pdfium.PdfiumError:
        return None
    try:
        return len(document)
    finally:
        document.close()


def _oversized_content(pl_page, limit: int = MAX_CONTENT_BYTES) -> str | None:
    """Why the page must not be parsed: its Flate content (page and form streams) inflates beyond ``limit``.

    Inflated in 1 MB steps and counted, never held: a decompression bomb costs a few milliseconds.
    """
    page = pl_page.page_obj
    resources = resolve1(page.resources) or {}
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    streams = [*page.contents, *(xobjects.values() if isinstance(xobjects, dict) else [])]
    total = 0
    for stream in map(resolve1, streams):
        if not isinstance(stream, PDFStream) or stream.rawdata is None:
            continue
        filters = stream.get_filters()
        if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
            continue
        data = stream.rawdata
        if stream.decipher:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        inflate = zlib.decompressobj()
        try:
            while data and total <= limit:
                total += len(inflate.decompress(data, 1 << 20))
                data = inflate.unconsumed_tail
        except zlib.error:
            continue  # pdfminer copes with broken streams on its own
        if total > limit:
            return f"content inflates to over {limit >> 20} MB (a decompression bomb?), page skipped"
    return None


def extract_pdf(path: Path, limits: Limits = DEFAULTS) -> Extraction:
    """A PDF -> pages ("pdf-text" or "ocr" each); Extraction.method pdf-text, ocr or mixed.

    A PDF of more than ``limits.max_pages`` pages fails before any page is read.
    """
    with open(path, "rb") as handle:
        head = handle.read(1024)
        handle.seek(max(0, path.stat().st_size - 2048))
        tail = handle.read()
    if b"%PDF-" not in head:
        raise ExtractionError("not a PDF file (no %PDF- header)")
    _check_pages(_page_count(path), limits)  # before pdfminer reads the page tree
    try:
        plumber = pdfplumber.open(path, password="")
        page_count = len(plumber.pages)
    except Exception as exc:
        raise _open_error(exc) from exc
    if page_count == 0 or 0 < limits.max_pages < page_count:
        plumber.close()
        _check_pages(page_count, limits)
        raise ExtractionError("PDF has no pages (corrupt or truncated)")
    pages: dict[int, Page] = {}
    warnings: list[str] = [] if b"%%EOF" in tail else ["PDF looks truncated (no %%EOF marker): pages may be missing"]
    rendered: pdfium.PdfDocument | None = None
    try:
        with OcrQueue() as queue:
            for index, pl_page in enumerate(plumber.pages):
                check_deadline()
                number = index + 1
                size = {"width": float(pl_page.width), "height": float(pl_page.height)}
                if bomb := _oversized_content(pl_page):
                    pl_page.close()
                    warnings.append(f"page {number}: {bomb}")
                    pages[number] = Page(number, "", "failed", **size)
                    continue
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
                    image, scale, note = _render(rendered, index, limits.max_pixels)
                except pdfium.PdfiumError as exc:
                    warnings.append(f"page {number}: could not be rendered for OCR ({exc})")
                    pages[number] = Page(number, "", "failed", **size)
                    continue
                if note:
                    warnings.append(note)
                pages[number] = Page(number, "", "failed", **size)  # until its OCR comes back
                queue.submit(number, partial(ocr_page, image, number, dpi=scale * 72, unit_scale=scale, limits=limits))
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


def _check_pages(count: int | None, limits: Limits) -> None:
    """Refuse a PDF of more than ``limits.max_pages`` pages (``count`` None: not known)."""
    if count is not None and 0 < limits.max_pages < count:
        raise ExtractionError(f"too many pages: {count} (limit {limits.max_pages})")


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
