"""What a worker does with one file: extract -> structure -> nlp, never raising."""

from __future__ import annotations

import dataclasses
import hashlib
import time
import traceback
from pathlib import Path
from typing import Any

from pipeline.model import Document, Extraction, ManifestEntry, Source, Span, to_jsonable


def doc_id_for(sha256: str, part: int) -> str:
    """Stable record id: content hash of the file plus the part number."""
    return hashlib.sha256(f"{sha256}:{part}".encode()).hexdigest()[:16]


def process_file(path: str, rel: str, sha256: str) -> dict[str, Any]:
    """Process one file; return ``{"manifest": ..., "documents": [...]}`` as plain JSON values.

    Every failure is caught and reported in the manifest entry: one broken file never
    stops a batch.
    """
    from pipeline.extract import ExtractionError, UnsupportedFormat, extract

    started = time.perf_counter()
    entry = ManifestEntry(path=rel, sha256=sha256, status="ok")
    documents: list[Document] = []
    try:
        extraction = extract(Path(path))
        entry.method = extraction.method
        entry.pages = len(extraction.pages)
        entry.warnings = list(extraction.warnings)
        documents = analyse(extraction, rel, sha256)
        if not documents:
            entry.status = "partial"
            entry.error = "no document found in the extracted text"
        elif any(p.method == "failed" for p in extraction.pages):
            entry.status = "partial"
            entry.error = "; ".join(w for w in extraction.warnings if "page" in w) or "some pages failed"
    except UnsupportedFormat as exc:
        entry.status, entry.error = "skipped", str(exc)
    except ExtractionError as exc:
        entry.status, entry.error = "failed", str(exc)
    except Exception as exc:  # a bug must not stop the batch: report it with where it happened
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        entry.status = "failed"
        entry.error = f"internal error {type(exc).__name__}: {exc} ({Path(frame.filename).name}:{frame.lineno})"
        documents = []
    entry.documents = [d.doc_id for d in documents]
    entry.seconds = round(time.perf_counter() - started, 3)
    return {"manifest": to_jsonable(entry), "documents": [d.to_dict() for d in documents]}


def analyse(extraction: Extraction, rel: str, sha256: str) -> list[Document]:
    """Stages 2 and 3 on extracted text: split into documents, parse each, annotate each."""
    from pipeline import nlp, structure

    text = extraction.text
    parts = structure.split(text)
    documents = []
    for part, (start, end) in enumerate(parts):
        doc = structure.parse_document(text[start:end], file_name=rel if part == 0 else None)
        doc.doc_id = doc_id_for(sha256, part)
        pages = [extraction.page_at(start), extraction.page_at(max(start, end - 1))]
        doc.source = Source(path=rel, sha256=sha256, part=part, pages=pages, method=extraction.method)
        doc.quality = extraction.quality
        documents.append(doc)
    structure.link_attachments(documents)
    for doc, (start, _end) in zip(documents, parts, strict=True):
        nlp.annotate(doc)
        if len(extraction.pages) > 1:
            _locate_pages(doc, start, extraction)
    return documents


def _locate_pages(obj: Any, offset: int, extraction: Extraction) -> None:
    """Give every span of a record the page it falls on (``offset``: where the part starts)."""
    if isinstance(obj, Span):
        obj.page = extraction.page_at(offset + obj.start)
    elif isinstance(obj, list):
        for item in obj:
            _locate_pages(item, offset, extraction)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, Source):
        for f in dataclasses.fields(obj):
            if f.name != "text":
                _locate_pages(getattr(obj, f.name), offset, extraction)
