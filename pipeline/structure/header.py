"""The letterhead and title block: issuer, số/ký hiệu, place and date, type and trích yếu.

Letterheads reach us in many shapes: one field per line, two columns flattened into
one line ("Số: 2638/LĐTBXH-KHTC V/v xây dựng ..."), fields wrapped over lines
("Số:\\n2827/QĐ-UBND"), columns interleaved. So markers are found on the flattened,
accent-folded header zone (offsets kept), and what lies between them is split into lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.conventions.dates import iso
from pipeline.conventions.kinds import kind_from_name, title_line_kind
from pipeline.conventions.symbols import Symbol, parse_symbol
from pipeline.structure.lines import Line, is_upper, lines_of
from pipeline.textnorm import fold_keep_offsets

MAX_HEADER_LINES = 60
MARKERS = {
    "quoc_hieu": r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam",
    "tieu_ngu": r"doc\s+lap\W{0,6}tu\s+do\W{0,6}hanh\s+phuc",
    "party": r"dang\s+cong\s+san\s+viet\s+nam",
    "rule": r"(?<![\w-])[-_=]{3,}(?![\w-])",
    "so": r"(?<![\w/])(?:luat\s+|phap\s+lenh\s+)?so(?:\s+hieu)?\s*[:.]?\s*(?=\d|/\s*[a-z])",
    "vv": r"(?<![\w/])v/v(?![\w/])",
    "place_date": r",\s*ngay\s*\d{0,2}\s*[,./]?\s*thang\s*\d{0,2}\s*[,./]?\s*nam\s*(?:19|20)\d\d",
    "kinh_gui": r"(?<!\w)kinh\s+gui\s*:?",
}
_MARKER_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in MARKERS.items()))
_DATE_PARTS = re.compile(r"ngay\s*(\d{0,2})\s*[,./]?\s*thang\s*(\d{0,2})\s*[,./]?\s*nam\s*(\d{4})")
_BODY_START = re.compile(
    r"^(?:can cu|theo de nghi|xet de nghi|xet to trinh|thuc hien |dieu \d|chuong [ivxlc\d]+\b|"
    r"phan (?:thu |[ivxlc\d]+\b)|quyet dinh\s*:|quyet nghi\s*:|[ivx]+[.-]\s|\d+[.)]\s|kinh gui)"
)
_ENACTING_AUTHORITY = re.compile(
    r"^(?:chu tich|bo truong|thu tuong|uy ban nhan dan|hoi dong nhan dan|giam doc|chinh phu|tong giam doc|"
    r"cuc truong|tong cuc truong|vien truong|chanh an|ban thuong vu|ban chap hanh|bo chinh tri|ban bi thu|"
    r"hoi dong tham phan|uy ban thuong vu|quoc hoi|tong kiem toan|thong doc|truong ban|chanh van phong)"
)
# A number field the scan made unreadable ("6†", "4b4") before "/CODE": at most 5 marks, not all digits.
_UNREADABLE_NUMBER = re.compile(r"(?=\S*[^\d\s])[^\s/]{1,5}\s*(?=/\s*[^\W\d])")
_RULE_LINE = re.compile(r"[-_=.*]{3,}")
_ATTACHED_LINE = re.compile(r"^\(?\s*(?:ban hanh\s+)?kem theo\b")
_DRAFT = re.compile(r"^\(?\s*du thao(?:\s+lan\s+\d+|\s+\d+)?\s*\)?$")
_URGENCY = re.compile(r"^(hoa toc|thuong khan|khan)(?:\s+hen gio)?$")
_SECRECY = re.compile(r"^(tuyet mat|toi mat|mat)$")
_PLACE_CONNECTORS = {"phố", "xã", "trấn", "thị", "tp.", "tp", "tx."}


@dataclass
class Segment:
    """A classified piece of the header zone."""

    kind: str  # a MARKERS key or "text"
    start: int
    end: int
    text: str
    value: object = None


@dataclass
class Header:
    """What the letterhead and title block say; offsets are into the document text."""

    start: int = 0
    body_start: int = 0
    issuer_lines: list[Line] = field(default_factory=list)
    symbol: Symbol | None = None
    symbol_span: tuple[int, int] | None = None
    number_unreadable: bool = False  # the Số line has a code but its number could not be read
    place: str | None = None
    issued_date: str | None = None
    kind: str | None = None
    kind_line: Line | None = None
    subject: str | None = None
    subject_span: tuple[int, int] | None = None
    vv: bool = False
    party: bool = False
    state: bool = False
    draft: bool = False
    urgency: str | None = None
    secrecy: str | None = None
    attached_to_text: str | None = None


def header_zone_end(text: str) -> int:
    """Offset where the header zone ends: the first body line after a letterhead marker."""
    seen_marker = False
    lines = lines_of(text)
    for i, line in enumerate(lines[:MAX_HEADER_LINES]):
        folded = _fold_line(line.text)
        if _MARKER_RE.match(folded):
            seen_marker = True
            continue
        long_prose = len(line.text) > 160 and not is_upper(line.text) and not folded.startswith(("v/v", "ve "))
        if seen_marker and (_BODY_START.match(folded) or long_prose):
            return line.start
        if _MARKER_RE.search(fold_keep_offsets(line.text)):
            seen_marker = True
            continue
        if i == len(lines) - 1:
            return line.end
    cut = lines[min(len(lines), MAX_HEADER_LINES) - 1] if lines else None
    return cut.end if cut else len(text)


def segment(text: str, end: int) -> list[Segment]:
    """Cut ``text[:end]`` at the letterhead markers; text between markers becomes one segment per line."""
    flat = fold_keep_offsets(text[:end])
    segments: list[Segment] = []
    pos = 0
    for m in _MARKER_RE.finditer(flat):
        if m.start() < pos:
            continue
        kind = m.lastgroup
        seg_start, seg_end, value = m.start(), m.end(), None
        if kind == "so":
            if _after_lowercase_word(text, m.start()):  # "Kết luận số 18-KL/TW": a citation, not the Số line
                continue
            rest = text[m.end():end]
            line_rest = rest.split("\n", 1)[0]
            sym_text = re.sub(r"\s*\n\s*", "", line_rest if line_rest.strip() else rest.lstrip().split("\n", 1)[0])
            value = parse_symbol(sym_text)
            skipped = 0
            if value is None and (unreadable := _UNREADABLE_NUMBER.match(sym_text)):
                skipped = unreadable.end()  # a handwritten number OCR could not read: keep the code
                value = parse_symbol(sym_text[skipped:])
            if value is None:
                continue
            lead = len(rest) - len(rest.lstrip()) + skipped
            seg_end = m.end() + lead + _symbol_length(rest[lead:], value)
            value = (value, skipped > 0)
        elif kind == "place_date":
            seg_start = _place_start(text, flat, pos, m.start())
            d = _DATE_PARTS.search(flat, m.start(), m.end())
            value = (" ".join(text[seg_start:m.start()].split()), iso(d.group(1), d.group(2), d.group(3)))
        elif kind == "vv":
            seg_end = _block_end(text, m.end(), end)
        segments.extend(_text_segments(text, pos, seg_start))
        segments.append(Segment(kind, seg_start, seg_end, text[seg_start:seg_end], value))
        pos = seg_end
    segments.extend(_text_segments(text, pos, end))
    return segments


def _after_lowercase_word(text: str, start: int) -> bool:
    """Whether the word just before ``start`` on the same line begins with a lowercase letter."""
    before = text[max(0, start - 40):start].split("\n")[-1].rstrip()
    word = before.split()[-1] if before.split() else ""
    return bool(word) and word[0].islower()


def _symbol_length(rest: str, sym: Symbol) -> int:
    """How many characters of ``rest`` the parsed symbol covers (spaces and a wrap tolerated)."""
    target = re.sub(r"\s", "", sym.render()).lower()
    got, i = "", 0
    while i < len(rest) and len(got) < len(target):
        c = rest[i]
        if not c.isspace():
            got += c.lower()
        i += 1
    return i


def _block_end(text: str, start: int, limit: int) -> int:
    m = re.compile(r"\n\s*\n").search(text, start, limit)
    end = m.start() if m else limit
    nxt = _MARKER_RE.search(fold_keep_offsets(text[start:end]))
    return start + nxt.start() if nxt else end


def _place_start(text: str, flat: str, lower: int, comma: int) -> int:
    """Where the place name before ", ngày" begins: capitalized words of the same block."""
    chunk_start = max(lower, text.rfind("\n\n", lower, comma) + 1)
    words = list(re.finditer(r"\S+", text[chunk_start:comma]))
    start = comma
    for w in reversed(words[-6:]):
        token = w.group(0).strip("*_(")
        if not token or not (token[0].isupper() or token.lower() in _PLACE_CONNECTORS):
            break
        if token.endswith((":", ";")) or any(c.isdigit() for c in token):
            break
        start = chunk_start + w.start()
    return start


def _text_segments(text: str, start: int, end: int) -> list[Segment]:
    return [Segment("text", ln.start, ln.end, ln.text) for ln in lines_of(text, start, end)
            if ln.text.strip("*_|# ")]


def parse_header(text: str) -> Header:
    """Parse the letterhead and title block at the start of ``text``."""
    h = Header()
    zone_end = header_zone_end(text)
    segments = segment(text, zone_end)
    first_anchor = next((i for i, s in enumerate(segments) if s.kind in ("so", "place_date")), None)
    last_anchor = max((i for i, s in enumerate(segments)
                       if s.kind in ("so", "place_date", "quoc_hieu", "tieu_ngu", "party")), default=-1)
    h.body_start = segments[last_anchor].end if last_anchor >= 0 else 0
    for i, s in enumerate(segments):
        if s.kind == "quoc_hieu":
            h.state = True
        elif s.kind == "party":
            h.party = True
        elif s.kind == "so" and h.symbol is None:
            (h.symbol, h.number_unreadable), h.symbol_span = s.value, (s.start, s.end)
        elif s.kind == "place_date" and h.issued_date is None:
            h.place, h.issued_date = s.value
        elif s.kind == "vv" and h.subject is None:
            h.vv = True
            body = re.sub(r"^\W*v/v\W*|^\W*về việc\s*", "", s.text, flags=re.I)
            h.subject = " ".join(body.split()).strip(" *_")
            h.subject_span = (s.end - len(s.text.rstrip()) + s.text.find(body[:8]) if body else s.start, s.end)
            h.body_start = max(h.body_start, s.end)
        elif s.kind == "text":
            folded = _fold_line(s.text)
            if (first_anchor is None or i < first_anchor) and _is_issuer_line(s.text):
                h.issuer_lines.append(Line(s.text, s.start, s.end))
                continue
            if _DRAFT.match(folded):
                h.draft = True
                h.body_start = max(h.body_start, s.end)
            elif _URGENCY.match(folded):
                h.urgency = s.text.strip("()* ").upper()
            elif _SECRECY.match(folded):
                h.secrecy = s.text.strip("()* ").upper()
    _parse_title(text, h)
    if h.issuer_lines:
        h.start = h.issuer_lines[0].start
    return h


def _fold_line(text: str) -> str:
    return " ".join(fold_keep_offsets(text.lower()).strip(" *_").split())


def _is_issuer_line(text: str) -> bool:
    t = text.strip(" *_-")
    return bool(t) and is_upper(t) and len(t) < 120 and not re.fullmatch(r"[\W\d]+", t)


def _parse_title(text: str, h: Header) -> None:
    """Find the type line (QUYẾT ĐỊNH, CHƯƠNG TRÌNH ...) and the trích yếu after it."""
    after = lines_of(text, h.body_start)[:12]
    for j, line in enumerate(after):
        folded = _fold_line(line.text)
        if _DRAFT.match(folded):
            h.draft = True
            continue
        if _URGENCY.match(folded) or _SECRECY.match(folded):
            continue
        code = title_line_kind(line.text.strip("*_ "))
        if code is None:
            break
        h.kind, h.kind_line = code, line
        h.body_start = line.end
        subject_lines = _subject_lines(after[j + 1:])
        if subject_lines:
            h.subject = " ".join(" ".join(ln.text.strip("*_ ") for ln in subject_lines).split())
            h.subject_span = (subject_lines[0].start, subject_lines[-1].end)
            h.body_start = subject_lines[-1].end
        rest = after[j + 1 + len(subject_lines):]
        if rest and _ATTACHED_LINE.match(_fold_line(rest[0].text)):
            h.attached_to_text = rest[0].text.strip("()*_ ")
            h.body_start = rest[0].end
        return
    if h.kind is None and not h.vv and h.symbol is None:
        # No letterhead: a bare title at the top ("NGHỊ ĐỊNH ...", "Quyết định số ...").
        for line in lines_of(text, 0, None)[:3]:
            code = title_line_kind(line.text) or kind_from_name(line.text)
            if code:
                h.kind = code
                break


def _subject_lines(lines: list[Line]) -> list[Line]:
    """The trích yếu: the lines after the type line, up to the authority line or the body."""
    out: list[Line] = []
    for line in lines:
        folded = _fold_line(line.text)
        if _ATTACHED_LINE.match(folded) or _DRAFT.match(folded) or (out and _RULE_LINE.fullmatch(line.text.strip())):
            break
        if out and (_ENACTING_AUTHORITY.match(folded) and is_upper(line.text)):
            break
        if _BODY_START.match(folded) and not folded.startswith(("ve ", "de ")):
            break
        if out and is_upper(out[-1].text) != is_upper(line.text) and not line.text[:1].islower():
            break
        if len(" ".join(ln.text for ln in out)) > 600:
            break
        out.append(line)
        if line.text.rstrip().endswith((".", ":")) and not is_upper(line.text):
            break
    return out
