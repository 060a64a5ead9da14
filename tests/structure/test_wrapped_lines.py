"""Narrow columns wrap a header or heading over lines, as web crawls of table layouts and PDF text layers give
them: the type line run into its trích yếu ("QUY CHẾ LÀM" / "VIỆC"), a wrapped "(Ban hành kèm theo ...)" note,
chapter titles and article headings over two lines."""

from __future__ import annotations

from pipeline.structure import parse_document

REGULATION = """ỦY BAN NHÂN DÂN
XÃ TÂN AN
|
|
CỘNG HOÀ XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập -
Tự do - Hạnh phúc
|
QUY CHẾ LÀM
VIỆC
CỦA ỦY
BAN NHÂN DÂN XÃ TÂN AN NHIỆM KỲ 2021 - 2026
(Ban hành
kèm theo Quyết định số: 61/QĐ-UBND
Ngày 02 tháng
8 năm 2021 của Ủy ban nhân dân xã Tân
An)
Chương I
NHỮNG QUY ĐỊNH
CHUNG
Điều 1. Phạm vi,
đối tượng điều chỉnh
1. Quy chế này quy định nguyên tắc làm việc của Ủy ban nhân dân xã Tân An.
Điều 2. Nguyên tắc làm việc
Ủy ban nhân dân xã làm việc theo nguyên tắc tập trung dân chủ.
Chương II
TRÁCH NHIỆM
Điều 3. Trách nhiệm của Chủ tịch Ủy ban nhân dân xã trong việc chỉ đạo, điều hành các công việc
thuộc thẩm quyền.
"""


def test_type_line_run_into_its_subject():
    doc = parse_document(REGULATION)
    assert doc.kind == "QC"
    assert doc.subject.lower() == "làm việc của ủy ban nhân dân xã tân an nhiệm kỳ 2021 - 2026"


def test_wrapped_attachment_note():
    doc = parse_document(REGULATION)
    assert "issued with: Ban hành kèm theo Quyết định số: 61/QĐ-UBND Ngày 02 tháng 8 năm 2021 của Ủy ban nhân dân " \
           "xã Tân An" in doc.warnings


def test_wrapped_headings():
    headings = {s.id: s.heading for s in parse_document(REGULATION).sections}
    assert headings["Chương I"] == "NHỮNG QUY ĐỊNH CHUNG"
    assert headings["Điều 1"] == "Phạm vi, đối tượng điều chỉnh"
    assert headings["Điều 2"] == "Nguyên tắc làm việc"  # the next line is the article's text
    assert headings["Chương II"] == "TRÁCH NHIỆM"  # the next line is an article
    assert headings["Điều 3"] == ("Trách nhiệm của Chủ tịch Ủy ban nhân dân xã trong việc chỉ đạo, điều hành các "
                                  "công việc thuộc thẩm quyền")
