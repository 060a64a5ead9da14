"""The crawled text documents of ../shared/corpus: every file accounted for, every one yields records."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def corpus_build(corpus_text_build):
    out, summary = corpus_text_build
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    records = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    return summary, rows, records


def test_every_text_file_in_manifest_with_records(corpus_build, shared_corpus):
    summary, rows, records = corpus_build
    files = sorted(p.name for p in (shared_corpus / "text").iterdir())
    assert sorted(r["path"] for r in rows) == files
    assert summary.counts["failed"] == 0
    with_records = {r["source"]["path"] for r in records}
    assert with_records == set(files)


def test_documents_with_a_letterhead_get_symbol_issuer_kind(corpus_build):
    _, _, records = corpus_build
    headed = [r for r in records if r["source"]["part"] == 0 and "CỘNG HÒA XÃ HỘI" in r["text"][:600].upper()]
    complete = [r for r in headed if r["symbol"] and r["issuers"] and r["kind"]]
    assert len(headed) > 60
    assert len(complete) / len(headed) >= 0.9
