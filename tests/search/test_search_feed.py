"""DIR/search/ of a real build: the JSONL feed, section chunks, bulk NDJSON, mappings; stable ids."""

from __future__ import annotations

import json

from search_util import bulk_actions, read_jsonl

from pipeline.index import write_search
from pipeline.index.mapping import DOCUMENT_PROPERTIES, SECTION_PROPERTIES


def test_document_feed_has_one_row_per_record(search_build, records):
    rows = read_jsonl(search_build / "search" / "documents.jsonl")
    assert [r["doc_id"] for r in rows] == [r["doc_id"] for r in records]
    by_id = {r["doc_id"]: r for r in records}
    for row in rows:
        record = by_id[row["doc_id"]]
        assert row["text"] == record["text"] and row["source_path"] == record["source"]["path"]
        assert row["issuers"] == [{"name": o["name"], "id": o["id"]} for o in record["issuers"]]
        assert len(row["content_hash"]) == 16
    letter = next(r for r in rows if r["symbol"] == "3645/UBND-KGVX")
    assert letter["kind"] == "CV" and letter["kind_name"] == "Công văn" and letter["number"] == "3645"
    assert letter["issued_date"] == "2021-08-31" and "59-NQ/TW" in letter["reference_symbols"]


def test_section_chunks_have_stable_ids_paths_and_exact_text(search_build, records, seed_ids):
    chunks = read_jsonl(search_build / "search" / "sections.jsonl")
    ids = [c["chunk_id"] for c in chunks]
    assert len(ids) == len(set(ids))
    texts = {r["doc_id"]: r["text"] for r in records}
    for c in chunks:
        assert c["chunk_id"] == f"{c['doc_id']}:{c['section_id']}"
        assert c["text"] == texts[c["doc_id"]][c["start"]:c["end"]]
    draft = {c["section_id"]: c for c in chunks if c["doc_id"] == seed_ids[1]}
    assert {"preamble", "I", "II", "II.4", "III.2"} <= draft.keys()
    assert draft["II.4"]["path"] == [{"id": "II", "heading": "NỘI DUNG HỢP TÁC"}, {
        "id": "II.4", "heading": "Hỗ trợ hoàn thiện Sàn giao dịch Công nghệ vùng tại thành phố Cần Thơ"}]
    assert draft["II"]["text"] == "II. NỘI DUNG HỢP TÁC"  # a parent's chunk stops at its first subsection
    assert draft["II.4"]["symbol"] == "/CTHT-BKH-CN-UBND" and draft["II.4"]["kind"] == "CTr"
    letter = [c for c in chunks if c["doc_id"] == seed_ids[0]]
    assert [c["section_id"] for c in letter] == ["preamble"]  # no sections: the whole text is one chunk


def test_bulk_alternates_action_and_source_lines(search_build, records):
    actions = bulk_actions(search_build / "search" / "bulk.ndjson")
    docs = [a for a in actions if a[1] == "vanban-documents"]
    chunks = [a for a in actions if a[1] == "vanban-sections"]
    assert all(a[0] == "index" for a in actions)
    assert [a[2] for a in docs] == [r["doc_id"] for r in records]
    assert all(src["doc_id"] == _id for _, _, _id, src in docs)
    assert all(src["chunk_id"] == _id for _, _, _id, src in chunks)
    assert len(chunks) == len(read_jsonl(search_build / "search" / "sections.jsonl"))


def test_mappings_are_valid_json_for_every_feed_field(search_build):
    for name, rows, properties in (("documents", "documents.jsonl", DOCUMENT_PROPERTIES),
                                   ("sections", "sections.jsonl", SECTION_PROPERTIES)):
        body = json.loads((search_build / "search" / f"mapping_{name}.json").read_text(encoding="utf-8"))
        analysis = body["settings"]["analysis"]
        assert "asciifolding" in analysis["analyzer"]["vi_folded"]["filter"]
        mapped = body["mappings"]["properties"]
        assert mapped == json.loads(json.dumps(properties))
        assert mapped["text"]["fields"]["folded"]["analyzer"] == "vi_folded"
        assert mapped["symbol"]["type"] == mapped["kind"]["type"] == mapped["issuers"]["properties"]["id"]["type"] == (
            "keyword")
        assert mapped["issued_date"]["type"] == "date"
        assert set(read_jsonl(search_build / "search" / rows)[0]) <= set(mapped)


def test_first_run_delta_is_everything_and_an_unchanged_rerun_emits_nothing(search_build):
    folder = search_build / "search"
    assert folder.joinpath("bulk_delta.ndjson").read_bytes() == folder.joinpath("bulk.ndjson").read_bytes()
    before = {name: folder.joinpath(name).read_bytes() for name in ("documents.jsonl", "sections.jsonl", "bulk.ndjson")}
    update = write_search(search_build)
    assert update.changed == update.removed == 0 and update.documents == len(read_jsonl(folder / "documents.jsonl"))
    assert folder.joinpath("bulk_delta.ndjson").read_bytes() == b""
    assert {name: folder.joinpath(name).read_bytes() for name in before} == before
