"""Questions researchers ask of the archive graph, answered as pandas DataFrames.

Pure functions of a graph built by :func:`pipeline.graph.build.build_graph` (or loaded
back from graph.json); every row carries the ``doc_id`` and ``start``/``end`` of the
record that asserts it (organization pairs carry the documents instead).

The status of a document (:func:`document_status`), as far as the archive tells:
``draft`` (DỰ THẢO), ``superseded`` (a document of the archive that is not a draft
replaces or repeals it) or ``in_force`` (anything else; the archive may not hold the
document that ended it).
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from pipeline.graph.identity import normalize_symbol
from pipeline.textnorm import key

CITATION_EDGES = ("CITES", "BASED_ON", "IMPLEMENTS", "AMENDS", "REPLACES", "REPEALS")
SUPERSEDING_EDGES = ("REPLACES", "REPEALS")
STATUSES = ("draft", "superseded", "in_force")
#: How two organizations act together in one document (see :func:`collaborations`).
ROLES = ("issued", "signed", "party", "task")
PAIR_COLUMNS = ["org_a", "label_a", "org_b", "label_b", "documents", "document_ids", "how"]
_PERIOD = re.compile(r"^(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|Q(?P<q>[1-4])|H(?P<h>[12])))?$")

Texts = Mapping[str, str] | Callable[[str], "str | None"]


def find_documents(graph: nx.MultiDiGraph, target: str) -> list[str]:
    """Document nodes named by ``target``: a node id, a record's doc_id, or a symbol (all issuers and years)."""
    if target in graph and graph.nodes[target].get("type") == "Document":
        return [target]
    wanted = normalize_symbol(target)
    return [
        n for n, d in graph.nodes(data=True)
        if d.get("type") == "Document" and (
            target in d.get("doc_ids", ()) or (d.get("symbol") and normalize_symbol(d["symbol"]) == wanted)
        )
    ]


def document_status(graph: nx.MultiDiGraph, node: str) -> str:
    """``draft``, ``superseded`` or ``in_force``: see the module docstring."""
    if graph.nodes[node].get("draft"):
        return "draft"
    for src, _, edge_type in graph.in_edges(node, data="type"):
        if edge_type in SUPERSEDING_EDGES and src != node and not graph.nodes[src].get("draft"):
            return "superseded"
    return "in_force"


def citing(graph: nx.MultiDiGraph, target: str, relations: Iterable[str] = CITATION_EDGES) -> pd.DataFrame:
    """Documents that cite (or are based on, implement, amend, ...) ``target``, one row per edge."""
    relations = set(relations)
    rows = []
    for node in find_documents(graph, target):
        for src, _, data in graph.in_edges(node, data=True):
            if data["type"] not in relations:
                continue
            doc = graph.nodes[src]
            rows.append({
                "document": src,
                "label": doc.get("label"),
                "symbol": doc.get("symbol"),
                "issued_date": doc.get("issued_date"),
                "in_corpus": bool(doc.get("in_corpus")),
                "relation": data["type"],
                "target": node,
                **_provenance(data),
            })
    columns = ["document", "label", "symbol", "issued_date", "in_corpus", "relation", "target",
               "doc_id", "start", "end"]
    return pd.DataFrame(rows, columns=columns)


def implementing(graph: nx.MultiDiGraph, target: str) -> pd.DataFrame:
    """Documents with an IMPLEMENTS edge to ``target``."""
    return citing(graph, target, ("IMPLEMENTS",))


def most_cited(graph: nx.MultiDiGraph, relations: Iterable[str] = CITATION_EDGES) -> pd.DataFrame:
    """Documents by the number of records citing them (any of ``relations``), most cited first.

    ``citations`` counts citing records (doc_id), whatever the number of edges between them;
    ``relations`` lists the edge types used.
    """
    relations = set(relations)
    citers: defaultdict[str, set[str]] = defaultdict(set)
    used: defaultdict[str, set[str]] = defaultdict(set)
    for _, target, data in graph.edges(data=True):
        if data["type"] in relations:
            citers[target].add(data["doc_id"])
            used[target].add(data["type"])
    columns = ["document", "label", "symbol", "kind", "issued_date", "in_corpus", "citations", "relations"]
    rows = [
        {
            "document": node,
            **{c: graph.nodes[node].get(c) for c in ("label", "symbol", "kind", "issued_date")},
            "in_corpus": bool(graph.nodes[node].get("in_corpus")),
            "citations": len(docs),
            "relations": sorted(used[node]),
        }
        for node, docs in citers.items()
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["citations", "document"], ascending=[False, True], ignore_index=True)


