"""Kính gửi (addressees) and Nơi nhận (distribution list)."""

from __future__ import annotations

import re

from pipeline.conventions.casing import TITLE_RE
from pipeline.structure.lines import Line, is_person_name, is_upper, lines_of
from pipeline.textnorm import UPPER, fold, fold_keep_offsets

_KINH_GUI = re.compile(r"^\W*kinh\s+gui\s*:?\s*")
_NOI_NHAN = re.compile(r"^\W*noi\s+nhan\s*:?\s*")
# An item ends at ";", or where a dash follows ".;:" or opens a line (Party lists end items with ",").
_ITEM_SPLIT = re.compile(r"(?:^|(?<=[;.:]))\s*[-+•]\s+|\n[ \t]*[-+•]\s+|;\s*(?=\S)|(?<=[.;])\s+[-+•]\s*(?=\S)")
_BULLET = ("-", "+", "•")
_OPEN_END = re.compile(r"(?:\b(?:tinh|thanh pho|huyen|quan|xa|phuong|va|cua|cac|truc thuoc)|[,–-])$")
_ARCHIVE = re.compile(r"^\W*luu\b")
# Where a flattened copy runs on after the Lưu item: ". Trung Anh BỘ TRƯỞNG", " KT. TỔNG CỤC TRƯỞNG".
_SIGNATURE_PREFIX = rf"(?:TM|KT|TL|TUQ|T/M|K/T|T/L)\s*[.:]?\s*[{UPPER}]"
_AFTER_ARCHIVE = re.compile(rf"(?<=\.)\s+(?=[{UPPER}])|\s+(?={_SIGNATURE_PREFIX})")


def split_items(text: str, start: int = 0) -> list[tuple[str, int, int]]:
    """Split "- A; - B." (newlines allowed) into items with offsets; dashes and end punctuation dropped."""
    flat = text.replace("\n", " ")
    out = []
    pos = 0
    for m in [*_ITEM_SPLIT.finditer(text), None]:
        end = m.start() if m else len(flat)
        piece = flat[pos:end]
        lead = len(piece) - len(piece.lstrip(" -+•*|"))
        cleaned = " ".join(piece.strip(" -+•*|").rstrip(" ;.,").split())
        if cleaned:
            out.append((cleaned, start + pos + lead, start + pos + lead + len(piece.strip(" -+•*|").rstrip(" ;.,"))))
        if m:
            pos = m.end()
    return out


def _list_end(lines: list[Line], first: int) -> int:
    """Index after the last line of a dash list starting at ``first`` (wrapped items continue it)."""
    j = first
    while j < len(lines):
        stripped = lines[j].text.lstrip(" *_")
        prev = lines[j - 1].text.rstrip(" *_") if j > first else ""
        continuation = (
            j > first and prev and not prev.endswith((";", ".", ":")) and not re.match(_SIGNATURE_PREFIX, stripped)
            and not is_upper(stripped) and not is_person_name(stripped) and len(stripped) < 150
        )
        if not (stripped.startswith(_BULLET) or continuation or (j > first and prev.endswith(";"))):
            break
        if j > first and prev.endswith(".") and not stripped.startswith(_BULLET):
            break
        j += 1
    return j


def _wraps(line: str, nxt: str) -> bool:
    """Whether ``nxt`` goes on with the addressee of ``line``: it starts in lower case ("trực thuộc Trung ương"),
    or ``line`` stops on a word a name cannot end with ("Ủy ban nhân dân tỉnh" / "Quảng Ninh")."""
    nxt = nxt.strip(" *_")
    if not nxt or nxt.startswith(_BULLET) or is_upper(nxt) or _KINH_GUI.match(fold(nxt)):
        return False
    return nxt[:1].islower() or bool(_OPEN_END.search(fold(line.rstrip(" *_"))))


def find_recipients(text: str, start: int, limit: int) -> tuple[list[tuple[str, int, int]], int]:
    """Addressees after "Kính gửi:" near ``text[start:limit]``'s top; also where the body resumes."""
    lines = lines_of(text, start, limit)
    for i, line in enumerate(lines[:12]):
        m = _KINH_GUI.match(fold(line.text))
        if not m:
            continue
        rest_start = line.start + m.end()
        if text[rest_start:line.end].strip(" *_"):
            if line.text.rstrip(" *_").endswith("."):
                return split_items(text[rest_start:line.end], rest_start), line.end
            first = i + 1  # past the addressee's wrapped lines, then any dash items below it
            while first < len(lines) and _wraps(lines[first - 1].text, lines[first].text):
                first += 1
            last = _list_end(lines, first)
            end = lines[last - 1].end if last > i + 1 else line.end
        else:
            first = i + 1
            last = _list_end(lines, first)
            if last == first and first < len(lines):  # a single addressee on the next line
                last = first + 1
            end = lines[last - 1].end if last > first else line.end
        return split_items(text[rest_start:end], rest_start), end
    return [], start


def find_distribution(lines: list[Line]) -> tuple[list[str], set[int]]:
    """Nơi nhận lines as written (dash and trailing ';' removed) and the indices of the lines used."""
    for i, line in enumerate(lines):
        m = _NOI_NHAN.match(fold(line.text))
        if not m:
            continue
        last = _list_end(lines, i + 1)
        text = " \n".join([line.text[m.end():], *(ln.text for ln in lines[i + 1:last])])
        return [t for t, _, _ in split_items(text)], set(range(i, last))
    return [], set()


def split_archive_tail(line: Line) -> list[Line]:
    """The "Lưu:" item ends the Nơi nhận list; a signature a flattened copy ran on after it
    ("- Lưu: VT, TXNK (30b) KT. TỔNG CỤC TRƯỞNG ...") becomes a line of its own."""
    if not _ARCHIVE.match(fold(line.text)):
        return [line]
    for m in _AFTER_ARCHIVE.finditer(line.text):
        tail = line.text[m.end():]
        folded = fold_keep_offsets(tail)
        if any(tail[t.start():t.end()].isupper() for t in TITLE_RE.finditer(folded)):
            return [Line(line.text[:m.start()], line.start, line.start + m.start()),
                    Line(tail, line.start + m.end(), line.end)]
    return [line]
