"""The on-disk graph store: the same graph as networkx, whatever its cache holds; exports stream from it."""

from __future__ import annotations

import networkx as nx
import pytest

from pipeline.graph.build import GraphBuilder, build_graph, merge_nodes
from pipeline.graph.export import write_graph, write_neo4j
from pipeline.graph.store import GraphStore
from pipeline.tables import write_tables


def _build(records, cache_nodes: int) -> nx.MultiDiGraph:
    builder = GraphBuilder(GraphStore(cache_nodes=cache_nodes))
    for record in records:
        builder.add(record)
    with builder.finish() as store:
        return store.to_networkx()


def test_a_cache_of_one_node_builds_the_same_graph(seed_records):
    assert nx.utils.graphs_equal(_build(seed_records, cache_nodes=1), build_graph(seed_records))


def test_the_same_graph_on_the_text_corpus_with_a_tiny_cache(corpus_text_build):
    from pipeline.run.runner import iter_records

    out, _ = corpus_text_build
    records = list(iter_records(out))
    small, large = _build(records, cache_nodes=3), _build(records, cache_nodes=1_000_000)
    assert small.number_of_nodes() > 1000
    assert nx.utils.graphs_equal(small, large)


def test_networkx_round_trip_keeps_keys_and_attributes(seed_records):
    graph = build_graph(seed_records)
    graph.add_edge("x", "y", key=7, type="CITES", doc_id="d", span=[1, 2])
    with GraphStore.from_networkx(graph) as store:
        assert store.number_of_nodes() == graph.number_of_nodes()
        assert store.number_of_edges() == graph.number_of_edges()
        assert nx.utils.graphs_equal(store.to_networkx(), graph)


def test_merge_moves_edges_and_keeps_one_per_record(tmp_path):
    with GraphStore(tmp_path / "g.sqlite") as store:
        store.put_node("a", {"type": "Organization", "label": "A", "aliases": ["A"]})
        store.put_node("b", {"type": "Organization", "label": "B", "aliases": ["B"], "resolved": True})
        store.put_node("d", {"type": "Document", "doc_ids": ["r1"]})
        store.add_edge("d", "a", {"type": "ISSUED_BY", "doc_id": "r1", "span": [0, 1]})
        store.add_edge("d", "b", {"type": "ISSUED_BY", "doc_id": "r1", "span": [5, 6]})
        merge_nodes(store, "a", "b")
        assert "a" not in store and store.node("b")["aliases"] == ["A", "B"]
        (edge,) = store.edges(data=True)
        assert edge[2]["spans"] == [[5, 6], [0, 1]]
        assert store.record_node("r1") == "d" and store.record_node("r2") is None
        merge_nodes(store, "d", "doc:new")  # a free id: renamed in place
        assert store.record_node("r1") == "doc:new" and list(store.edges()) == [("doc:new", "b")]
    assert not (tmp_path / "g.sqlite").exists()


def test_exports_from_the_store_equal_those_from_networkx(seed_records, tmp_path):
    graph = build_graph(seed_records)
    with GraphStore.from_networkx(graph) as store:
        for out, source in ((tmp_path / "nx", graph), (tmp_path / "store", store)):
            write_graph(source, out)
            write_neo4j(source, out)
            write_tables(seed_records, source, out)
    for name in ("graph/graph.json", "graph/graph.graphml", "graph/neo4j/relationships_CITES.csv",
                 "graph/neo4j/nodes_Document.csv"):
        assert (tmp_path / "nx" / name).read_bytes() == (tmp_path / "store" / name).read_bytes(), name


def test_graphml_holds_any_text(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node('<a id="1">&', type="Organization", label="Sở \x0bTài chính\x00 <&> \"'", count=3, ok=False)
    graph.add_edge('<a id="1">&', "b", type="CITES", doc_id="d\x1f", span=[1, 2])
    write_graph(graph, tmp_path)
    back = nx.read_graphml(tmp_path / "graph" / "graph.graphml", force_multigraph=True)
    node = back.nodes['<a id="1">&']
    assert node["label"] == "Sở \ufffdTài chính\ufffd <&> \"'" and node["count"] == 3 and node["ok"] is False
    assert [d["doc_id"] for *_, d in back.edges(data=True)] == ["d\ufffd"]


@pytest.mark.parametrize("name", ["graph.json", "graph.graphml"])
def test_a_run_leaves_its_outputs_and_no_store(seed_build, name):
    assert (seed_build / "graph" / name).stat().st_size > 0
    assert [p.name for p in (seed_build / "graph").iterdir() if p.name.startswith(".")] == []


def test_many_edges_between_one_pair_take_linear_time():
    """A law cited by every record gets one ISSUED_BY edge to its issuer per record: keys must not cost a scan."""
    from tests.robustness.fuzzcheck import assert_linear

    def add_edges(text: str) -> None:
        with GraphStore() as store:
            for i in range(len(text)):
                store.add_edge("law", "issuer", {"type": "ISSUED_BY", "doc_id": f"d{i}", "span": [1, 2]})

    assert_linear(add_edges, "x", max_chars=4000)
