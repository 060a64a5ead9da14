"""Số và ký hiệu: parse every shape of a document symbol and render it back.

State:  ``3645/UBND-KGVX``, ``30/2020/NĐ-CP``, ``55/2005/TTLT-BNV-VPCP``, ``64/2025/QH15``,
        ``66.7/2025/NQ-CP`` (a dotted number), a blank number ``/CTHT-BKH-CN-UBND`` (also written
        "…/2016/QH14"); spaces, OCR letter spacing ("QĐ - U B ND") and dash variants are tolerated.
Party:  ``59-NQ/TW``, ``8011-CV/BTCTW`` (hyphen after the number, slash before the issuer).
Old:    ``169-CP``, ``299/TTg`` (pre-1990 numbering).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.conventions.kinds import is_kind_code, normalize_code, spell_code
from pipeline.conventions.ranges import Ranges
from pipeline.textnorm import LOWER as _LOWER
from pipeline.textnorm import UPPER as _UPPER
from pipeline.textnorm import fold

_L = r"A-Za-zĐđÀ-ỹ"
_AMP_SPACE = rf"(?:(?<=&) [{_L}][{_L}0-9&.]*)?"  # "QLN& TTBĐS": a space slipped in after "&"
_GROUP = rf"[{_L}&][{_L}0-9&.]*{_AMP_SPACE}"
_CODE = rf"(?![{_UPPER}][{_LOWER}]{{2}})[{_L}&][{_L}0-9&.]*{_AMP_SPACE}"  # a code, not a word ("- Đối với")
# Spaces may follow a number, never open the match: "(\s*)/" tried at every blank is quadratic in a run of blanks.
STATE_SYMBOL = re.compile(
    rf"(?:(?P<num>\d{{1,6}}(?:\.\d{{1,3}})?)\s*)?/\s*(?:(?P<year>(?:19|20)\d{{2}})\s*/\s*)?"
    rf"(?P<body>{_GROUP}(?:(?<!\.)[ \t]*[-–]\s*{_CODE})*)"
    rf"(?:\s*/\s*(?P<year_last>(?:19|20)\d{{2}})(?![\d/]))?"
)
PARTY_SYMBOL = re.compile(
    rf"(?P<num>\d{{1,5}})\s*[-–]\s*(?P<type>[{_L}]{{1,4}})\s*[/-]\s*(?P<issuer>[{_L}][{_L}0-9&]{{1,14}})"
)
OLD_SYMBOL = re.compile(rf"(?P<num>\d{{1,5}})\s*[-–]\s*(?P<body>[{_L}]{{2,8}}(?:\s*[-–]\s*[{_L}]{{1,8}})*)")
_BLANK_NUMBER = re.compile(r"^[.…·_\s]+(?=/)")  # "… /2016/QH14": a draft's number left blank
# OCR letter spacing inside a code after "-" or "/": "U B ND" -> "UBND" (some piece one letter long).
_SPACED_CODE = re.compile(r"(?<=[-–/])(\s*)([A-ZĐ]{1,2}(?: [A-ZĐ]{1,2})+)(?![\w/])")
# An archive file name that spells a symbol: "11299_VPCP-KGVX", "304_2025_NĐ-CP", "464-TTg-CDS", "Chỉ_thị_299_TTg".
_FILE_SYMBOL = re.compile(
    rf"(?<![0-9{_L}])(?P<num>\d{{1,6}})[_-](?:(?P<year>(?:19|20)\d\d)[_-])?"
    r"(?P<body>[A-ZĐ][A-Za-zĐđ0-9&]*(?:[-_][A-ZĐ][A-Za-zĐđ0-9&]*)*)(?![A-Za-zĐđ0-9&])"
)


@dataclass
class Symbol:
    """A parsed symbol. ``kind`` is a type code when the symbol names one (None for a công văn)."""

    number: str | None
    groups: list[str] = field(default_factory=list)
    year: str | None = None
    kind: str | None = None
    party: bool = False
    old: bool = False  # "169-CP": number and agency joined by a hyphen
    year_last: bool = False  # "1025/PLYK/2025": the year after the codes

    @property
    def issuer_codes(self) -> list[str]:
        """Agency groups after the type code (or the agency and unit of a công văn)."""
        return self.groups[1:] if self.kind else self.groups

    @property
    def implied_kind(self) -> str | None:
        """The type code, or CV for the công văn shape AGENCY-UNIT (no type code, no year; reference 2.3)."""
        if self.kind or self.party or self.old or self.year or len(self.groups) < 2:
            return self.kind
        return "CV"

    def render(self) -> str:
        """The canonical text: no spaces, ASCII hyphens, official code spelling."""
        num = self.number or ""
        if self.old:
            return f"{num}-{'-'.join(self.groups)}"
        if self.party:
            return f"{num}-{self.groups[0]}/{'-'.join(self.groups[1:])}"
        if self.year_last:
            return f"{num}/{'-'.join(self.groups)}/{self.year}"
        year = f"{self.year}/" if self.year else ""
        return f"{num}/{year}{'-'.join(self.groups)}"


def number_in_file_name(file_name: str, symbol: Symbol) -> str | None:
    """The number an archive file name gives a symbol whose number the text lost: the file name must spell
    the same year and codes, compared without diacritics ("464-TTg-CDS.signed.pdf" for "/TTg-CĐS")."""
    named = symbol_in_file_name(file_name)
    if named is None or named.year != symbol.year:
        return None
    return named.number if [fold(g) for g in named.groups] == [fold(g) for g in symbol.groups] else None


def symbol_in_file_name(file_name: str) -> Symbol | None:
    """The symbol an archive file name spells ("tvpl__11299_VPCP-KGVX__06690fd4.md" -> 11299/VPCP-KGVX)."""
    stem = file_name.rsplit("/", 1)[-1]
    for m in _FILE_SYMBOL.finditer(stem):
        groups = re.split(r"[-_]", m.group("body"))
        if all(sum(c.islower() for c in g) <= 1 for g in groups):  # codes ("TTg", "CTr"), not words
            year = f"{m.group('year')}/" if m.group("year") else ""
            return parse_symbol(f"{m.group('num')}/{year}{'-'.join(groups)}")
    return None


def _groups(body: str) -> list[str]:
    groups = ("".join(g.split()).rstrip(".") for g in re.split(r"\s*[-–]\s*", body))
    return [g for g in groups if g]


def _join_spaced(m: re.Match[str]) -> str:
    pieces = m.group(2).split(" ")
    return m.group(1) + ("".join(pieces) if min(map(len, pieces)) == 1 else m.group(2))


def parse_symbol(text: str) -> Symbol | None:
    """Parse a symbol at the start of ``text`` (after "Số:"); None when it is not one."""
    text = _SPACED_CODE.sub(_join_spaced, _BLANK_NUMBER.sub("", text.strip()))
    m = PARTY_SYMBOL.match(text)
    if m and is_kind_code(m.group("type")) and not re.match(r"\d+\s*/", text):
        kind = normalize_code(m.group("type"))
        return Symbol(m.group("num"), [kind, m.group("issuer")], kind=kind, party=True)
    m = STATE_SYMBOL.match(text)
    if m and (m.group("num") or text.startswith("/")):
        groups = _groups(m.group("body"))
        if not groups:
            return None
        kind = None
        if len(groups) > 1 and is_kind_code(groups[0]):
            groups[0] = spell_code(groups[0])
            kind = normalize_code(groups[0])
        year_last = bool(m.group("year_last")) and not m.group("year")
        year = m.group("year") or m.group("year_last")
        return Symbol(m.group("num"), groups, year=year, kind=kind, year_last=year_last)
    m = OLD_SYMBOL.match(text)
    if m:
        return Symbol(m.group("num"), _groups(m.group("body")), old=True)
    return None


def find_symbols(text: str) -> list[tuple[int, int, Symbol]]:
    """Every symbol in running text with its offsets (state and Party shapes)."""
    out: list[tuple[int, int, Symbol]] = []
    taken = Ranges(len(text))
    for rx in (PARTY_SYMBOL, STATE_SYMBOL):
        for m in rx.finditer(text):
            if m.group("num") is None:
                continue
            if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "/-"):
                continue
            if taken.covered(m.start(), m.end()):
                continue
            sym = parse_symbol(m.group(0))
            if sym is None or (rx is STATE_SYMBOL and not any(c.isalpha() for c in m.group("body"))):
                continue
            if rx is PARTY_SYMBOL and not sym.party:
                continue
            out.append((m.start(), m.end(), sym))
            taken.add(m.start(), m.end())
    return sorted(out, key=lambda t: t[0])
