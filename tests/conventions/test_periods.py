"""Periods in running text (find_periods): wording kept as the entity text, value normalized, kind in attrs."""

from __future__ import annotations

import pytest

from pipeline.conventions.dates import find_periods, period, quarter

# (wording, value, attrs)
CASES = [
    ("quý IV năm 2021", "2021-Q4", {"kind": "quarter"}),
    ("Quý IV/2015", "2015-Q4", {"kind": "quarter"}),
    ("quý 2 năm 2024", "2024-Q2", {"kind": "quarter"}),
    ("6 tháng đầu năm 2025", "2025-H1", {"kind": "months"}),
    ("6 tháng cuối năm 2024", "2024-H2", {"kind": "months"}),
    ("nửa cuối năm 2023", "2023-H2", {"kind": "months"}),
    ("3 tháng cuối năm 2025", "2025-Q4", {"kind": "months"}),
    ("9 tháng đầu năm 2025", "2025-01/2025-09", {"kind": "months"}),
    ("tháng 12/2025", "2025-12", {"kind": "month"}),
    ("tháng 12 năm 2025", "2025-12", {"kind": "month"}),
    ("năm 2026", "2026", {"kind": "year"}),
    ("cuối năm 2025", "2025-12-31", {"kind": "year_end"}),
    ("giai đoạn 2021-2025", "2021/2025", {"kind": "range", "start": "2021", "end": "2025"}),
    ("giai đoạn 2021 - 2025", "2021/2025", {"kind": "range", "start": "2021", "end": "2025"}),
    ("GIAI ĐOẠN 2021 – 2025", "2021/2025", {"kind": "range", "start": "2021", "end": "2025"}),
    ("từ năm 2021 đến năm 2025", "2021/2025", {"kind": "range", "start": "2021", "end": "2025"}),
    ("nhiệm kỳ 2020 - 2025", "2020/2025", {"kind": "term", "start": "2020", "end": "2025"}),
    ("năm học 2024-2025", "2024/2025", {"kind": "school_year", "start": "2024", "end": "2025"}),
    ("đến năm 2030", "../2030", {"kind": "until", "end": "2030"}),
    ("định hướng đến năm 2030", "../2030", {"kind": "until", "end": "2030"}),
    ("đến hết năm 2025", "../2025", {"kind": "until", "end": "2025"}),
    ("tầm nhìn đến năm 2045", "../2045", {"kind": "vision", "end": "2045"}),
]


@pytest.mark.parametrize(("wording", "value", "attrs"), CASES)
def test_wording_alone(wording, value, attrs):
    [e] = find_periods(wording)
    assert (e.label, e.text, e.value, e.attrs) == ("PERIOD", wording, value, attrs)
    assert (e.span.start, e.span.end) == (0, len(wording))


@pytest.mark.parametrize(("wording", "value", "attrs"), CASES)
def test_inside_a_sentence(wording, value, attrs):
    text = f"Thực hiện nhiệm vụ {wording}; báo cáo kết quả."
    [e] = find_periods(text)
    assert text[e.span.start:e.span.end] == e.text == wording and e.value == value


def _found(text):
    return [(e.text, e.value) for e in find_periods(text)]


def test_seed_sentence():
    # corpus/seed/cantho_3645_UBND-KGVX.txt
    text = ("theo tinh thần Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị về xây dựng và phát "
            "triển thành phố Cần Thơ đến năm 2030, tầm nhìn đến năm 2045 và Nghị quyết Đại hội Đảng bộ thành phố "
            "Cần Thơ lần thứ XIV, nhiệm kỳ 2020 - 2025, phấn đấu xây dựng")
    assert _found(text) == [("đến năm 2030", "../2030"), ("tầm nhìn đến năm 2045", "../2045"),
                            ("nhiệm kỳ 2020 - 2025", "2020/2025")]  # the calendar date is not a period


def test_seed_quarter_and_range():
    text = ("Chương trình hợp tác hoạt động khoa học và công nghệ giữa Bộ Khoa học và Công nghệ và Ủy ban nhân dân "
            "thành phố Cần Thơ giai đoạn 2021-2025 để hỗ trợ phát triển Ngành Khoa học và Công nghệ thành phố Cần "
            "Thơ. Thời gian ký kết dự kiến trong quý IV năm 2021 (sau khi tình hình dịch bệnh")
    assert _found(text) == [("giai đoạn 2021-2025", "2021/2025"), ("quý IV năm 2021", "2021-Q4")]


def test_corpus_sentences():
    # tvpl_tnt305__2530_QĐ-TTg: "tầm nhìn" wrapped onto the next line
    text = "Chiến lược bảo vệ môi trường quốc gia đến năm 2030, tầm\nnhìn đến năm 2050;"
    assert _found(text) == [("đến năm 2030", "../2030"), ("tầm\nnhìn đến năm 2050", "../2050")]
    # tvpl_johnpa__Quyết_định_435_QĐ-UBND_năm_2020
    assert _found("- Thời gian thực hiện: Hoàn thành trong quý III/2020.") == [("quý III/2020", "2020-Q3")]
    # a lead word wrapped by the crawl; a lead in a table cell of its own does not reach the next cell
    assert _found("chất lượng môi trường không khí cấp tỉnh giai đoạn\n2026 - 2030 theo quy định") == [
        ("giai đoạn\n2026 - 2030", "2026/2030")]
    [e] = find_periods("các mục tiêu của từng thời kỳ\n\nNăm 2025-2030\n\n32")
    assert (e.text, e.attrs["kind"]) == ("Năm 2025-2030", "range")


def test_not_periods():
    assert find_periods("Cần Thơ, ngày 31 tháng 8 năm 2021") == []  # a calendar date: the caller's DATE
    assert find_periods("ngày 05/8/2020 và ngày tháng năm 2025") == []
    assert find_periods("Quyết định số 12/2021-2025") == []  # part of a number, not a range
    assert find_periods("giai đoạn 2025-2021") == []  # backwards: not a range
    assert find_periods("trong quý IV") == []  # no year, no value
    assert find_periods("kính gửi quý cơ quan; hằng năm") == []


def test_nested_wording_is_one_period():
    text = "trong 6 tháng cuối năm 2024 và từ năm 2021 đến năm 2025"
    assert _found(text) == [("6 tháng cuối năm 2024", "2024-H2"), ("từ năm 2021 đến năm 2025", "2021/2025")]


def test_existing_helpers_unchanged():
    assert quarter("trong quý IV năm 2021") == "2021-Q4"
    assert quarter("quý II") is None
    assert period("giai đoạn 2021 – 2025") == {"start": "2021", "end": "2025"}
    assert period("2025-2021") is None
