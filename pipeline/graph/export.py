"""Write the archive graph to DIR/graph/: node-link JSON (reloadable) and GraphML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

GRAPH_JSON = "graph.json"
GRAPH_GRAPHML = "graph.graphml"


def scalar_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes as scalars: ``None`` dropped, lists and dicts JSON-encoded."""
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else v
        for k, v in attrs.items()
        if v is not None
    }


def write_graph(graph: nx.MultiDiGraph, out_dir: str | Path) -> dict[str, Path]:
    """Write ``graph/graph.json`` and ``graph/graph.graphml`` under ``out_dir``; return their paths."""
    folder = Path(out_dir) / "graph"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"json": folder / GRAPH_JSON, "graphml": folder / GRAPH_GRAPHML}
    data = nx.node_link_data(graph, edges="edges")
    with paths["json"].open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    nx.write_graphml(_scalar_copy(graph), paths["graphml"])
    return paths


def read_graph(out_dir: str | Path) -> nx.MultiDiGraph:
    """Load ``graph/graph.json`` written by :func:`write_graph`."""
    with (Path(out_dir) / "graph" / GRAPH_JSON).open(encoding="utf-8") as f:
        data = json.load(f)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def _scalar_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, scalar_attrs(d)) for n, d in graph.nodes(data=True))
    out.add_edges_from((u, v, k, scalar_attrs(d)) for u, v, k, d in graph.edges(keys=True, data=True))
    return out
