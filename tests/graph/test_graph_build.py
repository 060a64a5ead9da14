"""build_graph on seed-shaped records: the seed's graph_expectations, merge order, sparse records."""

from __future__ import annotations

import itertools

from graph_seed import BCT, BKHCN, SO_KHCN, UBND, cong_van

from pipeline.graph.build import build_graph
from pipeline.graph.export import write_graph
from pipeline.graph.identity import document_key
from pipeline.model import Document, Entity, Obligation, OrgRef, Reference, Signer, Source, Span
from pipeline.tables import write_tables
from pipeline.textnorm import key

CV = "doc:3645/ubnd-kgvx@org:ubnd-tp-can-tho@2021"
NQ59 = "doc:59-nq/tw@tw@2016-2021"


def edges(graph, edge_type, u=None, v=None):
    return [
        (a, b, d) for a, b, d in graph.edges(data=True)
        if d["type"] == edge_type and u in (None, a) and v in (None, b)
    ]


def record_node(graph, doc_id):
    return next(n for n, d in graph.nodes(data=True) if doc_id in d.get("doc_ids", []))


def test_one_document_node_per_part_and_the_cong_van_attaches_the_draft(seed_records):
    g = build_graph(seed_records)
    cv, ctr = record_node(g, "seed-0"), record_node(g, "seed-1")
    assert cv == CV and ctr == "doc:seed-1"
    assert len([n for n, d in g.nodes(data=True) if d.get("in_corpus")]) == 2
    assert g.nodes[ctr]["draft"] is True and g.nodes[ctr]["source"] == "seed/cantho_3645_UBND-KGVX.txt"
    assert [(a, b) for a, b, _ in edges(g, "ATTACHES")] == [(cv, ctr)]


def test_cong_van_issuer_recipient_signer(seed_records):
    g = build_graph(seed_records)
    assert g.nodes[UBND]["label"] == "Ủy ban nhân dân thành phố Cần Thơ"
    assert edges(g, "ISSUED_BY", CV, UBND)
    assert edges(g, "ADDRESSED_TO", CV, BKHCN)
    [(_, person, data)] = edges(g, "SIGNED_BY", CV)
    assert g.nodes[person]["label"] == "Nguyễn Ngọc Hà"
    assert data["position"] == "Phó Chủ tịch" and data["authority"] == "KT. Chủ tịch"
    assert data["on_behalf_of"] == "TM. Ủy ban nhân dân"
    assert edges(g, "HOLDS_POSITION", person, UBND)[0][2]["position"] == "Phó Chủ tịch"
    text = seed_records[0].text
    start, end = data["span"]
    assert text[start:end] == "Nguyễn Ngọc Hà"


def test_both_documents_cite_one_node_for_59_nq_tw(seed_records):
    g = build_graph(seed_records)
    citing = {a for a, _, _ in edges(g, "CITES", v=NQ59)}
    assert citing == {CV, "doc:seed-1"}
    node = g.nodes[NQ59]
    assert node["in_corpus"] is False and node["issued_date"] == "2020-08-05" and node["symbol"] == "59-NQ/TW"
    assert {b for _, b, _ in edges(g, "ISSUED_BY", NQ59)} == {BCT}
    assert g.nodes[BCT]["label"] == "Bộ Chính trị"
    assert len([n for n, d in g.nodes(data=True) if d.get("symbol") == "59-NQ/TW"]) == 1
    # the unnumbered Nghị quyết Đại hội, written with "Đại"/"đại" and "-"/"–", is one node too
    named = [n for n, d in g.nodes(data=True) if d.get("type") == "Document" and "XIV" in (d.get("title") or "")]
    assert len(named) == 1 and len(edges(g, "CITES", v=named[0])) == 2
    for _, _, d in edges(g, "CITES"):
        source = seed_records[0] if d["doc_id"] == "seed-0" else seed_records[1]
        assert source.text[d["span"][0]:d["span"][1]].startswith("Nghị quyết")


