"""The PDFs of ../shared/corpus through the whole pipeline: a scan, a born-digital decree, a fragmented layer."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.run.worker import process_file


def _records(shared_corpus, name: str) -> tuple[dict, list[dict]]:
    path = shared_corpus / "pdf" / name
    if not path.is_file():
        pytest.skip(f"{name} not in ../shared/corpus")
    result = process_file(str(path), f"pdf/{name}", hashlib.sha256(path.read_bytes()).hexdigest())
    return result["manifest"], result["documents"]


def test_scanned_cong_van_464(shared_corpus):
    manifest, documents = _records(shared_corpus, "hwolp__464-TTg-CDS.signed.pdf")
    assert manifest["status"] == "ok" and manifest["method"] == "ocr" and manifest["pages"] == 3
    doc = documents[0]
    assert (doc["kind"], doc["symbol"], doc["issued_date"]) == ("CV", "464/TTg-CĐS", "2026-04-30")
    assert [i["name"] for i in doc["issuers"]] == ["Thủ tướng Chính phủ"]
    assert "taken from the file name" in doc["warnings"][0]  # the handwritten 464 is not legible to OCR
    assert doc["subject"] == "triển khai các Nghị quyết cắt giảm, đơn giản hóa TTHC, ĐKKD"
    assert any(r["symbol"] == "18-KL/TW" for r in doc["references"])


def test_born_digital_decree_45_needs_no_ocr(shared_corpus):
    manifest, documents = _records(shared_corpus, "hwolp__45_2026_ND-CP.pdf")
    assert manifest["method"] == "pdf-text" and manifest["pages"] == 55
    doc = documents[0]
    assert (doc["kind"], doc["symbol"], doc["issued_date"]) == ("NĐ", "45/2026/NĐ-CP", "2026-01-26")
    assert [i["name"] for i in doc["issuers"]] == ["Chính phủ"]
    assert doc["subject"] == ("Quy định quản lý đầu tư ứng dụng công nghệ thông tin sử dụng nguồn vốn "
                              "ngân sách nhà nước")
    assert [(s["name"], s["position"]) for s in doc["signers"]] == [("Nguyễn Chí Dũng", "Phó Thủ tướng")]


def test_glyph_fragmented_thong_bao_480(shared_corpus):
    manifest, documents = _records(shared_corpus, "mineru__a_TB480-TB-VPCP.pdf")
    doc = documents[0]
    assert (doc["kind"], doc["symbol"], doc["issued_date"]) == ("TB", "480/TB-VPCP", "2025-09-13")
    assert doc["subject"] == ("Kết luận của Phó Thủ tướng Chính phủ Trần Hồng Hà tại cuộc họp về dự thảo "
                              "Luật Xây dựng (thay thế)")
    assert "Phó Thủ tướng Chính phủ Trần Hồng Hà kết luận như sau" in " ".join(doc["text"].split())
