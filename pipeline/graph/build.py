"""Stage 4: finished records -> one networkx MultiDiGraph for the whole archive.

Nodes have a ``type`` (Document, Organization, Person, Task, Place) and a ``label``;
edges a ``type``, the ``doc_id`` of the record that asserts them and a ``span``
([start, end] into that record's text, [-1, -1] when the source has none).

Merge rules (ids come from :mod:`pipeline.graph.identity`):

- Documents. A record's node id is ``document_key`` of its kind, symbol, date, first
  issuer and (when it has no number and is not a draft) title; ``doc:<doc_id>`` when that
  is ``None``. A reference gets the same key from its own fields, or
  ``doc:<doc_id>#ref<i>`` when it has none; ``Reference.target_id`` wins when that record
  is in the archive. Records and citations with one key are one node, ``in_corpus`` as soon
  as a record is. A record's values win over a citation's, otherwise the first value
  seen stays and later ones only fill gaps, and lists (``doc_ids``) are united: the result
  does not depend on the order of the records.
- ``attachments`` / ``attached_to`` and ``target_id`` name records by doc_id, or by part
  number within the same file; they are resolved after the last record, so the other
  record may come later. Both sides of one attachment give one ATTACHES edge.
- Organizations are ``OrgRef.id``, else ``org:`` + folded name. After the last record, an
  unresolved organization whose name or text folds to a name of exactly one resolved
  organization becomes that organization, and documents and people keyed by the old id
  are re-keyed (and merged with the node of that key, if any).
- Distribution lines are only strings: each becomes COPIED_TO when the optional resolver
  or a name of an organization of the same record matches it; the rest are skipped.
- People are ``person_id(name, org)`` of signers.
- One edge per (source, target, type, doc_id): a record repeating a fact gives one edge,
  ``span`` its first mention and ``spans`` all of them (only set when there are several).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from pipeline.graph.identity import document_key, org_id, person_id, place_id, task_id
from pipeline.graph.store import GraphStore
from pipeline.model import Document, Obligation, OrgRef, Reference, Span, from_jsonable, to_jsonable
from pipeline.nlp.organizations import load_gazetteer
from pipeline.textnorm import key

#: ``Reference.relation`` -> edge type; an unknown relation is kept as a CITES attribute.
RELATION_EDGES = {
    "cites": "CITES",
    "based_on": "BASED_ON",
    "implements": "IMPLEMENTS",
    "amends": "AMENDS",
    "replaces": "REPLACES",
    "repeals": "REPEALS",
    "attaches": "ATTACHES",
}
NO_SPAN = [-1, -1]
_PLACE_LABELS = {"LOC", "GPE", "PLACE"}

#: A distribution line and its record -> the organization it names, or ``None``.
OrgResolver = Callable[[str, Document], "OrgRef | None"]


def build_graph(records: Iterable[Document], resolve_org: OrgResolver | None = None) -> nx.MultiDiGraph:
    """The archive graph of ``records`` (streamed once) in memory; see the module docstring for merges."""
    with build_store(records, resolve_org=resolve_org) as store:
        return store.to_networkx()


def build_store(
    records: Iterable[Document], path: str | Path | None = None, resolve_org: OrgResolver | None = None
) -> GraphStore:
    """The archive graph of ``records`` in a :class:`GraphStore` at ``path`` (a temporary file by default).

    Memory stays flat however many records there are; the caller closes the store.
    """
    builder = GraphBuilder(GraphStore(path), resolve_org)
    for record in records:
        builder.add(record)
    return builder.finish()


class GraphBuilder:
    """Adds records one at a time to ``store``; :meth:`finish` resolves what needed the whole archive."""

    def __init__(self, store: GraphStore, resolve_org: OrgResolver | None = None) -> None:
        self.store = store
        self._resolve_org = resolve_org
        self._ledger = _Ledger(store.db)

    # ------------------------------------------------------------------ records

    def add(self, doc: Document) -> None:
        """Add one record: its document node, organizations, people, tasks and edges."""
        node = self._record_node(doc)
        sha = doc.source.sha256 if doc.source else None
        self._ledger.record(doc.doc_id, node, sha, str(doc.source.part) if doc.source else None)
        for org in doc.issuers or []:
            self._edge(node, self._org(org), "ISSUED_BY", doc.doc_id, _span_of(org))
        for org in doc.recipients or []:
            self._edge(node, self._org(org), "ADDRESSED_TO", doc.doc_id, _span_of(org))
        for org in doc.parties or []:
            self._edge(self._org(org), node, "PARTY_TO", doc.doc_id, _span_of(org))
        self._add_distribution(doc, node)
        self._add_signers(doc, node)
        for i, ref in enumerate(doc.references or []):
            if ref.target_id:
                self._ledger.defer(doc.doc_id, node, sha, "reference", [i, to_jsonable(ref)])
            else:
                self._add_reference(doc.doc_id, node, ref, i)
        for category, items in (("obligation", doc.obligations), ("task", doc.tasks)):
            for i, item in enumerate(items or []):
                self._add_task(doc.doc_id, node, item, task_id(doc.doc_id, category, i), category)
        self._add_entities(doc, node)
        for child in doc.attachments or []:
            self._ledger.defer(doc.doc_id, node, sha, "child", str(child))
        if doc.attached_to is not None:
            self._ledger.defer(doc.doc_id, node, sha, "parent", str(doc.attached_to))

    def finish(self) -> GraphStore:
        """Resolve deferred links and unresolved organizations; return the store."""
        for doc_id, node, sha, what, payload in self._ledger.deferred():
            if what == "reference":
                i, ref = payload
                self._add_reference(doc_id, node, from_jsonable(Reference, ref), i)
            else:
                self._attach(doc_id, node, sha, payload, parent=what == "child")
        self._merge_unresolved_orgs()
        self._ledger.drop()
        self.store.flush()
        return self.store

    def _record_node(self, doc: Document) -> str:
        issuer = self._org(doc.issuers[0]) if doc.issuers else None
        title = doc.title if not (doc.draft or doc.number) else None
        return self._document(
            (doc.kind, doc.symbol, doc.issued_date, issuer, title),
            fallback=f"doc:{doc.doc_id}",
            type="Document",
            label=_doc_label(doc.kind_name or doc.kind, doc.symbol, doc.title, doc.subject),
            in_corpus=True,
            doc_id=doc.doc_id,
            doc_ids=[doc.doc_id],
            kind=doc.kind,
            kind_name=doc.kind_name,
            symbol=doc.symbol,
            number=doc.number,
            issued_date=doc.issued_date,
            issuer=_name(doc.issuers[0]) if doc.issuers else None,
            title=doc.title,
            subject=doc.subject,
            draft=bool(doc.draft),
            place=doc.place,
            source=doc.source.path if doc.source else None,
            part=doc.source.part if doc.source else None,
        )

    def _document(self, identity: tuple[Any, ...], fallback: str, **attrs: Any) -> str:
        node = document_key(*identity) or fallback
        if identity[3] and node != fallback:
            self._ledger.identity(node, identity)
        attrs = _clean(attrs)
        attrs.setdefault("label", node)
        attrs = self._merge_node(node, attrs)
        attrs["label"] = _best_org_label([attrs["label"], *attrs.get("aliases", [])])
        self.store.put_node(node, attrs)
        return node

    def _merge_node(self, node: str, attrs: dict[str, Any]) -> dict[str, Any]:
        """``attrs`` merged into the node's (by :func:`merge_attrs`) and stored; the result."""
        current = self.store.node(node)
        if current is not None:
            merge_attrs(current, attrs)
            attrs = current
        self.store.put_node(node, attrs)
        return attrs

    def _org(self, ref: OrgRef | str | None) -> str | None:
        if isinstance(ref, str):
            ref = OrgRef(name=ref)
        if ref is None:
            return None
        name = ref.name or ref.text or (load_gazetteer().canonical_name(ref.id) if ref.id else None)
        node = org_id(name, ref.id)
        if node is None:
            return None
        names = [n for n in (ref.name, ref.text) if n]
        if ref.id:
            self._ledger.aliases(ref.id, {key(n) for n in names})
        else:
            self._ledger.unresolved(node)
        self._merge_node(node, _clean({
            "type": "Organization", "label": name or node, "aliases": sorted(set(names)),
            "parent": ref.parent, "resolved": bool(ref.id),
        }))
        return node

    def _add_distribution(self, doc: Document, node: str) -> None:
        own = [*(doc.issuers or []), *(doc.recipients or []), *(doc.parties or [])]
        own += [OrgRef(name=s.org, id=s.org_id) for s in doc.signers or [] if s.org]
        for item in [*(doc.obligations or []), *(doc.tasks or [])]:
            own += [*_bearers(item), *(item.coordinators or [])]
        known = {key(n): org for org in own if org for n in (org.name, org.text) if n}
        for line in doc.distribution or []:
            wanted = line.strip(" -–•+;.,")
            org = self._resolve_org(line, doc) if self._resolve_org else None
            org = org or known.get(key(wanted))
            if org is not None:
                self._edge(node, self._org(org), "COPIED_TO", doc.doc_id, _locate(doc.text, wanted))

    def _add_signers(self, doc: Document, node: str) -> None:
        for signer in doc.signers or []:
            org = self._org(OrgRef(name=signer.org, id=signer.org_id)) if signer.org or signer.org_id else None
            person = person_id(signer.name, org)
            if person is None:
                continue
            if person not in self.store:
                self.store.put_node(person, {"type": "Person", "label": signer.name.strip()})
                if org:
                    self._ledger.person(person, signer.name, org)
            span = _span_of(signer)
            self._edge(
                node, person, "SIGNED_BY", doc.doc_id, span,
                position=signer.position, authority=signer.authority, on_behalf_of=signer.on_behalf_of,
            )
            self._edge(person, org, "HOLDS_POSITION", doc.doc_id, span, position=signer.position)

    def _add_reference(self, doc_id: str, node: str, ref: Reference, i: int) -> None:
        span = _span_of(ref)
        issuer = self._org(OrgRef(name=ref.issuer, id=ref.issuer_id)) if ref.issuer or ref.issuer_id else None
        target = self._ledger.node_of(ref.target_id) if ref.target_id else None
        if target is None:
            target = self._document(
                (ref.kind, ref.symbol, ref.date, issuer, ref.title or None),
                fallback=f"doc:{doc_id}#ref{i}",
                type="Document",
                label=_doc_label(ref.kind_name or ref.kind, ref.symbol, ref.title, ref.subject or ref.text),
                in_corpus=False,
                kind=ref.kind,
                kind_name=ref.kind_name,
                symbol=ref.symbol,
                number=ref.number,
                issued_date=ref.date,
                issuer=ref.issuer,
                title=ref.title,
                subject=ref.subject,
            )
        relation = ref.relation or "cites"
        edge_type = RELATION_EDGES.get(relation, "CITES")
        extra = {"relation": relation} if relation not in RELATION_EDGES else {}
        self._edge(node, target, edge_type, doc_id, span, text=ref.text, **extra)
        self._edge(target, issuer, "ISSUED_BY", doc_id, span)

    def _add_task(self, doc_id: str, node: str, item: Obligation, task: str, category: str) -> None:
        bearers = _bearers(item)
        coordinators = [c for c in item.coordinators or [] if c]
        deadline = item.deadline
        span = _span_of(item)
        self._update_node(task, _clean({
            "type": "Task",
            "label": _short(item.action or category),
            "category": category,
            "action": item.action,
            "modality": item.modality,
            "deadline": deadline.text if deadline else None,
            "deadline_date": deadline.date if deadline else None,
            "section": item.section,
            "bearers": [_name(b) for b in bearers],
            "coordinators": [_name(c) for c in coordinators],
            "beneficiary": _name(item.beneficiary),
            "assigned_by": _name(item.assigned_by),
            "doc_id": doc_id,
            "span": span,
        }))
        self._edge(node, task, "HAS_TASK", doc_id, span)
        for bearer in bearers:
            self._edge(task, self._org(bearer), "ASSIGNED_TO", doc_id, _span_of(bearer, span))
        for coordinator in coordinators:
            self._edge(task, self._org(coordinator), "COORDINATES", doc_id, _span_of(coordinator, span))

    def _add_entities(self, doc: Document, node: str) -> None:
        for ent in doc.entities or []:
            if not ent.text:
                continue
            if ent.label == "ORG":
                target = self._org(OrgRef(name=ent.value or ent.text, text=ent.text, id=ent.id, span=ent.span))
            elif ent.label in _PLACE_LABELS:
                target = place_id(ent.text, ent.id)
                if target not in self.store:
                    self.store.put_node(target, {"type": "Place", "label": ent.text})
            else:
                continue
            self._edge(node, target, "MENTIONS", doc.doc_id, _span_of(ent))

    def _attach(self, doc_id: str, node: str, sha: str | None, other: str, *, parent: bool) -> None:
        target = self._ledger.node_of(other) or self._ledger.node_of_part(sha, other)
        if target is None:
            return
        parent_node, child = (node, target) if parent else (target, node)
        parent_doc = doc_id if parent else (self.store.node(target) or {}).get("doc_id", doc_id)
        self._edge(parent_node, child, "ATTACHES", parent_doc, NO_SPAN)

    def _edge(self, u: str | None, v: str | None, edge_type: str, doc_id: str, span: list[int], **attrs) -> None:
        if u is not None and v is not None:
            add_unique_edge(self.store, u, v, {"type": edge_type, "doc_id": doc_id, "span": span, **attrs})

    def _update_node(self, node: str, attrs: dict[str, Any]) -> None:
        """Add ``node`` or update its attributes with ``attrs`` (as networkx's ``add_node``)."""
        current = self.store.node(node)
        self.store.put_node(node, {**current, **attrs} if current else attrs)

    # ------------------------------------------------------------------ resolution

    def _merge_unresolved_orgs(self) -> None:
        mapping = {}
        for node in self._ledger.unresolved_orgs():
            attrs = self.store.node(node)
            if attrs is None:
                continue
            ids = self._ledger.ids_named({key(n) for n in attrs.get("aliases", [])})
            if len(ids) == 1:
                mapping[node] = ids.pop()
        for old, new in mapping.items():
            merge_nodes(self.store, old, new)
        for node, (kind, symbol, date, issuer, title) in self._ledger.identities_issued_by(mapping):
            if node in self.store:
                new_key = document_key(kind, symbol, date, mapping[issuer], title)
                if new_key and new_key != node:
                    merge_nodes(self.store, node, new_key)
        for node, name, org in self._ledger.people_of(mapping):
            merge_nodes(self.store, node, person_id(name, mapping[org]))


