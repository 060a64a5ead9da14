"""Query helpers over the seed-shaped graph, and the notebook API on real builds."""

from __future__ import annotations

import networkx as nx
import pytest
from graph_seed import BCT, BKHCN, SO_KHCN, UBND

import pipeline
from pipeline.graph import query
from pipeline.graph.build import build_graph

CV = "doc:3645/ubnd-kgvx@org:ubnd-tp-can-tho@2021"
NQ59 = "doc:59-nq/tw@tw@2016-2021"


@pytest.fixture
def graph(seed_records):
    return build_graph(seed_records)


def test_citing_by_symbol_or_node_id(graph):
    by_symbol = query.citing(graph, "59-nq/tw")
    assert set(by_symbol.document) == {CV, "doc:seed-1"} and set(by_symbol.relation) == {"CITES"}
    assert by_symbol.equals(query.citing(graph, NQ59))
    assert query.citing(graph, "1/2099/NĐ-CP").empty
    assert query.find_documents(graph, "3645/UBND-KGVX") == [CV]
    assert query.find_documents(graph, "seed-0") == [CV]  # a record's doc_id
    assert query.find_documents(graph, "seed-1") == ["doc:seed-1"]


def test_most_cited(graph):
    cited = query.most_cited(graph)
    assert cited.citations.tolist() == [2, 2] and cited.document[0] == NQ59
    assert cited.relations[0] == ["CITES"] and not cited.in_corpus.any()
    assert query.most_cited(graph, ("IMPLEMENTS",)).empty


@pytest.mark.parametrize(
    ("value", "due"),
    [("2025-12-31", "2025-12-31"), ("2021-Q4", "2021-12-31"), ("2024-02", "2024-02-29"), ("2021", "2021-12-31"),
     ("2021-H1", "2021-06-30"), ("soon", None), (None, None)],
)
def test_due_date(value, due):
    assert query.due_date(value) == due


def test_tasks_by_bearer_and_window(graph):
    everything = query.tasks(graph)
    assert len(everything) == 7
    assert len(query.tasks(graph, bearer=BKHCN)) == 5
    assert len(query.tasks(graph, bearer="ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ")) == 2
    assert len(query.tasks(graph, bearer="Bộ KH&CN")) == 5  # an alias
    late = query.tasks(graph, due_from="2022-01-01")
    assert late.deadline_date.tolist() == ["2025-12-31"] and set(late.bearer_ids[0]) == {BKHCN, UBND}
    assert query.tasks(graph, bearer=SO_KHCN).empty
    assert everything.bearer_labels[0] == ["Bộ Khoa học và Công nghệ"]


def test_tasks_by_status_and_kind_of_their_document(graph):
    everything = query.tasks(graph)
    assert dict(everything.groupby("status").size()) == {"draft": 5, "in_force": 2}
    assert set(everything.kind) == {"CV", "CTr"}
    assert set(query.tasks(graph, status="draft").document) == {"doc:seed-1"}
    assert set(query.tasks(graph, status="in_force").document) == {CV}
    assert len(query.tasks(graph, status=["draft", "in_force"])) == 7
    assert len(query.tasks(graph, kind="CV", bearer=BKHCN)) == 2
    assert query.tasks(graph, status="superseded").empty


def test_document_status(graph):
    assert query.document_status(graph, CV) == "in_force"
    assert query.document_status(graph, "doc:seed-1") == "draft"
    graph.add_edge("doc:seed-1", CV, type="REPLACES", doc_id="seed-1", span=[-1, -1])
    assert query.document_status(graph, CV) == "in_force"  # a draft replaces nothing yet
    graph.add_edge(NQ59, CV, type="REPEALS", doc_id="other", span=[-1, -1])
    assert query.document_status(graph, CV) == "superseded"
    assert set(query.tasks(graph, status="superseded").document) == {CV}


def test_cosigners_and_coparties(graph):
    [row] = query.cosigners(graph).itertuples()
    assert (row.org_a, row.org_b, row.documents, row.document_ids) == (BKHCN, UBND, 1, ["doc:seed-1"])
    assert row.how == ["issued", "signed"]
    [row] = query.coparties(graph).itertuples()
    assert (row.org_a, row.org_b, row.how) == (BKHCN, UBND, ["party"])
    assert row.label_a == "Bộ Khoa học và Công nghệ"


def test_collaborations_and_their_network(graph):
    pairs = query.collaborations(graph)
    how = {(r.org_a, r.org_b): r.how for r in pairs.itertuples()}
    assert how[(BKHCN, UBND)] == ["issued", "party", "signed", "task"]
    assert how[(BKHCN, SO_KHCN)] == ["task"]  # bearer and coordinator of one obligation
    assert how[("org:bo-khdt", "org:bo-tai-chinh")] == ["task"]  # two coordinators
    assert query.collaborations(graph, ("party",)).equals(query.coparties(graph))
    network = query.pair_network(pairs)
    assert isinstance(network, nx.Graph) and not network.is_directed()
    assert network.number_of_edges() == len(pairs) == 5
    assert network.nodes[UBND]["label"] == "Ủy ban nhân dân thành phố Cần Thơ"
    assert network.edges[BKHCN, UBND]["weight"] == 1
    assert query.pair_network(query.collaborations(graph, ())).number_of_nodes() == 0


