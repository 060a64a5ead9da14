"""Dates and periods as Vietnamese documents write them, normalized to ISO strings.

A partial date keeps what is known: "ngày tháng năm 2021" -> "2021"; a quarter is
"2021-Q4"; a period is ``{"start": "2021", "end": "2025"}``.
"""

from __future__ import annotations

import re
from datetime import date

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
