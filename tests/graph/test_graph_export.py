"""graph.json / graph.graphml round trips, Parquet tables, and pipeline.api.open on a build dir."""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest
from graph_seed import BKHCN, UBND

from pipeline.api import Archive
from pipeline.api import open as open_archive
from pipeline.graph.build import build_graph
from pipeline.graph.export import read_graph, write_graph
from pipeline.tables import write_tables

NQ59 = "doc:59-nq/tw@tw@2016-2021"


def test_node_link_json_round_trip(seed_records, tmp_path):
    g = build_graph(seed_records)
    paths = write_graph(g, tmp_path)
    assert paths["json"] == tmp_path / "graph" / "graph.json"
    back = read_graph(tmp_path)
    assert isinstance(back, nx.MultiDiGraph)
    assert nx.is_isomorphic(g, back)
    assert nx.utils.graphs_equal(g, back)


def test_graphml_has_scalar_attributes(seed_records, tmp_path):
    g = build_graph(seed_records)
    write_graph(g, tmp_path)
    back = nx.read_graphml(tmp_path / "graph" / "graph.graphml", force_multigraph=True)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes[NQ59]["in_corpus"] is False
    assert json.loads(back.nodes[BKHCN]["aliases"]) == g.nodes[BKHCN]["aliases"]


def test_tables_are_written_from_a_stream(seed_records, tmp_path):
    g = build_graph(seed_records)
    paths = write_tables(iter(seed_records), g, tmp_path)
    assert set(paths) == {"documents", "references", "entities", "obligations", "sections", "nodes", "edges"}
    docs = pd.read_parquet(paths["documents"])
    assert list(docs.doc_id) == ["seed-0", "seed-1"] and "text" not in docs.columns
    assert docs.node.tolist() == ["doc:3645/ubnd-kgvx@org:ubnd-tp-can-tho@2021", "doc:seed-1"]
    assert json.loads(docs.signers[0])[0]["name"] == "Nguyễn Ngọc Hà"
    refs = pd.read_parquet(paths["references"])
    assert len(refs) == 4 and (refs.target[refs.symbol == "59-NQ/TW"] == NQ59).all()
    row = refs.iloc[0]
    assert seed_records[0].text[row.start:row.end] == row.text
    obligations = pd.read_parquet(paths["obligations"])
    assert sorted(obligations.category.value_counts().items()) == [("obligation", 5), ("task", 2)]
    assert set(obligations.task) <= set(g.nodes)
    assert obligations.start.ge(0).all()
    assert len(pd.read_parquet(paths["entities"])) == 2
    assert len(pd.read_parquet(paths["sections"])) == 0
    nodes, edges = pd.read_parquet(paths["nodes"]), pd.read_parquet(paths["edges"])
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    assert {"source", "target", "type", "doc_id", "start", "end"} <= set(edges.columns)


def write_build(records, out_dir):
    """What ``vanban run`` leaves in DIR, for the parts this module owns."""
    with (out_dir / "documents.jsonl").open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    graph = build_graph(records)
    write_graph(graph, out_dir)
    write_tables(records, graph, out_dir)


def test_open_a_build_directory(seed_records, tmp_path):
    write_build(seed_records, tmp_path)
    archive = open_archive(tmp_path)
    assert isinstance(archive, Archive)
    assert len(archive.documents) == 2 and len(archive.references) == 4 and len(archive.obligations) == 7
    assert len(archive.nodes) == archive.graph.number_of_nodes()
    assert len(archive.edges) == archive.graph.number_of_edges()
    assert [r.doc_id for r in archive.records()] == ["seed-0", "seed-1"]
    assert set(archive.citing("59-NQ/TW").doc_id) == {"seed-0", "seed-1"}
    assert archive.implementing("59-NQ/TW").empty
    due = archive.tasks(bearer="Bộ Khoa học và Công nghệ", due_from="2021-01-01", due_to="2021-12-31")
    assert due.action.str.startswith("xem xét").tolist() == [True] and due.due.tolist() == ["2021-12-31"]
    pairs = archive.cosigners()
    assert {(r.org_a, r.org_b) for r in pairs.itertuples()} == {(BKHCN, UBND)}
    prov = archive.provenance(NQ59)
    assert set(prov.type) == {"CITES", "ISSUED_BY"}
    assert prov.text.str.startswith("Nghị quyết số 59-NQ/TW").all()


def test_open_missing_directory(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_archive(tmp_path / "nope")