def test_collaborations_count_cited_documents_on_request(graph):
    graph.add_edge(NQ59, UBND, type="ISSUED_BY", doc_id="seed-0", span=[-1, -1])  # NQ59: cited, not held
    assert (BCT, UBND) not in {(r.org_a, r.org_b) for r in query.cosigners(graph).itertuples()}
    with_cited = query.cosigners(graph, cited=True)
    assert with_cited.how[with_cited.org_a == BCT].tolist() == [["issued"]]


def test_provenance_of_node_and_edge(graph, seed_records):
    texts = {r.doc_id: r.text for r in seed_records}
    task = next(n for n, d in graph.nodes(data=True) if d.get("deadline_date") == "2021-Q4")
    rows = query.provenance(graph, task, texts)
    assert rows.text.iloc[0] == "xem xét thống nhất chủ trương ký kết"
    assert set(rows.type) == {"Task", "HAS_TASK", "ASSIGNED_TO"}
    edge = query.provenance(graph, (CV, UBND), texts)
    assert edge.type.tolist() == ["ISSUED_BY"] and edge.text[0] == "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ"
    no_text = query.provenance(graph, (CV, UBND, 0))
    assert no_text.text.isna().all() and no_text.doc_id.tolist() == ["seed-0"]


def test_provenance_has_a_row_per_mention(graph, seed_records):
    texts = {r.doc_id: r.text for r in seed_records}
    [(u, v, data)] = [(u, v, d) for u, v, d in graph.edges(data=True) if d["type"] == "MENTIONS" and v == BCT]
    data["spans"] = [data["span"], [0, 15]]
    rows = query.provenance(graph, (u, v), texts)
    assert rows.text.tolist() == ["Bộ Chính trị", "ỦY BAN NHÂN DÂN"]


# ----------------------------------------------------------------------------- real builds


def test_notebook_api_on_the_seed_build(seed_build):
    archive = pipeline.open(seed_build)
    letter, draft = archive.documents.sort_values("part").node.tolist()
    letter_id = archive.documents.sort_values("part").doc_id.iloc[0]
    cited = archive.citing("59-NQ/TW")
    assert set(cited.document) == {letter, draft} and set(cited.relation) == {"CITES"}
    assert cited.equals(archive.citing(cited.target[0]))  # symbol or node id
    assert archive.implementing("59-NQ/TW").empty
    assert archive.most_cited(1).symbol.tolist() == ["59-NQ/TW"]
    assert archive.most_cited(1).citations.tolist() == [2]
    assert archive.provenance(cited.target[0]).text.str.startswith("Nghị quyết số 59-NQ/TW").all()
    assert query.find_documents(archive.graph, letter_id) == [letter]

    tasks = archive.tasks()
    assert len(tasks) >= 15 and set(tasks.status) == {"draft", "in_force"}
    assert (tasks.status == "in_force").eq(tasks.document == letter).all()
    assert (tasks.kind[tasks.document == letter] == "CV").all()
    assert archive.tasks(status="draft").document.eq(draft).all()
    by_bkhcn = archive.tasks(bearer="Bộ Khoa học và Công nghệ", due_from="2021-01-01", due_to="2021-12-31")
    assert by_bkhcn.deadline_date.tolist() == ["2021-Q4"] and by_bkhcn.status.tolist() == ["in_force"]

    for pairs in (archive.cosigners(), archive.coparties()):
        assert {(r.label_a, r.label_b) for r in pairs.itertuples()} == {
            ("Bộ Khoa học và Công nghệ", "Ủy ban nhân dân thành phố Cần Thơ")}
        assert pairs.document_ids[0] == [draft]
    network = archive.network(archive.collaborations())
    assert {"Bộ Khoa học và Công nghệ", "Ủy ban nhân dân thành phố Cần Thơ"} <= set(
        nx.get_node_attributes(network, "label").values())

    for row in archive.provenance((letter, cited.target[0])).itertuples():
        assert row.text == archive.texts([row.doc_id])[row.doc_id][row.start:row.end]


def test_notebook_api_on_the_shared_corpus(corpus_build):
    archive = pipeline.open(corpus_build)
    cited = archive.most_cited()
    assert len(cited) > 100 and cited.citations.is_monotonic_decreasing
    top = cited.document[0]
    assert len(archive.citing(top).doc_id.unique()) == cited.citations[0]
    tasks = archive.tasks()
    assert set(tasks.status) <= set(query.STATUSES) and tasks.status.notna().all()
    pairs = archive.collaborations()
    assert len(pairs) > 10 and archive.network(pairs).number_of_edges() == len(pairs)
    every = {(r.org_a, r.org_b) for r in pairs.itertuples()}
    for subset in (archive.cosigners(), archive.coparties()):
        assert {(r.org_a, r.org_b) for r in subset.itertuples()} <= every
    assert all(archive.graph.nodes[d]["in_corpus"] for ids in pairs.document_ids for d in ids)
    assert len(archive.collaborations(cited=True)) >= len(pairs)
    texts = archive.texts(archive.provenance(top).doc_id)
    for row in archive.provenance(top).itertuples():
        assert row.start < 0 or row.text == texts[row.doc_id][row.start:row.end]
