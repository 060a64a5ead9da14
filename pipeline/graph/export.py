"""Write the archive graph to DIR/graph/: node-link JSON (reloadable), GraphML and Neo4j import CSV.

The node and edge tables (tables/nodes.parquet, tables/edges.parquet) are written with the
other tables by :func:`pipeline.tables.write_tables`.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from pipeline.atomic import atomic_open, write_atomic
from pipeline.graph.store import GraphStore

#: What the exports read: a networkx graph or the on-disk store (both iterate nodes and edges alike).
Graph = nx.MultiDiGraph | GraphStore

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


def write_graph(graph: Graph, out_dir: str | Path) -> dict[str, Path]:
    """Write ``graph/graph.json`` and ``graph/graph.graphml`` under ``out_dir``; return their paths.

    ``graph`` is a networkx graph or a :class:`~pipeline.graph.store.GraphStore`; both files are
    streamed node by node and edge by edge (memory stays flat) and replaced atomically.
    """
    folder = Path(out_dir) / "graph"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"json": folder / GRAPH_JSON, "graphml": folder / GRAPH_GRAPHML}
    with atomic_open(paths["json"]) as f:
        _write_node_link(graph, f)
    with atomic_open(paths["graphml"]) as f:
        _write_graphml(graph, f)
    return paths


def read_graph(out_dir: str | Path) -> nx.MultiDiGraph:
    """Load ``graph/graph.json`` written by :func:`write_graph`."""
    with (Path(out_dir) / "graph" / GRAPH_JSON).open(encoding="utf-8") as f:
        data = json.load(f)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def _write_node_link(graph: Graph, f: TextIO) -> None:
    """networkx's node-link JSON (``edges="edges"``), one node or edge per line."""
    f.write('{"directed": true, "multigraph": true, "graph": {}, "nodes": [')
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        f.write(("," if i else "") + "\n" + json.dumps({**data, "id": node}, ensure_ascii=False))
    f.write('\n], "edges": [')
    for i, (u, v, k, data) in enumerate(graph.edges(keys=True, data=True)):
        item = {**data, "source": u, "target": v, "key": k}
        f.write(("," if i else "") + "\n" + json.dumps(item, ensure_ascii=False))
    f.write("\n]}\n")


_GRAPHML_TYPES = {"boolean": "boolean", "int": "long", "long": "long", "double": "double"}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _write_graphml(graph: Graph, f: TextIO) -> None:
    """GraphML with scalar attributes (lists and maps as JSON strings): one pass for the keys, one to write."""
    types = {(scope, name): kinds
             for scope, items in (("node", graph.nodes(data=True)), ("edge", graph.edges(data=True)))
             for name, kinds in column_types(scalar_attrs(data) for *_, data in items).items()}
    keys = {field: f"d{i}" for i, field in enumerate(sorted(types))}
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/'
            'xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for (scope, name), key_id in keys.items():
        kind = _GRAPHML_TYPES.get(unify_types(types[(scope, name)]), "string")
        f.write(f'<key id="{key_id}" for="{scope}" attr.name={_xml_attr(name)} attr.type="{kind}"/>\n')
    f.write('<graph edgedefault="directed">\n')
    for node, data in graph.nodes(data=True):
        f.write(f"<node id={_xml_attr(node)}>{_graphml_data(data, 'node', keys)}</node>\n")
    for u, v, k, data in graph.edges(keys=True, data=True):
        f.write(f"<edge source={_xml_attr(u)} target={_xml_attr(v)} id={_xml_attr(k)}>"
                f"{_graphml_data(data, 'edge', keys)}</edge>\n")
    f.write("</graph></graphml>\n")


def _graphml_data(data: dict[str, Any], scope: str, keys: dict[tuple[str, str], str]) -> str:
    cells = []
    for name, value in scalar_attrs(data).items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        cells.append(f'<data key="{keys[(scope, name)]}">{escape(_xml_text(text))}</data>')
    return "".join(cells)


def _xml_attr(value: Any) -> str:
    return quoteattr(_xml_text(str(value)))


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", text)


# ----------------------------------------------------------------------------- Neo4j


