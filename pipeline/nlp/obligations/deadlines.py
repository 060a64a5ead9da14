"""Deadlines: the due date or period of one task, normalized for ``Deadline.date``.

Values: a day ("2025-12-15"), a month ("2025-12"), a quarter ("2026-Q1"), a half ("2025-H1"), a year ("2026"),
or a recurrence ("yearly", "quarterly", "monthly", "weekly"). In running text a date or period is a deadline only
after a cue ("trước ngày 15/12/2025", "chậm nhất ngày ...", "hoàn thành trong quý I năm 2026", "trong tháng 12 năm
2025", "xong cuối tháng 12 năm 2025", "đến hết năm 2025", "trước Thứ Tư ngày 03/12/2025") or when it is an end in
itself ("cuối năm 2025"); in a time field ("Thời gian thực hiện: Quý II/2020") every date or period counts.
"hằng năm" is a recurrence after "định kỳ", in a time field, after a day without its year ("trước ngày 30 tháng 11
hằng năm") or at the end of a reporting clause ("báo cáo ... hằng tháng"); "kế hoạch hằng năm" is no deadline.
A concrete date or period wins over a recurrence; a relative wording ("trong thời hạn 03 ngày làm việc, kể từ
...") or "thường xuyên" is kept as text with no value. Dates and periods come from :mod:`pipeline.conventions.dates`.
"""

from __future__ import annotations

import calendar
import re

from pipeline.conventions.dates import NUMERIC_DATE, WRITTEN_DATE, find_periods, iso
from pipeline.model import Deadline, Span

_CUE = re.compile(
    r"(?i)(?:^|(?<=\W))(?P<cue>trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|đến\s+hết|hết|đến|xong|"
    r"hoàn\s+thành|trong|cuối|vào)(?:\s+(?:là|ngày|thứ\s+\S+|xong|trước|trong|hết|cuối|vào))*\s*[:,]?\s*$"
)
_WINDOW = 40  # how far before a date its cue is looked for
_RECURRENCE = re.compile(r"(?i)(?P<lead>định\s+kỳ\s+)?(?:hằng|hàng)\s+(?P<unit>năm|quý|tháng|tuần)(?!\s+(?:học|đầu))")
_UNITS = {"năm": "yearly", "quý": "quarterly", "tháng": "monthly", "tuần": "weekly"}
_DAY_MONTH = re.compile(r"(?i)ngày\s+\d{1,2}(?:\s*[/.-]\s*\d{1,2}|\s+tháng\s+\d{1,2})\s*\)?\s*$")
_REPORT_CLAUSE = re.compile(r"(?i)báo\s+cáo[^.;:]*$")
_CLAUSE_END = re.compile(r"\s*(?:[.;,)]|$)")
_RELATIVE = re.compile(
    r"(?i)(?:trong\s+(?:thời\s+hạn\s+|vòng\s+)?\d+\s+ngày(?:\s+làm\s+việc)?[^.;]{0,80}?kể\s+từ[^.;,]{0,80}"
    r"|chậm\s+nhất\s+trong\s+ngày\s+làm\s+việc\s+tiếp\s+theo|ngay\s+sau\s+khi[^.;,]{0,60})"
)
_ONGOING = re.compile(r"(?i)thường\s+xuyên(?:\s+trong\s+năm)?")


def _month_end(value: str) -> str:
    y, m = (int(p) for p in value.split("-"))
    return f"{value}-{calendar.monthrange(y, m)[1]:02d}"


def _candidates(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, value, kind) of every calendar date and period in ``text[start:end]``."""
    scope = text[start:end]
    found = [(m.start(), m.end(), iso(m.group("d"), m.group("m"), m.group("y")), "date")
             for rx in (WRITTEN_DATE, NUMERIC_DATE) for m in rx.finditer(scope)]
    found += [(e.span.start, e.span.end, e.value, e.attrs["kind"]) for e in find_periods(scope)]
    return sorted((a + start, b + start, v, k) for a, b, v, k in found if v)


def _dated(text: str, start: int, end: int, field: bool) -> Deadline | None:
    """The first date or period of the scope after a cue (in a field: else the first one at all)."""
    candidates = _candidates(text, start, end)
    for cued in (True, False) if field else (True,):
        for a, b, value, kind in candidates:
            cue = _CUE.search(text, max(start, a - _WINDOW), a)
            if kind == "vision" or kind == "until" and "hết" not in text[a:b].lower():
                continue  # "đến năm 2030", "tầm nhìn 2045": horizons, not due dates
            if cued and not (cue or kind in ("year_end", "until")):
                continue
            cue_words = cue.group(0).lower() if cue else ""
            if kind == "month" and ("cuối" in cue_words or "hết" in cue_words):
                value = _month_end(value)
            elif kind == "until":
                value = f"{value[3:]}-12-31"
            elif "/" in value:  # a range ("giai đoạn 2026 - 2027") is due at its end
                value = value.split("/")[1]
            begin = cue.start() if cue else a
            return Deadline(text=" ".join(text[begin:b].split()), date=value, span=Span(begin, b))
    return None


def _recurrence(text: str, start: int, end: int, field: bool) -> Deadline | None:
    for m in _RECURRENCE.finditer(text, start, end):
        before = text[max(start, m.start() - 60):m.start()]
        after = text[m.end():end]
        if (field or m.group("lead") or _DAY_MONTH.search(before)
                or (_REPORT_CLAUSE.search(before) and _CLAUSE_END.match(after))):
            return Deadline(text=" ".join(m.group(0).split()), date=_UNITS[m.group("unit").lower()],
                            span=Span(m.start(), m.end()))
    return None


def _undated(text: str, start: int, end: int) -> Deadline | None:
    for rx in (_RELATIVE, _ONGOING):
        m = rx.search(text, start, end)
        if m:
            return Deadline(text=" ".join(m.group(0).split()), span=Span(m.start(), m.end()))
    return None


def find_deadline(text: str, start: int, end: int, *, field: bool = False) -> Deadline | None:
    """The deadline stated in ``text[start:end]``: a date or period, else a recurrence, else an undated wording.

    ``field``: the span is a time field's value, where no cue is needed.
    """
    return _dated(text, start, end, field) or _recurrence(text, start, end, field) or _undated(text, start, end)


def normalize_deadline(text: str) -> str | None:
    """"2021-Q4", "2025-12-31", "yearly" from deadline wording ("trong quý IV năm 2021", "cuối năm 2025")."""
    found = find_deadline(text, 0, len(text), field=True)
    return found.date if found else None
