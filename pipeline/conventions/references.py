"""References to other documents: an eyecite-style grammar for Vietnamese.

Shapes: "Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị về ...", symbol-only
"30/2020/NĐ-CP", a date and issuer written first ("ngày 10/01/2025, Bộ X đã có Văn bản số 375/BNN-TC"),
named documents without a number ("Luật Doanh nghiệp năm 2005, 2014", "Hiến pháp nước Cộng hòa xã hội
chủ nghĩa Việt Nam", "Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 - 2025",
upper-case names in a title "CỦA PHÁP LỆNH CẢNH SÁT MÔI TRƯỜNG"). The relation comes from the words
around the reference in its sentence; a document named inside another one's title only ``cites``.

The same grammar reads the two phrases that name the document a text belongs to: an appendix's "(Kèm theo
Công văn số 17809/BTC-CTK ngày 17 tháng 11 năm 2025 của Bộ Tài chính)" (:func:`attached_to`) and a crawl
site's summary line "Ngày 25/11/2025, Chính phủ ban hành Nghị định 304/2025/NĐ-CP ..." (:func:`summary_of`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pipeline.conventions.dates import date_after, parse_date
from pipeline.conventions.kinds import TYPE_NAMES as KIND_NAMES
from pipeline.conventions.kinds import kind_from_name, kind_name
from pipeline.conventions.ranges import Ranges
from pipeline.conventions.symbols import Symbol, find_symbols, parse_symbol
from pipeline.model import OrgRef, Reference, Span
from pipeline.textnorm import UPPER

# Type words before a number: the official type names, and the generic ones that leave the kind to the symbol.
TYPE_NAMES = [*KIND_NAMES, "Văn bản", "Phiếu lấy ý kiến"]
_GENERIC = ("văn bản", "công văn")  # type words that leave the kind to the symbol


def _spaced(phrase: str) -> str:
    """A regex for ``phrase`` that also matches it wrapped over lines."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


_TYPE = "|".join(_spaced(t) for t in TYPE_NAMES)
_TYPE_BEFORE = re.compile(rf"(?<!\w)(?P<type>{_TYPE})\s+(?:số\s*:?\s*|số)?$", re.I)
_LAW_TYPE = r"Bộ\s+luật|Luật|Pháp\s+lệnh"
_LAW_START = re.compile(rf"(?<!\w)(?P<type>{_LAW_TYPE})\s+")
_CONSTITUTION = re.compile(r"(?<!\w)Hiến\s+pháp(?P<name>\s+nước\s+Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam)?")
_CONGRESS = re.compile(
    r"(?<!\w)(?P<type>Nghị quyết|Chỉ thị|Kết luận)\s+(?P<name>(?:Đại hội|đại hội|Hội nghị)\b[^.;()]{3,120}?"
    r"lần\s+thứ\s+[IVXLC\d]+(?:\s*,\s*(?:nhiệm kỳ|khóa|khoá)\s+[\dIVXLC]+(?:\s*[-–]\s*\d{4})?)?)"
)
_UPPER_NAMED = re.compile(
    rf"(?<=[{UPPER}] )(?P<type>BỘ LUẬT|LUẬT|PHÁP LỆNH|NGHỊ QUYẾT|NGHỊ ĐỊNH)\s+(?P<name>[{UPPER}][{UPPER}\s,]{{3,120}}?)"
    rf"(?=\s*(?:$|\n|SỐ\b|NĂM\b|NGÀY\b|[;.(]))",
    re.M,
)
# A word inside a law's name, and the words that end one ("Luật Doanh nghiệp chưa được thực thi").
_NAME_WORD = re.compile(r"\s*(?P<comma>,)?\s*(?P<word>[\w&][\w&-]*)")
_NAME_STOPS = frozenset({
    "năm", "số", "ngày", "và", "hoặc", "của", "tại", "theo", "với", "trong", "khi", "nếu", "được", "đã", "đang",
    "sẽ", "chưa", "là", "có", "không", "này", "đó", "thì", "mà", "để", "cho", "về", "do", "bởi", "nhưng", "phải",
    "những", "nêu", "trên", "hiện", "sau", "trước", "như", "gồm", "hết", "các", "thay",
})
_AMENDING_NAME = re.compile(r"sửa\s+đổi\b", re.I)
_SOME_ARTICLES = re.compile(r"\s*một\s+số\s+điều\b", re.I)
_AMENDED_LAW = re.compile(rf"\s*(?:,\s*|(?:của|và)\s+)(?:các\s+|\d+\s+)?(?:{_LAW_TYPE}|luật)(?=\s)")
# Phrases with function words inside well-known names: "Ưu đãi người có công với cách mạng", "11 Luật có
# liên quan đến quy hoạch".
_NAME_PHRASE = re.compile(r"\s+(?:có\s+công\s+với\s+cách\s+mạng|có\s+liên\s+quan\s+(?:đến|tới))\b")
_VERSIONS = re.compile(r"\s*(?:năm\s+)?(?P<y>(?:19|20)\d{2})(?!\d|/)")
_NEXT_VERSION = re.compile(r"\s*(?:,|và)\s*(?P<y>(?:19|20)\d{2})(?!\d|/)")

