"""Search feed rows of a documents.jsonl record: one per document, one per section chunk, and a content hash.

A document row holds the metadata a search engine filters on, the text it matches and
``content_hash``, a digest of the document row and its chunk rows: the feed of the next
run is compared with it to emit only what changed.

Chunks cut the text at section boundaries without overlap: a section's chunk runs from its
marker to its first subsection (or its end), so a parent holds only its own heading and
intro; ``path`` gives the ids and headings from the root down. Text before the first section
(all the text when a document has no sections) is the chunk ``preamble``. Chunk ids are
``f"{doc_id}:{section_id}"``, stable as long as the record is; ``start``/``end`` locate the
chunk in the record's ``text``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

PREAMBLE = "preamble"


@dataclass
class FeedEntry:
    """The feed of one document: its row and its chunk rows (the row carries the content hash)."""

    doc_id: str
    document: dict[str, Any]
    chunks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return self.document["content_hash"]

    @property
    def chunk_ids(self) -> list[str]:
        return [c["chunk_id"] for c in self.chunks]

    @cached_property
    def document_json(self) -> str:
        """The document row as one JSON line (no newline), serialized once for the feed and the bulk files."""
        return json.dumps(self.document, ensure_ascii=False)

    @cached_property
    def chunks_json(self) -> list[str]:
        """The chunk rows as JSON lines (no newline)."""
        return [json.dumps(c, ensure_ascii=False) for c in self.chunks]


def feed_entry(record: dict[str, Any]) -> FeedEntry:
    """The search rows of a documents.jsonl record, with the content hash set on the document row."""
    doc_id = record["doc_id"]
    meta = _metadata(record)
    references = sorted({r["symbol"] for r in record.get("references") or [] if r.get("symbol")})
    document = {"doc_id": doc_id, "content_hash": "", **meta, "reference_symbols": references,
                "text": record.get("text") or ""}
    chunks = [{"chunk_id": f"{doc_id}:{c['section_id']}", "doc_id": doc_id, **meta, **c} for c in _chunks(record)]
    payload = json.dumps([document, chunks], ensure_ascii=False, sort_keys=True)
    document["content_hash"] = hashlib.sha256(payload.encode()).hexdigest()[:16]
    return FeedEntry(doc_id, document, chunks)


def _metadata(record: dict[str, Any]) -> dict[str, Any]:
    """The document fields both feeds carry."""
    source = record.get("source") or {}
    return {
        **{name: record.get(name) for name in ("kind", "kind_name", "symbol", "number", "issued_date")},
        "issuers": [{"name": o.get("name"), "id": o.get("id")} for o in record.get("issuers") or []],
        "title": record.get("title"),
        "subject": record.get("subject"),
        "draft": bool(record.get("draft")),
        "source_path": source.get("path"),
        "part": source.get("part", 0),
    }


def _chunks(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    text = record.get("text") or ""
    sections = sorted(record.get("sections") or [], key=lambda s: s["span"]["start"])
    preamble = _trimmed(text, 0, sections[0]["span"]["start"] if sections else len(text))
    if preamble:
        yield {"section_id": PREAMBLE, "label": None, "heading": None, "level": None, "path": [], **preamble}
    by_id = {s["id"]: s for s in sections}
    first_child: dict[str, int] = {}
    for s in sections:
        if s.get("parent") is not None:
            first_child.setdefault(s["parent"], s["span"]["start"])
    for s in sections:
        start, end = s["span"]["start"], s["span"]["end"]
        body = _trimmed(text, start, max(start, min(first_child.get(s["id"], end), end)))
        if body:
            yield {"section_id": s["id"], "label": s.get("label"), "heading": s.get("heading"),
                   "level": s.get("level"), "path": _path(s, by_id), **body}


def _path(section: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> list[dict[str, str | None]]:
    """Ids and headings from the root section down to ``section`` (a parent loop stops the walk)."""
    path: list[dict[str, str | None]] = []
    node: dict[str, Any] | None = section
    while node is not None and len(path) <= len(by_id):
        path.append({"id": node["id"], "heading": node.get("heading")})
        node = by_id.get(node.get("parent"))
    return path[::-1]


def _trimmed(text: str, start: int, end: int) -> dict[str, Any] | None:
    """``{start, end, text}`` of ``text[start:end]`` without surrounding blanks; None when blank."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    start += len(piece) - len(piece.lstrip())
    return {"start": start, "end": start + len(stripped), "text": stripped}
