"""Task tables: rows of "Nội dung / Cơ quan chủ trì / Cơ quan phối hợp / Thời gian hoàn thành".

Stage 1 gives a table as one block per cell (blank lines between them; a markdown pipe table the same way), row
after row. A task table is found by its header: an index cell ("TT", "STT") followed by short label cells, one of
them a bearer column ("Cơ quan chủ trì", "Đơn vị thực hiện", "Bộ phụ trách ..."). Rows start at the next index
number (1, 2, 3 ...); a row's cells are the blocks up to the next one. When a cell holds several paragraphs the
row has more blocks than the header has columns: the columns before the content column take the first blocks,
those after it the last ones, the content column the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.nlp.obligations.bearers import Bearers

Span2 = tuple[int, int]

_BLOCK = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")
_INDEX = re.compile(r"(?i)^(?:s[ốo]\s+)?s?tt\.?$")
_ROLES = [  # the first that matches; a lead column may also name its partners ("Cơ quan chủ trì, phối hợp")
    ("bearer", re.compile(r"(?i)chủ\s+trì|phụ\s+trách|được\s+giao|chịu\s+trách\s+nhiệm|"
                          r"^(?:cơ\s+quan|đơn\s+vị)\s+thực\s+hiện$")),
    ("coordinators", re.compile(r"(?i)phối\s+hợp")),
    ("deadline", re.compile(r"(?i)thời\s+(?:gian|hạn)|tiến\s+độ|hạn\s+hoàn\s+thành")),
    ("content", re.compile(r"(?i)^(?:nội\s+dung|tên|nhiệm\s+vụ|công\s+việc|thông\s+tin|đề\s+xuất|kiến\s+nghị|"
                           r"hoạt\s+động)")),
]
_NUMBER = re.compile(r"^(\d{1,3})\.?$")
_GROUP = re.compile(r"^(?:[A-ZĐ]|[IVX]+)\.?$")
_MAX_LABEL_WORDS = 10
# Columns of an administrative procedure list: who handles a citizen's file is no task of the document.
_PROCEDURE = re.compile(r"(?i)trình\s+tự|cách\s+thức|thành\s+phần\s+hồ\s+sơ|lệ\s+phí|thời\s+hạn\s+giải\s+quyết|"
                        r"thủ\s+tục|TTHC|bộ\s+phận|người\s+thực\s+hiện|bước")


@dataclass
class Row:
    """One row: its span and the spans of the cells that matter."""

    start: int
    end: int
    bearer: Span2
    content: Span2 | None = None
    coordinators: Span2 | None = None
    deadline: Span2 | None = None


@dataclass
class Table:
    span: Span2
    rows: list[Row]


def _blocks(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), " ".join(m.group(0).split())) for m in _BLOCK.finditer(text)]


def _role(label: str) -> str | None:
    return next((role for role, rx in _ROLES if rx.search(label)), None)


def find_tables(text: str, bearers: Bearers) -> list[Table]:
    """Every task table of ``text`` with its rows."""
    blocks = _blocks(text)
    out = []
    i = 0
    while i < len(blocks):
        if not _INDEX.match(blocks[i][2]):
            i += 1
            continue
        labels = []
        j = i + 1
        procedure = False
        while j < len(blocks) and len(blocks[j][2].split()) <= _MAX_LABEL_WORDS \
                and not _NUMBER.match(blocks[j][2]) and not _GROUP.match(blocks[j][2]):
            labels.append(_role(blocks[j][2]))
            procedure = procedure or bool(_PROCEDURE.search(blocks[j][2]))
            j += 1
        if "bearer" not in labels or procedure:
            i += 1
            continue
        rows, j = _rows(blocks, j, labels, bearers)
        if rows:
            out.append(Table((blocks[i][0], rows[-1].end), rows))
        i = max(j, i + 1)
    return out


def _rows(blocks: list[tuple[int, int, str]], j: int, labels: list[str | None],
          bearers: Bearers) -> tuple[list[Row], int]:
    """The rows from block ``j``: each from its number to the next one; a group heading ("A.", "II") restarts the
    numbering; the last row takes as many blocks as there are columns."""
    rows: list[Row] = []
    expected = 1
    while j < len(blocks):
        if _GROUP.match(blocks[j][2]):
            expected, j = 1, j + 1
            continue
        m = _NUMBER.match(blocks[j][2])
        if not m or int(m.group(1)) != expected:
            if rows:
                break
            j += 1  # a group's title before its first row ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
            continue
        k = j + 1
        while k < len(blocks) and not _GROUP.match(blocks[k][2]) and not (
                (n := _NUMBER.match(blocks[k][2])) and int(n.group(1)) in (expected + 1, 1)):
            k += 1
        cells = blocks[j + 1:k] if k < len(blocks) else blocks[j + 1:j + 1 + len(labels)]
        if len(cells) >= len(labels) and (row := _row(blocks[j][0], cells, labels, bearers)):
            rows.append(row)
        expected += 1
        j = k if k < len(blocks) else j + 1 + len(cells)
    return rows, j


def _row(start: int, cells: list[tuple[int, int, str]], labels: list[str | None], bearers: Bearers) -> Row | None:
    """Cells to columns: the content column absorbs the surplus blocks."""
    surplus = len(cells) - len(labels)
    content = labels.index("content") if "content" in labels else 0
    spans: list[Span2] = []
    for col in range(len(labels)):
        if col < content:
            a, b = cells[col][0], cells[col][1]
        elif col == content:
            a, b = cells[col][0], cells[col + surplus][1]
        else:
            a, b = cells[col + surplus][0], cells[col + surplus][1]
        spans.append((a, b))
    by_role = {role: spans[i] for i, role in enumerate(labels) if role}
    bearer = by_role.get("bearer")
    if bearer is None or not bearers.parse(*bearer):
        return None
    return Row(start, cells[-1][1], bearer, by_role.get("content"), by_role.get("coordinators"),
               by_role.get("deadline"))
