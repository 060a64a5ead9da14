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
                                    "55/2005/TTLT-BNV-VPCP", "64/2025/QH15", "8011-CV/BTCTW", "06-CTr/TU"])
def test_symbol_renders_to_itself(symbol):
    assert parse_symbol(symbol).render() == symbol


@given(st.text(max_size=400))
def test_any_text_parses_without_exception(text):
    for start, end in split(text):
        parse_document(text[start:end])


@given(st.from_regex(r"\d{1,5}/(19|20)\d\d/[A-ZĐ]{2,4}-[A-ZĐ]{2,6}", fullmatch=True))
def test_parsed_symbols_render_back(symbol):
    assert parse_symbol(symbol).render() == symbol
