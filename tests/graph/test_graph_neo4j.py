"""graph/neo4j/: CSV files in the layout of ``neo4j-admin database import`` and the README command.

Every file is read back the way the importer reads it (header field types, ``;`` arrays,
ids shared by node and relationship files) and compared with the graph it came from.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from pipeline.graph.build import build_graph
from pipeline.graph.export import read_graph, write_neo4j

#: Property types of the Neo4j import header format (operations manual, "Import header format").
NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
               "localtime", "time", "localdatetime", "datetime", "duration"}
NODE_KEYS = {"ID", "LABEL"}
RELATIONSHIP_KEYS = {"START_ID", "END_ID", "TYPE"}
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def parse_header(fields: list[str]) -> list[tuple[str, str]]:
    """(name, field type) of each header field; a field without a type is a string property."""
    parsed = []
    for field in fields:
        name, sep, field_type = field.rpartition(":")
        parsed.append((name, field_type) if sep else (field, "string"))
    return parsed


def parse_value(text: str, field_type: str) -> Any:
    """A cell as the importer reads it: typed, arrays split on ``;``; an empty cell is no value."""
    if text == "":
        return None
    if field_type.endswith("[]"):
        return [parse_value(x, field_type[:-2]) for x in text.split(";")]
    if field_type in ("int", "long", "short", "byte"):
        return int(text)
    if field_type in ("float", "double"):
        return float(text)
    if field_type == "boolean":
        assert text in ("true", "false"), text
        return text == "true"
    return text


def read_neo4j(folder: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Check every header and row of ``folder``; return the nodes by id and the relationships."""
    nodes: dict[str, dict[str, Any]] = {}
    relationships: list[dict[str, Any]] = []
    files = sorted(folder.glob("*.csv"))
    assert files and all(f.name.startswith(("nodes_", "relationships_")) for f in files)
    for path in files:
        is_nodes = path.name.startswith("nodes_")
        file_type = path.stem.split("_", 1)[1]
        with path.open(encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        fields = parse_header(header)
        keys = [t for _, t in fields if t in NODE_KEYS | RELATIONSHIP_KEYS]
        if is_nodes:
            assert sorted(keys) == ["ID", "LABEL"], (path.name, header)  # exactly one :ID, one :LABEL
        else:
            assert sorted(keys) == ["END_ID", "START_ID", "TYPE"], (path.name, header)
        properties = [(n, t) for n, t in fields if t not in NODE_KEYS | RELATIONSHIP_KEYS]
        for name, field_type in properties:
            assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name), (path.name, name)
            assert field_type.removesuffix("[]") in NEO4J_TYPES, (path.name, name, field_type)
        names = [n for n, _ in fields if n]
        assert len(names) == len(set(names)), header
        for row in rows:
            assert len(row) == len(header), (path.name, row)
            assert not any("\n" in cell or "\r" in cell for cell in row), "needs --multiline-fields"
            cells = dict(zip([t if t in NODE_KEYS | RELATIONSHIP_KEYS else n for n, t in fields], row, strict=True))
            props = {n: v for n, t in properties if (v := parse_value(cells[n], t)) is not None}
            if is_nodes:
                assert cells["LABEL"] == file_type
                assert cells["ID"] not in nodes, f"duplicate node id {cells['ID']}"
                id_property = next(n for n, t in fields if t == "ID")  # the id is also kept as this property
                if id_property:
                    props[id_property] = cells["ID"]
                nodes[cells["ID"]] = {"type": file_type, **props}
            else:
                assert cells["TYPE"] == file_type
                relationships.append({"start": cells["START_ID"], "end": cells["END_ID"], "type": file_type,
                                      **props})
    for rel in relationships:
        assert rel["start"] in nodes and rel["end"] in nodes, rel
    return nodes, relationships


def as_written(attrs: dict[str, Any], header_types: dict[str, str]) -> dict[str, Any]:
    """Graph attributes as the CSV must hold them (what the export documents)."""
    out: dict[str, Any] = {}
    for name, value in attrs.items():
        if name == "span":
            out["span_start"], out["span_end"] = value
        elif value is None or value == []:
            continue
        elif header_types.get(name, "").endswith("[]"):
            out[name] = [_BREAKS.sub(" ", x).replace(";", ",") if isinstance(x, str) else x for x in value]
        elif isinstance(value, str):
            out[name] = _BREAKS.sub(" ", value)
        elif header_types.get(name) == "string":
            out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


