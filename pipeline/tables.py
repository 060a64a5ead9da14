"""Write DIR/tables/*.parquet: flat tables of the records and of the graph.

One row per record (documents), per item of a record (references, entities,
obligations, sections) and per node and edge of the graph. Every row names its
``doc_id``; spans are ``start``/``end`` (and ``page``) columns; nested values are
JSON strings. Records are streamed: rows go to disk in batches.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.atomic import atomic_path
from pipeline.graph.build import RELATION_EDGES
from pipeline.graph.export import Graph, column_types, scalar_attrs, unify_types
from pipeline.graph.identity import task_id
from pipeline.graph.store import GraphStore, as_store
from pipeline.model import Document, OrgRef, Span, to_jsonable

TEXT_HEAD = 300
BATCH_ROWS = 5000

_S, _I, _B, _F = pa.string(), pa.int64(), pa.bool_(), pa.float64()
_SPAN = {"start": _I, "end": _I, "page": _I}
SCHEMAS: dict[str, pa.Schema] = {
    name: pa.schema(list(columns.items()))
    for name, columns in {
        "documents": {
            "doc_id": _S, "node": _S, "path": _S, "sha256": _S, "part": _I, "pages": _S, "method": _S,
            "kind": _S, "kind_name": _S, "draft": _B, "party": _B, "number": _S, "symbol": _S,
            "issued_date": _S, "place": _S, "issuer": _S, "issuer_id": _S, "issuers": _S, "title": _S,
            "subject": _S, "urgency": _S, "secrecy": _S, "period": _S, "recipients": _S, "distribution": _S,
            "signers": _S, "parties": _S, "attachments": _S, "attached_to": _S, "quality": _F, "warnings": _S,
            "n_references": _I, "n_entities": _I, "n_obligations": _I, "n_tasks": _I, "n_sections": _I,
            "text_length": _I, "text_head": _S,
        },
        "references": {
            "doc_id": _S, "index": _I, "text": _S, **_SPAN, "kind": _S, "kind_name": _S, "number": _S,
            "symbol": _S, "date": _S, "issuer": _S, "issuer_id": _S, "subject": _S, "title": _S,
            "relation": _S, "target_id": _S, "target": _S,
        },
        "entities": {
            "doc_id": _S, "index": _I, "label": _S, "text": _S, **_SPAN, "id": _S, "value": _S,
        },
        "obligations": {
            "doc_id": _S, "category": _S, "index": _I, "task": _S, "action": _S, "modality": _S,
            "bearer": _S, "bearer_id": _S, "bearers": _S, "coordinators": _S, "beneficiary": _S,
            "assigned_by": _S, "deadline": _S, "deadline_date": _S, "section": _S, **_SPAN,
        },
        "sections": {
            "doc_id": _S, "id": _S, "label": _S, "heading": _S, "level": _I, "kind": _S, "parent": _S, **_SPAN,
        },
    }.items()
}


def write_tables(records: Iterable[Document], graph: Graph, out_dir: str | Path) -> dict[str, Path]:
    """Write the seven tables under ``out_dir/tables``; return their paths by name.

    ``graph`` is the archive graph of ``records`` (networkx or a :class:`GraphStore`); every table
    is streamed in batches and replaced atomically.
    """
    with as_store(graph) as store:
        return _write_tables(records, store, Path(out_dir) / "tables")


def _write_tables(records: Iterable[Document], store: GraphStore, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    writers = {name: _BatchWriter(folder / f"{name}.parquet", schema) for name, schema in SCHEMAS.items()}
    for doc in records:
        writers["documents"].add(_document_row(doc, store.record_node(doc.doc_id)))
        targets = _reference_targets(store, doc.doc_id)
        for i, ref in enumerate(doc.references or []):
            row = _item_row(doc.doc_id, i, ref)
            row["target"] = targets.get((row["start"], row["end"]))
            writers["references"].add(row)
        for i, ent in enumerate(doc.entities or []):
            writers["entities"].add(_item_row(doc.doc_id, i, ent))
        for category, items in (("obligation", doc.obligations), ("task", doc.tasks)):
            for i, item in enumerate(items or []):
                writers["obligations"].add(_obligation_row(doc.doc_id, category, i, item))
        for section in doc.sections or []:
            writers["sections"].add(_item_row(doc.doc_id, 0, section))
    paths = {name: writer.close() for name, writer in writers.items()}
    paths["nodes"] = _write_streamed(folder / "nodes.parquet", lambda: _node_rows(store), ["id", "type", "label"])
    paths["edges"] = _write_streamed(folder / "edges.parquet", lambda: _edge_rows(store),
                                     ["source", "target", "key", "type", "doc_id", "start", "end"])
    return paths


class _BatchWriter:
    """Rows in, Parquet out, ``BATCH_ROWS`` at a time, with a fixed schema; the file appears on :meth:`close`."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path, self.schema = path, schema
        self.rows: list[dict[str, Any]] = []
        self.file = ExitStack()
        self.writer = pq.ParquetWriter(self.file.enter_context(atomic_path(path)), schema)

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH_ROWS:
            self._flush()

    def close(self) -> Path:
        self._flush()
        self.writer.close()
        self.file.close()  # renamed into place
        return self.path

    def _flush(self) -> None:
        columns = {name: [row.get(name) for row in self.rows] for name in self.schema.names}
        self.writer.write_table(pa.table(columns, schema=self.schema))
        self.rows.clear()


