"""Header parsing on letterhead shapes seen in ../shared/corpus (table-driven), plus properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.conventions.symbols import parse_symbol
from pipeline.structure import parse_document, split

# (letterhead as the crawls give it, kind, symbol, date, first issuer)
CASES = [
    ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI -------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
     " Độc lập - Tự do - Hạnh phúc ---------------\n\n"
     "Số: 2638/LĐTBXH-KHTC V/v xây dựng dự toán ngân sách năm 2020\n\nHà Nội, ngày 03 tháng 7 năm 2019"
     "\n\nKính gửi: Giám đốc Sở Lao động - Thương binh và Xã hội các tỉnh\n\nThực hiện Chỉ thị số 16/CT-TTg.",
     "CV", "2638/LĐTBXH-KHTC", "2019-07-03", "Bộ Lao động - Thương binh và Xã hội"),
    ("ỦY\nBAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\n-------\n\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
     "Số:\n2827/QĐ-UBND\n\nQuảng\nTrị, ngày 27 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nCÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH\n"
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
     "QĐ", "2827/QĐ-UBND", "2025-11-27", "Ủy ban nhân dân tỉnh Quảng Trị"),
    ("BỘ XÂY DỰNG\n_______\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n_______________\n"
     "Số: 06/2026/TT-BXD\nHà Nội, ngày 13 tháng 02 năm 2026\nTHÔNG TƯ\nCông bố vùng nước cảng biển\n"
     "Căn cứ Bộ luật Hàng hải Việt Nam ngày 25 tháng 11 năm 2015;",
     "TT", "06/2026/TT-BXD", "2026-02-13", "Bộ Xây dựng"),
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 59-NQ/TW\n\nHà Nội, ngày 05 tháng 8 năm 2020\n\n"
     "NGHỊ QUYẾT\nCỦA BỘ CHÍNH TRỊ\nvề xây dựng và phát triển thành phố Cần Thơ\n\nI- TÌNH HÌNH",
     "NQ", "59-NQ/TW", "2020-08-05", "Ban Chấp hành Trung ương Đảng"),
]


@pytest.mark.parametrize(("text", "kind", "symbol", "date", "issuer"), CASES)
def test_header_shapes(text, kind, symbol, date, issuer):
    (start, end), = split(text)
    doc = parse_document(text[start:end])
    from pipeline.nlp import annotate

    annotate(doc)
    assert (doc.kind, doc.symbol, doc.issued_date) == (kind, symbol, date)
    assert doc.issuers and doc.issuers[0].name.casefold() == issuer.casefold()


@pytest.mark.parametrize("symbol", ["3645/UBND-KGVX", "30/2020/NĐ-CP", "59-NQ/TW", "/CTHT-BKH-CN-UBND",
                                    "55/2005/TTLT-BNV-VPCP", "64/2025/QH15", "8011-CV/BTCTW", "06-CTr/TU",
                                    "0/1900/UQ-AA", "5/GN-UBND"])
def test_symbol_renders_to_itself(symbol):
    assert parse_symbol(symbol).render() == symbol


@given(st.text(max_size=400))
def test_any_text_parses_without_exception(text):
    for start, end in split(text):
        parse_document(text[start:end])


@given(st.from_regex(r"\d{1,5}/(19|20)\d\d/[A-ZĐ]{2,4}-[A-ZĐ]{2,6}", fullmatch=True))
def test_parsed_symbols_render_back(symbol):
    rendered = parse_symbol(symbol).render()  # type codes in their official spelling ("CD" -> "CĐ")
    assert rendered.replace("Đ", "D") == symbol.replace("Đ", "D")
    assert parse_symbol(rendered).render() == rendered


SCANNED_HEADER = (  # OCR of a scan whose number was handwritten: "Số: 464 /TTg-CĐS" read as "6†"
    "THỦ TƯỚNG CHÍNH PHỦ\n---\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 6† /TTg-CĐS\nV/v triển khai các Nghị quyết cắt giảm,\nđơn giản hóa TTHC, ĐKKD\n\n"
    "Hà Nội, ngày30 tháng 4 năm 2026\n\nkính gửi:\n\n- Bộ trưởng, Thủ trưởng cơ quan ngang Bộ;\n\n"
    "Triển khai Kết luận số 18-KL/TW ngày 02 tháng 4 năm 2026 của Ban Chấp\nhành Trung ương Đảng khóa XIV."
)


def test_unreadable_number_keeps_the_code_and_never_takes_a_cited_symbol():
    doc = parse_document(SCANNED_HEADER)
    assert (doc.kind, doc.symbol, doc.number, doc.issued_date) == ("CV", "/TTg-CĐS", None, "2026-04-30")
    assert doc.warnings == ["the number of the symbol is unreadable in the text"]
    assert doc.issuers[0].name.casefold() == "thủ tướng chính phủ"


@pytest.mark.parametrize(("file_name", "symbol"), [
    ("pdf/hwolp__464-TTg-CDS.signed.pdf", "464/TTg-CĐS"),
    ("archive/2026/464_TTg_CĐS.pdf", "464/TTg-CĐS"),
    ("archive/scan0001.pdf", "/TTg-CĐS"),  # nothing to take
    ("archive/464-TTg-CDS2.pdf", "/TTg-CĐS"),  # another code
])
def test_number_lost_in_the_text_comes_from_the_file_name(file_name, symbol):
    doc = parse_document(SCANNED_HEADER, file_name=file_name)
    assert doc.symbol == symbol
    assert ("taken from the file name" in doc.warnings[0]) == (symbol != "/TTg-CĐS")


def test_ocr_noise_above_the_so_line_is_no_issuer():
    # tuyendb_pline_test.jpg: the scan's top is cut, Tesseract reads the remains of the agency lines as noise
    text = ("LAI _ TRAOIHHAE J/3IU,\n\nSó:465 /2020/NĐ-CP\n\nHà Nội, ngày 3{_ tháng 12 năm 2020\n\n"
            "NGHỊ ĐỊNH\n\nQuy định chi tiết thi hành một số điều của Luật Chứng khoán\n\n"
            "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
    doc = parse_document(text)
    assert (doc.kind, doc.symbol, doc.issuers) == ("NĐ", "465/2020/NĐ-CP", [])
    clean = parse_document("UBND TỈNH QUẢNG TRỊ\nSỞ KH&CN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 12/SKHCN-VP\n")
    assert [(i.text, i.parent) for i in clean.issuers] == [("SỞ KH&CN", "UBND tỉnh Quảng Trị")]


VBHN = """THÔNG TƯ
Quy định và hướng dẫn tổ chức lễ tang đối với quân nhân

