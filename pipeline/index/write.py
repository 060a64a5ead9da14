"""Write DIR/search/ from the records of a run (DIR/documents.jsonl), incrementally.

Files (all rewritten atomically on each run):

- ``documents.jsonl`` / ``sections.jsonl``: the full current feed, one document / one section
  chunk a line (see :mod:`pipeline.index.feed`);
- ``bulk.ndjson``: the same as Elasticsearch/OpenSearch bulk actions (``index`` into
  ``vanban-documents`` and ``vanban-sections``): load it into empty indices;
- ``bulk_delta.ndjson``: the changes since the previous run's feed: ``index`` actions for every
  document whose content hash changed or is new (with all its chunks), ``delete`` actions for
  documents no longer in the archive and for chunks a changed document lost. Empty when nothing
  changed; identical to bulk.ndjson on the first run. Apply it after every run (or reload bulk.ndjson);
- ``mapping_documents.json`` / ``mapping_sections.json``: create-index bodies;
- ``index.sqlite``: the embedded FTS5 index, brought in step with the feed by its own content
  hashes, in one SQLite transaction (so a deleted, stale or interrupted index is repaired on the next run);
- ``state.jsonl``: what the last finished update wrote (doc_id, content_hash, chunk_ids a line): the
  base of the next ``bulk_delta.ndjson``.

A kill never leaves a wrong delta behind: every file is renamed into place when complete, the
state last, so until it is replaced the next run computes the same delta again from the same
base. (A folder without a state, from a first run or an older version, gets one from its feed
before anything else is replaced.)

A file that changes gets a new doc_id (ids are content hashes), so its old document is deleted
and the new one indexed; a record that changes without its file (a new pipeline version, a
moved file) keeps its id and is re-indexed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.atomic import atomic_open, write_atomic
from pipeline.index.bulk import DOCUMENTS_INDEX, SECTIONS_INDEX, delete_lines, index_lines
from pipeline.index.feed import feed_entry
from pipeline.index.index import INDEX_FILE, SEARCH_DIR, IndexWriter
from pipeline.index.mapping import index_bodies

RECORDS = "documents.jsonl"  # the run's records, read as plain JSON (the public contract)
DOCUMENTS_FEED = "documents.jsonl"
SECTIONS_FEED = "sections.jsonl"
BULK = "bulk.ndjson"
BULK_DELTA = "bulk_delta.ndjson"
STATE = "state.jsonl"
MAPPING_FILES = {DOCUMENTS_INDEX: "mapping_documents.json", SECTIONS_INDEX: "mapping_sections.json"}


@dataclass
class SearchUpdate:
    """What a search update did: documents in the feed, changed (new or re-indexed), removed."""

    documents: int = 0
    changed: int = 0
    removed: int = 0


@dataclass
class _Previous:
    hash: str
    chunk_ids: list[str]


def write_search(out_dir: str | Path) -> SearchUpdate:
    """Write the feed, bulk files, mappings and index of ``out_dir/documents.jsonl`` under ``out_dir/search``."""
    folder = Path(out_dir) / SEARCH_DIR
    previous = _previous(folder)
    update = SearchUpdate()
    seen: set[str] = set()
    with (
        atomic_open(folder / STATE) as state,  # replaced last: the commit point of the feed
        IndexWriter(folder / INDEX_FILE) as index,
        atomic_open(folder / DOCUMENTS_FEED) as documents,
        atomic_open(folder / SECTIONS_FEED) as sections,
        atomic_open(folder / BULK) as bulk,
        atomic_open(folder / BULK_DELTA) as delta,
    ):
        indexed = index.hashes()
        for record in _rows(Path(out_dir) / RECORDS):
            entry = feed_entry(record)
            seen.add(entry.doc_id)
            state.write(_state_line(entry.doc_id, entry.content_hash, entry.chunk_ids))
            update.documents += 1
            documents.write(entry.document_json + "\n")
            sections.writelines(line + "\n" for line in entry.chunks_json)
            bulk.writelines(index_lines(entry))
            before = previous.get(entry.doc_id)
            if before is None or before.hash != entry.content_hash:
                update.changed += 1
                delta.writelines(index_lines(entry))
                if before is not None:
                    delta.writelines(delete_lines(SECTIONS_INDEX, sorted(set(before.chunk_ids) - set(entry.chunk_ids))))
            if indexed.get(entry.doc_id) != entry.content_hash:
                index.put(entry)
        removed = sorted(previous.keys() - seen)
        update.removed = len(removed)
        delta.writelines(delete_lines(DOCUMENTS_INDEX, removed))
        delta.writelines(delete_lines(SECTIONS_INDEX, [c for doc_id in removed for c in previous[doc_id].chunk_ids]))
        index.delete(indexed.keys() - seen)
    for name, body in index_bodies().items():
        write_atomic(folder / MAPPING_FILES[name], json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    return update


def _previous(folder: Path) -> dict[str, _Previous]:
    """Content hash and chunk ids of each document the last finished update wrote (empty on the first)."""
    if not (folder / STATE).is_file():
        previous = {row["doc_id"]: _Previous(row["content_hash"], []) for row in _rows(folder / DOCUMENTS_FEED)}
        for row in _rows(folder / SECTIONS_FEED):
            if row["doc_id"] in previous:
                previous[row["doc_id"]].chunk_ids.append(row["chunk_id"])
        write_atomic(folder / STATE, "".join(_state_line(k, p.hash, p.chunk_ids) for k, p in previous.items()))
    return {row["doc_id"]: _Previous(row["content_hash"], row["chunk_ids"]) for row in _rows(folder / STATE)}


def _state_line(doc_id: str, content_hash: str, chunk_ids: list[str]) -> str:
    return json.dumps({"doc_id": doc_id, "content_hash": content_hash, "chunk_ids": chunk_ids}) + "\n"


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
