"""The archive graph on disk: a SQLite-backed multi-digraph, so memory stays flat at any archive size.

networkx keeps every node and edge as Python dicts (about 1 KB an edge): an archive of
millions of documents would not fit. :class:`~pipeline.graph.build.GraphBuilder` writes here
instead, and the exports (:mod:`pipeline.graph.export`, :mod:`pipeline.tables`) stream from
here. Nodes have a string id and JSON attributes; edges have networkx-style integer keys per
(source, target) and JSON attributes, indexed by (source, target, type, doc_id) and by the
record (``doc_id``) that asserts them. A bounded write-back cache keeps the hot nodes
(organizations named in every record) in memory. Small graphs convert both ways
(:meth:`GraphStore.to_networkx`, :func:`as_store`).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

from pipeline.scratch import ScratchDatabase

_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -32768;
CREATE TABLE nodes (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT, attrs TEXT NOT NULL);
CREATE TABLE edges (seq INTEGER PRIMARY KEY, src TEXT NOT NULL, dst TEXT NOT NULL, key INTEGER NOT NULL,
                    type TEXT, doc_id TEXT, attrs TEXT NOT NULL);
CREATE INDEX edge_identity ON edges (src, dst, type, doc_id);
CREATE INDEX edge_key ON edges (src, dst, key);
CREATE INDEX edge_target ON edges (dst);
CREATE INDEX edge_record ON edges (doc_id);
"""

Edge = tuple[int, str, str, dict[str, Any]]  # (row, source, target, attributes)


