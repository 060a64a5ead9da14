"""Stage 1: file bytes -> pages of text with layout (words, boxes, confidence).

``extract(path)`` dispatches on the file extension and returns an
:class:`~pipeline.model.Extraction`. Page text follows one contract whatever the
source: NFC, normalized tone marks, squashed spaces, lines joined by "\\n" and blocks
(paragraphs, table cells, layout columns) separated by a blank line.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.errors import ExtractionError, UnsupportedFormat
from pipeline.model import Extraction

__all__ = ["SUPPORTED_SUFFIXES", "ExtractionError", "UnsupportedFormat", "extract"]

_TEXT = frozenset({".txt", ".md"})
_HTML = frozenset({".html", ".htm"})
_IMAGES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
SUPPORTED_SUFFIXES: frozenset[str] = _TEXT | _HTML | _IMAGES | {".pdf", ".docx"}


def extract(path: Path) -> Extraction:
    """Read one file into pages of text; raise :class:`ExtractionError` when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormat(f"unsupported file type {suffix or '(no extension)'!r}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExtractionError(f"cannot read file: {exc.strerror or exc}") from exc
    if size == 0:
        raise ExtractionError("empty file")
    if suffix in _TEXT:
        from pipeline.extract.plain import extract_text_file

        return extract_text_file(path, path.read_bytes())
    if suffix in _HTML:
        from pipeline.extract.html import extract_html

        return extract_html(path.read_bytes())
    if suffix == ".docx":
        from pipeline.extract.docx import extract_docx

        return extract_docx(path)
    if suffix == ".pdf":
        from pipeline.extract.pdf import extract_pdf

        return extract_pdf(path)
    from pipeline.extract.image import extract_image

    return extract_image(path)
