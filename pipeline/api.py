"""Open a finished build directory in a notebook: ``pipeline.open(DIR)``.

>>> archive = pipeline.open("build")
>>> archive.citing("59-NQ/TW")            # DataFrame of citing documents
>>> archive.tasks(bearer="Bộ Khoa học và Công nghệ", due_to="2025-12-31")

Tables and the graph are read on first use; records are streamed from documents.jsonl.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

import networkx as nx
import pandas as pd

from pipeline.graph import query
from pipeline.graph.export import read_graph
from pipeline.model import Document

DOCUMENTS = "documents.jsonl"


def _table(name: str) -> cached_property:
    def load(self: Archive) -> pd.DataFrame:
        return pd.read_parquet(self.path / "tables" / f"{name}.parquet")

    load.__doc__ = f"tables/{name}.parquet as a DataFrame (read on first use)."
    return cached_property(load)


class Archive:
    """A build directory written by ``vanban run``: tables, graph, records and queries over them."""

    documents = _table("documents")
    references = _table("references")
    entities = _table("entities")
    obligations = _table("obligations")
    sections = _table("sections")
    nodes = _table("nodes")
    edges = _table("edges")

    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir)
        if not self.path.is_dir():
            raise FileNotFoundError(f"no build directory at {self.path}")

    def __repr__(self) -> str:
        return f"Archive({str(self.path)!r})"

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The archive graph from graph/graph.json (read on first use)."""
        return read_graph(self.path)

    def records(self) -> Iterator[Document]:
        """Stream the records of documents.jsonl as :class:`Document` objects."""
        with (self.path / DOCUMENTS).open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield Document.from_dict(json.loads(line))

    def texts(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The text of each of ``doc_ids`` (one pass over documents.jsonl)."""
        wanted = set(doc_ids)
        found: dict[str, str] = {}
        if not wanted:
            return found
        with (self.path / DOCUMENTS).open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    data = json.loads(line)
                    if data.get("doc_id") in wanted:
                        found[data["doc_id"]] = data.get("text") or ""
                        if len(found) == len(wanted):
                            break
        return found

    def citing(self, symbol: str) -> pd.DataFrame:
        """Documents citing (or based on, implementing, amending ...) a symbol or node id."""
        return query.citing(self.graph, symbol)

    def implementing(self, symbol: str) -> pd.DataFrame:
        """Documents implementing a symbol or node id."""
        return query.implementing(self.graph, symbol)

    def tasks(self, bearer: str | None = None, due_from: str | None = None, due_to: str | None = None) -> pd.DataFrame:
        """Tasks and obligations, by bearer (node id or name) and due-date window (ISO dates)."""
        return query.tasks(self.graph, bearer=bearer, due_from=due_from, due_to=due_to)

    def cosigners(self) -> pd.DataFrame:
        """Pairs of organizations that co-issue, co-sign or are parties to the same documents."""
        return query.cosigners(self.graph)

    def provenance(self, node_or_edge: str | tuple) -> pd.DataFrame:
        """Which records assert a node or edge, where (start/end) and the text slice."""
        rows = query.provenance(self.graph, node_or_edge)
        return query.provenance(self.graph, node_or_edge, texts=self.texts(rows["doc_id"].dropna()))


def open(out_dir: str | Path) -> Archive:  # noqa: A001 - the notebook API is pipeline.open(DIR)
    """Open a build directory written by ``vanban run``."""
    return Archive(out_dir)