_OF = re.compile(r"\s*,?\s*của\s+", re.I)
_SUBJECT = re.compile(r"^\s*,?\s*(?P<s>(?:về|quy\s+định|hướng\s+dẫn|sửa\s+đổi|ban\s+hành|phê\s+duyệt)\b[^;.()]*)", re.I)
# "ngày 10/01/2025, Bộ X (nay là Bộ Y) đã có Văn bản số ..." and "văn bản đề ngày 29 tháng 10 năm 2025 số ..."
_DATED_BEFORE = re.compile(
    r"(?:ngày\s+(?P<d1>[^,\n]{5,24}?)\s*,\s*(?P<issuer>[^,.;:()]{3,120}?)(?:\s*\([^()]{0,80}\))?"
    r"\s+(?:đã\s+)?(?:có|ban\s+hành|gửi)\s+"
    r"|đề\s+(?P<d2>ngày\s+[^,\n]{5,24}?)\s+)$",
    re.I,
)
_LIST_GAP = re.compile(r"\s*(?:,|;|và|hoặc)\s*", re.I)
_BODY_START = re.compile(
    r"^[ \t*_]*(?:Kính\s+gửi\b|Điều\s+1\b|Chương\s+I\b|[IVX]{1,4}\s*[.:]\s+\S|[A-D]\s*[.:]\s+[A-ZĐ]"
    r"|(?:QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ|KẾT\s+LUẬN)\s*:)",
    re.M,
)
_FORM = re.compile(r"\bmẫu(?:\s+số)?\s*:?\s*$", re.I)  # "mẫu số 03/TNDN": a form, not a document
_SHARED_TYPE = re.compile(r"(?:,|;|và)\s*(số\s*)$")
_DRAFT = re.compile(r"(?:dự\s+thảo|dự\s+án)\s+(?:dự\s+án\s+)?$", re.I)  # a draft or a bill, not an issued text
_BASIS_LINE = re.compile(r"^\W*căn cứ\b", re.I)
_BULLET = re.compile(r"[-+•*]?\s*")
_ITEM_OPENING = re.compile(r"[*_\s]*(?:căn cứ\b|[-+•]\s|\d{1,2}[.)]\s|[a-zđ]\)\s)", re.I)
# Between two documents an item names at its top level: a list separator or "được sửa đổi, bổ sung bởi".
_TOP_LEVEL_GAP = re.compile(
    r"[\s,;]*(?:và|hoặc)?\s*(?:(?:đã\s+)?được\s+sửa\s+đổi,?\s*(?:bổ\s+sung\s+)?(?:một\s+số\s+điều\s+)?"
    r"(?:bởi|theo|tại)\s+)?(?:các\s+)?",
    re.I,
)
_IMPLEMENT = r"thực\s+hiện|triển\s+khai(?:\s+thực\s+hiện)?|cụ\s+thể\s+hóa|quán\s+triệt"
_AMENDED_BY = re.compile(  # "..., được sửa đổi, bổ sung bởi Nghị định số ...": a top-level document of the item
    r"(?:đã\s+)?được\s+sửa\s+đổi,?\s*(?:bổ\s+sung\s+)?(?:một\s+số\s+điều\s+)?(?:bởi|theo|tại)\s+(?:các\s+)?$", re.I,
)
_RELATIONS = [
    ("amends", re.compile(
        r"sửa\s+đổi,?\s*(?:bổ\s+sung)?\s*(?:một\s+số\s+điều\s*(?:của)?|điều\s+\d+\s*(?:của)?)?\s*"
        r"(?:(?:quy\s+định|quy\s+chế|danh\s+mục|phụ\s+lục)\s+(?:ban\s+hành\s+)?kèm\s+theo\s*)?$", re.I,
    )),
    ("replaces", re.compile(r"thay\s+thế\s*(?:cho)?\s*$", re.I)),
    ("repeals", re.compile(r"(?:bãi|hủy|huỷ)\s+bỏ\s*(?:toàn\s+bộ|một\s+phần|các)?\s*$", re.I)),
    ("implements", re.compile(
        rf"(?:(?:^|[,;:]\s*|\b(?:để|nhằm|tổ\s+chức|chỉ\s+đạo)\s+)(?:{_IMPLEMENT})\b[^,;]*"
        rf"|(?:{_IMPLEMENT})(?:\s+các|\s+\d+)?)$",
        re.I,
    )),
]
# "... Nghị định số 57/2022/NĐ-CP ...; Nghị định số 90/2024/NĐ-CP ... hết hiệu lực": the new text replaces them.
_CEASES = re.compile(r"\bhết\s+hiệu\s+lực\b", re.I)
_SENTENCE_END = re.compile(r"\.|(?=\n\n)")

