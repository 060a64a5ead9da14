"""Questions researchers ask of the archive graph, answered as pandas DataFrames.

Pure functions of a graph built by :func:`pipeline.graph.build.build_graph` (or loaded
back from graph.json); every row carries the ``doc_id`` and ``start``/``end`` of the
record that asserts it.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from pipeline.graph.identity import normalize_symbol
from pipeline.textnorm import key

CITATION_EDGES = ("CITES", "BASED_ON", "IMPLEMENTS", "AMENDS", "REPLACES", "REPEALS")
_PERIOD = re.compile(r"^(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|Q(?P<q>[1-4])|H(?P<h>[12])))?$")

Texts = Mapping[str, str] | Callable[[str], "str | None"]


def find_documents(graph: nx.MultiDiGraph, target: str) -> list[str]:
    """Document nodes named by ``target``: a node id, or a symbol (all issuers and years)."""
    if target in graph and graph.nodes[target].get("type") == "Document":
        return [target]
    wanted = normalize_symbol(target)
    return [
        n for n, d in graph.nodes(data=True)
        if d.get("type") == "Document" and d.get("symbol") and normalize_symbol(d["symbol"]) == wanted
    ]


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
) -> pd.DataFrame:
    """Task nodes, optionally of one bearer (node id or name) and due within [due_from, due_to].

    A deadline that is a period (``2021-Q4``) is due on its last day; with a window, tasks
    without a deadline are left out.
    """
    wanted = _org_matcher(graph, bearer) if bearer else None
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
        span = data.get("span") or [-1, -1]
        rows.append({
            "task": node,
            "document": documents[0] if documents else None,
            "category": data.get("category"),
            "action": data.get("action"),
            "modality": data.get("modality"),
            "bearers": data.get("bearers", []),
            "bearer_ids": bearer_ids,
            "coordinator_ids": [v for v, t in out if t == "COORDINATES"],
            "deadline": data.get("deadline"),
            "deadline_date": data.get("deadline_date"),
            "due": due,
            "section": data.get("section"),
            "doc_id": data.get("doc_id"),
            "start": span[0],
            "end": span[1],
        })
    columns = ["task", "document", "category", "action", "modality", "bearers", "bearer_ids",
               "coordinator_ids", "deadline", "deadline_date", "due", "section", "doc_id", "start", "end"]
    return pd.DataFrame(rows, columns=columns)


def cosigners(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Pairs of organizations that co-issue, are parties to, or co-sign one document.

    Signers count for the organization they hold their position in (HOLDS_POSITION edges
    of the same record). One row per pair: how many documents, which, and how.
    """
    pairs: dict[tuple[str, str], dict[str, set[str]]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("type") != "Document":
            continue
        orgs: dict[str, set[str]] = {}
        for _, org, d in graph.out_edges(node, data=True):
            if d["type"] == "ISSUED_BY":
                orgs.setdefault(org, set()).add("issued")
            elif d["type"] == "SIGNED_BY":
                for _, o, h in graph.out_edges(org, data=True):
                    if h["type"] == "HOLDS_POSITION" and h["doc_id"] == d["doc_id"]:
                        orgs.setdefault(o, set()).add("signed")
        for org, _, d in graph.in_edges(node, data=True):
            if d["type"] == "PARTY_TO":
                orgs.setdefault(org, set()).add("party")
        for a, b in itertools.combinations(sorted(orgs), 2):
            pair = pairs.setdefault((a, b), {"documents": set(), "how": set()})
            pair["documents"].add(node)
            pair["how"] |= orgs[a] & orgs[b]
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
    columns = ["org_a", "label_a", "org_b", "label_b", "documents", "document_ids", "how"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["documents", "org_a", "org_b"], ascending=[False, True, True], ignore_index=True)


def provenance(graph: nx.MultiDiGraph, item: str | tuple, texts: Texts | None = None) -> pd.DataFrame:
    """Where a node or edge comes from: one row per asserting record, with the text slice.

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
    rows += [{"source": u, "target": v, "type": d["type"], **_provenance(d)} for u, v, _, d in selected]
    for row in rows:
        text = get_text(row["doc_id"]) if get_text and row["doc_id"] else None
        row["text"] = text[row["start"]:row["end"]] if text is not None and row["start"] >= 0 else None
    return pd.DataFrame(rows, columns=["source", "target", "type", "doc_id", "start", "end", "text"])


def _provenance(data: Mapping[str, Any]) -> dict[str, Any]:
    start, end = data.get("span") or [-1, -1]
    return {"doc_id": data.get("doc_id"), "start": start, "end": end}


def _org_matcher(graph: nx.MultiDiGraph, bearer: str) -> Callable[[str], bool]:
    wanted = key(bearer)

    def matches(node: str) -> bool:
        data = graph.nodes[node]
        names = [data.get("label") or "", *data.get("aliases", [])]
        return node == bearer or any(key(n) == wanted for n in names)

    return matches