def header_types(folder: Path) -> dict[str, str]:
    """Property name -> type over all files (one type per name in this graph)."""
    types: dict[str, str] = {}
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            types.update((n, t) for n, t in parse_header(next(csv.reader(f))) if n)
    return types


def check_export(graph: nx.MultiDiGraph, folder: Path) -> None:
    """The CSV files hold exactly the graph: every node, every edge, every attribute."""
    nodes, relationships = read_neo4j(folder)
    types = header_types(folder)
    assert set(nodes) == {str(n) for n in graph.nodes}
    for node, data in graph.nodes(data=True):
        assert nodes[str(node)] == {"id": str(node), **as_written(data, types)}, node  # type is the label
    expected = sorted(
        json.dumps({"start": u, "end": v, **as_written(d, types)}, sort_keys=True, ensure_ascii=False)
        for u, v, d in graph.edges(data=True)
    )
    got = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in relationships)
    assert got == expected
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "neo4j-admin\" database import full neo4j" in readme and '--array-delimiter=";"' in readme
    for path in folder.glob("*.csv"):
        option = "--nodes" if path.name.startswith("nodes_") else "--relationships"
        assert f'{option}="$DIR/{path.name}"' in readme
    assert f'DIR="{folder.resolve()}"' in readme


def test_seed_records_export(seed_records, tmp_path):
    graph = build_graph(seed_records)
    paths = write_neo4j(graph, tmp_path)
    folder = tmp_path / "graph" / "neo4j"
    assert set(paths) == {p.name for p in folder.iterdir()}
    check_export(graph, folder)
    with (folder / "nodes_Organization.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:3] == ["id:ID", ":LABEL", "label:string"] and "aliases:string[]" in header
    with (folder / "relationships_SIGNED_BY.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:6] == [":START_ID", ":END_ID", ":TYPE", "doc_id:string", "span_start:int", "span_end:int"]
    nodes, _ = read_neo4j(folder)
    assert nodes["doc:59-nq/tw@tw@2016-2021"]["in_corpus"] is False
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" in nodes["org:ubnd-tp-can-tho"]["aliases"]  # a line break


def test_types_arrays_and_stale_files(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", type="Organization", label="A;B\nC", aliases=["x;y", "z"], big=2**40, small=3, ratio=0.5,
               mixed=1, nums=[1, 2], flags=[True, False], empty=[], extra={"k": [1]})
    g.add_node("b", type="Organization", label="B", mixed="one", nums=[3])
    g.add_node("p", type="Place", label="P")
    g.add_edge("a", "b", type="COORDINATES", doc_id="d", span=[-1, -1], spans=[[1, 2], [3, 4]])
    write_neo4j(g, tmp_path)
    folder = tmp_path / "graph" / "neo4j"
    with (folder / "nodes_Organization.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header == ["id:ID", ":LABEL", "label:string", "aliases:string[]", "big:long", "empty:string", "extra:string",
                      "flags:boolean[]", "mixed:string", "nums:int[]", "ratio:double", "small:int"]
    check_export(g, folder)
    nodes, rels = read_neo4j(folder)
    assert nodes["a"]["aliases"] == ["x,y", "z"] and nodes["a"]["label"] == "A;B C"
    assert "empty" not in nodes["a"] and json.loads(rels[0]["spans"]) == [[1, 2], [3, 4]]
    g.remove_node("p")
    write_neo4j(g, tmp_path)
    assert not (folder / "nodes_Place.csv").exists()
    assert "nodes_Place" not in (folder / "README.md").read_text(encoding="utf-8")


def test_run_writes_neo4j_for_the_seed(seed_build):
    check_export(read_graph(seed_build), seed_build / "graph" / "neo4j")


def test_run_writes_neo4j_for_the_shared_corpus(corpus_build):
    graph = read_graph(corpus_build)
    folder = corpus_build / "graph" / "neo4j"
    check_export(graph, folder)
    nodes, relationships = read_neo4j(folder)
    assert len(relationships) == graph.number_of_edges() > 1000
    assert {"Document", "Organization", "Person", "Task"} <= {n["type"] for n in nodes.values()}
