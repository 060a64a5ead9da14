"""One file, several documents: a letter and the draft it attaches, a decision and its regulation.

A new document starts where a second letterhead (Quốc hiệu or ĐẢNG CỘNG SẢN VIỆT NAM)
follows a closing (signature, Nơi nhận or "./."); it begins at the agency lines above
that letterhead. Text before the first letterhead (crawl-site chrome) is dropped.
"""

from __future__ import annotations

import re

from pipeline.structure.lines import is_person_name, is_upper, lines_of
from pipeline.structure.signature import is_signature_title
from pipeline.textnorm import fold_keep_offsets

_LETTERHEAD = re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam|dang\s+cong\s+san\s+viet\s+nam")
_CLOSING = re.compile(r"\./\.?|noi\s+nhan\s*:|\n\s*(?:tm|kt|tl|tuq|t/m|k/t)\s*[./]?\s")
_SO_LINE = re.compile(r"^\W*so\s*[:.]?\s*[\d/]")


def split(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each document in ``text``; one range when no second letterhead."""
    flat = fold_keep_offsets(text)
    heads = [m.start() for m in _LETTERHEAD.finditer(flat)]
    if not heads:
        return [(0, len(text))] if text.strip() else []
    starts = [_head_start(text, heads[0], 0)]
    for pos in heads[1:]:
        if _CLOSING.search(flat, starts[-1], pos) and _has_body(text, starts[-1], pos):
            start = _head_start(text, pos, starts[-1])
            if start > starts[-1]:
                starts.append(start)
    ends = [*starts[1:], len(text)]
    return list(zip(starts, ends, strict=True))


def _has_body(text: str, start: int, end: int) -> bool:
    return len(text[start:end].strip()) > 300


def _head_start(text: str, letterhead: int, floor: int) -> int:
    """Walk up from the letterhead over agency, "Số:" and rule lines to where the document begins."""
    line_start = text.rfind("\n", floor, letterhead) + 1
    lines = lines_of(text, floor, line_start)
    start = line_start if line_start > floor else floor
    for line in reversed(lines[-6:]):
        t = line.text.strip("*_ |")
        if not t:
            continue
        folded = fold_keep_offsets(t.lower())
        header_like = (is_upper(t) and len(t) < 120) or _SO_LINE.match(folded) or set(t) <= set("-_=* ")
        if not header_like or is_person_name(t) or (floor > 0 and is_signature_title(t)):
            break
        start = line.start
    return start
