"""Search over crawled documents of ../shared/corpus/text (a small sample; skipped when ../shared is absent)."""

from __future__ import annotations

import pytest

from pipeline.index import search
from pipeline.textnorm import fold


@pytest.fixture(scope="module")
def crawled(shared_corpus, records):
    docs = [r for r in records if r["source"]["path"].startswith("text/")]
    if not docs:
        pytest.skip("none of the sample files is in ../shared/corpus/text")
    return docs


def test_every_symbol_finds_its_document_first(search_build, crawled):
    for doc in (d for d in crawled if d["symbol"]):
        results = search(search_build, doc["symbol"])
        assert results["doc_id"][0] == doc["doc_id"], doc["symbol"]
        assert results["match"][0] == "symbol"


def test_subject_words_without_accents_find_the_document(search_build, crawled):
    for doc in (d for d in crawled if d["subject"]):
        query = " ".join(fold(doc["subject"]).split()[:6])
        assert doc["doc_id"] in search(search_build, query, limit=3)["doc_id"].tolist(), query


def test_references_are_found_by_symbol(search_build, crawled):
    citing = {d["doc_id"] for d in crawled if any(r["symbol"] == "63/2010/NĐ-CP" for r in d["references"])}
    assert citing
    results = search(search_build, "63/2010/nd-cp")
    assert citing <= set(results["doc_id"]) and set(results["match"]) == {"reference"}
