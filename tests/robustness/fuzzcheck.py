"""What every parser output must satisfy whatever the input: the checks of the fuzz tests and the atheris harness."""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from pipeline.model import Deadline, Document, Entity, Reference, Span

# Items whose ``text`` is, by the model, exactly the characters their span covers.
EXACT_TEXT = (Reference, Entity, Deadline)
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PERIOD_POINT = re.compile(r"\d{4}-(?:Q[1-4]|H[12])")
RECURRENCES = {"yearly", "quarterly", "monthly", "weekly"}


def valid_partial_date(value: str) -> bool:
    """An ISO date, or what is known of one: "2021-08-31", "2021-08", "2021"."""
    m = _PARTIAL_DATE.fullmatch(value)
    if not m:
        return False
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return False
    if day:
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            return False
    return True


def valid_period(value: str) -> bool:
    """A normalized period: a partial date, a quarter or half ("2021-Q4", "2025-H1"), or an interval of those
    ("2021/2025", "../2030")."""
    points = value.split("/") if value.count("/") == 1 else [value]
    return all((p == ".." and len(points) == 2) or valid_partial_date(p) or _PERIOD_POINT.fullmatch(p)
               for p in points)


def check_spans(obj: Any, text: str, where: str = "doc") -> None:
    """Every span of ``obj`` lies within ``text``; items that say so quote exactly what their span covers."""
    if isinstance(obj, Span):
        assert 0 <= obj.start <= obj.end <= len(text), f"{where}: span {obj.start}:{obj.end} outside 0:{len(text)}"
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            check_spans(item, text, f"{where}[{i}]")
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if f.name != "text" or not isinstance(obj, Document):
                check_spans(getattr(obj, f.name), text, f"{where}.{f.name}")
        if isinstance(obj, EXACT_TEXT) and obj.span is not None:
            quoted = text[obj.span.start:obj.span.end]
            assert obj.text == quoted, f"{where}: text {obj.text!r} but span covers {quoted!r}"


def check_dates(doc: Document) -> None:
    """Dates are valid ISO (or partial) dates; deadlines and periods normalized values."""
    dates = [doc.issued_date, *(r.date for r in doc.references)]
    dates += [e.value for e in doc.entities if e.label == "DATE"]
    for value in dates:
        assert value is None or valid_partial_date(value), f"bad date {value!r}"
    periods = [e.value for e in doc.entities if e.label == "PERIOD"]
    periods += [o.deadline.date for o in [*doc.obligations, *doc.tasks] if o.deadline]
    for value in periods:
        assert value is None or value in RECURRENCES or valid_period(value), f"bad period {value!r}"
    if doc.period:
        assert all(valid_partial_date(v) for v in doc.period.values()), doc.period


def check_documents(docs: list[Document]) -> None:
    """The record invariants of stages 2 and 3 on every document of a file."""
    for doc in docs:
        check_spans(doc, doc.text)
        check_dates(doc)


def _seconds(fn: Callable[[str], Any], text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - started)
    return best


def assert_linear(fn: Callable[[str], Any], unit: str, max_chars: int = 16000) -> None:
    """``fn`` on 20 times ``unit * n`` takes under 80 times as long as on ``unit * n`` (linear work takes 20
    times, a quadratic blow-up 400; the margin absorbs a busy machine's noise). ``n`` grows until the base
    run takes 20 ms (or ``max_chars``), so the clock measures work rather than noise; no wall-clock bound
    on a single run."""
    n = 50
    while (base := _seconds(fn, unit * n)) < 0.02 and len(unit) * n < max_chars:
        n *= 2
    big = _seconds(fn, unit * n * 20)
    name = getattr(fn, "__name__", repr(fn))
    assert big < 80 * max(base, 0.005), f"{name} on {unit!r} x {n}: {base:.4f}s, 20 times as much {big:.4f}s"
