"""The section tree on real outlines of ../shared/corpus and the reference's levels (table-driven)."""

from __future__ import annotations

import pytest

from pipeline.structure.lines import lines_of
from pipeline.structure.sections import parse_sections, section_at

# Lines of tvpl_congbot__file_data_1 (a Quy chế), blank lines as the crawl has them.
QUY_CHE = """Chương I

QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng
Quy chế này xác định phạm vi, trách nhiệm, quyền hạn của Sở Lao động - Thương binh và Xã hội.
Điều 2. Nguyên tắc cấp phát, quản lý và sử dụng kinh phí
1. Ngân sách Trung ương đảm bảo nguồn kinh phí để thực hiện chính sách ưu đãi người có công.
2. Việc quản lý kinh phí chi trả trợ cấp ưu đãi người có công với cách mạng.
Chương II

QUYỀN HẠN, TRÁCH NHIỆM CỦA CÁC NGÀNH VÀ CÁC CẤP NGÂN SÁCH

Điều 4. Sở Lao động - Thương binh và Xã hội có nhiệm vụ
1. Thẩm tra dự toán kinh phí hàng năm:
a) Tổng hợp dự toán;
b) Gửi Bộ Lao động - Thương binh và Xã hội.
"""

# The levels of a normative document (reference: Phần, Chương, Mục, Tiểu mục, Điều, khoản, điểm with đ).
LEVELS = """PHẦN THỨ NHẤT
NHỮNG QUY ĐỊNH CHUNG
Chương II
QUẢN LÝ ĐẦU TƯ
Mục 1
LẬP DỰ ÁN
Tiểu mục 2
HỒ SƠ
Điều 12. Hồ sơ dự án
1. Hồ sơ gồm:
a) Tờ trình;
b) Báo cáo;
c) Thuyết minh;
d) Dự toán;
đ) Các văn bản khác.
"""

# An outline of a công văn or kế hoạch: I./1./1.1./a).
OUTLINE = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
2. Yêu cầu
II. NHIỆM VỤ
1. Hoàn thiện thể chế:
1.1. Rà soát văn bản
a) Sở Tư pháp chủ trì;
b) Các sở phối hợp.
"""


@pytest.mark.parametrize(("text", "expected"), [
    (QUY_CHE, [("Chương I", "QUY ĐỊNH CHUNG"), ("Điều 1", "Phạm vi điều chỉnh và đối tượng áp dụng"),
               ("Điều 2", "Nguyên tắc cấp phát, quản lý và sử dụng kinh phí"), ("Điều 2.1", None),
               ("Điều 2.2", None), ("Chương II", "QUYỀN HẠN, TRÁCH NHIỆM CỦA CÁC NGÀNH VÀ CÁC CẤP NGÂN SÁCH"),
               ("Điều 4", None), ("Điều 4.1", "Thẩm tra dự toán kinh phí hàng năm"), ("Điều 4.1.a", None),
               ("Điều 4.1.b", None)]),
    (LEVELS, [("Phần THỨ NHẤT", "NHỮNG QUY ĐỊNH CHUNG"), ("Phần THỨ NHẤT.Chương II", "QUẢN LÝ ĐẦU TƯ"),
              ("Phần THỨ NHẤT.Chương II.Mục 1", "LẬP DỰ ÁN"),
              ("Phần THỨ NHẤT.Chương II.Mục 1.Tiểu mục 2", "HỒ SƠ"), ("Điều 12", "Hồ sơ dự án"),
              ("Điều 12.1", "Hồ sơ gồm"), ("Điều 12.1.a", None), ("Điều 12.1.b", None), ("Điều 12.1.c", None),
              ("Điều 12.1.d", None), ("Điều 12.1.đ", None)]),
    (OUTLINE, [("I", "MỤC ĐÍCH, YÊU CẦU"), ("I.1", "Mục đích"), ("I.2", "Yêu cầu"), ("II", "NHIỆM VỤ"),
               ("II.1", "Hoàn thiện thể chế"), ("II.1.1", "Rà soát văn bản"), ("II.1.1.a", None),
               ("II.1.1.b", None)]),
])
def test_section_tree(text, expected):
    sections = parse_sections(lines_of(text, 0), len(text))
    got = [(s.id, s.heading) for s in sections]
    assert [g[0] for g in got] == [e[0] for e in expected]
    for (sid, heading), (_, want) in zip(got, expected, strict=True):
        if want is not None:
            assert heading == want, sid


def test_spans_nest_and_locate_offsets():
    sections = parse_sections(lines_of(QUY_CHE, 0), len(QUY_CHE))
    by_id = {s.id: s for s in sections}
    chapter, article = by_id["Chương II"], by_id["Điều 4"]
    assert chapter.span.start <= article.span.start < article.span.end <= chapter.span.end == len(QUY_CHE)
    assert section_at(sections, QUY_CHE.index("Tổng hợp dự toán")).id == "Điều 4.1.a"
    assert by_id["Điều 4.1.a"].parent == "Điều 4.1" and by_id["Điều 1"].parent == "Chương I"