class GraphStore(ScratchDatabase):
    """A multi-digraph in a SQLite file (a temporary one when ``path`` is None), deleted on :meth:`close`."""

    def __init__(self, path: str | Path | None = None, *, cache_nodes: int = 20_000) -> None:
        if path is None:
            fd, name = tempfile.mkstemp(prefix="vanban-graph-", suffix=".sqlite")
            os.close(fd)
            path = name
        super().__init__(Path(path), _SCHEMA)
        self._cache: dict[str, dict[str, Any]] = {}
        self._dirty: set[str] = set()
        self._cache_nodes = cache_nodes
        self._records_indexed = False  # record_node's index, built on first use after the graph is complete

    # ------------------------------------------------------------------ nodes

    def __contains__(self, node: object) -> bool:
        found = node in self._cache or self.db.execute("SELECT 1 FROM nodes WHERE id = ?", (node,)).fetchone()
        return bool(found)

    def node(self, node: str) -> dict[str, Any] | None:
        """The attributes of ``node`` (``None`` if absent); changes to them are kept only through :meth:`put_node`."""
        attrs = self._cache.get(node)
        if attrs is None:
            row = self.db.execute("SELECT attrs FROM nodes WHERE id = ?", (node,)).fetchone()
            if row is None:
                return None
            attrs = self._remember(node, json.loads(row[0]))
        return attrs

    def put_node(self, node: str, attrs: dict[str, Any]) -> None:
        """Add ``node`` with ``attrs``, or replace the attributes of the node already there."""
        self._records_indexed = False
        if node in self:
            self._remember(node, attrs)
            self._dirty.add(node)
        else:
            self.db.execute("INSERT INTO nodes (id, type, attrs) VALUES (?, ?, ?)",
                            (node, attrs.get("type"), _dumps(attrs)))
            self._remember(node, attrs)

    def rename_node(self, old: str, new: str) -> None:
        """Give node ``old`` (and its edges) the id ``new``, which must be free."""
        self.flush()
        self._records_indexed = False
        self.db.execute("UPDATE nodes SET id = ? WHERE id = ?", (new, old))
        self.db.execute("UPDATE edges SET src = ? WHERE src = ?", (new, old))
        self.db.execute("UPDATE edges SET dst = ? WHERE dst = ?", (new, old))
        self._cache.pop(old, None)

    def remove_node(self, node: str) -> None:
        """Remove ``node`` and every edge touching it."""
        self._records_indexed = False
        self.db.execute("DELETE FROM nodes WHERE id = ?", (node,))
        self.db.execute("DELETE FROM edges WHERE src = ? OR dst = ?", (node, node))
        self._cache.pop(node, None)
        self._dirty.discard(node)

    def nodes(self, data: bool = False) -> Iterator[Any]:
        """Node ids in insertion order, or ``(id, attributes)`` pairs with ``data=True`` (as networkx)."""
        self.flush()
        for node, attrs in self.db.execute("SELECT id, attrs FROM nodes ORDER BY seq"):
            yield (node, json.loads(attrs)) if data else node

    def nodes_of_type(self, node_type: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(id, attributes)`` of the nodes whose ``type`` is ``node_type``."""
        self.flush()
        for node, attrs in self.db.execute("SELECT id, attrs FROM nodes WHERE type = ? ORDER BY seq", (node_type,)):
            yield node, json.loads(attrs)

    def record_node(self, doc_id: str) -> str | None:
        """The Document node holding record ``doc_id`` (in its ``doc_ids``), if any."""
        if not self._records_indexed:
            self.flush()
            self.db.executescript("""
                CREATE TABLE IF NOT EXISTS record_nodes (doc_id TEXT PRIMARY KEY, node TEXT);
                DELETE FROM record_nodes;
                INSERT OR REPLACE INTO record_nodes
                    SELECT doc.value, nodes.id FROM nodes, json_each(nodes.attrs, '$.doc_ids') AS doc
                    WHERE nodes.type = 'Document' ORDER BY nodes.seq;
            """)
            self._records_indexed = True
        row = self.db.execute("SELECT node FROM record_nodes WHERE doc_id = ?", (doc_id,)).fetchone()
        return row and row[0]

    def number_of_nodes(self) -> int:
        self.flush()
        return self.db.execute("SELECT COUNT(*) FROM nodes").fetchone()[0]

    # ------------------------------------------------------------------ edges

    def find_edge(self, u: str, v: str, edge_type: str | None, doc_id: str | None) -> Edge | None:
        """The edge ``u -> v`` of ``edge_type`` asserted by ``doc_id``, if there is one."""
        row = self.db.execute(
            "SELECT seq, attrs FROM edges WHERE src = ? AND dst = ? AND type IS ? AND doc_id IS ? LIMIT 1",
            (u, v, edge_type, doc_id),
        ).fetchone()
        return None if row is None else (row[0], u, v, json.loads(row[1]))

    def add_edge(self, u: str, v: str, attrs: dict[str, Any], key: int | None = None) -> int:
        """Add an edge ``u -> v`` (missing end nodes are added bare); return its key (the next free one)."""
        for node in (u, v):
            if node not in self:
                self.put_node(node, {})
        if key is None:
            key = self.db.execute("SELECT COALESCE(MAX(key) + 1, 0) FROM edges WHERE src = ? AND dst = ?",
                                  (u, v)).fetchone()[0]
        self.db.execute("INSERT INTO edges (src, dst, key, type, doc_id, attrs) VALUES (?, ?, ?, ?, ?, ?)",
                        (u, v, key, attrs.get("type"), attrs.get("doc_id"), _dumps(attrs)))
        return key

    def put_edge(self, row: int, attrs: dict[str, Any]) -> None:
        """Replace the attributes of the edge in ``row`` (its type and record stay)."""
        self.db.execute("UPDATE edges SET attrs = ? WHERE seq = ?", (_dumps(attrs), row))

    def edges_touching(self, node: str) -> list[Edge]:
        """Every edge into or out of ``node``, in insertion order."""
        rows = self.db.execute("SELECT seq, src, dst, attrs FROM edges WHERE src = ? OR dst = ? ORDER BY seq",
                               (node, node))
        return [(seq, u, v, json.loads(attrs)) for seq, u, v, attrs in rows]

    def edges_of_record(self, doc_id: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """``(source, target, attributes)`` of the edges asserted by record ``doc_id``."""
        for u, v, attrs in self.db.execute("SELECT src, dst, attrs FROM edges WHERE doc_id = ? ORDER BY seq",
                                           (doc_id,)):
            yield u, v, json.loads(attrs)

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        """Edges in insertion order as networkx gives them: ``(u, v)``, plus ``key`` and/or attributes."""
        for u, v, key, attrs in self.db.execute("SELECT src, dst, key, attrs FROM edges ORDER BY seq"):
            yield (u, v) + ((key,) if keys else ()) + ((json.loads(attrs),) if data else ())

    def number_of_edges(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM edges").fetchone()[0]

    # ------------------------------------------------------------------ whole graph

    def flush(self) -> None:
        """Write the changed cached nodes back; empty the cache when it is full."""
        self.db.executemany("UPDATE nodes SET type = ?, attrs = ? WHERE id = ?",
                            ((self._cache[n].get("type"), _dumps(self._cache[n]), n) for n in self._dirty))
        self._dirty.clear()
        if len(self._cache) >= self._cache_nodes:
            self._cache.clear()

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph in memory (for small archives, tests and notebooks)."""
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(self.nodes(data=True))
        graph.add_edges_from(self.edges(keys=True, data=True))
        return graph

    @classmethod
    def from_networkx(cls, graph: nx.MultiDiGraph, path: str | Path | None = None) -> GraphStore:
        """A store holding ``graph``'s nodes, edges, keys and attributes."""
        store = cls(path)
        for node, attrs in graph.nodes(data=True):
            store.put_node(node, dict(attrs))
        for u, v, key, attrs in graph.edges(keys=True, data=True):
            store.add_edge(u, v, dict(attrs), key=key)
        return store


    def _remember(self, node: str, attrs: dict[str, Any]) -> dict[str, Any]:
        if len(self._cache) >= self._cache_nodes:
            self.flush()
        self._cache[node] = attrs
        return attrs


@contextmanager
def as_store(graph: nx.MultiDiGraph | GraphStore) -> Iterator[GraphStore]:
    """``graph`` as a :class:`GraphStore`: itself, or a temporary copy of a networkx graph."""
    if isinstance(graph, GraphStore):
        yield graph
        return
    store = GraphStore.from_networkx(graph)
    try:
        yield store
    finally:
        store.close()


def _dumps(attrs: dict[str, Any]) -> str:
    return json.dumps(attrs, ensure_ascii=False)
