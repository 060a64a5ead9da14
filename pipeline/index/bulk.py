"""Elasticsearch / OpenSearch bulk NDJSON: an action line, then (for ``index``) the source line.

Documents go to the index ``vanban-documents`` (``_id`` = doc_id), section chunks to
``vanban-sections`` (``_id`` = chunk_id).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.index.feed import FeedEntry

DOCUMENTS_INDEX = "vanban-documents"
SECTIONS_INDEX = "vanban-sections"


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def index_lines(entry: FeedEntry) -> Iterator[str]:
    """``index`` actions (action line + source line) for a document and each of its chunks."""
    yield _line({"index": {"_index": DOCUMENTS_INDEX, "_id": entry.doc_id}})
    yield entry.document_json + "\n"
    for chunk_id, source in zip(entry.chunk_ids, entry.chunks_json, strict=True):
        yield _line({"index": {"_index": SECTIONS_INDEX, "_id": chunk_id}})
        yield source + "\n"


def delete_lines(index: str, ids: Iterable[str]) -> Iterator[str]:
    """One ``delete`` action line per id (a delete has no source line)."""
    for _id in ids:
        yield _line({"delete": {"_index": index, "_id": _id}})
