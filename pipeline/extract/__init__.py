"""Stage 1: file bytes -> pages of text with layout (words, boxes, confidence).

``extract(path)`` dispatches on the file extension and returns an
:class:`~pipeline.model.Extraction`. Page text follows one contract whatever the
source: NFC, normalized tone marks, squashed spaces, lines joined by "\\n" and blocks
(paragraphs, table cells, layout columns) separated by a blank line.

A file whose bytes say it is something else than its name says (a PDF named .docx, a
scan named .pdf, a Word file named .txt) is read for what it is, with a warning.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.extract.errors import ExtractionError, UnsupportedFormat
from pipeline.extract.language import language_warning
from pipeline.model import Extraction

if TYPE_CHECKING:
    from pipeline.limits import Limits

__all__ = ["SUPPORTED_SUFFIXES", "ExtractionError", "UnsupportedFormat", "extract"]

_TEXT = frozenset({".txt", ".md"})
_HTML = frozenset({".html", ".htm"})
_IMAGES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
SUPPORTED_SUFFIXES: frozenset[str] = _TEXT | _HTML | _IMAGES | {".pdf", ".docx"}
_KINDS = {**dict.fromkeys(_TEXT, "text"), **dict.fromkeys(_HTML, "HTML"), **dict.fromkeys(_IMAGES, "image"),
          ".pdf": "PDF", ".docx": "Word document"}
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image"), (b"\xff\xd8\xff", "image"), (b"II*\x00", "image"), (b"MM\x00*", "image"),
          (b"GIF8", "image"))


def sniff(path: Path) -> str | None:
    """What the file's first bytes say it is ("PDF", "image", "Word document"), or None when they do not say."""
    with path.open("rb") as f:
        head = f.read(1024)
    if head.startswith(b"%PDF-"):
        return "PDF"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                return "Word document" if "word/document.xml" in archive.namelist() else None
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    return None


def extract(path: Path, limits: Limits | None = None) -> Extraction:
    """Read one file into pages of text; raise :class:`ExtractionError` when it cannot be read.

    ``limits`` (default :class:`~pipeline.limits.Limits`) caps pages, pixels and OCR time.
    """
    from pipeline.limits import DEFAULTS

    path, limits = Path(path), limits or DEFAULTS
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormat(f"unsupported file type {suffix or '(no extension)'!r}")
    try:
        size = path.stat().st_size
        kind = sniff(path) if size else None
    except OSError as exc:
        raise ExtractionError(f"cannot read file: {exc.strerror or exc}") from exc
    if size == 0:
        raise ExtractionError("empty file")
    named = _KINDS[suffix]
    extraction = _read(path, kind or named, limits)
    if kind and kind != named:
        extraction.warnings.insert(0, f"the file is {_a(kind)} named {suffix}: read as {_a(kind)}")
    if note := language_warning(extraction.text[:100_000]):
        extraction.warnings.append(note)
    return extraction


def _a(kind: str) -> str:
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _read(path: Path, kind: str, limits: Limits) -> Extraction:
    if kind == "text":
        from pipeline.extract.plain import extract_text_file

        return extract_text_file(path, path.read_bytes(), limits.max_chars)
    if kind == "HTML":
        from pipeline.extract.html import extract_html

        return extract_html(path.read_bytes())
    if kind == "Word document":
        from pipeline.extract.docx import extract_docx

        return extract_docx(path)
    if kind == "PDF":
        from pipeline.extract.pdf import extract_pdf

        return extract_pdf(path, limits)
    from pipeline.extract.image import extract_image

    return extract_image(path, limits)
