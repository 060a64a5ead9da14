"""Write the archive graph to DIR/graph/: node-link JSON (reloadable), GraphML and Neo4j import CSV.

The node and edge tables (tables/nodes.parquet, tables/edges.parquet) are written with the
other tables by :func:`pipeline.tables.write_tables`.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

GRAPH_JSON = "graph.json"
GRAPH_GRAPHML = "graph.graphml"
NEO4J_DIR = "neo4j"
ARRAY_DELIMITER = ";"
_FIRST_PROPERTIES = ("label", "doc_id", "span_start", "span_end")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")

NEO4J_README = """# Neo4j import

Written by `vanban run` from the archive graph (the same graph as ../graph.json):

- `nodes_<Type>.csv`, one file per node type: `id:ID` (the graph node id, kept as the
  property `id`), `:LABEL` (Document, Organization, Person, Task, Place), then typed properties.
- `relationships_<TYPE>.csv`, one file per edge type: `:START_ID`, `:END_ID`, `:TYPE`, then
  `doc_id` (the record asserting the edge), `span_start:int`, `span_end:int` (character
  offsets into that record's `text` in documents.jsonl; -1 when unknown) and the other attributes.

Arrays (`aliases:string[]`, `doc_ids:string[]`) are separated by `{delimiter}`; a `{delimiter}` inside an
element is written as `,`. Line breaks inside values are written as spaces. Lists of spans
(`spans`) are JSON strings. Empty cells are absent properties.

Import with Neo4j 5 or later: stop the DBMS, then run (`DIR` is this folder; change it if the
build has moved). The database `neo4j` must not hold data yet; add `--overwrite-destination=true`
to replace it.

```
DIR="{folder}"
{command}
```

Then start Neo4j; for fast lookups by id: `CREATE CONSTRAINT FOR (d:Document) REQUIRE d.id IS UNIQUE`.
"""


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


# ----------------------------------------------------------------------------- Neo4j

_Row = tuple[list[str], dict[str, Any]]  # the fixed columns (ids, label or type), the properties


def write_neo4j(graph: nx.MultiDiGraph, out_dir: str | Path) -> dict[str, Path]:
    """Write ``graph/neo4j/``: CSV files for ``neo4j-admin database import`` and a README with the command.

    One file per node type (``nodes_Document.csv``: ``id:ID``, ``:LABEL``, typed properties)
    and per edge type (``relationships_CITES.csv``: ``:START_ID``, ``:END_ID``, ``:TYPE``,
    ``doc_id``, ``span_start:int``, ``span_end:int``, ...). Property types come from the
    values (``boolean``, ``int``/``long``, ``double``, ``string`` and their arrays); arrays
    are ``;``-separated, a ``;`` inside an element is written ``,``; line breaks in values
    are written as spaces (no ``--multiline-fields`` needed); nested lists and maps
    (``spans``) are JSON strings. Returns the paths by file name.
    """
    folder = Path(out_dir) / "graph" / NEO4J_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.csv"):
        stale.unlink()
    files: defaultdict[str, list[_Row]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        label = data.get("type") or "Node"
        files[f"nodes_{label}.csv"].append(([str(node), label], _neo4j_properties(data)))
    for u, v, data in graph.edges(data=True):
        files[f"relationships_{data['type']}.csv"].append(([str(u), str(v), data["type"]], _neo4j_properties(data)))
    paths: dict[str, Path] = {}
    for name, rows in sorted(files.items()):
        fixed = ["id:ID", ":LABEL"] if name.startswith("nodes_") else [":START_ID", ":END_ID", ":TYPE"]
        paths[name] = _write_neo4j_csv(folder / name, fixed, rows)
    readme = folder / "README.md"
    readme.write_text(_neo4j_readme(folder, sorted(paths)), encoding="utf-8")
    paths[readme.name] = readme
    return paths


def _neo4j_properties(data: dict[str, Any]) -> dict[str, Any]:
    """Node or edge attributes as Neo4j properties: no ``type``, ``span`` as ``span_start``/``span_end``."""
    props = {k: v for k, v in data.items() if k not in ("type", "span")}
    if "span" in data:
        props["span_start"], props["span_end"] = data["span"]
    return props


def _write_neo4j_csv(path: Path, fixed_header: list[str], rows: list[_Row]) -> Path:
    present = {name for _, props in rows for name in props}
    first = [name for name in _FIRST_PROPERTIES if name in present]
    names = first + sorted(present - set(first))
    types = [_column_type(props.get(name) for _, props in rows) for name in names]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(fixed_header + [f"{n}:{t}" for n, t in zip(names, types, strict=True)])
        for fixed, props in rows:
            writer.writerow(fixed + [_neo4j_value(props.get(n), t) for n, t in zip(names, types, strict=True)])
    return path


def _value_type(value: Any) -> str:
    """The Neo4j type of one value; ``json`` for what has none (nested lists, maps)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int" if -(2**31) <= value < 2**31 else "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        inner = _unify({_value_type(x) for x in value})
        if inner in ("boolean", "int", "long", "double", "string"):
            return inner + "[]"
    return "json"


def _unify(types: set[str]) -> str:
    """One type for values of ``types``: ints widen to long, anything else mixed is JSON text."""
    if len(types) == 1:
        return next(iter(types))
    if types in ({"int", "long"}, {"int[]", "long[]"}):
        return max(types, key=len)
    return "json"


def _column_type(values: Iterable[Any]) -> str:
    column = _unify({_value_type(v) for v in values if v is not None and v != []})
    return "string" if column == "json" else column


def _neo4j_value(value: Any, column_type: str) -> str:
    if value is None or value == []:
        return ""
    if column_type.endswith("[]"):
        return ARRAY_DELIMITER.join(_neo4j_value(x, column_type[:-2]).replace(ARRAY_DELIMITER, ",") for x in value)
    if isinstance(value, str):
        return _LINE_BREAKS.sub(" ", value)
    return json.dumps(value, ensure_ascii=False)


def _neo4j_readme(folder: Path, files: list[str]) -> str:
    options = [f'--nodes="$DIR/{name}"' for name in files if name.startswith("nodes_")]
    options += [f'--relationships="$DIR/{name}"' for name in files if name.startswith("relationships_")]
    command = " \\\n    ".join([
        '"$NEO4J_HOME/bin/neo4j-admin" database import full neo4j',
        *options,
        f'--array-delimiter="{ARRAY_DELIMITER}"',
        "--id-type=string",
    ])
    return NEO4J_README.format(folder=folder.resolve(), command=command, delimiter=ARRAY_DELIMITER)
