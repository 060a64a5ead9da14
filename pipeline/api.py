"""Open a finished build directory in a notebook: ``pipeline.open(DIR)``.

>>> archive = pipeline.open("build")
>>> archive.citing("59-NQ/TW")            # DataFrame of citing documents
>>> archive.tasks(bearer="Bộ Khoa học và Công nghệ", due_to="2025-12-31", status="in_force")
>>> archive.network(archive.coparties())  # networkx graph of a pair table
>>> archive.search("nghi quyet 59", kind="KH")  # the embedded full-text index

Every answer is a pandas DataFrame (``network`` excepted); the columns are documented in
:mod:`pipeline.graph.query`.

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
from pipeline.index import search
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

    def citing(self, target: str) -> pd.DataFrame:
        """Documents citing (or based on, implementing, amending ...) a symbol, node id or record doc_id."""
        return query.citing(self.graph, target)

    def implementing(self, target: str) -> pd.DataFrame:
        """Documents implementing a symbol, node id or record doc_id."""
        return query.implementing(self.graph, target)

    def most_cited(self, top: int | None = None) -> pd.DataFrame:
        """Documents by the number of records citing them, most cited first (the ``top`` first ones)."""
        frame = query.most_cited(self.graph)
        return frame if top is None else frame.head(top)

    def tasks(
        self,
        bearer: str | None = None,
        due_from: str | None = None,
        due_to: str | None = None,
        status: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """Tasks and obligations, by bearer (node id or name), due-date window (ISO dates) and the
        status (``draft``, ``superseded``, ``in_force``) or kind (``KH``, ``QĐ``...) of their document."""
        return query.tasks(self.graph, bearer=bearer, due_from=due_from, due_to=due_to, status=status, kind=kind)

    def collaborations(self, roles: Iterable[str] = query.ROLES, cited: bool = False) -> pd.DataFrame:
        """Pairs of organizations that co-issue, co-sign, are parties to or share tasks of the same documents
        (documents of the archive; with ``cited``, also documents known only from citations)."""
        return query.collaborations(self.graph, roles, cited)

    def cosigners(self, cited: bool = False) -> pd.DataFrame:
        """Pairs of organizations that co-issue or co-sign the same documents."""
        return query.cosigners(self.graph, cited)

    def coparties(self, cited: bool = False) -> pd.DataFrame:
        """Pairs of organizations that are parties to the same agreements or joint programmes."""
        return query.coparties(self.graph, cited)

    @staticmethod
    def network(pairs: pd.DataFrame) -> nx.Graph:
        """A pair table (collaborations, cosigners, coparties) as a weighted undirected networkx graph."""
        return query.pair_network(pairs)

    def search(self, query: str = "", **filters) -> pd.DataFrame:
        """Ranked documents from the build's embedded index (filters: kind, issuer, date_from, date_to, limit);
        see :func:`pipeline.index.search`."""
        return search(self.path, query, **filters)

    def provenance(self, node_or_edge: str | tuple) -> pd.DataFrame:
        """Which records assert a node or edge, where (start/end) and the text slice."""
        rows = query.provenance(self.graph, node_or_edge)
        return query.provenance(self.graph, node_or_edge, texts=self.texts(rows["doc_id"].dropna()))


def open(out_dir: str | Path) -> Archive:  # noqa: A001 - the notebook API is pipeline.open(DIR)
    """Open a build directory written by ``vanban run``."""
    return Archive(out_dir)
