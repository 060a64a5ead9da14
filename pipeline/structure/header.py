"""The letterhead: issuer lines, số/ký hiệu, place and date, V/v; then the title block (see ``title``).

Letterheads reach us in many shapes: one field per line, two columns flattened into
one line ("Số: 2638/LĐTBXH-KHTC V/v xây dựng ..."), fields wrapped over lines
("Số:\\n2827/QĐ-UBND"), columns interleaved. So markers are found on the flattened,
accent-folded header zone (offsets kept), and what lies between them is split into lines.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from pipeline.conventions.dates import adoption_date, iso
from pipeline.conventions.kinds import ends_with_kind_name
from pipeline.conventions.syllables import is_syllable
from pipeline.conventions.symbols import Symbol, parse_symbol
from pipeline.structure.lines import Line, fold_line, is_mark, is_prose_word, is_upper, lines_of
from pipeline.structure.title import (
    ATTACHED_LINE,
    BODY_START,
    DRAFT,
    SECRECY,
    URGENCY,
    TitleBlock,
    bare_title_kind,
    inline_title_kind,
    read_inline_title,
    read_title,
    without_authority,
)
from pipeline.textnorm import fold_keep_offsets

MAX_HEADER_LINES = 60
MARKERS = {
    "quoc_hieu": r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam",
    "tieu_ngu": r"doc\s+lap\W{0,6}tu\s+do\W{0,6}hanh\s+phuc",
    "party": r"dang\s+cong\s+san\s+viet\s+nam",
    "rule": r"(?<![\w-])[-_=]{3,}(?![\w-])",
    # "Số:", "Số hiệu", "Luật số:", "Pháp lệnh số:", "Nghị quyết số:"; a blank number: "Số: /TB-TCHQ", "… /2016".
    "so": r"(?<![\w/])(?:(?:luat|phap\s+lenh)\s+so|nghi\s+quyet\s+so(?=\s*:)|so(?:\s+hieu)?)\s*+[:.]?\s*+"
          r"(?=\d|[.…]*\s*/\s*[a-z0-9])",
    "vv": r"(?<![\w/])v/v(?![\w/])",
    # The comma may be missing ("Hà Nội ngày 01"); digits may be split ("tháng 0 6"); a form leaves them blank.
    "place_date": r"(?:,|(?<![\s,])\s)\s*ngay[\s,./…]*+(?:\d\s?\d|\d)?[\s,./…]*+thang[\s,./…]*+(?:\d\s?\d|\d)?"
                  r"[\s,./…]*+nam\s*"
                  r"(?:(?:19|20)\d\d)?[\d.…]*(?!\w)",
    "kinh_gui": r"(?<!\w)kinh\s+gui\s*:?",
}
_MARKER_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in MARKERS.items()))
_DATE_PARTS = re.compile(
    r"ngay[\s,./…]*+(\d\s?\d|\d)?[\s,./…]*+thang[\s,./…]*+(\d\s?\d|\d)?[\s,./…]*+nam\s*((?:19|20)\d\d)?"
)
# A number field the scan made unreadable ("6†", "4b4") before "/CODE": at most 5 marks, not all digits.
_UNREADABLE_NUMBER = re.compile(r"(?=\S*[^\d\s])[^\s/]{1,5}\s*(?=/\s*[^\W\d])")
_APPENDIX_LABEL = re.compile(r"^(?:phu luc|mau)\b")
_ABBREVIATION = re.compile(r"[A-ZĐ][A-ZĐ&.\-/]{1,7}|[A-ZĐ]{1,3}\d{0,2}")  # UBND, KH&CN, TP., HĐND, QH15
_CERTIFIED = re.compile(r"xac\s+thuc\s+van\s+ban\s+hop\s+nhat", re.IGNORECASE)
_FORM_LABEL = re.compile(r"^\W*mau(?:\s+so)?\s*[:.]?\s*\S*\d\S*\s+")  # "Mẫu số 02/TB-XĐTMS-2015 BỘ TÀI CHÍNH"
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
class Header(TitleBlock):
    """What the letterhead and the title block say; offsets are into the document text."""

    start: int = 0
    issuer_lines: list[Line] = field(default_factory=list)
    symbol: Symbol | None = None
    symbol_span: tuple[int, int] | None = None
    number_unreadable: bool = False  # the Số line has a code but its number could not be read
    place: str | None = None
    issued_date: str | None = None
    vv: bool = False
    party: bool = False
    state: bool = False
    urgency: str | None = None
    secrecy: str | None = None


def header_zone_end(text: str) -> int:
    """Offset where the header zone ends: the first body line after a letterhead marker."""
    seen_marker = False
    lines = lines_of(text)
    for i, line in enumerate(lines[:MAX_HEADER_LINES]):
        folded = fold_line(line.text)
        long_prose = len(line.text) > 160 and not is_upper(line.text) and not folded.startswith(("v/v", "ve "))
        if long_prose and (cut := _flattened_end(line)):
            return cut
        if _MARKER_RE.match(folded):
            seen_marker = True
            continue
        if seen_marker and (BODY_START.match(folded) or long_prose):
            return line.start
        if _MARKER_RE.search(fold_keep_offsets(line.text)):
            seen_marker = True
            continue
        if i == len(lines) - 1:
            return line.end
    cut = lines[min(len(lines), MAX_HEADER_LINES) - 1] if lines else None
    return cut.end if cut else len(text)


def _flattened_end(line: Line) -> int | None:
    """In a header flattened into one line with its body ("... năm 1980 CHỈ THỊ VỀ ... NƯỚC Ngày 24 ..."):
    where the body starts, i.e. the first word of running text after the last Số or place/date."""
    anchors = [m for m in _MARKER_RE.finditer(fold_keep_offsets(line.text))
               if (m.lastgroup == "so" and not _cited(line.text, 0, m.start()))
               or (m.lastgroup == "place_date" and m.group().startswith(","))]
    if not anchors:
        return None
    after = anchors[-1].end()
    words = [(w.start(), w.group()) for w in re.finditer(r"\S+", line.text[after:])]
    prose = next((k for k, (_, w) in enumerate(words) if is_prose_word(w)), len(words))
    if not any(w.isalpha() and w.isupper() for _, w in words[:prose]):
        return None  # no title run after the fields ("Số: 2638/LĐTBXH-KHTC V/v xây dựng ...")
    return line.start + after + words[prose][0] if prose < len(words) else line.end


def segment(text: str, end: int) -> list[Segment]:
    """Cut ``text[:end]`` at the letterhead markers; text between markers becomes one segment per line."""
    flat = fold_keep_offsets(text[:end])
    segments: list[Segment] = []
    pos = 0
    has_so = False
    for m in _MARKER_RE.finditer(flat):
        if m.start() < pos:
            continue
        kind = m.lastgroup
        seg_start, seg_end, value = m.start(), m.end(), None
        line_from = max(pos, text.rfind("\n", pos, m.start()) + 1)
        if kind in ("quoc_hieu", "party") and not is_upper(text[m.start():m.end()]):
            continue  # "nước Cộng hòa xã hội chủ nghĩa Việt Nam" in a sentence
        if kind == "so":
            # One Số line per letterhead; "Mẫu số", "Kế hoạch số", "Luật ... 2024 số" cite another number.
            if has_so or _cited(text, line_from, m.start()):
                continue
            found = _symbol_at(text, m.end(), end)
            if found is None:
                continue
            has_so = True
            value, seg_end = found
        elif kind == "place_date":
            if not m.group().startswith(",") and not _bare_place(text[line_from:m.start()]):
                continue
            seg_start = _place_start(text, flat, pos, m.start())
            d = _DATE_PARTS.search(flat, m.start(), m.end())
            day, month, year = ((g or "").replace(" ", "") for g in d.groups())
            value = (" ".join(text[seg_start:m.start()].split()) or None, iso(day, month, year))
        elif kind == "vv":
            seg_end = _block_end(text, m.end(), end)
        segments.extend(_text_segments(text, pos, seg_start))
        segments.append(Segment(kind, seg_start, seg_end, text[seg_start:seg_end], value))
        pos = seg_end
    segments.extend(_text_segments(text, pos, end))
    return segments


_CITED_WINDOW = 240  # how far before "số" its citing words are looked for


def _cited(text: str, start: int, end: int) -> bool:
    """Whether "số" at ``end`` follows running words ("Mẫu", "tín dụng 2024") or a type name in ``text[start:end]``
    (its line so far): a cited number. Only the words of the last :data:`_CITED_WINDOW` characters count, so
    a line of many "số" costs linear time."""
    if end - start > _CITED_WINDOW:
        cut = re.search(r"\s", text[end - _CITED_WINDOW:end])  # from a whole word on
        start = end - _CITED_WINDOW + cut.end() if cut else end
    before = text[start:end]
    return any(len(w) > 1 and is_prose_word(w) for w in before.split()) or ends_with_kind_name(before)


def _bare_place(before: str) -> bool:
    """A place name alone before a comma-less ", ngày": "Hà Nội ngày 01 tháng 12 năm 2025"."""
    words = before.strip(" *_|").split()
    return 0 < len(words) <= 6 and all(w[0].isupper() for w in words) and not is_upper(" ".join(words))


def _symbol_at(text: str, start: int, end: int) -> tuple[tuple[Symbol, bool], int] | None:
    """The symbol after "Số:" with where it ends; ``True`` when its number was unreadable."""
    rest = text[start:end]
    sym_text = _symbol_text(rest)
    value = parse_symbol(sym_text)
    skipped = 0
    if value is None and (unreadable := _UNREADABLE_NUMBER.match(sym_text)):
        skipped = unreadable.end()  # a handwritten number OCR could not read: keep the code
        value = parse_symbol(sym_text[skipped:])
    if value is None:
        return None
    lead = len(rest) - len(rest.lstrip()) + skipped
    return (value, skipped > 0), start + lead + _symbol_length(rest[lead:], value)


def _symbol_text(rest: str) -> str:
    """The first line of the symbol, with the next line when the symbol wraps after "-" ("3783/QĐ-\\nUBND")."""
    lines = [ln.strip() for ln in rest.split("\n")]
    i = next((k for k, ln in enumerate(lines) if ln), len(lines))
    out = lines[i] if i < len(lines) else ""
    while out.endswith(("-", "/")) and i + 1 < len(lines) and _is_code(lines[i + 1].split(" ", 1)[0]):
        i += 1
        out += lines[i]
    return out


def _is_code(token: str) -> bool:
    """An agency or type code: upper case, at most one lower-case letter ("UBND", "TTg")."""
    return bool(token) and token[0].isupper() and sum(c.islower() for c in token) <= 1


def _symbol_length(rest: str, sym: Symbol) -> int:
    """How many characters of ``rest`` the parsed symbol covers (spaces and a wrap tolerated)."""
    target = re.sub(r"\s", "", sym.render()).lower()
    got = ""
    i = len(rest) - len(rest.lstrip(".…·_ \t\n")) if sym.number is None else 0  # "… /2016/QH14"
    while i < len(rest) and len(got) < len(target):
        c = rest[i]
        if not c.isspace():
            got += c.lower()
        i += 1
    return i


def _block_end(text: str, start: int, limit: int) -> int:
    """End of a V/v block: a blank line, or the next letterhead marker (a cited "số" or date is not one)."""
    m = re.compile(r"\n\s*\n").search(text, start, limit)
    end = m.start() if m else limit
    for nxt in _MARKER_RE.finditer(fold_keep_offsets(text[start:end])):
        line_from = max(start, text.rfind("\n", start, start + nxt.start()) + 1)
        if nxt.lastgroup == "so" and _cited(text, line_from, start + nxt.start()):
            continue
        if nxt.lastgroup == "place_date" and not nxt.group().startswith(","):
            continue
        return start + nxt.start()
    return end


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
            if ln.text.strip("*_|# ") and not is_mark(ln.text)]


def parse_header(text: str) -> Header:
    """Parse the letterhead and title block at the start of ``text``."""
    h = Header()
    segments = segment(text, header_zone_end(text))
    first_anchor = next((i for i, s in enumerate(segments) if s.kind in ("so", "place_date")), len(segments))
    last_anchor = max((i for i, s in enumerate(segments)
                       if s.kind in ("so", "place_date", "quoc_hieu", "tieu_ngu", "party")), default=-1)
    h.body_start = segments[last_anchor].end if last_anchor >= 0 else 0
    titles: list[int] = []  # type lines among the header segments (a flattened or interleaved title block)
    i = 0
    while i < len(segments):
        if segments[i].kind == "text":
            i += _read_text(h, segments, i, titles, agency=i < first_anchor and last_anchor >= 0)
        else:
            _read_field(h, segments[i])
            i += 1
    read_title(text, h)
    if h.kind is None and not h.vv and h.symbol is None:
        h.kind = bare_title_kind(text)
    inline = next((segments[k] for k in titles if k > first_anchor), None)
    if h.kind is None and inline:
        read_inline_title(h, Line(inline.text, inline.start, inline.end))
    if not h.issuer_lines and h.authority_line:
        h.issuer_lines = [h.authority_line]  # no agency lines: the enacting authority under the title
    if h.issued_date is None and (h.symbol or h.state):
        h.issued_date = adoption_date(text)  # Luật, Pháp lệnh, Nghị quyết: the adoption date (reference 1.6)
    if h.issuer_lines:
        h.start = h.issuer_lines[0].start
    return h


def certification(text: str) -> Header | None:
    """The closing "XÁC THỰC VĂN BẢN HỢP NHẤT" block of a văn bản hợp nhất, read like a letterhead: the
    agency line above it, its Số and its date (offsets into ``text``); None when there is none."""
    found = [m for m in _CERTIFIED.finditer(fold_keep_offsets(text)) if is_upper(text[m.start():m.end()])]
    if not found:
        return None
    lines = lines_of(text, 0)
    at = next(i for i, line in enumerate(lines) if line.end > found[-1].start())
    start = lines[at - 1].start if at and _is_issuer_line(lines[at - 1].text) else lines[at].start
    h = parse_header(text[start:])
    h.issuer_lines = [Line(x.text, x.start + start, x.end + start) for x in h.issuer_lines
                      if not _CERTIFIED.search(fold_line(x.text))]
    return h


def _read_field(h: Header, s: Segment) -> None:
    """A letterhead marker: Quốc hiệu, Party title, Số, place and date, V/v."""
    if s.kind == "quoc_hieu":
        h.state = True
    elif s.kind == "party":
        h.party = True
    elif s.kind == "so" and h.symbol is None:
        (h.symbol, h.number_unreadable), h.symbol_span = s.value, (s.start, s.end)
    elif s.kind == "place_date" and h.issued_date is None:
        h.place, h.issued_date = s.value
    elif s.kind == "vv" and h.subject is None:
        body = re.sub(r"^\W*v/v\W*|^\W*về việc\s*", "", s.text, flags=re.I)
        _set_subject(h, body, s.end - len(s.text.rstrip()) + s.text.find(body[:8]) if body else s.start, s.end)


def _read_text(h: Header, segments: list[Segment], i: int, titles: list[int], agency: bool) -> int:
    """A text segment of the header zone (``agency``: where agency lines may stand); how many it consumed."""
    s = segments[i]
    folded = fold_line(s.text)
    if i > 0 and segments[i - 1].kind == "so" and h.subject is None and _is_ve(s.text):
        # Box 5b: a công văn's trích yếu under the số may open with "Về" instead of "V/v".
        block = list(itertools.takewhile(lambda x: x.kind == "text", segments[i:]))
        _set_subject(h, "\n".join(x.text for x in block), block[0].start, block[-1].end)
        return len(block)
    if DRAFT.match(folded):
        h.draft = True
        h.body_start = max(h.body_start, s.end)
    elif URGENCY.match(folded):
        h.urgency = s.text.strip("()* ").upper()
    elif SECRECY.match(folded):
        h.secrecy = s.text.strip("()* ").upper()
    elif inline_title_kind(s.text):
        titles.append(i)
    elif agency and ATTACHED_LINE.match(folded) and h.attached_to_text is None:
        # An appendix's note above its letterhead: "(Kèm theo Thông tư số ... / của Bộ trưởng ...)".
        note = [s, *itertools.takewhile(lambda x: x.kind == "text", segments[i + 1:i + 3])]
        end = next((k for k, x in enumerate(note) if x.text.rstrip("*_ ").endswith(")")), 0)
        h.attached_to_text = " ".join(" ".join(x.text for x in note[:end + 1]).split()).strip("()*_ ")
        return end + 1
    elif agency and not titles and _is_issuer_line((line := _agency_line(s)).text):
        h.issuer_lines.append(line)
    return 1


def _set_subject(h: Header, body: str, start: int, end: int) -> None:
    """A công văn's trích yếu (after "V/v" or "Về"), without an authority line a flattened block runs into."""
    h.vv = True
    h.subject = without_authority(" ".join(body.split()).strip(" *_"))
    h.subject_span = (start, end)
    h.body_start = max(h.body_start, end)