OrgFinder = Callable[[str, int], tuple[int, OrgRef] | None]


@dataclass
class _Found:
    """A reference before assembly: ``core_end`` ends the citation proper (before its title or subject)."""

    start: int
    core_end: int
    ref: Reference
    nested: bool = False  # named inside the title of the reference before it
    shares_type: bool = False  # "các Luật số 43/2024/QH15, số 47/2024/QH15": the type word of the one before


def find_references(
    text: str,
    find_org: OrgFinder | None = None,
    *,
    own_symbol: str | None = None,
    org_of_code: Callable[[str], OrgRef | None] | None = None,
) -> list[Reference]:
    """Every reference to another document in ``text``, in order, with spans and relations.

    ``find_org(text, pos)`` recognizes the issuer after "của"; ``org_of_code("BTCTW")`` names the issuer a
    symbol's agency code stands for when the text does not; mentions of ``own_symbol`` (the document's own
    number) are not references.
    """
    found = [f for f in _numbered(text, find_org) if not (own_symbol and f.ref.symbol == own_symbol)]
    if org_of_code:
        _issuers_from_codes(found, org_of_code)
    taken = Ranges(len(text))
    for f in found:
        taken.add(f.start, f.core_end)
    for f in _named(text):  # in order of preference: a name inside a numbered or earlier named one is not another
        if not (taken.covered(f.start, f.start + 1) or taken.starts_in(f.start, f.core_end)):
            found.append(f)
            taken.add(f.start, f.core_end)
    found = sorted((f for f in found if not _DRAFT.search(text, max(0, f.start - 24), f.start)), key=lambda f: f.start)
    found = [f for i, f in enumerate(found) if not (i and _content_of(text, found[i - 1], f))]
    out = [_assemble(text, found, i) for i in range(len(found))]
    preamble_end = _preamble_end(text)
    for ref in out:
        if ref.relation == "based_on" and ref.span.start >= preamble_end:
            ref.relation = "cites"  # a "Căn cứ" argument in the body, not the legal basis of the text
    _mark_ceased(text, found)
    return out


