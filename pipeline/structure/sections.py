"""The section tree: Phần, Chương, Mục, Điều, khoản, điểm; I./1./a) outlines; 1.1. numbering.

Ranks are fixed (Phần > Chương > Mục > roman > Điều > khoản > 1.1 > điểm); ids follow the
path below the chapter level: "II", "II.4", "II.4.a", "Điều 5", "Điều 5.2.a".
"""

from __future__ import annotations

import re

from pipeline.model import Section, Span
from pipeline.structure.lines import Line, is_upper
from pipeline.textnorm import fold

_ROMAN = "IVXLC"
_LETTERS = "abcdđeghiklmnopqrstuvxy"
PATTERNS = [
    ("part", 0, re.compile(r"^PHẦN\s+(THỨ\s+\S+|[IVXLC]+|\d+)\b\.?\s*[:.-]?\s*(.*)$", re.I)),
    ("chapter", 1, re.compile(r"^CHƯƠNG\s+([IVXLC]+|\d+)\b\.?\s*[:.-]?\s*(.*)$", re.I)),
    ("subchapter", 2, re.compile(r"^MỤC\s+(\d+|[IVXLC]+)\b\.?\s*[:.-]?\s*(.*)$", re.I)),
    ("roman", 3, re.compile(r"^([IVXLC]+)\s*[.\-–)]\s*(\S.*)$")),
    ("article", 4, re.compile(r"^Điều\s+(\d+[a-z]?)\s*[.:]\s*(.*)$")),
    ("clause", 5, re.compile(r"^(\d{1,2})\s*[.)]\s*(\S.*)$")),
    ("subclause", 6, re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.*)$")),
    ("point", 7, re.compile(r"^([a-zđ])\s*\)\s*(\S.*)$")),
]
_NO_PATH = {"part", "chapter", "subchapter"}


def _roman_value(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def _ordinal(kind: str, token: str) -> int | None:
    if kind == "roman":
        return _roman_value(token)
    if kind in ("clause",):
        return int(token)
    if kind == "point":
        return _LETTERS.index(token) + 1 if token in _LETTERS else None
    return None


def parse_sections(lines: list[Line], text: str, end: int) -> list[Section]:
    """Sections of the body lines; spans run to the next section of the same or higher rank."""
    found: list[tuple[Section, int]] = []  # (section, rank)
    stack: list[tuple[Section, int, str]] = []
    last_ordinal: dict[tuple[str | None, str], int] = {}
    for line in lines:
        text_line = line.text.strip("*_ ")
        for kind, rank, rx in PATTERNS:
            m = rx.match(text_line)
            if not m:
                continue
            token, heading = m.group(1), m.group(2).strip(" *_")
            if kind == "roman" and not (is_upper(heading) or len(heading) < 80):
                continue
            if kind in ("part", "chapter", "subchapter") and not (heading == "" or is_upper(heading)):
                continue
            while stack and stack[-1][1] >= rank:
                stack.pop()
            parent = stack[-1][0] if stack else None
            ordinal = _ordinal(kind, token)
            key = (parent.id if parent else None, kind)
            if ordinal is not None and ordinal != last_ordinal.get(key, 0) + 1 and ordinal != 1:
                break  # "2020. ..." or a stray number: not the next item of this list
            if ordinal is not None:
                last_ordinal[key] = ordinal
            label = _label(kind, token)
            own = token if kind not in ("article",) else f"Điều {token}"
            if kind in _NO_PATH:
                own = label
            path_parent = parent if parent and parent.kind not in _NO_PATH else None
            sid = f"{path_parent.id}.{own}" if path_parent and kind not in _NO_PATH and kind != "article" else own
            if kind in _NO_PATH and parent:
                sid = f"{parent.id}.{own}"
            section = Section(
                id=sid, label=label, heading=_heading(heading), level=len(stack),
                span=Span(line.start, line.end), parent=parent.id if parent else None, kind=kind,
            )
            found.append((section, rank))
            stack.append((section, rank, sid))
            break
    for i, (section, rank) in enumerate(found):
        nxt = next((s.span.start for s, r in found[i + 1:] if r <= rank), end)
        section.span = Span(section.span.start, nxt)
        section.heading = section.heading
    return _dedupe([s for s, _ in found])


def _label(kind: str, token: str) -> str:
    return {
        "part": f"Phần {token}", "chapter": f"Chương {token}", "subchapter": f"Mục {token}",
        "article": f"Điều {token}", "roman": f"{token}.", "clause": f"{token}.", "subclause": f"{token}.",
        "point": f"{token})",
    }[kind]


def _heading(text: str) -> str | None:
    text = " ".join(text.split())
    if not text:
        return None
    cut = re.search(r"[:.;](\s|$)", text)
    head = text[: cut.start()] if cut and cut.start() < 160 else text[:160]
    return head.strip() or None


def _dedupe(sections: list[Section]) -> list[Section]:
    """Ids stay unique: a repeated id (a second list restarting under one parent) gets a suffix."""
    seen: dict[str, int] = {}
    for s in sections:
        if s.id in seen:
            seen[s.id] += 1
            s.id = f"{s.id}~{seen[s.id]}"
        else:
            seen[s.id] = 0
    return sections


def section_at(sections: list[Section], offset: int) -> Section | None:
    """The innermost section holding ``offset``."""
    best = None
    for s in sections:
        if s.span.start <= offset < s.span.end and (best is None or s.level >= best.level):
            best = s
    return best


def is_heading_line(text: str) -> bool:
    """Does this line open a section (any rank)?"""
    t = fold(text.strip("*_ "))
    return any(rx.match(text.strip("*_ ")) for _, _, rx in PATTERNS) or t.startswith(("phan ", "chuong "))
