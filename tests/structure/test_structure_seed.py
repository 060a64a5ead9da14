"""Stage 2 on the seed: both headers, signatures, recipients, sections, the split and the link."""

from __future__ import annotations

import json

from tests.conftest import SEED_GOLD

GOLD = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["documents"]


def test_seed_splits_into_letter_and_attached_draft(seed_documents):
    letter, draft = seed_documents
    assert [d.source.part for d in seed_documents] == [0, 1]
    assert letter.attachments == [draft.doc_id]
    assert draft.attached_to == letter.doc_id


def test_seed_header_fields_match_gold(seed_documents):
    for doc, gold in zip(seed_documents, GOLD, strict=True):
        assert doc.kind == gold["kind"]
        assert doc.kind_name == gold["kind_name"]
        assert doc.draft == gold["draft"]
        assert doc.number == gold["number"]
        assert doc.symbol == gold["symbol"]
        assert doc.issued_date == gold["issued_date"]
        assert doc.place == gold["place"]
        assert [i.name for i in doc.issuers] == [i["name"] for i in gold["issuers"]]


def test_seed_letter_subject_recipients_distribution(seed_documents):
    letter = seed_documents[0]
    assert letter.subject == GOLD[0]["subject"]
    assert [r.name for r in letter.recipients] == ["Bộ Khoa học và Công nghệ"]
    assert letter.distribution == GOLD[0]["distribution"]
    for r in letter.recipients:
        assert letter.text[r.span.start:r.span.end] == r.text


def test_seed_signers_with_authority_chain(seed_documents):
    letter, draft = seed_documents
    (signer,) = letter.signers
    gold = GOLD[0]["signers"][0]
    assert (signer.name, signer.position, signer.authority, signer.on_behalf_of, signer.org) == (
        gold["name"], gold["position"], gold["authority"], gold["on_behalf_of"], gold["org"])
    assert {(s.name, s.position, s.org) for s in draft.signers} == {
        (s["name"], s["position"], s["org"]) for s in GOLD[1]["signers"]}


def test_seed_programme_sections_and_parties(seed_documents):
    draft = seed_documents[1]
    ids = [s.id for s in draft.sections]
    for gold in GOLD[1]["sections"]:
        assert gold["id"] in ids
        assert [s.id for s in draft.sections if s.parent == gold["id"]] == gold["children"]
    assert [p.name for p in draft.parties] == [p["name"] for p in GOLD[1]["parties"]]
    assert draft.title == GOLD[1]["title"].replace("–", "-")  # stage 1 unifies dashes
    assert draft.period == GOLD[1]["period"]