def _assemble(text: str, found: list[_Found], i: int) -> Reference:
    """The reference of ``found[i]`` with its relation settled against the one before, its subject and span."""
    f, ref = found[i], found[i].ref
    previous = found[i - 1] if i else None
    gap = _LIST_GAP.fullmatch(text, previous.ref.span.end, f.start) if previous else None
    if gap and not (";" in gap.group(0) and previous.nested):
        ref.relation, f.nested = previous.ref.relation, previous.nested  # "Thực hiện Chỉ thị ... và Thông tư ..."
        if f.shares_type and ref.kind is None:
            ref.kind, ref.kind_name = previous.ref.kind, previous.ref.kind_name
    elif previous and _nested(text, previous, f.start):
        ref.relation, f.nested = "cites", True  # named inside the title of the document before it
    limit = found[i + 1].start if i + 1 < len(found) else len(text)
    end = f.core_end
    ref.subject = _subject_after(text, end, limit)
    if ref.subject:
        sub_at = text.find(ref.subject.split()[0], end)
        end = max(end, sub_at + len(ref.subject)) if sub_at >= 0 else end
    ref.span = Span(f.start, end)
    ref.text = text[f.start:end]
    return ref


def _preamble_end(text: str) -> int:
    """Where the body starts: "Kính gửi" (a letter has no preamble), the first article, section or formula line."""
    m = _BODY_START.search(text)
    return m.start() if m else len(text)


# ----------------------------------------------------------------------------- numbered references


def _numbered(text: str, find_org: OrgFinder | None) -> Iterator[_Found]:
    """References built around a symbol: the type name before it, date and issuer around it."""
    for start, end, sym in find_symbols(text):
        if _FORM.search(text, max(0, start - 12), start):
            continue
        window = max(0, start - 200)
        named = _named_before(text, window, start)
        typed = None if named else _TYPE_BEFORE.search(text, max(0, start - 40), start)
        shared = None if named or typed else _SHARED_TYPE.search(text, max(0, start - 12), start)
        ref_start = named[0] if named else typed.start() if typed else shared.start(1) if shared else start
        type_name = named[1] if named else " ".join(typed.group("type").split()) if typed else None
        code = _kind(type_name, sym)
        date, pos = date_after(text, end)
        issuer, pos = _issuer_after(text, pos, find_org)
        before = _DATED_BEFORE.search(text, max(0, ref_start - 160), ref_start)
        if before:
            date = date or parse_date(before.group("d1") and f"ngày {before.group('d1')}" or before.group("d2"))
            if issuer is None and before.group("issuer"):
                name = " ".join(before.group("issuer").split())
                issuer = OrgRef(name=name, text=name)
        yield _Found(ref_start, pos, shares_type=bool(shared), ref=Reference(
            text="", span=Span(ref_start, pos), kind=code, kind_name=kind_name(code, party=sym.party) if code else None,
            number=sym.number, symbol=sym.render(), date=date, issuer=issuer.name if issuer else None,
            issuer_id=issuer.id if issuer else None, relation=_relation(text, ref_start),
            title=named[2] if named else None,
        ))


def _issuers_from_codes(found: list[_Found], org_of_code: Callable[[str], OrgRef | None]) -> None:
    """``issuer_id`` of each reference whose text names no issuer, from its symbol's agency code
    ("9151-CV/BTCTW" -> Ban Tổ chức Trung ương); ``issuer`` stays what the text writes."""
    for f in found:
        if f.ref.issuer is None and f.ref.symbol and (sym := parse_symbol(f.ref.symbol)):
            org = next((o for code in sym.issuer_codes[:1] if (o := org_of_code(code))), None)
            f.ref.issuer_id = org.id if org else None


def _kind(type_name: str | None, sym: Symbol) -> str | None:
    """The type code: from the written type name unless it is generic ("Văn bản số 1605/TTr-SNgV" is a TTr)."""
    if type_name is None or type_name.lower() in _GENERIC:
        return sym.kind or sym.implied_kind or ("CV" if type_name else None)
    code = kind_from_name(type_name)
    return code or sym.kind


