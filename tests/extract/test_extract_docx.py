"""DOCX: paragraphs and tables in body order, one block per cell, header tables too."""

from __future__ import annotations

import docx
import pytest

from pipeline.extract import ExtractionError, extract


def _letterhead(table, rows):
    for r, (left, right) in enumerate(rows):
        table.cell(r, 0).text = left
        table.cell(r, 1).text = right


def test_docx_body_order_and_header_table(tmp_path):
    document = docx.Document()
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "DỰ THẢO"
    htable = header.add_table(rows=1, cols=2, width=document.sections[0].page_width)
    _letterhead(htable, [("Mã hồ sơ: 01", "Trang 1")])
    table = document.add_table(rows=2, cols=2)
    _letterhead(table, [
        ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\n-------",
         "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
        ("Số: 123/UBND-VP", "Bình Dương, ngày 5 tháng 3 năm 2024"),
    ])
    document.add_paragraph("Kính gửi:   Sở Tài chính.")
    document.add_paragraph("")
    p = document.add_paragraph("Ủy ban nhân dân tỉnh ")
    p.add_run("yêu cầu").bold = True
    p.add_run(" thực hiện.")
    merged = document.add_table(rows=2, cols=2)
    merged.cell(0, 0).merge(merged.cell(1, 0)).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    merged.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    merged.cell(1, 1).text = "Nguyễn Văn A"
    path = tmp_path / "doc.docx"
    document.save(path)

    ex = extract(path)
    assert ex.method == "docx" and [p.method for p in ex.pages] == ["docx"]
    assert ex.text.split("\n\n") == [
        "DỰ THẢO",
        "Mã hồ sơ: 01",
        "Trang 1",
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\n-------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Số: 123/UBND-VP",
        "Bình Dương, ngày 5 tháng 3 năm 2024",
        "Kính gửi: Sở Tài chính.",
        "Ủy ban nhân dân tỉnh yêu cầu thực hiện.",
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "Nguyễn Văn A",
    ]


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"plain text pretending to be docx"])
def test_corrupt_docx(tmp_path, data):
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(ExtractionError, match="DOCX"):
        extract(path)
