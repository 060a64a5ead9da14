"""The layout obligations are read from: list items and their nesting, task fields, sentences.

Stage 2's section tree stops at numbered clauses and misses plans appended after a signature; obligations need
dash items too, so this module builds its own outline from the lines of the text: "Điều 3.", "II.", "1.", "1.1.",
"a)", "-", "+" open items; a line without a marker continues the current item (a hard-wrapped line or a further
paragraph of it), or is a paragraph of its own outside any list. Crawls glue markers to the previous line
("... tiến bộ 1.1.\\nTổ chức ..."): those start items too. Letterheads, titles in capitals, "Kính gửi" and
"Nơi nhận" blocks and footnotes are no content: they close every open item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.structure.lines import is_upper
from pipeline.textnorm import UPPER

_MARKERS = [
    ("article", re.compile(r"Điều\s+\d+[a-zđ]?\s*[.:]\s*")),
    ("roman", re.compile(r"[IVXL]{1,5}\s*[.\-–)]\s+")),
    ("number", re.compile(r"\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)](?!\d)\s*|\d{1,2}(?:\.\d{1,2}){1,3}\s+|\d{1,2}\s*[-–]\s+")),
    ("letter", re.compile(r"[a-zđ]\s*\)\s*")),
    ("dash", re.compile(r"[-–—•*](?![-–—_*])\s*")),
    ("plus", re.compile(r"\+\s*")),
]
_RANK = {"article": 1, "roman": 2, "letter": 7, "dash": 8, "plus": 9, "paragraph": 99}
# A marker glued to the end of the previous line ("... và tiến bộ 1.1.\nTổ chức"), or a multi-level one in mid-line
# ("... và đình công 3.1. Rà soát"); not a number that ends a citation ("Phụ lục 1.").
_GLUED = re.compile(
    rf"(?<![\w/.-])(?<!số )(?<!khoản )(?<!điểm )(?<!Điều )(?<!mục )(?<!lục )(?<!năm )(?<!tháng )(?<!ngày )"
    rf"(?:\d{{1,2}}\.(?=[ \t]*\n[ \t]*[{UPPER}])"
    rf"|\d{{1,2}}(?:\.\d{{1,2}}){{1,3}}\.(?=[ \t]*\n[ \t]*[{UPPER}]|[ \t]+[{UPPER}]))"
)
_EXCLUDED_BLOCK = re.compile(r"(?im)^[ \t]*(?:Nơi\s+nhận|Kính\s+gửi|[^\n:]{0,60}\bđiện)[ \t]*:")
_FOOTNOTE = re.compile(r"^\[\w{1,3}\]")
# A full stop before a capital ends a sentence, not one after a capital ("TP. Hồ Chí Minh"); so does a blank line.
_SENTENCE = re.compile(rf"(?<![A-ZĐ])[.!?]+(?=\s+[\"“(]?[{UPPER}\d])|\n[ \t]*\n")
FIELDS = {
    "bearer": r"(?:Cơ\s+quan|Đơn\s+vị)(?:\s+chủ\s+trì)?\s+(?:thực\s+hiện|chủ\s+trì|phụ\s+trách)",
    "coordinators": r"(?:Cơ\s+quan|Đơn\s+vị)\s+phối\s+hợp",
    "deadline": r"(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?",
}
_FIELD = re.compile(r"(?i)(?:" + "|".join(f"(?P<{k}>{v})" for k, v in FIELDS.items()) + r")\s*:\s*")
# What describes an administrative procedure: who handles a citizen's file, in how many days, is no task.
_PROCEDURE = [
    r"trình\s+tự\s+thực\s+hiện", r"cách\s+thức\s+thực\s+hiện", r"thành\s+phần(?:,\s*số\s+lượng)?\s+hồ\s+sơ",
    r"thời\s+hạn\s+giải\s+quyết", r"(?:lệ\s+)?phí\s*:", r"cơ\s+quan\s+giải\s+quyết", r"đối\s+tượng\s+thực\s+hiện",
    r"tiếp\s+nhận\s+(?:hồ\s+sơ\s+)?và\s+trả\s+kết\s+quả", r"(?<![\d.])[12]\.\d{6}(?!\d)",
    r"(?:tên|mã)\s+(?:số\s+)?(?:thủ\s+tục|TTHC)",
]
_PROCEDURE_FIELD = re.compile(r"(?i)" + "|".join(f"(?P<p{i}>{rx})" for i, rx in enumerate(_PROCEDURE)))
_FIELD_LABEL = re.compile(r"(?i)" + "|".join(f"(?P<{k}>{v})" for k, v in FIELDS.items()))
_FIELD_END = re.compile(r"\s+[-*+]\s*(?=" + "|".join(FIELDS.values()) + r")|\n")


@dataclass(eq=False)
class Item:
    """A list item (or a paragraph outside lists): its marker, its own text, its children."""

    kind: str
    rank: int
    start: int  # where the marker begins
    body: int  # where its own text begins
    end: int  # where its own text ends (its first child, or its last line)
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    field: str | None = None  # "bearer", "coordinators" or "deadline" for a task's field line
    part: int = 0  # items of different parts (split by letterheads, titles, excluded blocks) share no context

    @property
    def stop(self) -> int:
        """The end of the item with its children."""
        return max([self.end, *(c.stop for c in self.children)])


def procedures(text: str) -> int:
    """Where a catalogue of administrative procedures begins (two kinds of their fields seen), else the end."""
    kinds: set[str | None] = set()
    for m in _PROCEDURE_FIELD.finditer(text):
        kinds.add(m.lastgroup)
        if len(kinds) == 2:
            return text.rfind("\n", 0, next(_PROCEDURE_FIELD.finditer(text)).start()) + 1
    return len(text)


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, blank line before) of the non-empty lines, a glued marker starting a line of its own."""
    cuts = sorted({0, *(m.start() for m in _GLUED.finditer(text))})
    out: list[tuple[int, int, bool]] = []
    blank = True
    for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True):
        pos = a
        for raw in text[a:b].split("\n"):
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                out.append((pos + lead, pos + lead + len(stripped), blank))
            blank = not stripped
            pos += len(raw) + 1
        blank = False
    return out