# ----------------------------------------------------------------------------- bookkeeping


class _Ledger:
    """What the builder remembers between records, in tables beside the graph (memory stays flat).

    Records by doc_id and by (file, part); links to make after the last record; organization
    names seen with an id; unresolved organizations; the identity of documents keyed by an
    issuer; people keyed by an organization.
    """

    _SCHEMA = """
    CREATE TABLE records (doc_id TEXT PRIMARY KEY, node TEXT);
    CREATE TABLE parts (sha TEXT, part TEXT, node TEXT, PRIMARY KEY (sha, part));
    CREATE TABLE deferred (seq INTEGER PRIMARY KEY, doc_id TEXT, node TEXT, sha TEXT, what TEXT, payload TEXT);
    CREATE TABLE aliases (name TEXT, org TEXT, PRIMARY KEY (name, org));
    CREATE TABLE unresolved (node TEXT PRIMARY KEY);
    CREATE TABLE identities (node TEXT PRIMARY KEY, kind, symbol, date, issuer, title);
    CREATE TABLE people (node TEXT PRIMARY KEY, name TEXT, org TEXT);
    """
    _TABLES = ("records", "parts", "deferred", "aliases", "unresolved", "identities", "people")

    def __init__(self, db) -> None:
        self.db = db
        db.executescript(self._SCHEMA)

    def record(self, doc_id: str, node: str, sha: str | None, part: str | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO records VALUES (?, ?)", (doc_id, node))
        if part is not None:
            self.db.execute("INSERT OR REPLACE INTO parts VALUES (?, ?, ?)", (sha, part, node))

    def node_of(self, doc_id: str) -> str | None:
        row = self.db.execute("SELECT node FROM records WHERE doc_id = ?", (doc_id,)).fetchone()
        return row and row[0]

    def node_of_part(self, sha: str | None, part: str) -> str | None:
        row = self.db.execute("SELECT node FROM parts WHERE sha IS ? AND part = ?", (sha, part)).fetchone()
        return row and row[0]

    def defer(self, doc_id: str, node: str, sha: str | None, what: str, payload: Any) -> None:
        self.db.execute("INSERT INTO deferred (doc_id, node, sha, what, payload) VALUES (?, ?, ?, ?, ?)",
                        (doc_id, node, sha, what, json.dumps(payload, ensure_ascii=False)))

    def deferred(self) -> Iterator[tuple[str, str, str | None, str, Any]]:
        last = 0
        while rows := self.db.execute("SELECT seq, doc_id, node, sha, what, payload FROM deferred WHERE seq > ? "
                                      "ORDER BY seq LIMIT 1000", (last,)).fetchall():
            for _, doc_id, node, sha, what, payload in rows:
                yield doc_id, node, sha, what, json.loads(payload)
            last = rows[-1][0]

    def aliases(self, org: str, names: set[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?)", ((n, org) for n in names))

    def ids_named(self, names: set[str]) -> set[str]:
        """The organization ids seen with any of ``names`` (folded)."""
        return {org for name in names for (org,) in self.db.execute("SELECT org FROM aliases WHERE name = ?", (name,))}

    def unresolved(self, node: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO unresolved VALUES (?)", (node,))

    def unresolved_orgs(self) -> list[str]:
        return [n for (n,) in self.db.execute("SELECT node FROM unresolved ORDER BY node")]

    def identity(self, node: str, identity: tuple[Any, ...]) -> None:
        self.db.execute("INSERT OR IGNORE INTO identities VALUES (?, ?, ?, ?, ?, ?)", (node, *identity))

    def identities_issued_by(self, issuers: dict[str, str]) -> list[tuple[str, tuple[Any, ...]]]:
        rows = self.db.execute("SELECT node, kind, symbol, date, issuer, title FROM identities ORDER BY node")
        return [(node, tuple(rest)) for node, *rest in rows if rest[3] in issuers]

    def person(self, node: str, name: str, org: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO people VALUES (?, ?, ?)", (node, name, org))

    def people_of(self, orgs: dict[str, str]) -> list[tuple[str, str, str]]:
        rows = self.db.execute("SELECT node, name, org FROM people ORDER BY node")
        return [(node, name, org) for node, name, org in rows if org in orgs]

    def drop(self) -> None:
        """Remove the bookkeeping tables: the database then holds only the graph."""
        for table in self._TABLES:
            self.db.execute(f"DROP TABLE {table}")


# ----------------------------------------------------------------------------- graph helpers


def merge_attrs(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Merge node attributes ``new`` into ``old``, whatever the order they come in.

    Values of a record (``in_corpus``) or a resolved organization win over the others;
    between equals the smaller value wins; gaps are filled; lists become sorted unions.
    """
    new_rank, old_rank = _rank(new), _rank(old)
    for name, value in new.items():
        current = old.get(name)
        if isinstance(value, list) and isinstance(current, list):
            old[name] = sorted(set(current) | set(value))
        elif current is None or new_rank > old_rank or (
            new_rank == old_rank and type(value) is type(current) and value < current
        ):
            old[name] = value


def _rank(attrs: dict[str, Any]) -> bool:
    return bool(attrs.get("in_corpus") or attrs.get("resolved"))


def merge_nodes(store: GraphStore, src: str, dst: str) -> None:
    """Make ``src`` part of ``dst``: attributes merged, edges moved (no duplicates), ``src`` removed."""
    old = store.node(src)
    if src == dst or old is None:
        return
    current = store.node(dst)
    if current is None:
        store.rename_node(src, dst)
        return
    merge_attrs(current, dict(old))
    store.put_node(dst, current)
    for _, u, v, data in store.edges_touching(src):
        add_unique_edge(store, dst if u == src else u, dst if v == src else v, data)
    store.remove_node(src)


def add_unique_edge(store: GraphStore, u: str, v: str, data: dict[str, Any]) -> None:
    """Add edge ``u -> v``; if one of the same type from the same record is there, note the span in its ``spans``."""
    found = store.find_edge(u, v, data["type"], data["doc_id"])
    if found is None:
        store.add_edge(u, v, _clean(data))
        return
    row, _, _, old = found
    spans = list(old.get("spans", [old["span"]]))
    spans += [s for s in data.get("spans", [data["span"]]) if s not in spans and s != NO_SPAN]
    if len(spans) > 1 and spans != old.get("spans"):
        old["spans"] = spans
        store.put_edge(row, old)


# ----------------------------------------------------------------------------- record helpers


def _bearers(item: Obligation) -> list[OrgRef]:
    return [b for b in (item.bearers or [item.bearer]) if b]


def _name(org: OrgRef | str | None) -> str | None:
    if org is None or isinstance(org, str):
        return org
    return org.name or org.text


def _span_of(item: Any, default: list[int] = NO_SPAN) -> list[int]:
    span: Span | None = getattr(item, "span", None)
    if span is None or span.start is None or span.end is None:
        return list(default)
    return [span.start, span.end]


def _locate(text: str | None, needle: str) -> list[int]:
    start = (text or "").rfind(needle) if needle else -1
    return [start, start + len(needle)] if start >= 0 else list(NO_SPAN)


def _best_org_label(names: list[str]) -> str:
    """The most canonical of an organization's names: full, running-text case (order-independent)."""
    return max(names, key=lambda n: (not n.isupper(), len(n), n))


def _doc_label(kind: str | None, symbol: str | None, title: str | None, subject: str | None) -> str | None:
    numbered = bool(symbol and symbol.strip()[:1].isdigit())
    if numbered:
        return f"{kind} {symbol}" if kind else symbol
    return title or " ".join(p for p in (kind, symbol) if p) or (_short(subject) if subject else None)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None and v != []}