def write_neo4j(graph: Graph, out_dir: str | Path) -> dict[str, Path]:
    """Write ``graph/neo4j/``: CSV files for ``neo4j-admin database import`` and a README with the command.

    One file per node type (``nodes_Document.csv``: ``id:ID``, ``:LABEL``, typed properties)
    and per edge type (``relationships_CITES.csv``: ``:START_ID``, ``:END_ID``, ``:TYPE``,
    ``doc_id``, ``span_start:int``, ``span_end:int``, ...). Property types come from the
    values (``boolean``, ``int``/``long``, ``double``, ``string`` and their arrays); arrays
    are ``;``-separated, a ``;`` inside an element is written ``,``; line breaks in values
    are written as spaces (no ``--multiline-fields`` needed); nested lists and maps
    (``spans``) are JSON strings. Streamed in two passes over ``graph`` (networkx or
    :class:`~pipeline.graph.store.GraphStore`): the columns and their types, then the rows.
    Returns the paths by file name.
    """
    folder = Path(out_dir) / "graph" / NEO4J_DIR
    folder.mkdir(parents=True, exist_ok=True)
    columns: dict[str, dict[str, set[str]]] = {}  # a column of empty values only is still written (as string)
    for name, _, props in _neo4j_rows(graph):
        add_column_types(columns.setdefault(name, {}), props)
    for stale in folder.glob("*.csv"):
        if stale.name not in columns:
            stale.unlink()
    paths = {name: folder / name for name in sorted(columns)}
    with ExitStack() as stack:
        writers = {}
        for name, path in paths.items():
            writer = csv.writer(stack.enter_context(atomic_open(path)), lineterminator="\n")
            fixed = ["id:ID", ":LABEL"] if name.startswith("nodes_") else [":START_ID", ":END_ID", ":TYPE"]
            present = columns[name]
            props = [p for p in _FIRST_PROPERTIES if p in present] + sorted(set(present) - set(_FIRST_PROPERTIES))
            kinds = [_neo4j_column(present[p]) for p in props]
            writer.writerow(fixed + [f"{p}:{t}" for p, t in zip(props, kinds, strict=True)])
            writers[name] = (writer, props, kinds)
        for name, fixed, values in _neo4j_rows(graph):
            writer, props, kinds = writers[name]
            writer.writerow(fixed + [_neo4j_value(values.get(p), t) for p, t in zip(props, kinds, strict=True)])
    readme = folder / "README.md"
    write_atomic(readme, _neo4j_readme(folder, sorted(paths)))
    paths[readme.name] = readme
    return paths


def _neo4j_rows(graph: Graph) -> Iterator[tuple[str, list[str], dict[str, Any]]]:
    """``(file name, fixed columns, properties)`` of every node, then every edge."""
    for node, data in graph.nodes(data=True):
        label = data.get("type") or "Node"
        yield f"nodes_{label}.csv", [str(node), label], _neo4j_properties(data)
    for u, v, data in graph.edges(data=True):
        yield f"relationships_{data['type']}.csv", [str(u), str(v), data["type"]], _neo4j_properties(data)


def _neo4j_properties(data: dict[str, Any]) -> dict[str, Any]:
    """Node or edge attributes as Neo4j properties: no ``type``, ``span`` as ``span_start``/``span_end``."""
    props = {k: v for k, v in data.items() if k not in ("type", "span")}
    if "span" in data:
        props["span_start"], props["span_end"] = data["span"]
    return props


def value_type(value: Any) -> str:
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
        inner = unify_types({value_type(x) for x in value})
        if inner in ("boolean", "int", "long", "double", "string"):
            return inner + "[]"
    return "json"


def unify_types(types: set[str]) -> str:
    """One type for values of ``types``: ints widen to long, anything else mixed is JSON text."""
    if len(types) == 1:
        return next(iter(types))
    if types in ({"int", "long"}, {"int[]", "long[]"}):
        return max(types, key=len)
    return "json"


def column_types(rows: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """Each column of ``rows`` -> the types of its values (:func:`value_type`; a column of empty values has none)."""
    types: dict[str, set[str]] = {}
    for row in rows:
        add_column_types(types, row)
    return types


def add_column_types(types: dict[str, set[str]], row: dict[str, Any]) -> None:
    """Add the columns of ``row`` and the types of its non-empty values to ``types``."""
    for name, value in row.items():
        seen = types.setdefault(name, set())
        if value is not None and value != []:
            seen.add(value_type(value))


def _neo4j_column(types: set[str]) -> str:
    column = unify_types(types)
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