def _named_before(text: str, window: int, start: int) -> tuple[int, str, str] | None:
    """(start, type name, title) of a named law whose number follows: "Luật Tổ chức Chính phủ số 63/2025/QH15"."""
    head = re.search(r"(?:\s+(?:năm\s+)?(?:19|20)\d{2})?\s+số\s*:?\s*$", text[window:start])
    if head is None:
        return None
    name_end = window + head.start()
    found = None
    for m in _LAW_START.finditer(text, window, name_end):  # the innermost law of "Luật sửa đổi ... của Luật X số"
        end = _law_name_end(text, m.end(), m.start())
        if end == name_end:
            type_name = " ".join(m.group("type").split())
            found = m.start(), type_name, " ".join(text[m.start():start].rsplit(" số", 1)[0].split())
    return found


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
    raw = re.split(r"\s+và\s+(?=(?:" + _TYPE + r")\b)", words.group(0))[0].rstrip(" ,.-\n")
    name = " ".join(raw.split())
    return OrgRef(name=name, text=name, span=Span(m.end(), m.end() + len(raw))), m.end() + len(raw)


_ISSUER_WORDS = re.compile(
    r"(?:(?!(?:về|quy\s+định|hướng\s+dẫn|ban\s+hành|sửa\s+đổi|phê\s+duyệt|tại|năm|ngày|đã|đến|theo|trong|với)\b)"
    r"[\wÀ-ỹ&.-]+\s*){1,10}",
    re.I,
)


# ----------------------------------------------------------------------------- named references


def _named(text: str) -> Iterator[_Found]:
    """Documents named without a number: laws by name (one per version year), the Constitution, congress
    resolutions, and upper-case names inside a title."""
    for m in _LAW_START.finditer(text):
        end = _law_name_end(text, m.end(), m.start())
        if end <= m.end():
            continue
        type_name = " ".join(m.group("type").split())
        title = " ".join(text[m.start():end].split())
        years = list(_version_years(text, end))
        if not years:
            yield _named_found(text, m.start(), end, type_name, title)
            continue
        first = True
        for y_start, y_end, year in years:
            yield _named_found(text, m.start() if first else y_start, y_end, type_name, f"{title} năm {year}")
            first = False
    for m in _CONSTITUTION.finditer(text):
        yield _named_found(text, m.start(), m.end(), "Hiến pháp", " ".join(m.group(0).split()))
    for m in _CONGRESS.finditer(text):
        body = re.search(r"(?:Đại hội|đại hội|Hội nghị)\s+(.*?)\s+lần\s+thứ", m.group("name"))
        found = _named_found(text, m.start(), m.end(), m.group("type"), " ".join(m.group(0).split()))
        found.ref.issuer = body.group(1).strip() if body else None
        yield found
    for m in _UPPER_NAMED.finditer(text):
        if text[max(0, m.start() - 5):m.start()] == "PHÁP " or m.group("name").split()[0].lower() in _NAME_STOPS:
            continue  # "PHÁP LUẬT" is the law in general; "LUẬT CÓ ..." is no name
        yield _named_found(text, m.start(), m.end(), m.group("type").capitalize(), " ".join(m.group(0).split()))


def _named_found(text: str, start: int, end: int, type_name: str, title: str) -> _Found:
    code = kind_from_name(type_name)
    date, end = date_after(text, end)
    return _Found(start, end, Reference(
        text="", span=Span(start, end), kind=code, kind_name=kind_name(code), date=date, title=title,
        relation=_relation(text, start),
    ))


