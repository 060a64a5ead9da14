"""Stage 3 on the seed: both references, resolved organizations, obligations and tasks."""

from __future__ import annotations

import json

import pytest

from pipeline.conventions.references import find_references
from pipeline.nlp.obligations import normalize_deadline
from pipeline.textnorm import key
from tests.conftest import SEED_GOLD

GOLD = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["documents"]


def test_seed_references_both_documents(seed_documents):
    for doc, gold in zip(seed_documents, GOLD, strict=True):
        refs = doc.references
        assert len(refs) == len(gold["references"])
        nq59 = next(r for r in refs if r.symbol == "59-NQ/TW")
        assert (nq59.kind, nq59.date, nq59.issuer, nq59.issuer_id, nq59.relation) == (
            "NQ", "2020-08-05", "Bộ Chính trị", "bo-chinh-tri", "cites")
        congress = next(r for r in refs if r.symbol is None)
        assert key(congress.title) == key(gold["references"][1]["title"])
        assert congress.issuer == "Đảng bộ thành phố Cần Thơ"
        for r in refs:
            assert doc.text[r.span.start:r.span.end] == r.text
    assert GOLD[0]["references"][0]["subject"] == seed_documents[0].references[0].subject


def test_seed_organizations_resolve_to_one_id(seed_documents):
    letter, draft = seed_documents
    assert letter.issuers[0].id == draft.issuers[1].id == letter.signers[0].org_id
    assert letter.recipients[0].id == draft.issuers[0].id == draft.signers[1].org_id


def _bearers(ob):
    return sorted(b.name for b in ob.bearers)


def test_seed_obligations_bearers_coordinators_deadlines(seed_documents):
    letter, draft = seed_documents
    first = letter.obligations[0]
    assert (_bearers(first), first.modality, first.deadline.date) == (
        ["Bộ Khoa học và Công nghệ"], "request", "2021-Q4")
    coordinators = {c.name for o in letter.obligations for c in o.coordinators}
    assert "Sở Khoa học và Công nghệ thành phố Cần Thơ" in coordinators
    found = {(o.section, tuple(_bearers(o))) for o in draft.obligations}
    for gold in GOLD[1]["obligations"]:
        bearers = gold["bearer"] if isinstance(gold["bearer"], list) else [gold["bearer"]]
        assert any(s and s.startswith(gold["section"]) and b == tuple(sorted(bearers)) for s, b in found), gold
    joint = next(o for o in draft.obligations if len(o.bearers) == 2)
    assert joint.deadline.date == "2025-12-31"
    coord = next(o for o in draft.obligations if o.coordinators)
    assert [c.name for c in coord.coordinators] == ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"]


def test_seed_programme_tasks(seed_documents):
    assert [t.section for t in seed_documents[1].tasks] == [t["section"] for t in GOLD[1]["tasks"]]


@pytest.mark.parametrize(("text", "value"), [
    ("trong quý IV năm 2021", "2021-Q4"), ("cuối năm 2025", "2025-12-31"), ("trước ngày 26/11/2025", "2025-11-26"),
    ("chậm nhất ngày 15 tháng 12 năm 2025", "2025-12-15"), ("quý II/2025", "2025-Q2"),
])
def test_deadline_normalization(text, value):
    assert normalize_deadline(text) == value


@pytest.mark.parametrize(("text", "symbol", "date", "relation"), [
    ("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục hành chính;",
     "63/2010/NĐ-CP", "2010-06-08", "based_on"),
    ("Thực hiện Chỉ thị số 16/CT-TTg ngày 25/6/2019 của Thủ tướng Chính phủ", "16/CT-TTg", "2019-06-25", "implements"),
    ("Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 92/2017/NĐ-CP.", "92/2017/NĐ-CP", None, "amends"),
    ("Văn bản số 9151- CV/BTCTW ngày 29/7/2025 về triển khai", "9151-CV/BTCTW", "2025-07-29", "cites"),
])
def test_reference_shapes(text, symbol, date, relation):
    (ref,) = find_references(text)
    assert (ref.symbol, ref.date, ref.relation) == (symbol, date, relation)
