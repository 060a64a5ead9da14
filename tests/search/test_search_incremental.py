"""Re-runs update DIR/search/ document by document: a changed file re-indexes alone, a removed one is deleted."""

from __future__ import annotations

import sqlite3

import pytest
from search_util import bulk_actions, read_jsonl

from pipeline.index import search
from pipeline.run import run

LETTER = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: {number}/UBND-VX
V/v {subject}
Hà Giang, ngày 05 tháng 3 năm 2022

Kính gửi: Sở Y tế tỉnh Hà Giang

Thực hiện Quyết định số 30/2020/QĐ-UBND ngày 10 tháng 5 năm 2020 của Ủy ban nhân dân tỉnh, Ủy ban nhân dân
tỉnh đề nghị Sở Y tế {subject} trên địa bàn tỉnh trước ngày 30 tháng 4 năm 2022.

Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""


def _doc_ids(out):
    return {r["source"]["path"]: r["doc_id"] for r in read_jsonl(out / "documents.jsonl")}


def _rowids(out):
    with sqlite3.connect(out / "search" / "index.sqlite") as db:
        return dict(db.execute("SELECT doc_id, rowid FROM documents"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Three runs over one folder: two letters; one letter changed; that letter removed."""
    inp, out = tmp_path_factory.mktemp("inc-in"), tmp_path_factory.mktemp("inc-out")
    (inp / "a.txt").write_text(LETTER.format(number=123, subject="triển khai tiêm chủng mùa xuân"), encoding="utf-8")
    (inp / "b.txt").write_text(LETTER.format(number=456, subject="phòng chống lụt bão"), encoding="utf-8")
    states = []

    def step():
        assert run([inp], out, workers=2, progress=False).ok
        states.append({"ids": _doc_ids(out), "rowids": _rowids(out),
                       "delta": bulk_actions(out / "search" / "bulk_delta.ndjson"),
                       "lut_bao": search(out, "lut bao")["doc_id"].tolist(),
                       "han_han": search(out, "hạn hán")["doc_id"].tolist()})

    step()
    (inp / "b.txt").write_text(LETTER.format(number=456, subject="phòng chống hạn hán"), encoding="utf-8")
    step()
    (inp / "b.txt").unlink()
    step()
    return states


def test_first_run_indexes_both(runs):
    first = runs[0]
    assert {a[2] for a in first["delta"] if a[1] == "vanban-documents"} == set(first["ids"].values())
    assert first["lut_bao"] == [first["ids"]["b.txt"]] and first["han_han"] == []


def test_a_changed_file_is_reindexed_alone(runs):
    first, second = runs[0], runs[1]
    old_b, new_b, a = first["ids"]["b.txt"], second["ids"]["b.txt"], first["ids"]["a.txt"]
    assert new_b != old_b and second["ids"]["a.txt"] == a
    delta = second["delta"]
    assert {(act, _id) for act, index, _id, _ in delta if index == "vanban-documents"} == {
        ("index", new_b), ("delete", old_b)}
    assert all(_id.startswith((new_b + ":", old_b + ":")) for _, index, _id, _ in delta if index == "vanban-sections")
    assert {act for act, index, _id, _ in delta if _id.startswith(old_b + ":")} == {"delete"}
    assert second["rowids"][a] == first["rowids"][a]  # the unchanged letter was not touched
    assert old_b not in second["rowids"]
    assert second["lut_bao"] == [] and second["han_han"] == [new_b]


def test_a_removed_file_gives_delete_actions(runs):
    second, third = runs[1], runs[2]
    removed = second["ids"]["b.txt"]
    assert "b.txt" not in third["ids"]
    assert {(act, index, _id) for act, index, _id, _ in third["delta"]} == {
        ("delete", "vanban-documents", removed), ("delete", "vanban-sections", f"{removed}:preamble")}
    assert set(third["rowids"]) == {second["ids"]["a.txt"]}
    assert third["han_han"] == []