def due_date(value: str | None) -> str | None:
    """The last day of a normalized deadline: ``2021-Q4`` -> ``2021-12-31``, ``2025`` -> ``2025-12-31``."""
    m = _PERIOD.match(value or "")
    if not m:
        return None
    year = int(m["y"])
    if m["d"]:
        return value
    month = int(m["m"] or 0) or (int(m["q"]) * 3 if m["q"] else int(m["h"]) * 6 if m["h"] else 12)
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def tasks(
    graph: nx.MultiDiGraph,
    bearer: str | None = None,
    due_from: str | None = None,
    due_to: str | None = None,
    status: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Task nodes, optionally of one bearer (node id or name), due within [due_from, due_to],
    from source documents of a ``status`` (:data:`STATUSES`) or ``kind`` (``KH``, ``QĐ``...).

    A deadline that is a period (``2021-Q4``) is due on its last day; with a window, tasks
    without a deadline are left out. ``status`` and ``kind`` take one value or several.
    """
    wanted = _org_matcher(graph, bearer) if bearer else None
    statuses, kinds = _one_or_many(status), _one_or_many(kind)
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("type") != "Task":
            continue
        out = [(v, d["type"]) for _, v, d in graph.out_edges(node, data=True)]
        bearer_ids = [v for v, t in out if t == "ASSIGNED_TO"]
        if wanted is not None and not any(wanted(b) for b in bearer_ids):
            continue
        due = due_date(data.get("deadline_date"))
        if (due_from or due_to) and (
            due is None or (due_from and due < due_from) or (due_to and due > due_to)
        ):
            continue
        documents = [u for u, _, d in graph.in_edges(node, data=True) if d["type"] == "HAS_TASK"]
        document = documents[0] if documents else None
        doc_status = document_status(graph, document) if document else None
        doc_kind = graph.nodes[document].get("kind") if document else None
        if (statuses and doc_status not in statuses) or (kinds and doc_kind not in kinds):
            continue
        span = data.get("span") or [-1, -1]
        rows.append({
            "task": node,
            "document": document,
            "kind": doc_kind,
            "status": doc_status,
            "category": data.get("category"),
            "action": data.get("action"),
            "modality": data.get("modality"),
            "bearers": data.get("bearers", []),
            "bearer_ids": bearer_ids,
            "bearer_labels": [graph.nodes[b].get("label") for b in bearer_ids],
            "coordinator_ids": [v for v, t in out if t == "COORDINATES"],
            "deadline": data.get("deadline"),
            "deadline_date": data.get("deadline_date"),
            "due": due,
            "section": data.get("section"),
            "doc_id": data.get("doc_id"),
            "start": span[0],
            "end": span[1],
        })
    columns = ["task", "document", "kind", "status", "category", "action", "modality", "bearers", "bearer_ids",
               "bearer_labels", "coordinator_ids", "deadline", "deadline_date", "due", "section",
               "doc_id", "start", "end"]
    return pd.DataFrame(rows, columns=columns)


def collaborations(graph: nx.MultiDiGraph, roles: Iterable[str] = ROLES, cited: bool = False) -> pd.DataFrame:
    """Pairs of organizations that act together in the same documents, one row per pair.

    Roles (``roles`` selects them): ``issued``, both issue one document (a joint document);
    ``signed``, both sign it (a signer counts for the organization they hold their position
    in, by HOLDS_POSITION edges of the same record); ``party``, both are parties to it (an
    agreement, a programme); ``task``, both bear or coordinate one of its tasks. Documents of
    the archive only, unless ``cited``: then also documents known from citations (their
    issuers as the citing text gives them). Columns: the two organizations and their labels,
    ``documents`` (how many), ``document_ids`` and ``how`` (the roles they share); most
    documents first.
    """
    pairs: dict[tuple[str, str], dict[str, set[str]]] = {}
    for document, role, orgs in _org_groups(graph, set(roles), cited):
        for a, b in itertools.combinations(sorted(orgs), 2):
            pair = pairs.setdefault((a, b), {"documents": set(), "how": set()})
            pair["documents"].add(document)
            pair["how"].add(role)
    rows = [
        {
            "org_a": a,
            "label_a": graph.nodes[a].get("label"),
            "org_b": b,
            "label_b": graph.nodes[b].get("label"),
            "documents": len(p["documents"]),
            "document_ids": sorted(p["documents"]),
            "how": sorted(p["how"]),
        }
        for (a, b), p in pairs.items()
    ]
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    return frame.sort_values(["documents", "org_a", "org_b"], ascending=[False, True, True], ignore_index=True)


def cosigners(graph: nx.MultiDiGraph, cited: bool = False) -> pd.DataFrame:
    """The co-signing network: pairs of organizations that co-issue or co-sign documents."""
    return collaborations(graph, ("issued", "signed"), cited)


def coparties(graph: nx.MultiDiGraph, cited: bool = False) -> pd.DataFrame:
    """The co-party network: pairs of organizations that are parties to the same agreements."""
    return collaborations(graph, ("party",), cited)


def pair_network(pairs: pd.DataFrame) -> nx.Graph:
    """A table of :func:`collaborations` as an undirected graph: nodes have ``label``,
    edges ``weight`` (documents), ``document_ids`` and ``how``."""
    network = nx.Graph()
    for row in pairs.itertuples(index=False):
        network.add_node(row.org_a, label=row.label_a)
        network.add_node(row.org_b, label=row.label_b)
        network.add_edge(row.org_a, row.org_b, weight=row.documents, document_ids=list(row.document_ids),
                         how=list(row.how))
    return network


def _org_groups(graph: nx.MultiDiGraph, roles: set[str], cited: bool) -> Iterator[tuple[str, str, set[str]]]:
    """(document, role, organizations) for every group of organizations acting together."""
    for node, data in graph.nodes(data=True):
        if data.get("type") != "Document" or not (cited or data.get("in_corpus")):
            continue
        groups: defaultdict[str, set[str]] = defaultdict(set)
        for _, target, d in graph.out_edges(node, data=True):
            if d["type"] == "ISSUED_BY":
                groups["issued"].add(target)
            elif d["type"] == "SIGNED_BY":
                groups["signed"] |= {
                    o for _, o, h in graph.out_edges(target, data=True)
                    if h["type"] == "HOLDS_POSITION" and h["doc_id"] == d["doc_id"]
                }
            elif d["type"] == "HAS_TASK" and "task" in roles:
                yield node, "task", {
                    v for _, v, t in graph.out_edges(target, data="type") if t in ("ASSIGNED_TO", "COORDINATES")
                }
        groups["party"] = {org for org, _, t in graph.in_edges(node, data="type") if t == "PARTY_TO"}
        for role, orgs in groups.items():
            if role in roles:
                yield node, role, orgs


def provenance(graph: nx.MultiDiGraph, item: str | tuple, texts: Texts | None = None) -> pd.DataFrame:
    """Where a node or edge comes from: one row per mention by an asserting record, with the text slice.

    ``item`` is a node id (its own span, if any, and every edge touching it) or an edge
    ``(u, v)`` / ``(u, v, key)``. ``texts`` maps doc_id to record text, when available.
    """
    get_text = texts.get if isinstance(texts, Mapping) else texts
    rows = []
    if isinstance(item, tuple):
        u, v, *rest = item
        edges = graph.get_edge_data(u, v, default={})
        selected = [(u, v, k, d) for k, d in edges.items() if not rest or k == rest[0]]
    else:
        data = graph.nodes[item]
        if data.get("doc_id") and data.get("span"):
            rows.append({"source": item, "target": None, "type": data.get("type"), **_provenance(data)})
        selected = [*graph.in_edges(item, keys=True, data=True), *graph.out_edges(item, keys=True, data=True)]
    rows += [
        {"source": u, "target": v, "type": d["type"], **_provenance(d, span)}
        for u, v, _, d in selected
        for span in d.get("spans") or [d.get("span")]
    ]
    for row in rows:
        text = get_text(row["doc_id"]) if get_text and row["doc_id"] else None
        row["text"] = text[row["start"]:row["end"]] if text is not None and row["start"] >= 0 else None
    return pd.DataFrame(rows, columns=["source", "target", "type", "doc_id", "start", "end", "text"])


def _provenance(data: Mapping[str, Any], span: list[int] | None = None) -> dict[str, Any]:
    start, end = span or data.get("span") or [-1, -1]
    return {"doc_id": data.get("doc_id"), "start": start, "end": end}


def _one_or_many(value: str | Iterable[str] | None) -> set[str]:
    return {value} if isinstance(value, str) else set(value or ())


def _org_matcher(graph: nx.MultiDiGraph, bearer: str) -> Callable[[str], bool]:
    wanted = key(bearer)

    def matches(node: str) -> bool:
        data = graph.nodes[node]
        names = [data.get("label") or "", *data.get("aliases", [])]
        return node == bearer or any(key(n) == wanted for n in names)

    return matches
