"""The section tree: Phần, Chương, Mục, Tiểu mục, Điều, khoản, điểm; I./1./a) outlines; 1.1. numbering.

Ranks are fixed (Phần > Chương > Mục > Tiểu mục > roman > Điều > khoản > 1.1 > điểm); ids follow the
path below the chapter level: "II", "II.4", "II.4.a", "Điều 5", "Điều 5.2.a".
"""

from __future__ import annotations

import re

from pipeline.model import Section, Span
from pipeline.structure.lines import Line, is_upper

_ROMAN = "IVXLC"
_LETTERS = "abcdđeghiklmnopqrstuvxy"
PATTERNS = [
    ("part", 0, re.compile(r"^PHẦN\s+(THỨ\s+\S+|[IVXLC]+|\d+)\b\.?\s*[:.-]?\s*(.*)$", re.I)),
    ("chapter", 1, re.compile(r"^CHƯƠNG\s+([IVXLC]+|\d+)\b\.?\s*[:.-]?\s*(.*)$", re.I)),
    ("subchapter", 2, re.compile(r"^MỤC\s+(\d+|[IVXLC]+)\b\.?\s*[:.-]?\s*(.*)$", re.I)),
    ("subsection", 3, re.compile(r"^TIỂU\s+MỤC\s+(\d+|[IVXLC]+)\b\.?\s*[:.-]?\s*(.*)$", re.I)),
    ("roman", 4, re.compile(r"^([IVXLC]+)\s*[.\-–)]\s*(\S.*)$")),
    ("article", 5, re.compile(r"^Điều\s+(\d+[a-z]?)\s*[.:]\s*(.*)$")),
    ("clause", 6, re.compile(r"^(\d{1,2})\s*(?:[.)](?!\d)|[-–](?=\s))\s*(\S.*)$")),  # Party texts: "1- ..."
    ("subclause", 7, re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.*)$")),
    ("point", 8, re.compile(r"^([a-zđ])\s*\)\s*(\S.*)$")),
]
_NO_PATH = {"part", "chapter", "subchapter", "subsection"}


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


def parse_sections(lines: list[Line], end: int) -> list[Section]:
    """Sections of the body lines; spans run to the next section of the same or higher rank."""
    found: list[tuple[Section, int]] = []  # (section, rank)
    stack: list[tuple[Section, int]] = []
    last_ordinal: dict[tuple[str | None, str], int] = {}
    for i, line in enumerate(lines):
        accepted = _match(line.text.strip("*_ "))
        if accepted is None:
            continue
        kind, rank, token, heading = accepted
        if not heading and kind in _NO_PATH and i + 1 < len(lines):
            heading = _title_below(lines[i + 1].text.strip("*_ "))
            heading = _wrapped(lines, i + 2, heading) if heading else heading
        elif heading:
            heading = _wrapped(lines, i + 1, heading)
        depth = len(stack)
        while depth and stack[depth - 1][1] >= rank:
            depth -= 1
        parent = stack[depth - 1][0] if depth else None
        ordinal = _ordinal(kind, token)
        key = (parent.id if parent else None, kind)
        if ordinal is not None and ordinal not in (1, last_ordinal.get(key, 0) + 1):
            continue  # "2020. ..." or a stray number: not the next item of this list
        if ordinal is not None:
            last_ordinal[key] = ordinal
        del stack[depth:]
        section = Section(
            id=_section_id(kind, token, parent), label=_label(kind, token), heading=_heading(heading),
            level=depth, span=Span(line.start, line.end), parent=parent.id if parent else None, kind=kind,
        )
        found.append((section, rank))
        stack.append((section, rank))
    for i, (section, rank) in enumerate(found):
        nxt = next((s.span.start for s, r in found[i + 1:] if r <= rank), end)
        section.span = Span(section.span.start, nxt)
    return _dedupe([s for s, _ in found])


def _match(text: str) -> tuple[str, int, str, str] | None:
    """(kind, rank, number token, heading) when ``text`` opens a section."""
    for kind, rank, rx in PATTERNS:
        m = rx.match(text)
        if not m:
            continue
        token, heading = m.group(1), m.group(2).strip(" *_")
        if kind == "roman" and not (is_upper(heading) or len(heading) < 80):
            continue
        if kind in _NO_PATH and not (heading == "" or is_upper(heading)):
            continue
        return kind, rank, token, heading
    return None


def _title_below(text: str) -> str:
    """The title of a Chương/Mục written on the line below its label ("Chương II" / "QUY ĐỊNH CỤ THỂ")."""
    return text if text and is_upper(text) and _match(text) is None else ""


def _wrapped(lines: list[Line], k: int, heading: str) -> str:
    """A heading with the lines a narrow column wrapped it onto (from ``lines[k]``): "Điều 1. Phạm vi," /
    "đối tượng điều chỉnh" in lower case, "NHỮNG QUY ĐỊNH" / "CHUNG" in upper case."""
    for line in lines[k:k + 3]:
        text = line.text.strip("*_ ")
        if re.search(r"[.:;!?]$", heading) or _match(text) is not None or line.blank_before:
            break
        upper = is_upper(heading)
        if not (text[:1].islower() and not upper) and not (upper and is_upper(text) and len(text) < 80):
            break
        heading = f"{heading} {text}"
    return heading


def _section_id(kind: str, token: str, parent: Section | None) -> str:
    """"II.4" below a roman section; "Điều 5.2.a" below an article; part/chapter ids stand alone."""
    if kind in _NO_PATH:
        own = _label(kind, token)
        return f"{parent.id}.{own}" if parent else own
    if kind == "article":
        return f"Điều {token}"
    if parent is None or parent.kind in _NO_PATH:
        return token
    own = parent.id.rsplit(".", 1)[-1]
    if kind == "subclause" and parent.kind == "clause" and token.startswith(f"{own}."):
        return parent.id[: -len(own)] + token  # "1.1." under "II.1" is "II.1.1", not "II.1.1.1"
    return f"{parent.id}.{token}"


def _label(kind: str, token: str) -> str:
    return {
        "part": f"Phần {token}", "chapter": f"Chương {token}", "subchapter": f"Mục {token}",
        "subsection": f"Tiểu mục {token}",
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
