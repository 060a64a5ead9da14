"""``vanban run``: every input file accounted for, cached, resumable; then the archive outputs.

Order of work: discover -> hash -> process the files not in the cache (worker pool)
-> documents.jsonl + manifest.jsonl (input order) -> graph (JSON, GraphML, Neo4j CSV) -> tables
-> search feed and index (DIR/search/, only changed documents).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from pipeline.model import STATUSES, Document, ManifestEntry, to_jsonable
from pipeline.run.cache import ResultCache, atomic_open, sha256_file
from pipeline.run.discover import InputFile, discover
from pipeline.run.executor import Task, run_local
from pipeline.run.worker import process_file


@dataclass
class RunSummary:
    """What a run did: status counts, documents written, wall time."""

    out: Path
    counts: Counter = field(default_factory=Counter)
    documents: int = 0
    processed: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.counts["failed"] == 0

    def line(self) -> str:
        statuses = " / ".join(f"{self.counts[s]} {s}" for s in STATUSES)
        return (
            f"{sum(self.counts.values())} files: {statuses}; {self.documents} documents; "
            f"{self.processed} processed, {sum(self.counts.values()) - self.processed} from cache; "
            f"{self.seconds:.1f}s -> {self.out}"
        )


def _failed(rel: str, sha256: str | None, reason: str) -> dict[str, Any]:
    entry = ManifestEntry(path=rel, sha256=sha256, status="failed", error=reason)
    return {"manifest": to_jsonable(entry), "documents": []}


def run(
    paths: list[Path],
    out: Path,
    *,
    workers: int | None = None,
    progress: bool = True,
    retry_failed: bool = False,
) -> RunSummary:
    """Process every file under ``paths`` into ``out``; see DESIGN.md for the outputs."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    cache = ResultCache(out / "cache")
    workers = workers or max(1, (os.cpu_count() or 1))
    summary = RunSummary(out=out)

    files = list(discover(paths))
    hashes: dict[str, str | None] = {}
    errors: dict[str, dict[str, Any]] = {}
    todo: list[Task] = []
    for f in files:
        try:
            sha = sha256_file(f.path)
        except OSError as exc:
            hashes[f.rel] = None
            errors[f.rel] = _failed(f.rel, None, f"cannot read file: {exc.strerror or exc}")
            continue
        hashes[f.rel] = sha
        cached = cache.get(sha)
        if cached is None or (retry_failed and cached["manifest"]["status"] == "failed"):
            todo.append((str(f.path), f.rel, sha))

    unique = {t[2]: t for t in todo}  # the same content twice is processed once
    bar = tqdm(total=len(unique), unit="file", desc="vanban", disable=not progress)
    for (_path, _rel, sha), result in run_local(
        process_file, unique.values(), workers, on_crash=lambda t, why: _failed(t[1], t[2], why)
    ):
        cache.put(sha, result)
        summary.processed += 1
        bar.update()
    bar.close()

    _write_records(files, hashes, errors, cache, out, summary)
    _write_archive(out)
    _write_search(out)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_records(
    files: list[InputFile],
    hashes: dict[str, str | None],
    errors: dict[str, dict[str, Any]],
    cache: ResultCache,
    out: Path,
    summary: RunSummary,
) -> None:
    """documents.jsonl and manifest.jsonl in input order; identical files are recorded once."""
    first_seen: dict[str, str] = {}
    with atomic_open(out / "documents.jsonl") as docs_out, atomic_open(out / "manifest.jsonl") as manifest_out:
        for f in files:
            sha = hashes[f.rel]
            result = errors.get(f.rel) or cache.get(sha) or _failed(f.rel, sha, "result missing from cache")
            entry = dict(result["manifest"], path=f.rel)
            if sha is not None and sha in first_seen:
                entry.update(status="skipped", error=f"duplicate of {first_seen[sha]}", documents=[], seconds=0.0)
            else:
                if sha is not None:
                    first_seen[sha] = f.rel
                for doc in result["documents"]:
                    doc["source"]["path"] = f.rel
                    docs_out.write(json.dumps(doc, ensure_ascii=False) + "\n")
                    summary.documents += 1
            summary.counts[entry["status"]] += 1
            manifest_out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def iter_records(out: Path) -> Iterator[Document]:
    """Stream the Document records of a build directory."""
    with (out / "documents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield Document.from_dict(json.loads(line))


def _write_archive(out: Path) -> None:
    """The whole-archive outputs: graph (node-link JSON, GraphML, Neo4j import CSV) and Parquet tables."""
    from pipeline.graph import build_graph, write_graph
    from pipeline.graph.export import write_neo4j
    from pipeline.tables import write_tables

    graph = build_graph(iter_records(out))
    write_graph(graph, out)
    write_neo4j(graph, out)
    write_tables(iter_records(out), graph, out)


def _write_search(out: Path) -> None:
    """The last stage: search feed, bulk files and the embedded index under DIR/search/ (incremental)."""
    from pipeline.index import write_search

    write_search(out)