def _is_ve(text: str) -> bool:
    return fold_line(text).startswith("ve ") and not is_upper(text)


def _is_issuer_line(text: str) -> bool:
    t = text.strip(" *_-")
    return bool(t) and is_upper(t) and len(t) < 120 and not re.fullmatch(r"[\W\d]+", t) and _reads_as_words(t)


def _reads_as_words(text: str) -> bool:
    """At least half the tokens are Vietnamese syllables or short abbreviations (UBND, KH&CN, TP.): not OCR noise."""
    tokens = [t.strip(",.;:()") for t in text.split()]
    tokens = [t for t in tokens if t and t not in "-–&/"]
    good = sum(is_syllable(t.lower()) or bool(_ABBREVIATION.fullmatch(t)) for t in tokens)
    return good * 2 >= len(tokens)


def _agency_line(s: Segment) -> Line:
    """The agency line of a segment: a form's "Mẫu số 02/TB-XĐTMS-2015" label cut off; an appendix's
    "PHỤ LỤC 2" or "MẪU BÁO CÁO ..." label is none (empty)."""
    m = _FORM_LABEL.match(fold_keep_offsets(s.text.lower()))
    cut = m.end() if m else 0
    if _APPENDIX_LABEL.match(fold_line(s.text[cut:])):
        return Line("", s.end, s.end)
    return Line(s.text[cut:], s.start + cut, s.end)
