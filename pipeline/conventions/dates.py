"""Dates and periods as Vietnamese documents write them, normalized to ISO strings.

A partial date keeps what is known: "ngày tháng năm 2021" -> "2021"; a quarter is
"2021-Q4"; a period is ``{"start": "2021", "end": "2025"}``. :func:`find_periods` finds
every period of a text (quarters, halves, months, years, ranges, terms, horizons) as entities.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pipeline.model import Entity, Span
from pipeline.textnorm import UPPER

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}

# "ngày 05 tháng 8 năm 2020", with blanks allowed ("ngày   tháng   năm 2021") and "ngày 5/8/2020".
WRITTEN_DATE = re.compile(
    r"(?i)ngày\s*(?P<d>\d{1,2})?\s*[,.]?\s*tháng\s*(?P<m>\d{1,2})?\s*[,.]?\s*năm\s*(?P<y>(?:19|20)\d{2})"
)
NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})(?!\d)")
PLACE_DATE = re.compile(
    rf"^\s*(?P<place>[{UPPER}][^\d,;:()]{{1,40}}?)\s*,\s*(?:ngày|Ngày)\s*(?P<d>\d{{1,2}})?\s*(?:tháng|Tháng)\s*"
    r"(?P<m>\d{1,2})?\s*(?:năm|Năm)\s*(?P<y>(?:19|20)\d{2})"
)
QUARTER = re.compile(r"(?i)quý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:(?:năm|/)\s*(?P<y>(?:19|20)\d{2}))?")
# "Luật này được Quốc hội ... khóa XV, kỳ họp thứ 8 thông qua ngày 30 tháng 11 năm 2024": the adoption formula.
ADOPTION = re.compile(
    r"(?i)(?:luật|pháp lệnh|nghị quyết)\s+này\s+(?:đã\s+)?được\s+[^.;]{3,250}?\s+thông\s+qua\s+"
    r"(?P<date>ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*(?:19|20)\d{2})"
)
# The date written right after a reference: ", ngày 05 tháng 8 năm 2020", " ban hành ngày 5/8/2020".
_DATE_AFTER = re.compile(
    r"(?i)\s*,?\s*(?:(?:được\s+)?ban hành\s+)?ngày\s*(?:\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*(?:19|20)\d{2}"
    r"|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d{2})"
)
PERIOD = re.compile(r"(?P<a>(?:19|20)\d{2})\s*[-–]\s*(?P<b>(?:19|20)\d{2})")


def iso(day: str | int | None, month: str | int | None, year: str | int | None) -> str | None:
    """ISO date from parts; a partial date keeps what is known; an impossible one gives the year."""
    if not year:
        return None
    y = int(year)
    if not month:
        return f"{y:04d}"
    m = int(month)
    if not 1 <= m <= 12:
        return f"{y:04d}"
    if not day:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, int(day)).isoformat()
    except ValueError:
        return f"{y:04d}-{m:02d}"


def parse_date(text: str) -> str | None:
    """The first date in ``text`` (written or numeric), ISO or partial."""
    m = WRITTEN_DATE.search(text)
    n = NUMERIC_DATE.search(text)
    if m and (not n or m.start() <= n.start()):
        return iso(m.group("d"), m.group("m"), m.group("y"))
    if n:
        return iso(n.group("d"), n.group("m"), n.group("y"))
    return None


def date_after(text: str, pos: int) -> tuple[str | None, int]:
    """(ISO date, end offset) of a date written at ``pos`` right after a reference; (None, pos) when none."""
    m = _DATE_AFTER.match(text, pos)
    return (parse_date(m.group(0)), m.end()) if m else (None, pos)


def parse_place_date(line: str) -> tuple[str, str | None] | None:
    """``("Cần Thơ", "2021-08-31")`` from "Cần Thơ, ngày 31 tháng 8 năm 2021"; None if not that line."""
    m = PLACE_DATE.match(line)
    if not m:
        return None
    return m.group("place").strip(), iso(m.group("d"), m.group("m"), m.group("y"))


def adoption_date(text: str) -> str | None:
    """The date a law or council resolution was adopted: its issue date (reference 1.6); the last formula wins."""
    found = list(ADOPTION.finditer(text))
    return parse_date(found[-1].group("date")) if found else None


def quarter(text: str) -> str | None:
    """"2021-Q4" from "quý IV năm 2021"; the year is needed."""
    m = QUARTER.search(text)
    if not m or not m.group("y"):
        return None
    q = m.group("q").upper()
    return f"{m.group('y')}-Q{_ROMAN.get(q) or int(q)}"


def period(text: str) -> dict[str, str] | None:
    """``{"start": "2021", "end": "2025"}`` from "giai đoạn 2021 – 2025"."""
    m = PERIOD.search(text)
    if not m or int(m.group("a")) > int(m.group("b")):
        return None
    return {"start": m.group("a"), "end": m.group("b")}


# ----------------------------------------------------------------------------- periods in running text

# "giai đoạn 2021 - 2025", "nhiệm kỳ 2020-2025", "năm học 2025 - 2026": a lead word, then PERIOD; a lead
# may wrap onto the next line, not across a blank line (a table cell of its own).
_LEAD = {"giai đoạn": "range", "thời kỳ": "range", "năm học": "school_year", "nhiệm kỳ": "term"}
_WRAP = r"[ \t]*\n?[ \t]*"
_RANGE = re.compile(
    rf"(?i)(?<![\w/.-])(?:(?P<lead>giai\s+đoạn|thời\s+kỳ|năm\s+học|nhiệm\s+kỳ){_WRAP}(?:từ\s+)?)?(?:năm\s+)?"
    + PERIOD.pattern + r"(?![\d/])"
)
_FROM_TO = re.compile(
    r"(?i)(?<!\w)(?:(?P<lead>giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ)\s+)?từ\s+(?:năm\s+)?(?P<a>(?:19|20)\d{2})\s*"
    r"(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?(?P<b>(?:19|20)\d{2})(?!\d)"
)
# "tầm nhìn đến năm 2045", "tầm nhìn 2050"; "(định hướng) đến (hết) năm 2030".
_VISION = re.compile(r"(?i)(?<!\w)tầm\s+nhìn\s+(?:đến\s+|tới\s+)?(?:năm\s+)?(?P<y>(?:19|20)\d{2})(?!\d)")
_UNTIL = re.compile(r"(?i)(?<!\w)(?:định\s+hướng\s+)?(?:đến|tới)\s+(?:hết\s+)?năm\s+(?P<y>(?:19|20)\d{2})(?!\d)")
# "6 tháng đầu năm 2025", "9 tháng năm 2025", "6 tháng cuối năm 2025", "nửa đầu năm 2025".
_MONTHS = re.compile(
    r"(?i)(?<![\w/])(?:(?P<n>\d{1,2})\s+tháng|nửa)\s+(?:(?P<edge>đầu|cuối)\s+)?năm\s+"
    r"(?P<y>(?:19|20)\d{2})(?!\d)"
)
_YEAR_END = re.compile(r"(?i)(?<!\w)cuối\s+năm\s+(?P<y>(?:19|20)\d{2})(?!\d)")
_MONTH = re.compile(r"(?i)(?<![\w/])tháng\s+(?P<m>\d{1,2})\s*(?:/|-|năm\b)\s*(?P<y>(?:19|20)\d{2})(?![\d/])")
_YEAR = re.compile(r"(?i)(?<!\w)năm\s+(?P<y>(?:19|20)\d{2})(?![\d/])")


def find_periods(text: str) -> list[Entity]:
    """Every period of ``text`` as a PERIOD entity, in order, never overlapping each other or a calendar date.

    ``value`` is one normalized string: a quarter, half, month, year or day in the forms
    :func:`pipeline.graph.query.due_date` reads, an interval the ISO 8601 way (``start/end``, ``..`` for an
    open start). ``attrs`` says what kind of period it is, with ``start`` and ``end`` years for ranges (the
    shape of ``Document.period``):

    ========================================  ===================  ========================================
    wording                                   value                attrs
    ========================================  ===================  ========================================
    quý IV năm 2021, quý II/2025              2021-Q4              kind=quarter
    6 tháng đầu năm 2025, nửa cuối năm 2025   2025-H1, 2025-H2     kind=months
    9 tháng đầu năm 2025                      2025-01/2025-09      kind=months
    tháng 12/2025, tháng 12 năm 2025          2025-12              kind=month
    năm 2026                                  2026                 kind=year
    cuối năm 2025                             2025-12-31           kind=year_end (read as a deadline)
    giai đoạn 2021 - 2025, 2021–2025          2021/2025            kind=range, start=2021, end=2025
    từ năm 2021 đến năm 2025                  2021/2025            kind=range, start=2021, end=2025
    nhiệm kỳ 2020 - 2025                      2020/2025            kind=term, start=2020, end=2025
    năm học 2025 - 2026                       2025/2026            kind=school_year, start, end
    (định hướng) đến (hết) năm 2030           ../2030              kind=until, end=2030
    tầm nhìn đến năm 2045                     ../2045              kind=vision, end=2045
    ========================================  ===================  ========================================

    Calendar dates (:data:`WRITTEN_DATE`, :data:`NUMERIC_DATE`) are the caller's DATE entities; a quarter
    without its year ("trong quý IV") is left out, having no value.
    """
    found: list[tuple[int, int, str, dict[str, Any]]] = []
    for m in (*_RANGE.finditer(text), *_FROM_TO.finditer(text)):
        a, b = m.group("a"), m.group("b")
        if int(a) <= int(b):
            kind = _LEAD[" ".join(m.group("lead").lower().split())] if m.group("lead") else "range"
            found.append((m.start(), m.end(), f"{a}/{b}", {"kind": kind, "start": a, "end": b}))
    for rx, kind in ((_VISION, "vision"), (_UNTIL, "until")):
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), f"../{m.group('y')}", {"kind": kind, "end": m.group("y")}))
    for m in QUARTER.finditer(text):
        if m.group("y") and not text[m.end("q"):m.end("q") + 1].isalpha():
            found.append((m.start(), m.end(), quarter(m.group(0)), {"kind": "quarter"}))
    for m in _MONTHS.finditer(text):
        value = _months(int(m.group("n") or 6), (m.group("edge") or "đầu").lower() == "cuối", m.group("y"))
        if value:
            found.append((m.start(), m.end(), value, {"kind": "months"}))
    for m in _YEAR_END.finditer(text):
        found.append((m.start(), m.end(), f"{m.group('y')}-12-31", {"kind": "year_end"}))
    for m in _MONTH.finditer(text):
        if 1 <= int(m.group("m")) <= 12:
            found.append((m.start(), m.end(), iso(None, m.group("m"), m.group("y")), {"kind": "month"}))
    for m in _YEAR.finditer(text):
        found.append((m.start(), m.end(), m.group("y"), {"kind": "year"}))
    taken = [(m.start(), m.end()) for rx in (WRITTEN_DATE, NUMERIC_DATE) for m in rx.finditer(text)]
    out: list[Entity] = []
    for start, end, value, attrs in sorted(found, key=lambda f: (f[0], -f[1])):
        if any(a < end and start < b for a, b in taken):
            continue
        taken.append((start, end))
        out.append(Entity("PERIOD", text[start:end], Span(start, end), value=value, attrs=attrs))
    return sorted(out, key=lambda e: e.span.start)


def _months(n: int, last: bool, year: str) -> str | None:
    """"2025-H1" for the first 6 months, "2025-Q4" for the last 3, "2025-01/2025-09" for the first 9."""
    if not 1 <= n <= 12:
        return None
    if n == 12:
        return year
    if n in (3, 6):
        return f"{year}-{'Q' if n == 3 else 'H'}{(12 // n) if last else 1}"
    first, final = (13 - n, 12) if last else (1, n)
    return f"{year}-{first:02d}/{year}-{final:02d}"
