"""References to other documents: an eyecite-style grammar for Vietnamese.

Shapes: "Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị về ...",
symbol-only "30/2020/NĐ-CP", named documents without a number ("Luật Doanh nghiệp",
"Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 - 2025").
The relation comes from the words before the reference in its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.conventions.dates import date_after
from pipeline.conventions.kinds import kind_from_name, kind_name
from pipeline.conventions.symbols import find_symbols
from pipeline.model import OrgRef, Reference, Span
from pipeline.textnorm import UPPER

TYPE_NAMES = [
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Chương trình hành động", "Văn bản hợp nhất", "Bộ luật",
    "Luật", "Pháp lệnh", "Nghị định", "Nghị quyết", "Quyết định", "Thông tư", "Chỉ thị", "Kết luận", "Quy định",
    "Hướng dẫn", "Kế hoạch", "Chương trình", "Công văn", "Văn bản", "Thông báo", "Công điện", "Tờ trình",
    "Báo cáo", "Thông tri", "Đề án", "Hiến pháp", "Lệnh", "Quy chế",
]
_TYPE = "|".join(re.escape(t) for t in TYPE_NAMES)
TYPED_PREFIX = re.compile(rf"(?P<type>{_TYPE})\s+(?:số\s*:?\s*|số)?$", re.I)
NAMED = re.compile(
    r"(?P<type>Bộ luật|Luật|Pháp lệnh|Hiến pháp)\s+(?P<name>[" + UPPER + r"]\w*(?:\s+(?!năm\b|số\b|ngày\b)\w+){0,10})"
    r"|(?P<ntype>Nghị quyết|Chỉ thị|Kết luận)\s+(?P<congress>(?:Đại hội|đại hội|Hội nghị)\b[^.;()]{3,120}?"
    r"lần\s+thứ\s+[IVXLC\d]+(?:\s*,\s*(?:nhiệm kỳ|khóa|khoá)\s+[\dIVXLC]+(?:\s*[-–]\s*\d{4})?)?)"
)
# A named law with its number after it: "Luật Tổ chức Chính phủ số 63/2025/QH15" is one reference.
NAMED_PREFIX = re.compile(rf"(?:{NAMED.pattern})\s+số\s*:?\s*$")
_OF = re.compile(r"\s*,?\s*của\s+")
_SUBJECT = re.compile(r"^\s*,?\s*(?P<s>(?:về|quy định|hướng dẫn|sửa đổi|ban hành|phê duyệt)\b[^;.()]*)")
_BASIS_LINE = re.compile(r"^\W*căn cứ\b", re.I)
_ITEM_OPENING = re.compile(r"[*_\s]*(?:căn cứ\b|[-+•]\s|\d{1,2}[.)]\s|[a-zđ]\)\s)", re.I)
# Between two documents a Căn cứ item names at its top level: a list separator or "được sửa đổi, bổ sung bởi".
_TOP_LEVEL_GAP = re.compile(
    r"[\s,;]*(?:và|hoặc)?\s*(?:(?:đã\s+)?được\s+sửa\s+đổi,?\s*(?:bổ\s+sung\s+)?(?:một\s+số\s+điều\s+)?"
    r"(?:bởi|theo|tại)\s+)?(?:các\s+)?",
    re.I,
)
_RELATIONS = [
    ("amends", re.compile(r"sửa đổi,?\s*(?:bổ sung)?\s*(?:một số điều (?:của)?|điều \d+ (?:của)?)?\s*$", re.I)),
    ("replaces", re.compile(r"thay thế\s*(?:cho)?\s*$", re.I)),
    ("repeals", re.compile(r"(?:bãi bỏ|hủy bỏ|huỷ bỏ)\s*$", re.I)),
    ("implements", re.compile(r"(?:thực hiện|triển khai(?: thực hiện)?|cụ thể hóa|quán triệt)\s*$", re.I)),
]

OrgFinder = Callable[[str, int], tuple[int, OrgRef] | None]


def _item_start(text: str, pos: int) -> int:
    """Start of the item holding ``pos``: back over wrapped lines to one that follows a line ending ";", "." or ":"."""
    start = text.rfind("\n", 0, pos) + 1
    while start > 1 and not _ITEM_OPENING.match(text, start):
        previous = text[:start - 1].rstrip(" *_")
        if not previous or previous.endswith((";", ".", ":")) or text[start - 2] == "\n":
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def _nested(text: str, previous: Span, start: int) -> bool:
    """Whether a reference at ``start`` follows ``previous`` in the same item with prose between (its title)."""
    return _item_start(text, start) <= previous.start and not _TOP_LEVEL_GAP.fullmatch(text, previous.end, start)


def _relation(text: str, start: int) -> str:
    """based_on in a "Căn cứ" item (wrapped lines included); else the verb just before the reference."""
    if _BASIS_LINE.match(text[_item_start(text, start):start]):
        return "based_on"
    sentence_start = max(text.rfind(".", 0, start), text.rfind(";", 0, start), text.rfind("\n\n", 0, start), 0)
    before = text[sentence_start:start].rstrip(" ,")
    return next((name for name, rx in _RELATIONS if rx.search(before)), "cites")


_ISSUER_WORDS = re.compile(
    r"(?:(?!(?:về|quy định|hướng dẫn|ban hành|sửa đổi|phê duyệt|tại|năm|ngày|đã|đến|theo|trong|với)\b)"
    r"[\wÀ-ỹ&.-]+\s*){1,10}",
)


def _issuer_after(text: str, pos: int, find_org: OrgFinder | None) -> tuple[OrgRef | None, int]:
    m = _OF.match(text, pos)
    if not m:
        return None, pos
    if find_org:
        found = find_org(text, m.end())
        if found:
            return found[1], found[0]
    words = _ISSUER_WORDS.match(text, m.end())
    if not words or not text[m.end()].isupper():
        return None, pos
    name = re.split(r"\s+và\s+(?=(?:" + _TYPE + r")\b)", words.group(0))[0].strip(" ,.-")
    return OrgRef(name=name, text=name, span=Span(m.end(), m.end() + len(name))), m.end() + len(name)


def _subject_after(text: str, pos: int, limit: int) -> str | None:
    m = _SUBJECT.match(text[pos:limit])
    if not m:
        return None
    subject = " ".join(m.group("s").split())
    subject = re.split(r"\s+và\s+(?=(?:" + _TYPE + r")\b)", subject)[0]
    return re.sub(r"(?:\s*(?:,|và|hoặc))+$", "", subject).strip() or None


def find_references(text: str, find_org: OrgFinder | None = None) -> list[Reference]:
    """Every reference to another document in ``text``, in order, with spans and relations."""
    refs: list[tuple[int, int, Reference]] = []
    for start, end, sym in find_symbols(text):
        prefix = TYPED_PREFIX.search(text[max(0, start - 40):start])
        named = None if prefix else NAMED_PREFIX.search(text, max(0, start - 200), start)
        ref_start = start - len(prefix.group(0)) if prefix else named.start() if named else start
        type_name = prefix.group("type") if prefix else (named.group("type") or named.group("ntype")) if named else None
        title = " ".join(named.group(0).rsplit(" số", 1)[0].split()) if named else None
        code = kind_from_name(type_name) if type_name else sym.kind
        if code in ("VB",) or (type_name and type_name.lower() in ("văn bản", "công văn") and sym.kind is None):
            code = "CV" if sym.kind is None else sym.kind
        if sym.kind and code != sym.kind and type_name is None:
            code = sym.kind
        date, pos = date_after(text, end)
        issuer, pos = _issuer_after(text, pos, find_org)
        refs.append((ref_start, pos, Reference(
            text="", span=Span(ref_start, pos), kind=code, kind_name=kind_name(code, party=sym.party),
            number=sym.number, symbol=sym.render(), date=date, issuer=issuer.name if issuer else None,
            issuer_id=issuer.id if issuer else None, relation=_relation(text, ref_start), title=title,
        )))
    for m in NAMED.finditer(text):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b, _ in refs):
            continue
        if m.group("type"):
            type_name, title = m.group("type"), f"{m.group('type')} {m.group('name')}"
            issuer = None
        else:
            type_name, title = m.group("ntype"), f"{m.group('ntype')} {m.group('congress')}"
            body = re.search(r"(?:Đại hội|đại hội|Hội nghị)\s+(.*?)\s+lần\s+thứ", m.group("congress"))
            issuer = body.group(1).strip() if body else None
        code = kind_from_name(type_name)
        end = m.end()
        date, pos = date_after(text, end)
        refs.append((m.start(), pos, Reference(
            text="", span=Span(m.start(), pos), kind=code, kind_name=kind_name(code), date=date,
            issuer=issuer, title=" ".join(title.split()), relation=_relation(text, m.start()),
        )))
    refs.sort(key=lambda r: r[0])
    out: list[Reference] = []
    for i, (start, end, ref) in enumerate(refs):
        if out and ref.relation == "cites" and re.fullmatch(r"\s*(?:,|và|hoặc)\s*", text[out[-1].span.end:start]):
            ref.relation = out[-1].relation  # "Thực hiện Chỉ thị ... và Thông tư ...": one verb, both
        elif out and ref.relation == "based_on" and _nested(text, out[-1].span, start):
            ref.relation = "cites"  # named inside the title of the document the Căn cứ item is based on
        limit = refs[i + 1][0] if i + 1 < len(refs) else len(text)
        ref.subject = _subject_after(text, end, limit)
        if ref.subject:
            sub_at = text.find(ref.subject.split()[0], end)
            end = max(end, sub_at + len(ref.subject)) if sub_at >= 0 else end
        ref.span = Span(start, end)
        ref.text = text[start:end]
        out.append(ref)
    return out
