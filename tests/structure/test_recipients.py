"""Kính gửi and Nơi nhận lists in the shapes letters write them: wrapped names, dash items, either terminator."""

from __future__ import annotations

import pytest

from pipeline.structure.lines import lines_of
from pipeline.structure.recipients import find_distribution, find_recipients

ADDRESSEES = [
    # a name wrapped in lower case, then the body
    ("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố\ntrực thuộc Trung ương\n\nThực hiện chỉ đạo của Thủ tướng.",
     ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]),
    # a name cut after its place word
    ("Kính gửi: Ủy ban nhân dân tỉnh\nQuảng Ninh\nThực hiện Công văn số 12/UBND ngày 02/01/2025.",
     ["Ủy ban nhân dân tỉnh Quảng Ninh"]),
    # one line, then the body in a capitalized sentence
    ("Kính gửi: Sở Tài chính tỉnh Cần Thơ\nThực hiện Công văn số 12/UBND.", ["Sở Tài chính tỉnh Cần Thơ"]),
    # dash items, one wrapped
    ("Kính gửi: - Bộ Tài chính;\n- Bộ Công Thương;\n- Ủy ban nhân dân các tỉnh, thành phố\ntrực thuộc Trung ương.\n"
     "Thực hiện Nghị quyết số 01/NQ-CP.",
     ["Bộ Tài chính", "Bộ Công Thương", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]),
    # Party items end with ","
    ("Kính gửi:\n- Các chi bộ trực thuộc,\n- Ban Tuyên giáo Đảng ủy.\nĐảng ủy đề nghị các chi bộ báo cáo.",
     ["Các chi bộ trực thuộc", "Ban Tuyên giáo Đảng ủy"]),
]


@pytest.mark.parametrize(("text", "names"), ADDRESSEES)
def test_addressees(text, names):
    found, body = find_recipients(text, 0, len(text))
    assert [name for name, _, _ in found] == names
    assert text[body:].strip().startswith(("Thực hiện", "Đảng ủy"))
    for name, start, end in found:
        assert " ".join(text[start:end].split()) == name  # spans quote the text


def test_distribution_with_comma_terminated_items():
    items = ["Các tỉnh ủy, thành ủy", "Các ban đảng, ban cán sự đảng, đảng đoàn", "Lưu Văn phòng Trung ương Đảng"]
    text = "Nơi nhận:\n" + "".join(f"- {item},\n" for item in items[:2]) + f"- {items[2]}."
    found, used = find_distribution(lines_of(text))
    assert found == items
    assert used == {0, 1, 2, 3}