def _law_name_end(text: str, pos: int, type_start: int) -> int:
    """End of a law's name starting at ``pos`` (``pos`` itself when there is none).

    The name opens with a capital ("Luật Đầu tư công"), or in lower case after a capitalized type word in
    mid-sentence with at least two words ("Luật quản lý, sử dụng vốn nhà nước ..."); it runs until
    punctuation, a number, a function word or the next type name. A comma joins a short pair ("Phòng,
    chống ma túy"), "và" two parts of one name ("Khoa học và Công nghệ"). An amending law's name takes in
    the laws it amends ("Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C").
    """
    first = _NAME_WORD.match(text, pos)
    if first is None or first.group("comma") or first.start("word") != pos:
        return pos
    word = first.group("word")
    lower_start = not word[0].isupper()
    before = _strip_back(text, type_start, " *_")
    sentence_start = before == 0 or text[before - 1] in ".;:\n"
    if lower_start and (sentence_start or word.lower() in _NAME_STOPS or word.isdigit()):
        return pos
    amending = bool(_AMENDING_NAME.match(text, pos))
    end, words, part = first.end(), 1, 1  # part: words of the current law's name, for the comma rule
    while words < 64:
        if amending and (some := _SOME_ARTICLES.match(text, end)):
            end = some.end()
            continue
        if amending and (law := _AMENDED_LAW.match(text, end)):
            end, words, part = law.end(), words + 1, 0  # "... một số điều của Luật A, Luật B và Luật C"
            continue
        if phrase := _NAME_PHRASE.match(text, end):
            end, words, part = phrase.end(), words + 1, part + 1
            continue
        m = _NAME_WORD.match(text, end)
        if m is None:
            break
        word, low = m.group("word"), m.group("word").lower()
        if m.group("comma") and (part > 3 or word[0].isupper() or low in _NAME_STOPS):
            break
        if low == "và" and not m.group("comma"):
            following = _NAME_WORD.match(text, m.end())
            if following and not following.group("comma") and following.group("word").lower() not in _NAME_STOPS \
                    and not re.match(rf"(?:{_TYPE})\b", text[following.start("word"):]):
                end, words, part = following.end(), words + 2, part + 2  # "Khoa học và Công nghệ"
                continue
        if low in _NAME_STOPS or word.isdigit() or re.match(rf"(?:{_TYPE})\b", text[m.start('word'):]):
            break
        end, words, part = m.end(), words + 1, part + 1
    return pos if lower_start and words < 2 else end


def _version_years(text: str, end: int) -> Iterator[tuple[int, int, str]]:
    """The years that follow a law's name ("Luật Doanh nghiệp năm 2000, 2005, 2014"): one version each."""
    m = _VERSIONS.match(text, end)
    while m:
        yield m.start("y"), m.end("y"), m.group("y")
        m = _NEXT_VERSION.match(text, m.end())


# ----------------------------------------------------------------------------- relations


def _strip_back(text: str, end: int, chars: str) -> int:
    """``len(text[:end].rstrip(chars))`` without copying the text before ``end``."""
    while end > 0 and text[end - 1] in chars:
        end -= 1
    return end


_ITEM_LINES = 40  # an item wraps over fewer lines; the bound keeps a text of unended lines linear


def _item_start(text: str, pos: int) -> int:
    """Start of the item holding ``pos``: back over wrapped lines (at most :data:`_ITEM_LINES`) to one that
    follows a line ending ";", "." or ":"."""
    start = text.rfind("\n", 0, pos) + 1
    for _ in range(_ITEM_LINES):
        if start <= 1 or _ITEM_OPENING.match(text, start):
            break
        previous = _strip_back(text, start - 1, " *_")
        if not previous or text[previous - 1] in ";.:" or text[start - 2] == "\n":
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def _nested(text: str, previous: _Found, start: int) -> bool:
    """Whether a reference at ``start`` is named inside the title of ``previous`` (prose between them in
    one sentence, not a list separator)."""
    gap = text[previous.core_end:start]
    if _TOP_LEVEL_GAP.fullmatch(gap) or _AMENDED_BY.search(gap) or re.search(r"[.;]\s|\n\s*\n", gap):
        return False
    return _item_start(text, start) <= previous.start or "\n" not in gap


def _content_of(text: str, previous: _Found, f: _Found) -> bool:
    """Whether unnumbered ``f`` is what ``previous`` issues ("Quyết định số 3208/QĐ-UBND ... ban hành Đề án X"):
    part of that document, not another one."""
    return f.ref.symbol is None and _nested(text, previous, f.start) and bool(
        re.search(r"ban\s+hành\s*$", text[previous.core_end:f.start], re.I))


