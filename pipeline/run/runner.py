"""``vanban run``: every input file accounted for, cached, resumable; then the archive outputs.

Order of work: discover -> hash (into an on-disk ledger, :mod:`pipeline.run.inputs`: memory does not grow with
the number of inputs) -> process the files not in the cache (executor: local
process pool or Dask; stages 1-3 in one pass per file) -> documents.jsonl + manifest.jsonl
(input order) -> graph (JSON, GraphML, Neo4j CSV) -> tables -> search feed and index
(DIR/search/, only changed documents).

Stages run alone (``first``/``last``, ``vanban run --from/--until``, what dvc.yaml does) hand
over through DIR: extract and structure each write DIR/<stage>/manifest.jsonl plus one JSON
state per file (:class:`~pipeline.run.worker.FileState`) that the next stage reads; nlp writes
documents.jsonl and manifest.jsonl; graph and index read documents.jsonl. A stage run alone
always recomputes (no cache look-up) and its outputs are those of a full run.

A run killed at any moment (``kill -9`` included) leaves every output whole, old or new (each is
renamed into place: :func:`~pipeline.atomic.atomic_path`); the next run deletes the temporary
files it left, takes the files already done from the cache and rewrites the rest.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from tqdm import tqdm

from pipeline.atomic import TEMP_PREFIX, atomic_open, remove_temp_files
from pipeline.limits import DEFAULTS, Limits
from pipeline.model import STATUSES, Document, ManifestEntry, to_jsonable
from pipeline.run.archives import is_archive, read_archive
from pipeline.run.cache import ResultCache, sha256_file
from pipeline.run.discover import discover
from pipeline.run.executor import Executor, Task, make_executor
from pipeline.run.inputs import InputLedger
from pipeline.run.worker import FILE_STAGES, process_file

STAGES = (*FILE_STAGES, "graph", "index")
RECORDS = "documents.jsonl"
MANIFEST = "manifest.jsonl"
GRAPH_STORE = ".graph.sqlite"  # the graph while the archive outputs are written (deleted after)
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


class StageInputMissing(Exception):
    """A stage run alone found no output of the stage before it."""


@dataclass
class RunSummary:
    """What a run did: status counts, documents written, wall time."""

    out: Path
    stages: tuple[str, ...] = STAGES
    counts: Counter = field(default_factory=Counter)
    documents: int = 0
    processed: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.counts["failed"] == 0

    def line(self) -> str:
        head = "" if self.stages == STAGES else f"{' + '.join(self.stages)}: "
        if not set(self.stages) & set(FILE_STAGES):
            return f"{head}{self.seconds:.1f}s -> {self.out}"
        statuses = " / ".join(f"{self.counts[s]} {s}" for s in STATUSES)
        return (
            f"{head}{sum(self.counts.values())} files: {statuses}; {self.documents} documents; "
            f"{self.processed} processed, {sum(self.counts.values()) - self.processed} from cache; "
            f"{self.seconds:.1f}s -> {self.out}"
        )


def _failed(rel: str, sha256: str | None, reason: str, status: str = "failed") -> dict[str, Any]:
    """The result of a file that was not processed: its manifest entry alone."""
    entry = ManifestEntry(path=rel, sha256=sha256, status=status, error=reason)
    return {"manifest": to_jsonable(entry), "documents": []}


def run(
    paths: list[Path],
    out: Path,
    *,
    workers: int | None = None,
    progress: bool = True,
    retry_failed: bool = False,
    first: str = "extract",
    last: str = "index",
    executor: str = "local",
    scheduler: str | None = None,
    limits: Limits = DEFAULTS,
) -> RunSummary:
    """Process every file under ``paths`` into ``out``; see DESIGN.md for the outputs.

    ``first``/``last`` run only the stages between them (of :data:`STAGES`); a run that does not
    start at extract reads the previous stage's outputs under ``out`` instead of ``paths``.
    ``executor`` / ``scheduler`` choose where the per-file work runs (:func:`make_executor`);
    ``limits`` caps what one file may cost (:mod:`pipeline.limits`).
    """
    started = time.perf_counter()
    stages = STAGES[STAGES.index(first): STAGES.index(last) + 1]
    if not stages:
        raise ValueError(f"stage {last!r} comes before {first!r}")
    if first != "extract":
        previous = out / RECORDS if first in ("graph", "index") else out / _before(first) / MANIFEST
        if not previous.is_file():
            raise StageInputMissing(f"{previous} is missing: run the stages before {first} first")
    out.mkdir(parents=True, exist_ok=True)
    remove_temp_files(out)  # what a killed run left half-written
    summary = RunSummary(out=out, stages=stages)
    file_stages = tuple(s for s in stages if s in FILE_STAGES)
    if file_stages:
        _run_files(paths, out, file_stages, make_executor(executor, workers, scheduler, limits), progress,
                   retry_failed, summary, limits)
    if "graph" in stages:
        _write_archive(out)
    if "index" in stages:
        _write_search(out)
    summary.seconds = time.perf_counter() - started
    return summary


def _before(stage: str) -> str:
    return STAGES[STAGES.index(stage) - 1]


def _run_files(
    paths: list[Path],
    out: Path,
    stages: tuple[str, ...],
    executor: Executor,
    progress: bool,
    retry_failed: bool,
    summary: RunSummary,
    limits: Limits = DEFAULTS,
) -> None:
    """The per-file stages: all three with the cache, or some of them from and to DIR/<stage>/."""
    complete = stages == FILE_STAGES
    finished = stages[-1] == "nlp"  # else the states go to DIR/<stage>/, replacing what was there
    target = out if finished else out / stages[-1]
    if not finished:  # the manifest goes first: a stage folder without one is never read
        (target / MANIFEST).unlink(missing_ok=True)
        shutil.rmtree(target, ignore_errors=True)
    store = ResultCache(out / "cache" if finished else target)
    ledger = InputLedger(out / f"{TEMP_PREFIX}inputs.sqlite")  # on disk: a million inputs cost no memory
    with ledger:
        if stages[0] == "extract":
            _hash_inputs(paths, ledger)
        else:
            _saved_inputs(out / _before(stages[0]), ledger)
        ledger.seal()
        bar = tqdm(total=ledger.distinct(), unit="file", desc="vanban", disable=not progress)

        def todo() -> Iterator[Task]:
            """The contents not in the cache (or failed there, with ``retry_failed``), each once."""
            for task in ledger.contents():
                cached = store.get(task[2]) if complete else None
                if cached is None or (retry_failed and cached["manifest"]["status"] == "failed"):
                    yield task
                else:
                    bar.update()

        func = partial(process_file, stages=stages, limits=limits)
        for (_path, _rel, sha), result in executor.run(func, todo(), on_crash=_crashed):
            store.put(sha, result)
            summary.processed += 1
            bar.update()
        bar.close()
        _write_records(ledger, store, target / MANIFEST, out / RECORDS if finished else None, summary)


def _crashed(task: Task, why: str) -> dict[str, Any]:
    """The result of a file whose worker died on it."""
    return _failed(task[1], task[2], why)


def _hash_inputs(paths: list[Path], ledger: InputLedger) -> None:
    """The files under ``paths``, hashed (archives: their members); sources are the files or members."""
    for f in discover(paths):
        if f.skipped:
            ledger.add(f.rel, None, None, _failed(f.rel, None, f.skipped, "skipped"))
        elif is_archive(f.path):
            for m in read_archive(f.path, f.rel):
                ledger.add(m.rel, m.sha256, m.source, m.status and _failed(m.rel, m.sha256, m.reason, m.status))
        else:
            try:
                ledger.add(f.rel, sha256_file(f.path), str(f.path))
            except OSError as exc:
                ledger.add(f.rel, None, None, _failed(f.rel, None, f"cannot read file: {exc.strerror or exc}"))


def _saved_inputs(folder: Path, ledger: InputLedger) -> None:
    """The files as a stage run alone recorded them in ``folder``; sources are their saved states."""
    saved = ResultCache(folder)
    with (folder / MANIFEST).open(encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            rel, sha = entry["path"], entry["sha256"]
            if sha is None:
                ledger.add(rel, None, None, {"manifest": entry, "documents": []})
            else:
                ledger.add(rel, sha, str(saved.path(sha)))


def _write_records(
    ledger: InputLedger,
    store: ResultCache,
    manifest_path: Path,
    records_path: Path | None,
    summary: RunSummary,
) -> None:
    """The manifest (and documents.jsonl, when given) in input order; identical files are recorded once."""
    records = atomic_open(records_path) if records_path else nullcontext()
    with atomic_open(manifest_path) as manifest_out, records as docs_out:
        for rel, sha, not_processed, first in ledger.rows():
            result = not_processed or store.get(sha) or _failed(rel, sha, "result missing from cache")
            entry = dict(result["manifest"], path=rel)
            if sha is not None and sha != EMPTY_SHA256 and first != rel:  # empty files are each 'empty'
                entry.update(status="skipped", error=f"duplicate of {first}", documents=[], seconds=0.0)
            else:
                for doc in result["documents"]:
                    if docs_out:
                        doc["source"]["path"] = rel
                        docs_out.write(json.dumps(doc, ensure_ascii=False) + "\n")
                    summary.documents += 1
            summary.counts[entry["status"]] += 1
            manifest_out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def iter_records(out: Path) -> Iterator[Document]:
    """Stream the Document records of a build directory."""
    with (out / RECORDS).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield Document.from_dict(json.loads(line))


def _write_archive(out: Path) -> None:
    """The whole-archive outputs: graph (node-link JSON, GraphML, Neo4j import CSV) and Parquet tables."""
    from pipeline.graph import build_store, write_graph
    from pipeline.graph.export import write_neo4j
    from pipeline.tables import write_tables

    (out / "graph").mkdir(parents=True, exist_ok=True)
    with build_store(iter_records(out), out / "graph" / GRAPH_STORE) as graph:  # on disk: memory stays flat
        write_graph(graph, out)
        write_neo4j(graph, out)
        write_tables(iter_records(out), graph, out)


def _write_search(out: Path) -> None:
    """The last stage: search feed, bulk files and the embedded index under DIR/search/ (incremental)."""
    from pipeline.index import write_search

    write_search(out)