def _excluded(text: str) -> list[tuple[int, int]]:
    """The "Kính gửi", "... điện:" and "Nơi nhận" blocks: a heading and its dash lines."""
    out = []
    for m in _EXCLUDED_BLOCK.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        while end < len(text):
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            line = text[end + 1:nxt].strip()
            prev = text[:end].rstrip()
            if line and not (line[0] in "-+–" or line[0].islower() or prev.endswith(",")):
                break
            end = nxt
        out.append((m.start(), end))
    return out


def outline(text: str, skip: list[tuple[int, int]]) -> list[Item]:
    """The top-level items of ``text``; ``skip``: spans (tables, excluded blocks) that close every open item."""
    roots: list[Item] = []
    stack: list[Item] = []
    skip = sorted([*skip, *_excluded(text)])
    prev_end = 0
    part = 0
    upper_heading = footnote = False
    for start, end, blank in _lines(text):
        line = text[start:end]
        kind, marker = _marker(line)
        footnote = bool(_FOOTNOTE.match(line)) or footnote and not blank and kind is None
        if footnote or any(a <= start < b for a, b in skip):
            stack, part, prev_end = [], part + bool(stack), end
            continue
        if kind is None and is_upper(line) and len(line) > 3:  # a title; a heading in capitals may wrap
            if not upper_heading:
                stack, part = [], part + bool(stack)
            prev_end = end
            continue
        if kind is None:
            top = stack[-1] if stack else None
            ended = not top or blank or text[prev_end - 1] in ".:;!?" and top.kind == "paragraph"
            if top is not None and not (top.kind == "paragraph" and ended):
                top.end = prev_end = end
                continue
            kind, marker = "paragraph", ""
        while stack and stack[-1].rank >= _rank(kind, marker):
            stack.pop()
        item = Item(kind, _rank(kind, marker), start, start + len(marker), end, stack[-1] if stack else None,
                    part=part)
        field_match = _FIELD.match(text, item.body)
        if field_match and kind != "paragraph":
            item.field = field_match.lastgroup
        (item.parent.children if item.parent else roots).append(item)
        stack.append(item)
        upper_heading = kind == "roman" and is_upper(line)
        prev_end = end
    return roots


def _marker(line: str) -> tuple[str | None, str]:
    for kind, rx in _MARKERS:
        m = rx.match(line)
        if m and (len(line) > m.end() or kind not in ("dash", "plus")):  # "1.4." alone: its text follows
            return kind, m.group(0)
    return None, ""


def _rank(kind: str, marker: str) -> int:
    if kind == "number":
        return 2 + len(re.findall(r"\d+", marker))
    return _RANK[kind]


def field_group(text: str, item: Item) -> bool:
    """Whether the item only labels the task fields below it ("2. Cơ quan chủ trì, phối hợp")."""
    head = text[item.body:item.end].strip(" *_\t\n.:")
    return bool(re.fullmatch(r"(?i)(?:cơ\s+quan|đơn\s+vị)[\w\s,]{0,30}?(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)", head))


def skip_blank(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is no space or emphasis mark."""
    while pos < len(text) and text[pos] in " \t\n*_":
        pos += 1
    return pos


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]``: a full stop before a capital, or a blank line, ends one; so does the
    line break after a heading in capitals ("NHIỆM VỤ" / "Ban Thường vụ Tỉnh ủy chỉ đạo ...")."""
    out, pos = [], start
    heading_end = text.find("\n", start, end)
    if heading_end > start and is_upper(text[start:heading_end]) and text[heading_end:end].strip():
        out.append((start, heading_end))
        pos = heading_end
    for m in _SENTENCE.finditer(text, start, end):
        if text[pos:m.end()].strip():
            out.append((pos, m.end()))
        pos = m.end()
    if text[pos:end].strip():
        out.append((pos, end))
    return out


def fields(text: str, item: Item) -> dict[str, tuple[int, int]]:
    """The task fields of an item ("Cơ quan thực hiện: ...", "Thời gian thực hiện: ...") as value spans; an item
    that is a group of fields ("2. Cơ quan chủ trì, phối hợp" over "a) Cơ quan chủ trì: ...") gives theirs."""
    out: dict[str, tuple[int, int]] = {}
    for child in [item, *item.children]:
        label = _FIELD_LABEL.fullmatch(text[child.body:child.end].strip(" *_\t\n.:"))
        if label and label.lastgroup and child.children:  # "a) Cơ quan chủ trì", then one body per dash line
            out.setdefault(label.lastgroup, (child.children[0].body, child.stop))
            continue
        pos = child.body
        while (m := _FIELD.search(text, pos, child.end)) is not None:
            stop = _FIELD_END.search(text, m.end(), child.end)
            end = stop.start() if stop else child.end
            out.setdefault(m.lastgroup or "", (m.end(), end))
            pos = end
    return out
