"""One file, several documents: a letter and the draft it attaches, a decision and its regulation.

A new document starts where a second letterhead (Quốc hiệu or ĐẢNG CỘNG SẢN VIỆT NAM, in
upper case: "nước Cộng hòa xã hội chủ nghĩa Việt Nam" in a sentence is no letterhead)
follows a closing (signature, Nơi nhận or "./."); it begins at the agency lines above
that letterhead. Crawl-site chrome is dropped: text before the first letterhead, the
site's panels from "NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN / Văn bản bị thay thế" or "FILE ĐƯỢC ĐÍNH
KÈM THEO VĂN BẢN" on, and the "Cập nhật: / Ban hành: / Hiệu lực:" lists that open a page without letterhead.
A file of chrome alone gives one empty document (its archive name may still identify it).
"""

from __future__ import annotations

import re

from pipeline.structure.closing_parts import is_signature_title
from pipeline.structure.lines import Line, is_mark, is_person_name, is_upper, lines_of
from pipeline.textnorm import fold_keep_offsets

_LETTERHEAD = re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam|dang\s+cong\s+san\s+viet\s+nam")
_CLOSING = re.compile(r"\./\.?|noi\s+nhan\s*:|\n\s*(?:tm|kt|tl|tuq|t/m|k/t)\s*[./]?\s")
_SO_LINE = re.compile(r"^\W*(?:(?:luat|phap lenh|nghi quyet)\s+)?so\s*[:.]?\s*[\d/.…]")  # also "Luật số: …/2016"
_W = r"[\s*_|#]+"  # markup a crawl leaves between the words of a heading
_SITE_PANEL = re.compile(
    rf"(?m)^(?:[^\S\n]|[*_|#])*(?:noi{_W}dung{_W}sua{_W}doi,?{_W}huong{_W}dan{_W}van{_W}ban{_W}bi{_W}thay{_W}the"
    rf"|file{_W}duoc{_W}dinh{_W}kem{_W}theo{_W}van{_W}ban|file{_W}attached{_W}to{_W}document)"
)
_VV_LINE = re.compile(r"^v/v\b")  # a công văn's trích yếu, left of (so above, when flattened) the letterhead
_ATTACHED_NOTE = re.compile(r"^\(\s*(?:ban hanh\s+)?kem theo\b")
_FORM_LABEL = re.compile(r"\bmau so\s*\S*\d")  # "Mẫu số 04/HKQXDTMS/2015": a form (mẫu) begins
_SITE_LIST_LINE = re.compile(r"^(?:(?:cap nhat|ban hanh|hieu luc|tinh trang)\s*:.*|\d{1,2}/\d{1,2}/\d{4}|\d+)$")


def split(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each document in ``text``; one range when no second letterhead."""
    if not text.strip():
        return []
    flat = fold_keep_offsets(text)
    end = _content_end(flat)
    heads = [m.start() for m in _LETTERHEAD.finditer(flat, 0, end) if is_upper(text[m.start():m.end()])]
    if not heads:
        start = _content_start(text, end)
        return [(start, end if text[start:end].strip() else start)]
    starts = [_head_start(text, heads[0], 0)]
    for pos in heads[1:]:
        if _CLOSING.search(flat, starts[-1], pos) and _has_body(text, starts[-1], pos):
            start = _head_start(text, pos, starts[-1])
            if start > starts[-1]:
                starts.append(start)
    ends = [*starts[1:], end]
    return list(zip(starts, ends, strict=True))


def _content_end(flat: str) -> int:
    """Where the crawl site's panels begin (the end of the document text), or the end of the text: the first
    line break of the blank and markup run above the panel heading. The heading is matched at a line start and
    the run walked back here, since a pattern opening with that run is quadratic in a long run of blank lines."""
    m = _SITE_PANEL.search(flat)
    if m is None:
        return len(flat)
    start = m.start()
    while start > 0 and (flat[start - 1].isspace() or flat[start - 1] in "*_|#"):
        start -= 1
    return 0 if start == 0 else flat.find("\n", start)


def _content_start(text: str, end: int) -> int:
    """Past the site's "Cập nhật: ... / Ban hành: ..." list lines that open a page without letterhead."""
    start = 0
    for line in lines_of(text, 0, end):
        if not _SITE_LIST_LINE.match(fold_keep_offsets(line.text.strip("*_|# ").lower())):
            return line.start
        start = line.end
    return start


def _has_body(text: str, start: int, end: int) -> bool:
    return len(text[start:end].strip()) > 300


def _head_start(text: str, letterhead: int, floor: int) -> int:
    """Walk up from the letterhead over agency, "Số:" and rule lines to where the document begins.

    An appendix's title block above it ("PHỤ LỤC 2 / MẪU ... / (Kèm theo Thông tư số ...)") and a
    form label run into the previous closing ("... NGƯỜI GHI BIÊN BẢN Mẫu số 04/... BỘ TÀI CHÍNH")
    belong to the new document.
    """
    line_start = text.rfind("\n", floor, letterhead) + 1
    lines = lines_of(text, floor, line_start)[-8:]
    start = line_start if line_start > floor else floor
    k = len(lines)
    while k > 0:
        k -= 1
        t = lines[k].text.strip("*_ |")
        if not t:
            continue
        note = _opening(lines, k, _ATTACHED_NOTE) if lines[k].text.rstrip("*_ ").endswith(")") else None
        if note is None:  # a công văn's "V/v ..." line, which a flattened letterhead puts above ĐẢNG CỘNG SẢN
            note = _opening(lines, k, _VV_LINE)
        if note is not None:
            start, k = lines[note].start, note
            continue
        folded = fold_keep_offsets(t.lower())
        header_like = (is_upper(t) and len(t) < 120) or _SO_LINE.match(folded) or is_mark(t)
        if not header_like or is_person_name(t) or (floor > 0 and is_signature_title(t)):
            label = _FORM_LABEL.search(fold_keep_offsets(lines[k].text.lower()))
            return lines[k].start + label.start() if label else start
        start = lines[k].start
    return start


def _opening(lines: list[Line], k: int, opener: re.Pattern[str]) -> int | None:
    """Index of the line that ``opener`` matches (folded) among line ``k`` and the two above it: a block wrapped
    over up to three lines that ends on line ``k``; None past a line that ends a sentence."""
    for j in range(k, max(-1, k - 3), -1):
        if opener.match(fold_keep_offsets(lines[j].text.strip("*_ ").lower())):
            return j
        if lines[j].text.rstrip("*_ ").endswith((".", ";", ":")):
            return None
    return None
    for j in range(k, max(-1, k - 3), -1):
        if _ATTACHED_NOTE.match(fold_keep_offsets(lines[j].text.strip("*_ ").lower())):
            return j
    return None