_RELATION_WINDOW = 400  # how far back a verb governs a reference ("Để triển khai thực hiện ... Nghị quyết")


def _relation(text: str, start: int) -> str:
    """based_on in a "Căn cứ" item (wrapped lines included); else the verb just before the reference."""
    if _BASIS_LINE.match(text[_item_start(text, start):start]):
        return "based_on"
    floor = max(0, start - _RELATION_WINDOW)
    sentence_start = max(text.rfind(".", floor, start), text.rfind(";", floor, start),
                         text.rfind("\n\n", floor, start), 0)
    before = text[sentence_start:start].lstrip(" .;\n*_").rstrip(" ,")
    if sentence_start < floor:  # a long sentence: its words near the reference only, no sentence start
        before = "… " + before[-_RELATION_WINDOW:]
    if _BULLET.fullmatch(before) and (intro := text[:sentence_start].rstrip()).endswith(":"):
        return _relation(text, len(intro) - 1)  # "... để thực hiện 02 Đề án sau:\n- Đề án ...": the list's verb
    if re.search(r"\bviệc\s+(?:thực\s+hiện|triển\s+khai)\s*$", before, re.I):
        return "cites"  # "khó khăn trong việc triển khai Nghị định ...": about it, not carrying it out
    return next((name for name, rx in _RELATIONS if rx.search(before)), "cites")


def _mark_ceased(text: str, found: list[_Found]) -> None:
    """Top-level references of a sentence that ends "... hết hiệu lực" are replaced by the citing text."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]  # positions, found once: scans per reference
    semicolons = [m.start() for m in re.finditer(";", text)]  # are quadratic in one long sentence
    ceases = [(m.start(), m.end()) for m in _CEASES.finditer(text)]
    for i, f in enumerate(found):
        if f.ref.relation != "cites":
            continue
        k = bisect.bisect_left(ends, f.core_end)
        sentence_end = ends[k] if k < len(ends) else len(text)
        k = bisect.bisect_left(semicolons, sentence_end) - 1
        clause_start = semicolons[k] + 1 if k >= 0 and semicolons[k] >= f.core_end else f.core_end  # the last one
        k = bisect.bisect_left(ceases, (clause_start,))
        if not (k < len(ceases) and ceases[k][1] <= sentence_end):
            continue
        if i and _nested(text, found[i - 1], f.start):
            continue
        f.ref.relation = "replaces"


def _subject_after(text: str, pos: int, limit: int) -> str | None:
    m = _SUBJECT.match(text[pos:limit])
    if not m:
        return None
    subject = " ".join(m.group("s").split())
    subject = re.split(r"\s+và\s+(?=(?:" + _TYPE + r")\b)", subject, flags=re.I)[0]
    return re.sub(r"(?:\s*(?:,|và|hoặc))+$", "", subject, flags=re.I).strip() or None


# ----------------------------------------------------------------------------- the text's own document


_ATTACHED = re.compile(r"^[(*_\s]*(?:[Bb]an hành\s+)?[Kk]èm theo\s+")
_SUMMARY = re.compile(r"^\s*Ngày\s+[^,\n]{6,24}?\s*,")


def attached_to(text: str) -> Reference | None:
    """The parent an appendix line "(Kèm theo <type> số <symbol> ngày ... của ...)" names, or None."""
    m = _ATTACHED.match(text)
    return _numbered_at(text, m.end()) if m else None


def summary_of(text: str) -> Reference | None:
    """The document a site summary "Ngày <date>, <issuer> ban hành <type> <symbol> ..." announces, or None."""
    if not _SUMMARY.match(text):
        return None
    ref = next((r for r in find_references(text) if r.symbol), None)
    return ref if ref and ref.date and ref.issuer and ref.kind else None


def _numbered_at(text: str, pos: int) -> Reference | None:
    """The reference with a symbol that starts at ``pos`` with its type name."""
    ref = next(iter(find_references(text[pos:])), None)
    return ref if ref and ref.symbol and ref.kind and ref.span.start == 0 and text[pos:pos + 1].isupper() else None
