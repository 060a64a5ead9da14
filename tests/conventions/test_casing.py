"""Upper-case letterhead text put back into running-text case."""

from __future__ import annotations

import pytest

from pipeline.conventions.casing import position_case, sentence_case
from pipeline.conventions.kinds import title_line_kind

SENTENCES = [
    ("ỦY BAN NHÂN DÂN TỈNH CẦN THƠ", "Ủy ban nhân dân tỉnh Cần Thơ"),
    ("CỦA BỘ CHÍNH TRỊ", "của Bộ Chính trị"),
    ("VỀ CÔNG TÁC XÂY DỰNG ĐẢNG VÀ ĐẢNG VIÊN", "về công tác xây dựng Đảng và đảng viên"),
    ("BAN CÁN SỰ ĐẢNG VÀ TỔ CHỨC ĐẢNG", "Ban cán sự đảng và tổ chức đảng"),
    ("VỀ ĐỊNH DẠNG VĂN BẢN CỦA CHÍNH PHỦ", "về định dạng văn bản của Chính phủ"),
    ("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHOÁ XVI)", "Ban Chấp hành đảng bộ tỉnh (khoá XVI)"),
    ("ĐẠI HỘI XIII CỦA ĐẢNG", "Đại hội XIII của Đảng"),
    ("VI PHẠM HÀNH CHÍNH", "Vi phạm hành chính"),
    ("TỈNH ỦY THỪA THIÊN HUẾ", "Tỉnh ủy Thừa Thiên Huế"),
    ("HUYỆN ỦY ĐỒNG VĂN", "Huyện ủy Đồng Văn"),
    ("ĐỊNH DẠNG", "Định dạng"),
]


@pytest.mark.parametrize(("upper", "cased"), SENTENCES)
def test_sentence_case(upper, cased):
    assert sentence_case(upper) == cased


@pytest.mark.parametrize(("upper", "cased"), [
    ("KT. BỘ TRƯỞNG", "KT. Bộ trưởng"),
    ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    ("T/M BỘ CHÍNH TRỊ", "T/M Bộ Chính trị"),
    ("T/M TỈNH ỦY", "T/M Tỉnh ủy"),
    ("THƯỜNG TRỰC BAN BÍ THƯ", "Thường trực Ban Bí thư"),
    ("TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI", "TM. Ủy ban Thường vụ Quốc hội"),
])
def test_position_case(upper, cased):
    assert position_case(upper) == cased


@pytest.mark.parametrize(("line", "code"), [
    ("QUYẾT ĐỊNH", "QĐ"), ("Q U Y Ế T  Đ Ị N H", "QĐ"), ("K ÉT LUẬN", "KL"), ("NGHỊ  QUYẾT", "NQ"),
    ("QUYẾT ĐỊNH:", None), ("Quyết định", None), ("KẾT QUẢ", None),
])
def test_type_lines_letter_spaced_or_split(line, code):
    assert title_line_kind(line) == code