Thông tư số 86/2016/TT-BQP ngày 20 tháng 6 năm 2016 của Bộ trưởng Bộ Quốc phòng, được sửa đổi, bổ sung bởi:

Điều 37. Trách nhiệm thi hành
1. Tổng Tham mưu trưởng chịu trách nhiệm thi hành Thông tư này./.

BỘ QUỐC PHÒNG

XÁC THỰC VĂN BẢN HỢP NHẤT

Số: 46/VBHN-BQP

Hà Nội, ngày 05 tháng 5 năm 2026

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Thượng tướng Nguyễn Văn Gấu
"""


def test_consolidated_text_is_identified_by_its_certification_block():
    doc = parse_document(VBHN)  # the layout of 46/VBHN-BQP: no Số on the first page, the certification at the end
    assert (doc.kind, doc.symbol, doc.issued_date) == ("VBHN", "46/VBHN-BQP", "2026-05-05")
    assert [i.text for i in doc.issuers] == ["BỘ QUỐC PHÒNG"]
    assert [(s.name, s.authority) for s in doc.signers] == [("Nguyễn Văn Gấu", "KT. Bộ trưởng")]
    prose = parse_document("Điều 5. Cơ quan thực hiện việc xác thực văn bản hợp nhất chịu trách nhiệm ...")
    assert prose.kind != "VBHN"


@pytest.mark.parametrize("blank", ["TÊN TỔ CHỨC, CÁ NHÂN", "TÊN UBND CẤP TỈNH", "CƠ QUAN THẨM ĐỊNH",
                                   "HỘI ĐỒNG/CƠ QUAN THẨM ĐỊNH"])
def test_a_form_blank_is_no_issuer(blank):
    """A blank form in an appendix names no issuer: its blank would join every form's into one graph node."""
    doc = parse_document(f"{blank}\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                         "Số: .../...\n......, ngày ... tháng ... năm ...\nBÁO CÁO\nKết quả thẩm định\n")
    assert doc.issuers == []
    assert any(w.startswith("form template: the letterhead has a blank for the issuer") for w in doc.warnings)
