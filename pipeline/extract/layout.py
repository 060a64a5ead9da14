"""Reading order from word boxes: words -> lines -> segments (column fragments) -> blocks.

Works on any unit (PDF points or image pixels): every threshold is relative to the
median word height. A line is split where a horizontal gap is much wider than a word
space, so a two-column letterhead gives separate fragments; fragments stacked in the
same column with normal line spacing form one block; blocks are read top to bottom,
left to right.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from itertools import pairwise

from pipeline.model import Word

_RULE = re.compile(r"[-_=.…]{3,}")


@dataclass
class Segment:
    """Words of one line within one column, left to right."""

    words: list[Word]
    row: int = 0

    @property
    def x0(self) -> float:
        return min(w.box[0] for w in self.words)

    @property
    def top(self) -> float:
        return min(w.box[1] for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.box[2] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.box[3] for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class _Block:
    segments: list[Segment] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.segments)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def last(self) -> Segment:
        return self.segments[-1]


def _height(word: Word) -> float:
    return max(word.box[3] - word.box[1], 1e-6)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Cluster words into lines by vertical overlap; each line sorted left to right."""
    lines: list[tuple[float, float, list[Word]]] = []
    for w in sorted(words, key=lambda w: (w.box[1] + w.box[3]) / 2):
        top, bottom = w.box[1], w.box[3]
        for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            lt, lb, lw = lines[i]
            if _overlap(top, bottom, lt, lb) >= 0.5 * min(bottom - top, lb - lt):
                lw.append(w)
                break
        else:
            lines.append((top, bottom, [w]))
    return [sorted(lw, key=lambda w: w.box[0]) for _t, _b, lw in lines]


def split_line(line: list[Word], page_gap: float | None = None) -> list[list[Word]]:
    """Split a line at gaps far wider than its word spaces (column boundaries).

    A gap splits when it exceeds 0.9 word heights and three times the line's median gap
    (``page_gap``, the page's median word gap, for lines of few words): justified text
    stretches every space of a line alike. A word starting with "/" is never split off: it
    is a symbol whose number was left blank ("Số:      /TTg-CĐS").
    """
    if not line:
        return []
    height = statistics.median(_height(w) for w in line)
    gaps = [b.box[0] - a.box[2] for a, b in pairwise(line)]
    reference = statistics.median(gaps) if len(gaps) >= 3 else page_gap or 0.3 * height
    limit = max(0.9 * height, 3 * max(reference, 0.1 * height))
    parts = [[line[0]]]
    for gap, word in zip(gaps, line[1:], strict=True):
        if gap > limit and not word.text.startswith("/"):
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def _assign_rows(segments: list[Segment]) -> list[Segment]:
    """Number segments by row (vertical overlap), sorted top to bottom then left to right."""
    segments = sorted(segments, key=lambda s: (s.top + s.bottom) / 2)
    rows: list[list[Segment]] = []
    for s in segments:
        if rows:
            ref = rows[-1][0]
            if _overlap(s.top, s.bottom, ref.top, ref.bottom) >= 0.5 * min(s.bottom - s.top, ref.bottom - ref.top):
                rows[-1].append(s)
                continue
        rows.append([s])
    out = []
    for i, row in enumerate(rows):
        for s in sorted(row, key=lambda s: s.x0):
            s.row = i
            out.append(s)
    return out


def build_blocks(segments: list[Segment]) -> list[list[Segment]]:
    """Group segments into blocks (paragraphs, column fragments) in reading order."""
    if not segments:
        return []
    segments = _assign_rows(segments)
    height = statistics.median(s.bottom - s.top for s in segments)
    gaps = [
        b.top - a.bottom
        for a, b in pairwise(segments)
        if b.row == a.row + 1 and _overlap(a.x0, a.x1, b.x0, b.x1) > 0
    ]
    # The within-paragraph line gap is the small common one; paragraph spacing adds to it.
    line_gap = sorted(gaps)[len(gaps) // 10] if gaps else 0.3 * height
    max_gap = max(line_gap, 0.0) + 0.35 * height
    left = sorted(s.x0 for s in segments)[len(segments) // 10]
    right = sorted(s.x1 for s in segments)[-1 - len(segments) // 10]

    def paragraph_start(block: _Block, s: Segment) -> bool:
        prev = block.last
        if _RULE.fullmatch(prev.text.replace(" ", "")):
            return True  # a rule closes the agency name / Quốc hiệu
        indented = left + 0.8 * height <= s.x0 <= left + 6 * height and s.x0 > prev.x0 + 0.5 * height
        body_prev = prev.x0 <= left + 0.5 * height or prev.x1 >= right - 2 * height
        return indented and body_prev

    open_blocks: list[_Block] = []
    done: list[_Block] = []
    by_row: dict[int, list[Segment]] = {}
    for s in segments:
        by_row.setdefault(s.row, []).append(s)
    for row in sorted(by_row):
        row_segs = by_row[row]
        touched: dict[int, list[Segment]] = {}
        for s in row_segs:
            for i, b in enumerate(open_blocks):
                if _overlap(b.x0, b.x1, s.x0, s.x1) > 0:
                    touched.setdefault(i, []).append(s)
        placed: list[_Block] = []
        for s in row_segs:
            cands = [i for i, segs in touched.items() if segs == [s]]
            hits = [i for i, segs in touched.items() if s in segs]
            target = None
            if len(hits) == 1 and cands == hits:
                b = open_blocks[hits[0]]
                if b.last.row < row and s.top - b.last.bottom <= max_gap and not paragraph_start(b, s):
                    target = b
            if target is None:
                target = _Block()
            target.segments.append(s)
            placed.append(target)
        for b in open_blocks:
            if b in placed:
                continue
            if any(_overlap(b.x0, b.x1, s.x0, s.x1) > 0 for s in row_segs) or row_segs[0].top - b.last.bottom > max_gap:
                done.append(b)
        open_blocks = [b for b in open_blocks if b not in done] + [b for b in placed if b not in open_blocks]
    done.extend(open_blocks)
    done.sort(key=lambda b: (b.segments[0].row, b.x0))
    return [b.segments for b in done]


def layout_blocks(lines: list[list[Word]]) -> list[list[str]]:
    """Lines of words (any grouping) -> blocks of text lines in reading order."""
    gaps = [b.box[0] - a.box[2] for line in lines for a, b in pairwise(line)]
    page_gap = statistics.median(gaps) if gaps else None
    segments = [Segment(part) for line in lines for part in split_line(line, page_gap)]
    return [[s.text for s in block] for block in build_blocks(segments)]
