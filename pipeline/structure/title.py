"""The title block under the letterhead: the type line (QUYẾT ĐỊNH, CHƯƠNG TRÌNH ...), the trích yếu
after it, and the enacting authority or "(Kèm theo ...)" line that may close it; also the stamps
around it (DỰ THẢO, HỎA TỐC, MẬT). A flattened header may carry the title inside a letterhead
segment ("... năm 1980 CHỈ THỊ VỀ CÔNG TÁC ..."): :func:`read_inline_title` reads that one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipeline.conventions.kinds import kind_from_name, title_line_kind, title_prefix_kind
from pipeline.structure.lines import Line, fold_line, is_prose_word, is_upper, lines_of
from pipeline.textnorm import fold_keep_offsets

# The first line of the body (folded): the title block, and the header zone, end before it. Party texts list their
# bases as dash items ("- Căn cứ Điều lệ Đảng;").
BODY_START = re.compile(
    r"^(?:[-+•]\s*(?=can cu|theo de nghi))?(?:can cu|theo de nghi|xet de nghi|xet to trinh|thuc hien |dieu \d|"
    r"chuong [ivxlc\d]+\b|phan (?:thu |[ivxlc\d]+\b)|quyet dinh\s*:|quyet nghi\s*:|[ivx]+[.-]\s|\d+[.)-]\s|kinh gui)"
)
ATTACHED_LINE = re.compile(r"^\(?\s*(?:ban hanh\s+)?kem theo\b")  # "(Kèm theo Thông tư số ...)"
# Stamps, each a line of its own (folded).
DRAFT = re.compile(r"^\(?\s*du thao(?:\s+lan\s+\d+|\s+\d+)?\s*\)?$")
URGENCY = re.compile(r"^(hoa toc|thuong khan|khan)(?:\s+hen gio)?$")
SECRECY = re.compile(r"^(tuyet mat|toi mat|mat)$")
_DRAFT_PREFIX = re.compile(r"^\(?\s*du thao(?:\s+lan\s+\d+)?(?:\s+[\d./-]+)?\s*\)?\s+")  # "DỰ THẢO 24.10.2016 LUẬT"
_RULE_LINE = re.compile(r"[-_=.*]{3,}")
_AUTHORITY = (
    r"(?:chu tich|bo truong|thu tuong|uy ban nhan dan|hoi dong nhan dan|giam doc|chinh phu|tong giam doc|"
    r"cuc truong|tong cuc truong|vien truong|chanh an|ban thuong vu|ban chap hanh|bo chinh tri|ban bi thu|"
    r"hoi dong tham phan|uy ban thuong vu|quoc hoi|tong kiem toan|thong doc|truong ban|chanh van phong)"
)
_ENACTING_AUTHORITY = re.compile("^" + _AUTHORITY)
# The authority line a flattened title block runs into: "... MỚI” ỦY BAN NHÂN DÂN TỈNH KON TUM", "THỦ TƯỚNG ... điện:".
_AUTHORITY_TAIL = re.compile(r"(?<!cua)\s+" + _AUTHORITY + r"\b")


@dataclass
class TitleBlock:
    """What the title block says; offsets are into the document text. The letterhead's ``Header``
    extends it: a V/v line gives the subject too, a note above the letterhead the attachment."""

    body_start: int = 0  # where the body begins, after the letterhead and the title block
    kind: str | None = None
    kind_line: Line | None = None
    authority_line: Line | None = None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..." under the trích yếu
    subject: str | None = None
    subject_span: tuple[int, int] | None = None
    draft: bool = False
    attached_to_text: str | None = None


def read_title(text: str, block: TitleBlock) -> None:
    """Find the type line (QUYẾT ĐỊNH, CHƯƠNG TRÌNH ...) after ``block.body_start`` and the trích yếu after it."""
    after = lines_of(text, block.body_start)[:12]
    for j, line in enumerate(after):
        folded = fold_line(line.text)
        if DRAFT.match(folded):
            block.draft = True
            continue
        if not folded.strip("|# ") or URGENCY.match(folded) or SECRECY.match(folded) or _RULE_LINE.fullmatch(folded):
            continue  # markup left of a field ("... năm 2025 *"), a stamp, a rule
        code = title_line_kind(line.text.strip("*_ "))
        if code is None and j + 1 < len(after):  # a type line wrapped: "QUYẾT / ĐỊNH"
            code = title_line_kind(f"{line.text.strip('*_ ')} {after[j + 1].text.strip('*_ ')}")
            if code:
                line = Line(text[line.start:after[j + 1].end], line.start, after[j + 1].end)
                j += 1
        inline = code is None and is_upper(line.text) and inline_title_kind(line.text)
        if code is None and not inline:
            return
        if inline:  # "QUY CHẾ LÀM" / "VIỆC CỦA ...": the type line runs into its trích yếu
            closed = read_inline_title(block, line)
            below = [] if closed else _subject_lines(after[j + 1:])
            if below:
                block.subject = f"{block.subject or ''} {_joined(below)}".strip()
                block.subject_span = (block.subject_span[0] if block.subject_span else below[0].start, below[-1].end)
        else:
            block.kind, block.kind_line = code, line
            below = _subject_lines(after[j + 1:])
            if below:
                block.subject, block.subject_span = _joined(below), (below[0].start, below[-1].end)
        block.body_start = below[-1].end if below else line.end
        rest = after[j + 1 + len(below):]
        if rest and is_upper(rest[0].text) and _ENACTING_AUTHORITY.match(fold_line(rest[0].text)):
            block.authority_line = rest[0]
        note = _attached_note(rest)
        if note:
            block.attached_to_text = _joined(note).strip("()*_ ")
            block.body_start = note[-1].end
        return


def _joined(lines: list[Line]) -> str:
    return " ".join(" ".join(ln.text.strip("*_ ") for ln in lines).split())


def _attached_note(lines: list[Line]) -> list[Line]:
    """The "(Kèm theo Quyết định số ... của ...)" lines at the top of ``lines``, maybe wrapped over up to five."""
    first = 0  # the fewest lines that read as the note; more up to its ")"
    for n in range(1, min(5, len(lines)) + 1):
        joined = " ".join(ln.text for ln in lines[:n])
        if not ATTACHED_LINE.match(fold_line(joined)):
            continue
        first = first or n
        if not joined.lstrip("*_ ").startswith("(") or joined.rstrip("*_ ").endswith(")"):
            return lines[:n]
    return lines[:first]


def bare_title_kind(text: str) -> str | None:
    """Without a letterhead: the type of a bare title at the top ("NGHỊ ĐỊNH ...", "Quyết định số ...")."""
    codes = (title_line_kind(line.text) or kind_from_name(line.text) for line in lines_of(text, 0, None)[:3])
    return next((code for code in codes if code), None)


def _subject_lines(lines: list[Line]) -> list[Line]:
    """The trích yếu: the lines after the type line, up to the authority line or the body."""
    out: list[Line] = []
    for k, line in enumerate(lines):
        folded = fold_line(line.text)
        if ATTACHED_LINE.match(folded) or DRAFT.match(folded) or (out and _RULE_LINE.fullmatch(line.text.strip())):
            break
        if out and _ENACTING_AUTHORITY.match(folded) and is_upper(line.text) and _ends_title_block(lines[k + 1:]):
            break
        if BODY_START.match(folded) and not folded.startswith(("ve ", "de ")) and (out or not line.text[:1].islower()):
            break  # "thực hiện Kết luận số 69-KL/TW ..." in lower case under the type line is its trích yếu
        if out and is_upper(out[-1].text) != is_upper(line.text) and not line.text[:1].islower():
            break
        if any(fold_line(o.text).startswith("ve ") for o in out) and _opens_paragraph(lines, k):
            break
        if len(" ".join(ln.text for ln in out)) > 600:
            break
        out.append(line)
        if line.text.rstrip().endswith((".", ":")) and not is_upper(line.text):
            break
    return out


def _opens_paragraph(lines: list[Line], k: int) -> bool:
    """Whether line ``k``, after a trích yếu "về ...", starts the body: a capitalized line of running text after a
    blank line, or one whose sentence ends (".", ":") within a few lines, before any type, authority or body line."""
    line = lines[k]
    if is_upper(line.text) or not line.text[:1].isupper() or is_upper(lines[k - 1].text):
        return False
    if line.blank_before:
        return True
    for nxt in lines[k:k + 6]:
        if is_upper(nxt.text) or (nxt is not line and BODY_START.match(fold_line(nxt.text))):
            return False
        if nxt.text.rstrip(" *_").endswith((".", ":")):
            return True
    return False


def _ends_title_block(rest: list[Line]) -> bool:
    """Whether an authority-like line closes the title block: the body (or a second authority line and
    the body) follows. "CHÁNH VĂN PHÒNG ... CÔNG BỐ" inside a wrapped trích yếu does not."""
    for line in rest[:2]:
        folded = fold_line(line.text)
        if folded.startswith("ve "):  # the trích yếu goes on: "HỘI NGHỊ ... / BAN CHẤP HÀNH ... / về ..."
            return False
        if BODY_START.match(folded) or ATTACHED_LINE.match(folded) or not is_upper(line.text):
            return True
    return len(rest) < 2


def inline_title_kind(text: str) -> str | None:
    """The type of a title segment: a type line ("QUYẾT ĐỊNH"), maybe run into its trích yếu or after "DỰ THẢO"."""
    t = text.strip("*_|# ")
    if t.endswith(":"):
        return None
    draft = _DRAFT_PREFIX.match(fold_keep_offsets(t.lower()))
    found = title_prefix_kind(t[draft.end():] if draft else t)
    return found[0] if found else None


def read_inline_title(block: TitleBlock, segment: Line) -> bool:
    """A title segment of the header zone: "CHỈ THỊ VỀ CÔNG TÁC ...", "DỰ THẢO 24.10.2016 LUẬT VỀ HỘI"; True when
    the enacting authority ends it ("... NĂM 2015 BỘ TRƯỞNG BỘ TƯ PHÁP"): the title block is over."""
    t = segment.text.strip("*_|# ")
    offset = segment.start + segment.text.find(t)
    if draft := _DRAFT_PREFIX.match(fold_keep_offsets(t.lower())):
        block.draft = True
        t, offset = t[draft.end():], offset + draft.end()
    code, length = title_prefix_kind(t)
    block.kind, block.kind_line = code, Line(t, offset, offset + len(t))
    rest = t[length:]
    block.body_start = max(block.body_start, segment.end)
    if block.subject is None and rest.strip():
        words = " ".join(itertools.takewhile(lambda w: not is_prose_word(w) or not is_upper(rest), rest.split()))
        block.subject = without_authority(words)
        lead = len(rest) - len(rest.lstrip())  # the first word's offset in ``rest``
        block.subject_span = (offset + length + lead if words else segment.end, segment.end)
        return block.subject != words
    return False


def without_authority(subject: str) -> str:
    """Cut the enacting authority a flattened title block runs into ("... MỚI” ỦY BAN NHÂN DÂN TỈNH KON TUM")."""
    subject = re.sub(r"\s+điện\s*:?$", "", subject)  # Công điện: "THỦ TƯỚNG CHÍNH PHỦ điện:"
    tails = [m for m in _AUTHORITY_TAIL.finditer(fold_keep_offsets(subject.lower())) if is_upper(subject[m.start():])]
    return subject[:tails[0].start()].strip() if tails and tails[0].start() > 0 else subject
