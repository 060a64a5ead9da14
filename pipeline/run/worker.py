"""What a worker does with one file: extract -> structure -> nlp, never raising.

``vanban run`` does the three stages in one pass per file (:func:`process_file`). Run alone
(``vanban run --until extract``, ``--from structure`` ...), a stage starts from the
:class:`FileState` the stage before it saved and returns the one it hands on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.limits import (
    DEFAULTS,
    TEXT_CUT,
    LimitExceeded,
    Limits,
    check_deadline,
    cut_text,
    file_deadline,
    note_breach,
)
from pipeline.model import Document, Extraction, ManifestEntry, Source, Span, from_jsonable, to_jsonable

FILE_STAGES = ("extract", "structure", "nlp")


@dataclass
class FileState:
    """One file between stages: its manifest entry, its pages, its documents and where each starts in the text."""

    manifest: ManifestEntry
    extraction: Extraction | None = None
    documents: list[Document] = field(default_factory=list)
    parts: list[tuple[int, int]] = field(default_factory=list)

    def result(self) -> dict[str, Any]:
        """The finished result as the cache and documents.jsonl hold it: ``{"manifest", "documents"}``."""
        return {"manifest": to_jsonable(self.manifest), "documents": [d.to_dict() for d in self.documents]}


def doc_id_for(sha256: str, part: int) -> str:
    """Stable record id: content hash of the file plus the part number."""
    return hashlib.sha256(f"{sha256}:{part}".encode()).hexdigest()[:16]


def process_file(path: str, rel: str, sha256: str, stages: tuple[str, ...] = FILE_STAGES,
                 limits: Limits = DEFAULTS) -> dict[str, Any]:
    """Run ``stages`` (consecutive, of :data:`FILE_STAGES`) on one file; return plain JSON values.

    ``path`` is the input file when ``stages`` start with extract, else the JSON state the stage
    before saved. After nlp the result is ``{"manifest": ..., "documents": [...]}``, otherwise the
    :class:`FileState` for the next stage. Every failure is caught and reported in the manifest
    entry: one broken file never stops a batch. A file over one of ``limits`` fails with the limit
    as its reason (and the process notes it: see :func:`~pipeline.limits.take_breach`).
    """
    from pipeline.extract import ExtractionError, UnsupportedFormat

    started = time.perf_counter()
    if stages[0] == "extract":
        state = FileState(ManifestEntry(path=rel, sha256=sha256, status="ok"))
    else:
        state = from_jsonable(FileState, json.loads(Path(path).read_text(encoding="utf-8")))
    entry = state.manifest
    if entry.status not in ("skipped", "failed"):
        try:
            with file_deadline(limits):
                for name in stages:
                    check_deadline()
                    _STAGES[name](state, path, limits)
        except Exception as exc:
            state.documents, state.parts = [], []
            if isinstance(exc, (LimitExceeded, MemoryError)):
                note_breach()
                entry.status = "failed"
                entry.error = str(exc) if isinstance(exc, LimitExceeded) else (
                    limits.memory_reason() if limits.worker_memory > 0 else "out of memory")
            elif isinstance(exc, UnsupportedFormat):
                entry.status, entry.error = "skipped", str(exc)
            elif isinstance(exc, ExtractionError):
                entry.status, entry.error = "failed", str(exc)
            else:  # a bug must not stop the batch: report it with where it happened
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                entry.status = "failed"
                entry.error = f"internal error {type(exc).__name__}: {exc} ({Path(frame.filename).name}:{frame.lineno})"
    entry.documents = [d.doc_id for d in state.documents]
    entry.seconds = round(entry.seconds + time.perf_counter() - started, 3)
    return state.result() if stages[-1] == "nlp" else to_jsonable(state)


def analyse(extraction: Extraction, rel: str, sha256: str) -> list[Document]:
    """Stages 2 and 3 on extracted text: split into documents, parse each, annotate each."""
    state = FileState(ManifestEntry(path=rel, sha256=sha256, status="ok"), extraction)
    _structure(state)
    _nlp(state)
    return state.documents


def _extract(state: FileState, path: str, limits: Limits = DEFAULTS) -> None:
    """Stage 1: the file's pages (of an archive member: from a private copy)."""
    from pipeline.extract import extract
    from pipeline.run.archives import readable

    with readable(path, state.manifest.sha256) as real:
        state.extraction = extraction = extract(real, limits)
    state.manifest.method = extraction.method
    state.manifest.pages = len(extraction.pages)
    state.manifest.warnings = list(extraction.warnings)


def _structure(state: FileState, _path: str = "", limits: Limits = DEFAULTS) -> None:
    """Stage 2: split the text into documents and parse each (ids, source, attachments); no NLP yet."""
    from pipeline import structure

    extraction, entry = state.extraction, state.manifest
    text, cut = cut_text(extraction.text, limits.max_chars)  # a prefix: offsets stay those of extraction.text
    if cut:
        entry.warnings.append(cut)
    cut = next((w for w in entry.warnings if w.startswith(TEXT_CUT)), None)
    state.parts = structure.split(text)
    for part, (start, end) in enumerate(state.parts):
        check_deadline()
        doc = structure.parse_document(text[start:end], file_name=entry.path if part == 0 else None)
        doc.doc_id = doc_id_for(entry.sha256, part)
        pages = [extraction.page_at(start), extraction.page_at(max(start, end - 1))]
        doc.source = Source(path=entry.path, sha256=entry.sha256, part=part, pages=pages, method=extraction.method)
        doc.quality = extraction.quality
        state.documents.append(doc)
    structure.link_attachments(state.documents)
    if not state.documents:
        entry.status = "partial"
        entry.error = "no document found in the extracted text"
    elif any(p.method == "failed" for p in extraction.pages):
        entry.status = "partial"
        entry.error = "; ".join(w for w in extraction.warnings if "page" in w) or "some pages failed"
    elif cut:
        entry.status, entry.error = "partial", cut


def _nlp(state: FileState, _path: str = "", _limits: Limits = DEFAULTS) -> None:
    """Stage 3: annotate every document, then give every span its page."""
    from pipeline import nlp

    extraction = state.extraction
    for doc, (start, _end) in zip(state.documents, state.parts, strict=True):
        check_deadline()
        nlp.annotate(doc)
        if len(extraction.pages) > 1:
            _locate_pages(doc, start, extraction)


_STAGES: dict[str, Callable[[FileState, str, Limits], None]] = {
    "extract": _extract, "structure": _structure, "nlp": _nlp}


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