def test_programme_parties_and_signers(seed_records):
    g = build_graph(seed_records)
    ctr = "doc:seed-1"
    assert {a for a, _, _ in edges(g, "PARTY_TO", v=ctr)} == {BKHCN, UBND}
    signers = {g.nodes[b]["label"]: d["position"] for _, b, d in edges(g, "SIGNED_BY", ctr)}
    assert signers == {"Trần Việt Trường": "Chủ tịch", "Huỳnh Thành Đạt": "Bộ trưởng"}
    dat = next(b for _, b, _ in edges(g, "SIGNED_BY", ctr) if g.nodes[b]["label"] == "Huỳnh Thành Đạt")
    assert dat == f"person:huỳnh thành đạt@{BKHCN}"  # signer org had no id: resolved by name
    assert edges(g, "HOLDS_POSITION", dat, BKHCN)


def test_every_task_and_obligation_is_a_task_node(seed_records):
    g = build_graph(seed_records)
    for record in seed_records:
        node = record_node(g, record.doc_id)
        task_nodes = [b for _, b, _ in edges(g, "HAS_TASK", node)]
        items = record.obligations + record.tasks
        assert len(task_nodes) == len(items)
        for item in items:
            [task] = [t for t in task_nodes if g.nodes[t]["action"] == item.action]
            assert g.nodes[task]["type"] == "Task" and g.nodes[task]["doc_id"] == record.doc_id
            expected = {b.id for b in (item.bearers or [item.bearer]) if b}
            assert {b for _, b, _ in edges(g, "ASSIGNED_TO", task)} == expected
    joint = next(n for n, d in g.nodes(data=True) if d.get("deadline_date") == "2025-12-31")
    assert {b for _, b, _ in edges(g, "ASSIGNED_TO", joint)} == {BKHCN, UBND}
    request = next(n for n, d in g.nodes(data=True) if str(d.get("action", "")).startswith("phân công"))
    assert {b for _, b, _ in edges(g, "COORDINATES", request)} == {SO_KHCN}
    assert g.nodes[request]["modality"] == "request"


def test_one_organization_however_written(seed_records):
    g = build_graph(seed_records)
    orgs = [n for n, d in g.nodes(data=True) if d["type"] == "Organization"
            and key(d["label"]) == key("Bộ Khoa học và Công nghệ")]
    assert orgs == [BKHCN]
    assert {"Bộ KH&CN", "Bộ Khoa học và Công nghệ", "BỘ KHOA HỌC VÀ CÔNG NGHỆ"} <= set(g.nodes[BKHCN]["aliases"])
    assert not any(n.startswith("org:bo khoa hoc") for n in g)


def test_every_node_has_label_and_every_edge_doc_id_and_span(seed_records):
    g = build_graph(seed_records)
    assert all(d.get("label") for _, d in g.nodes(data=True))
    assert {d["type"] for _, d in g.nodes(data=True)} == {"Document", "Organization", "Person", "Task", "Place"}
    for _, _, d in g.edges(data=True):
        assert d["doc_id"] in {"seed-0", "seed-1"} and len(d["span"]) == 2


def test_mentions_and_distribution_resolution(seed_records):
    g = build_graph(seed_records)
    assert edges(g, "MENTIONS", CV, BCT) and edges(g, "MENTIONS", CV, "place:can tho")
    assert not edges(g, "COPIED_TO")  # "Sở KH&CN" names no organization of the record as written

    def resolver(line, record):
        return OrgRef(name="Sở Khoa học và Công nghệ thành phố Cần Thơ", id=SO_KHCN) if line == "Sở KH&CN" else None

    g = build_graph(seed_records, resolve_org=resolver)
    [(_, _, d)] = edges(g, "COPIED_TO", CV)
    assert seed_records[0].text[d["span"][0]:d["span"][1]] == "Sở KH&CN"


def nq59_record() -> Document:
    return Document(
        doc_id="nq59", source=Source(path="tw/59-NQ-TW.txt", sha256="b" * 64), text="BAN CHẤP HÀNH TRUNG ƯƠNG",
        kind="NQ", kind_name="Nghị quyết", number="59", symbol="59-NQ/TW", issued_date="2020-08-05",
        issuers=[OrgRef(name="Ban Chấp hành Trung ương", id="org:bch-tw")],
        title="Nghị quyết về xây dựng và phát triển thành phố Cần Thơ đến năm 2030, tầm nhìn đến năm 2045",
    )


