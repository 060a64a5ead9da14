"""Query helpers over the seed-shaped graph."""

from __future__ import annotations

import pytest
from graph_seed import BKHCN, SO_KHCN, UBND

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


def test_cosigners(graph):
    pairs = query.cosigners(graph)
    [row] = pairs.itertuples()
    assert (row.org_a, row.org_b, row.documents) == (BKHCN, UBND, 1)
    assert row.how == ["issued", "party", "signed"]


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