def _reference_targets(store: GraphStore, doc_id: str) -> dict[tuple[int, int], str]:
    """(start, end) of each reference of record ``doc_id`` -> the node it cites."""
    relations = set(RELATION_EDGES.values())
    return {
        (start, end): target
        for _, target, data in store.edges_of_record(doc_id)
        if data["type"] in relations
        for start, end in data.get("spans", [data["span"]])
    }


def _document_row(doc: Document, node: str | None) -> dict[str, Any]:
    source, text = doc.source, doc.text or ""
    first: OrgRef | None = doc.issuers[0] if doc.issuers else None
    row = {
        "doc_id": doc.doc_id,
        "node": node,
        "path": source.path if source else None,
        "sha256": source.sha256 if source else None,
        "part": source.part if source else None,
        "pages": _json(source.pages) if source else None,
        "method": source.method if source else None,
        "issuer": first.name if first else None,
        "issuer_id": first.id if first else None,
        "attached_to": None if doc.attached_to is None else str(doc.attached_to),
        "text_length": len(text),
        "text_head": text[:TEXT_HEAD],
    }
    for name in ("kind", "kind_name", "number", "symbol", "issued_date", "place", "title", "subject",
                 "urgency", "secrecy", "quality"):
        row[name] = getattr(doc, name)
    row["draft"], row["party"] = bool(doc.draft), bool(doc.party)
    for name in ("issuers", "period", "recipients", "distribution", "signers", "parties", "attachments",
                 "warnings"):
        row[name] = _json(getattr(doc, name))
    for name in ("references", "entities", "obligations", "tasks", "sections"):
        row[f"n_{name}"] = len(getattr(doc, name) or [])
    return row


def _item_row(doc_id: str, index: int, item: Any) -> dict[str, Any]:
    """A dataclass item as a row: scalar fields as they are, its span as start/end/page."""
    row: dict[str, Any] = {"doc_id": doc_id, "index": index, **_span_columns(item.span)}
    for name, value in vars(item).items():
        if name != "span":
            row[name] = value if value is None or isinstance(value, (str, int, float, bool)) else _json(value)
    return row


def _obligation_row(doc_id: str, category: str, index: int, item: Any) -> dict[str, Any]:
    bearers = [b for b in (item.bearers or [item.bearer]) if b]
    return {
        "doc_id": doc_id,
        "category": category,
        "index": index,
        "task": task_id(doc_id, category, index),
        "action": item.action,
        "modality": item.modality,
        "bearer": bearers[0].name if bearers else None,
        "bearer_id": bearers[0].id if bearers else None,
        "bearers": _json(bearers),
        "coordinators": _json(item.coordinators),
        "beneficiary": item.beneficiary.name if item.beneficiary else None,
        "assigned_by": item.assigned_by.name if item.assigned_by else None,
        "deadline": item.deadline.text if item.deadline else None,
        "deadline_date": item.deadline.date if item.deadline else None,
        "section": item.section,
        **_span_columns(item.span),
    }


def _node_rows(store: GraphStore) -> Iterator[dict[str, Any]]:
    for node, data in store.nodes(data=True):
        yield {"id": node, **scalar_attrs(data)}


def _edge_rows(store: GraphStore) -> Iterator[dict[str, Any]]:
    for u, v, k, data in store.edges(keys=True, data=True):
        start, end = data.get("span", [-1, -1])
        rest = scalar_attrs({n: x for n, x in data.items() if n not in ("type", "doc_id", "span")})
        yield {"source": u, "target": v, "key": k, "type": data["type"], "doc_id": data["doc_id"],
               "start": start, "end": end, **rest}


_ARROW_TYPES = {"boolean": _B, "int": _I, "long": _I, "double": _F}


def _write_streamed(path: Path, rows: Callable[[], Iterable[dict[str, Any]]], first: list[str]) -> Path:
    """A table of rows whose columns are not known in advance: one pass for the columns and types, one to write."""
    types = {name: set() for name in first} | column_types(rows())  # the first columns even in an empty table
    names = first + sorted(set(types) - set(first))
    schema = pa.schema([(n, _ARROW_TYPES.get(unify_types(types[n]), _S)) for n in names])
    text = {n for n in names if schema.field(n).type == _S}
    writer = _BatchWriter(path, schema)
    for row in rows():
        writer.add({n: json.dumps(v) if n in text and v is not None and not isinstance(v, str) else v
                    for n, v in row.items()})
    return writer.close()


def _span_columns(span: Span | None) -> dict[str, int | None]:
    if span is None:
        return {"start": -1, "end": -1, "page": None}
    return {"start": span.start, "end": span.end, "page": span.page}


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(to_jsonable(value), ensure_ascii=False)
