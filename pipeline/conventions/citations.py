"""A document named in one phrase: "<tên loại> [số] <symbol>[, ngày <date>][ của <issuer>]".

Two such phrases name the document a text belongs to: an appendix's "(Kèm theo Công văn số
17809/BTC-CTK ngày 17 tháng 11 năm 2025 của Bộ Tài chính)" names its parent (reference 1.7,
1.14), and a crawl site's summary line "Ngày 25/11/2025, Chính phủ ban hành Nghị định
304/2025/NĐ-CP ..." names the document the page is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.conventions.dates import date_after, parse_date
from pipeline.conventions.kinds import kind_prefix
from pipeline.conventions.symbols import Symbol, find_symbols

_ATTACHED = re.compile(r"^[(*_\s]*(?:[Bb]an hành\s+)?[Kk]èm theo\s+")
_SUMMARY = re.compile(r"^\s*(?P<date>Ngày\s+[^,\n]{6,24}?)\s*,\s*"
                      r"(?P<issuer>[^\s,.;:][^,.;:\n]{1,80}?)\s+(?:đã\s+)?ban hành\s+")
_ISSUER = re.compile(r"\s*của\s+(?P<issuer>[^()]{2,120}?)\s*[)*_]*\s*$")


@dataclass
class Citation:
    """The document a phrase names; ``issuer`` is as written, with its offsets in the phrase's text."""

    kind: str
    symbol: Symbol
    date: str | None = None
    issuer: str | None = None
    issuer_span: tuple[int, int] | None = None


def cited_at(text: str, pos: int) -> Citation | None:
    """The citation that starts at ``pos`` with a type name, or None."""
    found = kind_prefix(text[pos:])
    if found is None:
        return None
    code, length = found
    after = pos + length
    sym = next(((a, b, s) for a, b, s in find_symbols(text[after:after + 60]) if a <= 6), None)
    if sym is None or not re.fullmatch(r"\s*(?:số\s*:?\s*)?", text[after:after + sym[0]]):
        return None
    cite = Citation(code, sym[2])
    rest = after + sym[1]
    cite.date, rest = date_after(text, rest)
    issuer = _ISSUER.match(text, rest)
    if issuer:
        cite.issuer = " ".join(issuer.group("issuer").split())
        cite.issuer_span = issuer.span("issuer")
    return cite


def attached_to(text: str) -> Citation | None:
    """The parent an appendix line "(Kèm theo <type> số <symbol> ngày ... của ...)" names."""
    m = _ATTACHED.match(text)
    return cited_at(text, m.end()) if m else None


def summary_of(text: str) -> Citation | None:
    """The document a site summary "Ngày <date>, <issuer> ban hành <type> <symbol> ..." announces."""
    m = _SUMMARY.match(text)
    date = parse_date(m.group("date")) if m else None
    if date is None:
        return None
    cite = cited_at(text, m.end())
    if cite:
        cite.date = date
        cite.issuer, cite.issuer_span = m.group("issuer").strip(), m.span("issuer")
    return cite