def test_cited_record_merges_into_the_citation_node_in_any_order(seed_records):
    records = [*seed_records, nq59_record()]
    graphs = [build_graph(order) for order in itertools.permutations(records)]
    for g in graphs:
        node = g.nodes[NQ59]
        assert node["in_corpus"] is True and node["doc_ids"] == ["nq59"]
        assert node["label"] == "Nghị quyết 59-NQ/TW" and node["title"].startswith("Nghị quyết về xây dựng")
        assert node["subject"].startswith("về xây dựng")  # filled from a citation
        assert {a for a, _, _ in edges(g, "CITES", v=NQ59)} == {CV, "doc:seed-1"}
        assert len([n for n, d in g.nodes(data=True) if d.get("symbol") == "59-NQ/TW"]) == 1
    first = graphs[0]
    assert all(dict(g.nodes(data=True)) == dict(first.nodes(data=True)) for g in graphs)


def test_citation_with_unresolved_issuer_merges_with_the_record():
    citing = Document(
        doc_id="later", source=Source(path="x.txt", sha256="c" * 64), text="theo Công văn số 3645/UBND-KGVX",
        kind="CV", number="1", symbol="1/SKHCN-VP", issued_date="2021-09-10",
        issuers=[OrgRef(name="Sở Khoa học và Công nghệ thành phố Cần Thơ", id=SO_KHCN)],
        references=[Reference(text="Công văn số 3645/UBND-KGVX", span=Span(5, 31), kind="CV", symbol="3645/UBND-KGVX",
                              date="2021-08-31", issuer="UBND thành phố Cần Thơ")],
    )
    cv = cong_van()
    cv.issuers[0].text = "UBND thành phố Cần Thơ"
    for records in ([citing, cv], [cv, citing]):
        g = build_graph(records)
        assert edges(g, "CITES", "doc:1/skhcn-vp@org:so-khcn-can-tho@2021", CV)
        assert g.nodes[CV]["in_corpus"] is True
        assert not any(n.startswith("org:ubnd thanh pho") for n in g)


def test_target_id_and_duplicate_records():
    cited = nq59_record()
    citing = Document(doc_id="c", source=Source(path="c.txt", sha256="d" * 64), text="xem văn bản kèm",
                      references=[Reference(text="văn bản", span=Span(4, 11), target_id="nq59")])
    copy = nq59_record()
    copy.doc_id = "nq59-copy"
    g = build_graph([citing, cited, copy])
    assert edges(g, "CITES", "doc:c", NQ59)
    assert g.nodes[NQ59]["doc_ids"] == ["nq59", "nq59-copy"]
    assert document_key("NQ", "59-NQ/TW", "2020-08-05", None) == NQ59


def test_records_with_missing_fields_build(tmp_path):
    sparse = Document(
        doc_id="sparse", source=None, text=None, issuers=None, recipients=None, distribution=None,
        signers=[Signer(name=None), Signer(name="  ", org="X")], parties=[None],
        references=[Reference(text=None, span=None, relation=None), Reference(text="", span=None, relation="odd")],
        obligations=[Obligation(action=None, span=None, bearers=None, coordinators=None)],
        tasks=None, entities=[Entity(label=None, text=None, span=None), Entity(label="ORG", text="Bộ Y tế", span=None)],
        sections=None, attachments=None, attached_to="7",
    )
    records = [sparse, Document(doc_id="empty", source=None, text="")]
    g = build_graph(records)
    assert g.nodes["doc:sparse"]["in_corpus"] is True
    assert all(d.get("label") for _, d in g.nodes(data=True))
    assert all(d["span"] == [-1, -1] for _, _, d in g.edges(data=True))
    write_graph(g, tmp_path)
    assert len(write_tables(records, g, tmp_path)) == 7
    assert write_tables([], build_graph([]), tmp_path / "none")["nodes"].exists()
