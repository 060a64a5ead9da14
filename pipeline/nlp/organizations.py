"""Organization gazetteer and resolver: one id per organization however it is written.

"Bộ KH&CN", "Bộ Khoa học và Công nghệ", "BỘ KHOA HỌC VÀ CÔNG NGHỆ" and "BKHCN" all give ``bo-khcn``;
"UBND TP. CẦN THƠ" and "Ủy ban nhân dân\\nthành phố Cần Thơ" give ``ubnd:can-tho``.

Data (``$VANBAN_MODELS`` or ``<repo>/models``):

- ``organizations.tsv``: national bodies with aliases, symbol codes, parent, validity and successor;
- ``provinces.tsv``: provinces before and after the 2025 reorganization;
- ``local_units.tsv``: bodies that exist once per province (UBND, HĐND, Tỉnh ủy, Sở ..., Ban ... Tỉnh ủy);
  their ids are made by rule: ``<code>:<province>`` (``so-khcn:can-tho``), with
  ``<code>:<province>/<level>-<name>`` below the province (``ubnd:tay-ninh/huyen-chau-thanh``).

Other names with an agency head ("Trung tâm ...", "Cục ...") get a slug id, under the organization they end
with ("Cục Pháp chế Bộ Quốc phòng"), their province, or the document's own ministry. Matching runs one
token-trie regex over offset-preserving folded text, then rules extend a head with its place ("... tỉnh Quảng
Trị", "... Thành ủy", "... các tỉnh, thành phố"). Abbreviations (UBND, TU, KH&CN) only match in upper case.

In running text (:meth:`Gazetteer.find_all`) the context decides short names: "Bộ" is the document's
ministry, "Sở Tư pháp" and "UBND tỉnh" its province, "Đoàn đại biểu Quốc hội" the delegation it addresses,
"Cổng TTĐT" in a Government document the Government portal; "Thường trực HĐND, UBND tỉnh Hà Tĩnh" shares the
place; "Các Bộ: Quốc phòng, Công an" and "UBND các tỉnh: Gia Lai, Đắk Lắk" name each body; "(sau đây viết là
Ban Chỉ đạo)" defines a short name. Collectives get ids ending in ``*`` ("UBND các tỉnh, thành phố" is
``ubnd:*``, "UBND các huyện" in Bình Định ``ubnd:binh-dinh/*``); symbol codes ("3645/UBND-KGVX") and the
topic of "Luật Tổ chức Chính phủ" are not mentions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.conventions.casing import sentence_case
from pipeline.model import OrgRef, Span
from pipeline.nlp.places import (
    SEP,
    TOKEN,
    UNIT_LEVELS,
    Province,
    Provinces,
    abbrev_mask,
    case_ok,
    fold_keep,
    load_provinces,
    models_dir,
    read_tsv,
    slug,
    tkey,
    tokens,
    trie_pattern,
)
from pipeline.textnorm import nfc, squash

_END = "(?![a-z0-9])"
_WINDOW = 200  # the longest place suffix looked at after a head ("... các tỉnh, thành phố trực thuộc Trung ương")
_UPPER = "".join(chr(c) for c in range(0x41, 0x1F00) if chr(c).isupper() and chr(c).isalpha())
_NAME_WORD = rf"(?:[{_UPPER}][^\W_]*|\d+)"
_PLACE_NAME = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}}")

_SUB = re.compile(
    r"[ \t*,]*(?P<level>huyen|quan|thi xa|(?<!tac )xa|phuong|thi tran|thanh pho|tp|t p)" + _END + r"[ \t.]*"
)
_BARE = re.compile(SEP + r"(?P<marker>tinh|thanh pho|tp|t p)" + _END + r"\.?")
# "Ủy ban nhân dân huyện" with no name after it: the district of the document, which the text does not name
_BARE_LEVEL = re.compile(SEP + r"(?P<level>huyen|quan|thi xa|xa|phuong|thi tran)" + _END)
# "các tỉnh, thành phố trực thuộc Trung ương", "tỉnh, thành phố", "cấp tỉnh"; not a list ("các tỉnh: Gia Lai, ...")
_GROUP = re.compile(
    rf"{SEP}(?:(?:cac|cap) (?:tinh|dia phuong){_END}(?![ \t]*:)|tinh{_END}(?=[ \t]*,[ \t]*(?:thanh pho|tp)))"
    rf"(?:{SEP}(?:thanh pho|tp){_END})?(?:{SEP}(?:truc thuoc|thuoc) (?:trung uong|tw){_END})?"
)
# below the province: "các huyện, thị xã, thành phố", "các xã, phường", "cấp xã", "các cấp", "cùng cấp"
_LEVEL = r"(?:huyen|quan|thi xa|xa|phuong|thi tran|dac khu|thanh pho|tp)" + _END
_MORE_LEVELS = rf"(?:[ \t]*(?:,|va)[ \t]*{_LEVEL})"
_COLLECTIVE = re.compile(
    rf"{SEP}(?P<what>(?:cac|cap) {_LEVEL}{_MORE_LEVELS}*|{_LEVEL}{_MORE_LEVELS}+|cac cap|cung cap){_END}"
)
_EVERY_LEVEL = {"ubnd", "hdnd", "tt-hdnd", "tt-ubnd", "ub-mttq", "ca", "tand", "vksnd", "dang-bo"}  # below provinces
_COORD = re.compile(r"[ \t]*(?:,|va" + _END + r")[ \t]*")  # "Thường trực HĐND, UBND tỉnh X": the place is shared
_PARTY = re.compile(SEP + r"(?P<tu>tinh uy|thanh uy|tu)" + _END)
_TRAIL_PROVINCE = re.compile(r"[ \t]*,[ \t]*(?:tinh|thanh pho|tp)" + _END + SEP)

# Heads of names that are organizations by rule even when not in the gazetteer.
_GENERIC_HEADS = (
    "Ban cán sự đảng",
    "Đảng đoàn",
    "Trung tâm",
    "Cổng Thông tin điện tử",
    "Cổng TTĐT",
    "Hiệp hội",
    "Liên hiệp",
    "Công đoàn",
    "Chi cục",
    "Tổng cục",
    "Cục",
    "Vụ",
    "Phòng",
    "Ban Quản lý",
    "Ban Chỉ đạo",
    "Ban",
    "Hội đồng",
    "Viện",
    "Học viện",
    "Bệnh viện",
    "Trường",
    "Đại học",
    "Tổng công ty",
    "Công ty",
    "Tập đoàn",
    "Sở",
    "Bộ",
    "Ủy ban",
    "Văn phòng",
    "Thanh tra",
    "Hội",
    "Liên đoàn",
    "Đảng ủy",
    "Đảng bộ",
    "Chi bộ",
    "Huyện ủy",
    "Quận ủy",
    "Thị ủy",
    "Đoàn",
    "Tổ",
    "Quỹ",
    "Ngân hàng",
    "Kho bạc",
    "Đài",
    "Báo",
    "Tạp chí",
    "Nhà xuất bản",
)
_GENERIC_KEYS = tuple(sorted({tkey(h) for h in _GENERIC_HEADS}, key=len, reverse=True))
_GENERIC_IN_TEXT = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        re.escape(h) for h in sorted(set(_GENERIC_HEADS) - {"Bộ", "Sở", "Ban", "Tổ", "Hội"}, key=len, reverse=True)
    )
    + r")(?:[ \t]+(?!(?:về|việc|của|cho|tại|theo|trên|đối|với|được|các|những|để|khi|từ|đến|là|có|cấp)\b)[\w&\-]+)"
    r"{1,10}?[ \t]+(?=(?:tỉnh|thành phố|huyện|quận|thị xã|(?<!tác )xã|phường|thị trấn)[ \t]+" + _NAME_WORD + ")"
)
# Words before an organization that name a person's post: "Chủ tịch UBND tỉnh", "Giám đốc Sở ...".
_POSTS = re.compile(
    r"^(?:(?:đồng chí|các đồng chí|ông|bà)\s+)?(?:phó\s+)?(?:chủ tịch|giám đốc|bộ trưởng|thủ trưởng|trưởng ban|"
    r"trưởng|chánh văn phòng|chánh thanh tra|viện trưởng|chánh án|tổng giám đốc|tổng cục trưởng|cục trưởng|"
    r"vụ trưởng|bí thư|thành viên|lãnh đạo|thường trực|tm\.|kt\.|tl\.|tuq\.|q\.|t/m|k/t|t/l)\s*",
    re.IGNORECASE,
)
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\.?\s+", re.IGNORECASE)
_NOT_ORG = re.compile(r"^(?:như trên|lưu|vt|kính gửi)\b", re.IGNORECASE)
# "Bộ" standing for the ministry of the document unless followed by these (Bộ trưởng, bộ phận ...).
_BO_STOP = re.compile(
    r"(?:[ \t]*(?:trưởng|phận|ngành|máy|luật|đội|tộc|tiêu chí|chỉ số|hồ sơ|công cụ|mã|dữ liệu|nhớ|sưu tập|đề)|"
    r",[ \t]*ngành)\b",
    re.I,
)
# a lower-case name is a name unless it ends a compound: "tiến bộ khoa học", "cán bộ", "cơ sở tài chính"
_COMPOUND = re.compile(r"(?<![a-z])(?:tien|can|toan|dong|noi|so|co|tru)[ \t]+$")
_BO_CLASS = re.compile(r"(?:cac|ngang|moi|tung)[ \t]+$")  # "các Bộ", "cơ quan ngang Bộ": a class, not one ministry
_CONCEPT = re.compile(r"[ \t]+(?:điện tử|số(?!\s*\d)|kiến tạo)\b", re.IGNORECASE)  # "Chính phủ điện tử" is a concept
_PRE_TITLE = {"thu-tuong", "chu-tich-nuoc"}  # "Phó Thủ tướng" is a person's post, not the issuer
# "Đảng" alone is the Communist Party; "Đảng bộ", "Đảng ủy", "Đảng viên" are not
_PARTY_WORD = re.compile(r"\s*(?:bộ|ủy|uỷ|đoàn|viên|phí|tịch|kỳ|vụ|sự|tính|phái|trị)\b", re.IGNORECASE)
_LAW_TOPIC = re.compile(r"(?<![a-z0-9])luat to chuc[ \t\n]+$")  # "Luật Tổ chức Chính phủ" names a law
_NO_UNITS = {"chinh-phu", "thu-tuong", "chu-tich-nuoc", "quoc-hoi"}  # issuers without departments of their own
_SEAT = {"chinh-phu", "thu-tuong", "vpcp"}  # issuers whose bare "Cổng TTĐT", "Thanh tra" are the Government's
_OWN_UNITS = {"cong-ttdt", "thanh-tra"}  # units every agency has: bare, they belong to the issuer
# A named body in running text: capitalized words after a head, up to a function word or punctuation.
_NAMED_HEADS = tuple(sorted(set(_GENERIC_HEADS) - {"Bộ", "Sở", "Tổ"}, key=len, reverse=True))
_NAMED = re.compile(
    r"(?<![\w])(?:" + "|".join(r"\s+".join(map(re.escape, h.split())) for h in _NAMED_HEADS) + r")(?=\s)", re.IGNORECASE
)
# fmt: off
_CAPS_HEADS = {tkey(h) for h in (  # heads named in upper case inside a title ("... CỦA VIỆN BỎNG LÊ HỮU TRÁC")
    "Viện", "Học viện", "Trung tâm", "Cục", "Tổng cục", "Vụ", "Bệnh viện", "Trường", "Hiệp hội", "Tập đoàn",
    "Tổng công ty", "Ngân hàng",
)}
_UNIT_HEADS = {tkey(h) for h in (  # a body of the organization right after it: "Văn phòng Bộ", "Đảng ủy Bộ Tài chính"
    "Văn phòng", "Thanh tra", "Cổng TTĐT", "Cổng Thông tin điện tử", "Công đoàn", "Ban cán sự đảng", "Đảng ủy",
    "Đảng đoàn",
)}
# fmt: on
_HEAD_EXPANSIONS = {"Cổng TTĐT": "Cổng Thông tin điện tử", "Cổng thông tin điện tử": "Cổng Thông tin điện tử"}
_NAME_TOKEN = re.compile(r"[ \t]*(\n[ \t]*)?([^\W_](?:[\w&]|[-'’](?=\w))*)")
# fmt: off
_NAME_STOP = frozenset({  # words that end a name: function words, verbs, posts ("Cục trưởng")
    "về", "việc", "của", "cho", "tại", "theo", "trên", "với", "được", "các", "những", "để", "khi", "từ",
    "đến", "là", "có", "đã", "sẽ", "đang", "gửi", "nhận", "ngày", "năm", "tháng", "này", "đó", "thuộc", "phối",
    "chủ", "thực", "xem", "trình", "tham", "giao", "chịu", "kính", "đề", "không", "hoặc", "hay", "như",
    "nhằm", "trong", "sau", "trước", "bao", "gồm", "ban", "quy", "hướng", "cùng", "tiếp", "trưởng", "phó",
    "khai", "thì", "mà", "nên", "nếu", "vì", "do", "bởi", "còn", "đều", "cũng", "vẫn", "phải", "rà", "cập",
    "khẩn", "triệu", "hoàn", "bổ", "quyết", "đáp", "cấp", "chỉ", "tổ",
})
# fmt: on
# where a name gives way to its place ("Liên đoàn Lao động tỉnh"), and what a name is not inside ("phường Trường Thi")
_NAME_PLACE = re.compile(
    r"(?:[Tt]ỉnh|huyện|quận|phường|(?<!tác )xã(?![ \t]+hội)|[Tt]hành phố|thị xã|thị trấn|TP)(?!\w)"
)
_PLACE_BEFORE = re.compile(r"(?<![a-z])(?:tinh|huyen|quan|phuong|xa|thanh pho|thi xa|thi tran|thon|ap|duong|pho)\s+$")
_NAME_DASH = re.compile(r"[ \t]*[-–]\s*(?=[" + _UPPER + "])")  # "Lao động - Thương binh và Xã hội"
_CAPITAL_NEXT = re.compile(r"[ \t\n]+[" + _UPPER + "]")  # "Khoa học và Công nghệ": "và" inside a name
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_SEPARATOR = re.compile(r"[-/–(]")
_PARENT_GLUE = re.compile(r"[ \t]*(?:\n[ \t]*)?(?:(?:của|thuộc)[ \t]+|[-/–(][ \t]*)?")
# "Các Bộ: Quốc phòng, Công an", "các Sở: Tài chính, Y tế", "Ủy ban nhân dân các tỉnh: Gia Lai, Đắk Lắk"
_LIST = re.compile(
    r"(?<![\w])(?P<head>Bộ|Sở|Vụ|Cục|Thường\s+trực|Ủy\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND)"
    r"(?:\s+các\s+(?P<scope>tỉnh|thành\s+phố)(?:\s*,\s*thành\s+phố)?)?\s*:[ \t]*"
)
_LIST_GAP = re.compile(r"[ \t\n-]*")
_LIST_SKIP = re.compile(r"[^,;.\n:]{1,40},")
# "Các phòng thuộc Sở: GDMN, GDTH": units of the issuing Sở or ministry by their codes
_UNIT_LIST = re.compile(r"(?<![\w])(?:[Cc]ác\s+)?(?P<kind>[Pp]hòng|[Vv]ụ|[Cc]ục)\s+thuộc\s+(?P<owner>Sở|Bộ)\s*:[ \t]*")
_CODE = re.compile(r"[ \t]*(?P<code>[A-ZĐ][A-ZĐa-z0-9&]{1,11})(?=[ \t]*(?:[,;.\n]|$))")
_CODE_SEP = re.compile(r"[ \t]*,")
_LIST_SEP = re.compile(r"[ \t]*(?:,|và(?=\s)|\n[ \t]*-)[ \t\n-]*")
# "(sau đây viết là Ban Chỉ đạo của Chính phủ)": a short name the document defines for the body before it
_DEFINED = re.compile(
    r"[ \t]*\([ \t]*(?:sau[ \t]+đây[ \t]+)?(?:gọi|viết)(?:[ \t]+tắt)?[ \t]+là[ \t]+[“\"']?"
    r"(?P<alias>[^()“”\"'\n]{2,80}?)[”\"']?[ \t]*\)"
)


@dataclass(frozen=True)
class OrgRecord:
    """A row of organizations.tsv."""

    id: str
    name: str
    type: str
    parent: str = ""
    codes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    valid_from: str = ""
    valid_to: str = ""
    successor: str = ""
    note: str = ""


@dataclass(frozen=True)
class LocalUnit:
    """A row of local_units.tsv: a body that exists once per province."""

    code: str
    name: str
    scope: str  # "place" | "party"
    parent: str = ""
    needs_place: bool = False
    codes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass
class ResolveContext:
    """What a document says about itself: its issuers, recipients and province (a name or an id)."""

    issuers: list[OrgRef] = field(default_factory=list)
    province: str | None = None
    recipients: list[OrgRef] = field(default_factory=list)


@dataclass(frozen=True)
class _Entry:
    kind: str  # "org" | "unit" | "bo" (bare "Bộ") | "place" (bare "thành phố", resolve only)
    target: str
    alias: str
    mask: tuple[bool, ...]


@dataclass
class _Ctx:
    province: Province | None
    ministry: str | None
    owner: str | None = None  # the national issuer whose "Vụ ...", "Cục ..." a bare name is
    seat: bool = False  # a Government document: bare "Cổng TTĐT" is the Government portal
    known: dict[str, OrgRef] = field(default_factory=dict)  # unit code -> the document's own body of that kind


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


class Gazetteer:
    """The organization gazetteer with its matcher; build once with :func:`load_gazetteer`."""

    def __init__(self, models: Path | None = None) -> None:
        models = models or models_dir()
        self.provinces: Provinces = load_provinces(models / "provinces.tsv")
        self.orgs: dict[str, OrgRecord] = {}
        self.units: dict[str, LocalUnit] = {}
        self._index: dict[str, list[_Entry]] = {}
        self._codes: dict[str, str] = {}
        self._unit_codes: dict[str, str] = {}
        self._nospace: dict[str, tuple[str, str]] = {}
        for row in read_tsv(models / "organizations.tsv"):
            rec = OrgRecord(
                id=row["id"],
                name=row["name"],
                type=row["type"],
                parent=row["parent"],
                codes=_split(row["codes"]),
                aliases=_split(row["aliases"]),
                valid_from=row["valid_from"],
                valid_to=row["valid_to"],
                successor=row["successor"],
                note=row["note"],
            )
            rec = replace(rec, aliases=rec.aliases + _assembly_aliases(rec))
            self.orgs[rec.id] = rec
            for alias in (rec.name, *rec.aliases):
                self._add(_Entry("org", rec.id, alias, abbrev_mask(alias)))
            self._nospace.setdefault(tkey(rec.name).replace(" ", ""), ("org", rec.id))
            for code in rec.codes:
                self._codes.setdefault(code, rec.id)
        for row in read_tsv(models / "local_units.tsv"):
            unit = LocalUnit(
                code=row["code"],
                name=row["name"],
                scope=row["scope"],
                parent=row["parent"],
                needs_place=row["needs_place"] == "1",
                codes=_split(row["codes"]),
                aliases=_split(row["aliases"]),
            )
            self.units[unit.code] = unit
            for alias in {unit.name, *unit.aliases}:
                self._add(_Entry("unit", unit.code, alias, abbrev_mask(alias)))
            for code in unit.codes:
                self._unit_codes.setdefault(code, unit.code)
        self._add(_Entry("bo", "", "Bộ", ()))
        for word in ("tỉnh", "thành phố", "TP"):
            self._add(_Entry("place", "", word, abbrev_mask(word)))
        self._add_nospace_locals()
        self._trie = re.compile(r"(?<![a-z0-9])" + trie_pattern(self._index))
        self._place = re.compile(
            SEP
            + r"(?:(?P<marker>tinh|thanh pho|tp|t p)"
            + _END
            + SEP
            + r")?(?P<prov>"
            + self.provinces.pattern
            + r")"
            + _END
        )
        self._current = [(tkey(r.name), r.id) for r in self.orgs.values() if not r.valid_to]
        self._province_only = re.compile(r"(?:" + self.provinces.pattern + ")" + _END)
        self._codes_folded = {_code_key(c): i for c, i in reversed(list(self._codes.items()))}
        self._unit_codes_folded = {_code_key(c): u for c, u in reversed(list(self._unit_codes.items()))}

    def _add(self, entry: _Entry) -> None:
        bucket = self._index.setdefault(tkey(entry.alias), [])
        if entry not in bucket:
            bucket.append(entry)

    def _add_nospace_locals(self) -> None:
        """Spaceless keys of province bodies, for letter-split OCR ("ỦY B AN NHÂN D Â N T ỈNH ...")."""
        for p in self.provinces.by_id.values():
            places = {p.place, p.name, "tỉnh " + p.name, "thành phố " + p.name, "tp " + p.name}
            for code, heads in (("ubnd", ("Ủy ban nhân dân", "UBND")), ("hdnd", ("Hội đồng nhân dân", "HĐND"))):
                for head in heads:
                    for place in places:
                        self._nospace.setdefault(tkey(f"{head} {place}").replace(" ", ""), (code, p.id))
            for head in ("Tỉnh ủy", "Thành ủy"):
                self._nospace.setdefault(tkey(f"{head} {p.name}").replace(" ", ""), ("tu", p.id))

    # ------------------------------------------------------------------------- public API

    def resolve(self, text: str, *, context: ResolveContext | None = None) -> OrgRef | None:
        """The organization a whole string names (any case, accents, abbreviations, line breaks), or None.

        Parent lines are allowed ("BỘ TÀI CHÍNH\\nTỔNG CỤC THUẾ" gives the Tổng cục with its parent), as are
        posts before the name ("Chủ tịch UBND tỉnh ..."). A joint header naming several bodies gives None: use
        :meth:`resolve_all`. A body that needs a province the text and context do not give has ``id=None``.
        """
        if not isinstance(text, str):
            return None
        cleaned = _clean(text)
        if not cleaned or _NOT_ORG.match(cleaned):
            return None
        ctx = self._ctx(context)
        found = self._scan(cleaned, ctx, strict=False)
        chain = self._chain(cleaned, found, ctx)
        post_free = _POSTS.sub("", cleaned, count=1)
        if chain is None and post_free and post_free != cleaned:
            cleaned = post_free
            found = self._scan(cleaned, ctx, strict=False)
            chain = self._chain(cleaned, found, ctx)
        if chain is not None:
            return OrgRef(name=chain.name, id=chain.id, parent=chain.parent, text=text)
        if not found:
            spaced = self._nospace.get(tkey(cleaned).replace(" ", ""))
            if spaced:
                ref = self._by_key(*spaced)
                return OrgRef(name=ref.name, id=ref.id, parent=ref.parent, text=text)
        if not found or not _only_glue(cleaned[: found[0][0]]):
            # "Trung tâm X", "Phòng Y Sở Nội vụ tỉnh Z": a body named by rule, under the known one it ends with
            generic = self._generic(cleaned, ctx)
            if generic:
                if found and _only_glue(cleaned[found[-1][1] :]) and found[-1][2].id:
                    generic.parent = found[-1][2].id
                generic.text = text
                return generic
        return None

    def resolve_all(self, text: str, *, context: ResolveContext | None = None) -> list[OrgRef]:
        """Every organization a header or list names, in order ("BỘ TÀI CHÍNH - BỘ Y TẾ" gives two)."""
        return [ref for _, _, ref in self.find_all(_clean(text), context)]

    def find_all(self, text: str, context: ResolveContext | None = None) -> list[tuple[int, int, OrgRef]]:
        """Every organization mention in running text: (start, end, OrgRef with span), longest match first.

        Offsets index ``text`` itself (NFC text, as every span of the project). Short forms take their place from
        the context ("Sở KH&CN", "Ban Tuyên giáo TU", "Bộ"); bodies named by rule ("Viện Bỏng Lê Hữu Trác") get a
        slug id scoped as :meth:`_generic` says; a kind of body with no place to tell which ("Hội đồng nhân dân" in
        a national text) has ``id=None``. The rules are listed in the module docstring.
        """
        if not text:
            return []
        ctx = self._ctx(context)
        folded = fold_keep(text)
        found = [
            hit
            for hit in self._scan(text, ctx, strict=True, folded=folded)
            if not _in_symbol(text, hit[0]) and not _LAW_TOPIC.search(folded, max(0, hit[0] - 20), hit[0])
        ]
        found = self._lists(text, ctx, found)
        found = self._unit_lists(text, ctx, found)
        found = self._defined(text, found)
        for m in _GENERIC_IN_TEXT.finditer(text):
            start = m.start()
            window = text[m.end() : m.end() + _WINDOW]
            end = m.end() + self._sub_end(fold_keep(window), window)
            if end <= m.end() or _overlaps(found, start, end):
                continue
            ref = self._generic(text[start:end], ctx)
            if ref:
                found.append(_at(ref, text, start, end))
        found = self._named(text, ctx, found)
        found.sort(key=lambda t: (t[0], -t[1]))
        return found

    def from_symbol_code(self, code: str, context: ResolveContext | None = None) -> OrgRef | None:
        """The issuer of a symbol code: "BTC", "TTg", "QH15", "UBTVQH14", "VPTW"; "SKHCN", "UBND" need a province."""
        if not isinstance(code, str):
            return None
        raw = squash(nfc(code)).strip(" -/.")
        if not raw:
            return None
        org_id = self._codes.get(raw)
        if org_id is None:
            m = re.fullmatch(r"([^\W\d_]+)\s*\d{1,2}", raw)  # a National Assembly body + term: QH15, UBDNGS15
            stem = self._codes.get(m.group(1).upper()) if m else None
            if stem and self.orgs[stem].type == "national_assembly":
                raw = m.group(1).upper()
            org_id = self._codes.get(raw) or self._codes_folded.get(_code_key(raw))
        if org_id:
            rec = self.orgs[org_id]
            return OrgRef(name=rec.name, id=rec.id, parent=rec.parent or None, text=code)
        unit = self._unit_codes.get(raw) or self._unit_codes_folded.get(_code_key(raw))
        ctx = self._ctx(context)
        if unit and ctx.province:
            ref = self._local(unit, ctx.province)
            ref.text = code
            return ref
        return None

    def get(self, org_id: str) -> OrgRecord | None:
        """The gazetteer row of a national organization id."""
        return self.orgs.get(org_id)

    def canonical_name(self, org_id: str) -> str | None:
        """The full name of a gazetteer id, national ("bo-khcn") or provincial ("so-khcn:can-tho"), else None."""
        rec = self.orgs.get(org_id)
        if rec:
            return rec.name
        code, _, place = org_id.partition(":")
        prov = self.provinces.by_id.get(place)
        return self._unit_name(self.units[code], prov) if code in self.units and prov else None

    def province(self, text: str) -> Province | None:
        """The province named by ``text`` (pre- and post-2025 names), or None."""
        return self.provinces.find(text)

    # ------------------------------------------------------------------------- matching

    def _ctx(self, context: ResolveContext | None) -> _Ctx:
        """What the document says about itself; a national issuer's place of issue (Hà Nội) is not its province."""
        if context is None:
            return _Ctx(None, None)
        national = [ref.id for ref in context.issuers if ref.id in self.orgs]
        province = self.provinces.find(context.province) if context.province and not national else None
        ministry = None
        known: dict[str, OrgRef] = {}
        for ref in [*context.issuers, *context.recipients]:
            code, _, place = (ref.id or "").partition(":")
            prov = self.provinces.by_id.get(place.split("/", 1)[0])
            if prov and code in self.units and "/" not in place:
                known.setdefault(code, ref)
            if province is None and prov:
                province = prov
            rec = self.orgs.get(ref.id or "")
            if ministry is None and rec and rec.type == "ministry":
                ministry = rec.id
        owner = ministry or next((i for i in national if i not in _NO_UNITS), None)
        return _Ctx(province, ministry, owner, any(i in _SEAT for i in national), known)

    def _scan(self, text: str, ctx: _Ctx, *, strict: bool, folded: str | None = None) -> list[tuple[int, int, OrgRef]]:
        folded = folded if folded is not None else fold_keep(text)
        out: list[tuple[int, int, OrgRef]] = []
        pos = 0
        while True:
            m = self._trie.search(folded, pos)
            if not m:
                return out
            hit = self._hit(text, folded, m, ctx, strict)
            if hit is None:
                pos = m.start() + 1
                continue
            out.append(hit)
            pos = hit[1]

    def _hit(self, text: str, folded: str, m: re.Match[str], ctx: _Ctx, strict: bool) -> tuple[int, int, OrgRef] | None:
        """The best reading of one trie match: (start, end, OrgRef with text and span), or None."""
        start, end = m.span()
        best: tuple[int, OrgRef] | None = None
        for entry in self._index.get(" ".join(tokens(folded[start:end])), ()):
            hit = self._accept(entry, text, folded, start, end, ctx, strict)
            if hit and (best is None or hit[0] > best[0]):
                best = hit
        if best is None:
            return None
        return _at(best[1], text, start, best[0])

    def _match_at(self, text: str, folded: str, pos: int, ctx: _Ctx, strict: bool) -> tuple[int, int, OrgRef] | None:
        """The organization starting exactly at ``pos``, or None."""
        m = self._trie.match(folded, pos)
        return self._hit(text, folded, m, ctx, strict) if m else None

    def _accept(
        self, entry: _Entry, text: str, folded: str, start: int, end: int, ctx: _Ctx, strict: bool
    ) -> tuple[int, OrgRef] | None:
        written = text[start:end]
        if not case_ok(entry.alias, entry.mask, written):
            return None
        if (
            strict
            and not written[0].isupper()
            and (len(entry.alias.split()) < 3 or _COMPOUND.search(folded, max(0, start - 8), start))
        ):
            return None
        if len(entry.mask) == 1 and not entry.mask[0] and written.lower() != entry.alias.lower():
            return None  # one plain word keeps its accents: "Đăng" is not "Đảng"
        if entry.kind == "org":
            if entry.target in _PRE_TITLE and re.search(r"ph[oó]\s*$", folded[max(0, start - 5) : start]):
                return None
            if strict and (_CONCEPT.match(text, end) or (entry.target == "dcsvn" and _PARTY_WORD.match(text, end))):
                return None
            rec = self.orgs[entry.target]
            return end, OrgRef(name=rec.name, id=rec.id, parent=rec.parent or None)
        if entry.kind == "bo":
            nxt = re.match(r"[ \t]*([^\W\d_]+)", text[end:])
            if not ctx.ministry or written != "Bộ" or _BO_CLASS.search(folded, max(0, start - 8), start):
                return None
            if (nxt and nxt.group(1)[0].isupper()) or _BO_STOP.match(text, end):
                return None
            rec = self.orgs[ctx.ministry]
            return end, OrgRef(name=rec.name, id=rec.id, parent=rec.parent or None)
        if entry.kind == "place":
            if strict or ctx.province is None or text[end:].strip(" .,;:*\n\t"):
                return None
            return end, self._local("ubnd", ctx.province)
        return self._unit(entry.target, text, folded, end, ctx, strict, own_tu=written.endswith("TU"))

    def _unit(
        self, code: str, text: str, folded: str, end: int, ctx: _Ctx, strict: bool, own_tu: bool = False
    ) -> tuple[int, OrgRef] | None:
        """A body of a province read from its head at ``end``; ``own_tu``: the head says its Tỉnh ủy ("VPTU")."""
        unit = self.units[code]
        rest, orig = folded[end : end + _WINDOW], text[end : end + _WINDOW]
        if unit.scope == "party" and code != "tu" and not own_tu:
            m = _PARTY.match(rest)
            if not m or (m.group("tu") == "tu" and not orig[m.start("tu") : m.end("tu")].isupper()):
                return None
            end += m.end()
            rest, orig = folded[end : end + _WINDOW], text[end : end + _WINDOW]
        m = self._place.match(rest)
        if m:
            prov = self.provinces.lookup(m.group("prov"), orig[m.start("prov") : m.end("prov")])
            marker = m.group("marker") or ""
            if prov and not (marker in ("thanh pho", "tp", "t p") and prov.kind == "tinh" and unit.scope == "place"):
                return end + m.end(), self._local(code, prov)
        if unit.scope == "place":
            sub = self._sub_end(rest, orig)
            if sub:
                return end + sub, self._sub_local(code, text[end : end + sub], ctx)
            m = _GROUP.match(rest)
            if m:
                return end + m.end(), self._scoped(code, "*")
            m = _COLLECTIVE.match(rest)
            if m and not orig[m.start("what") : m.end("what")].lower().startswith("cung"):
                what = squash(orig[m.start("what") : m.end("what")])
                where = f" {ctx.province.place}" if ctx.province else ""
                return end + m.end(), OrgRef(
                    name=f"{unit.name} {what}{where}", id=f"{code}:{ctx.province.id if ctx.province else '*'}/*"
                )
            m = _BARE.match(rest)
            if m and (m.group("marker") != "tp" or orig[m.start("marker") : m.end("marker")][0].isupper()):
                end += m.end()
                return end, self._local(code, ctx.province) if ctx.province else OrgRef(name=unit.name)
            m = _BARE_LEVEL.match(rest)
            if m and code in _EVERY_LEVEL:
                return end + m.end(), OrgRef(name=f"{unit.name} {orig[m.start('level') : m.end('level')]}")
        shared = self._shared_place(code, text, folded, end, ctx, strict)
        if shared:
            return end, shared
        if code in ctx.known:
            return end, replace(ctx.known[code], text=None, span=None)
        if unit.needs_place:
            own = self._own_unit(unit, ctx) if strict and code in _OWN_UNITS else None
            return (end, own) if own else None
        if ctx.province:
            return end, self._local(code, ctx.province)
        return end, OrgRef(name=self._unit_name(unit, None))  # a kind of body with no place to tell which

    def _shared_place(self, code: str, text: str, folded: str, end: int, ctx: _Ctx, strict: bool) -> OrgRef | None:
        """The place of the next body when it is coordinated: "HĐND, UBND tỉnh Hà Tĩnh", "HĐND, UBND các tỉnh"."""
        m = _COORD.match(folded, end)
        nxt = self._match_at(text, folded, m.end(), ctx, strict) if m else None
        other_code, _, scope = (nxt[2].id or "").partition(":") if nxt else ("", "", "")
        if other_code not in self.units or not scope or ("/" in scope and not scope.endswith("/*")):
            return None
        if scope.endswith("/*") and not {code, other_code} <= _EVERY_LEVEL:
            return None  # "Sở GD&ĐT, UBND cấp xã": a provincial body and the communes
        return self._scoped(code, scope)

    def _scoped(self, code: str, scope: str) -> OrgRef:
        """Body ``code`` of a province (``scope`` = province id), of all provinces (``*``) or a collective below."""
        unit = self.units[code]
        if scope == "*":
            return OrgRef(name=f"{unit.name} các tỉnh, thành phố trực thuộc Trung ương", id=f"{code}:*")
        prov = self.provinces.by_id.get(scope.split("/", 1)[0])
        if scope.endswith("/*"):
            return OrgRef(name=f"{unit.name} các cấp" + (f" {prov.place}" if prov else ""), id=f"{code}:{scope}")
        return self._local(code, prov) if prov else OrgRef(name=unit.name)

    def _own_unit(self, unit: LocalUnit, ctx: _Ctx) -> OrgRef | None:
        """A bare "Cổng TTĐT", "Thanh tra" of the issuing agency: the Government's, or a unit of the ministry."""
        if not ctx.seat and not ctx.owner:
            return None
        seat = "Chính phủ" if ctx.seat else self.orgs[ctx.owner or ""].name
        for entry in self._index.get(tkey(f"{unit.name} {seat}"), ()):
            if entry.kind == "org":
                return self._by_key("org", entry.target)
        if not ctx.owner:
            return None
        return OrgRef(name=f"{unit.name} {seat}", id=f"{ctx.owner}/{slug(unit.name)}", parent=ctx.owner)

    def _lists(self, text: str, ctx: _Ctx, found: list[tuple[int, int, OrgRef]]) -> list[tuple[int, int, OrgRef]]:
        """Each body of a list under one head: "Các Bộ: Quốc phòng, Công an", "UBND các tỉnh: Gia Lai, Đắk Lắk"."""
        for m in _LIST.finditer(text):
            head = " ".join(" ".join(g.split()) for g in m.group("head", "scope") if g)
            items, pos = [], m.end()
            while True:
                pos = _LIST_GAP.match(text, pos).end()
                window = f"{head} {text[pos : pos + _WINDOW]}"
                hit = self._match_at(window, fold_keep(window), 0, ctx, strict=True)
                if hit is None or hit[1] <= len(head) + 1 or not hit[2].id:
                    skip = _LIST_SKIP.match(text, pos)  # one the gazetteer does not know ("KG V X"): the next one
                    if not skip:
                        break
                    pos = skip.end()
                    continue
                end = pos + hit[1] - len(head) - 1
                items.append(_at(hit[2], text, pos, end))
                sep = _LIST_SEP.match(text, end)
                if not sep:
                    break
                pos = sep.end()
            if items:
                found = [f for f in found if not (f[0] < items[-1][1] and m.start() < f[1])] + items
        return found

    def _coded_units(
        self, text: str, pos: int, kind: str, parent: str | None, ctx: _Ctx
    ) -> list[tuple[int, int, OrgRef]]:
        """Units named by code from ``pos`` on, comma-separated: "GDMN, GDTH" after "Các phòng thuộc Sở:"."""
        out: list[tuple[int, int, OrgRef]] = []
        while True:
            m = _CODE.match(text, pos)
            ref = self._generic(f"{kind} {m.group('code')}", ctx, parent) if m else None
            if ref is None:
                return out
            out.append(_at(ref, text, m.start("code"), m.end("code")))
            sep = _CODE_SEP.match(text, m.end())
            if not sep:
                return out
            pos = sep.end()

    def _unit_lists(self, text: str, ctx: _Ctx, found: list[tuple[int, int, OrgRef]]) -> list[tuple[int, int, OrgRef]]:
        """ "Các phòng thuộc Sở: GDMN, GDTH": units of the document's own Sở (or ministry) by their codes."""
        for m in _UNIT_LIST.finditer(text):
            owner = (
                ctx.ministry
                if m.group("owner") == "Bộ"
                else next((ref.id for code, ref in ctx.known.items() if code.startswith("so-")), None)
            )
            if owner:
                units = self._coded_units(text, m.end(), m.group("kind").capitalize(), owner, ctx)
                found = [f for f in found if not any(f[0] < b and a < f[1] for a, b, _ in units)] + units
        return found

    def _defined(self, text: str, found: list[tuple[int, int, OrgRef]]) -> list[tuple[int, int, OrgRef]]:
        """Short names the document defines: "X (sau đây viết là Ban Chỉ đạo của Chính phủ)" and their uses."""
        for _start, end, ref in sorted(found, key=lambda t: t[0]):
            m = _DEFINED.match(text, end)
            if not m or not ref.id:
                continue
            alias = m.group("alias").strip()
            head, _, rest = alias.partition(" của ")
            forms = [alias] + ([f"{_initials(head)} của {rest}", head] if rest and len(head.split()) > 1 else [])
            pattern = "|".join(r"[ \t\n]+".join(map(re.escape, f.split())) for f in forms)
            pattern = rf"(?:{pattern})(?![ \t]*(?:[{_UPPER}]|của|về))"
            for use in re.finditer(rf"(?<![\w])(?:{pattern})(?![\w])", text[end:]):
                a, b = end + use.start(), end + use.end()
                found = [f for f in found if not (a <= f[0] and f[1] <= b)]
                if not _overlaps(found, a, b):
                    found.append(_at(replace(ref), text, a, b))
        return found

    def _named(self, text: str, ctx: _Ctx, found: list[tuple[int, int, OrgRef]]) -> list[tuple[int, int, OrgRef]]:
        """Bodies named by rule in running text: "Viện Bỏng Lê Hữu Trác", "Cục Pháp chế Bộ Quốc phòng", "Văn phòng Bộ".

        The name is the head and its words up to a function word or punctuation; an organization right after it
        ("Bộ Quốc phòng", "Bộ", "/Bộ Tư pháp") is its parent and joins the mention.
        """
        by_start = {f[0]: f for f in found if f[2].id}
        folded = fold_keep(text)
        named: list[tuple[OrgRef, str, str]] = []  # (reference, head key, name words) for abbreviations
        for m in _NAMED.finditer(text):
            start, head = m.start(), m.group(0)
            caps = head.isupper()
            if not head[0].isupper() or (
                caps and (tkey(head) not in _CAPS_HEADS or not text.endswith("CỦA ", 0, start))
            ):
                continue  # upper case only in a title: "ĐIỀU LỆ ... CỦA VIỆN BỎNG LÊ HỮU TRÁC"
            # a bare unit the scan read as the issuer's own ("Cổng TTĐT") gives way to a parent written after it
            own = [f for f in found if f[0] == start and f[1] <= m.end()]
            if _overlaps([f for f in found if f not in own], start, m.end()):
                continue
            if re.search(r"(?<![a-z])cac[ \t]+$", folded[max(0, start - 5) : start]):
                continue  # "các Ủy ban của Quốc hội", "các Vụ": a class
            if _PLACE_BEFORE.search(folded, max(0, start - 10), start):
                continue  # "phường Trường Thi": a place
            name_end = self._name_end(text, m.end(), caps, by_start)
            glue = _PARENT_GLUE.match(text, name_end)
            parent = by_start.get(glue.end()) if glue else None
            bare = name_end == m.end()
            if bare and (parent is None or tkey(head) not in _UNIT_HEADS):
                continue
            if _overlaps([f for f in found if f not in own], start, name_end) or (own and parent is None):
                continue
            name = squash(_HEAD_EXPANSIONS.get(head, head) + text[m.end() : name_end].replace("\n", " "))
            ref = self._generic(name, ctx, parent[2].id if parent else None)
            if ref is None:
                continue
            if bare and parent:  # "Văn phòng Bộ": the label names whose office it is
                ref.name = f"{ref.name} {parent[2].name}"
            if parent is None and self._before_collective(text, folded, name_end):
                ref.id = f"{ref.id.split(':', 1)[0]}:{ctx.province.id if ctx.province else '*'}/*"
            named.append((ref, tkey(head), text[m.end() : name_end]))
            # "Cục Pháp chế Bộ Quốc phòng" is one mention; "Vụ Pháp chế - Bộ Tư pháp", "(Bộ GDĐT)" are two
            joined = parent is not None and not _SEPARATOR.search(glue.group(0))
            end = parent[1] if joined else name_end
            place = _BARE.match(folded, name_end) if parent is None else None
            if place and (place.group("marker") != "tp" or text[name_end:].lstrip().startswith("TP")):
                end = place.end()  # "Liên đoàn Lao động tỉnh": the document's province
            found = [f for f in found if not (joined and f is parent) and f not in own]
            found.append(_at(ref, text, start, end))
            coded = text[m.end() : name_end].strip()
            if parent is None and coded.isupper() and " " not in coded and _CODE_SEP.match(text, end):
                siblings = self._coded_units(text, _CODE_SEP.match(text, end).end(), head, None, ctx)
                found += [u for u in siblings if not _overlaps(found, u[0], u[1])]  # "Phòng NVDTPC, KTR1"
        _expand_abbreviations(named)
        return found

    def _before_collective(self, text: str, folded: str, pos: int) -> bool:
        """Whether a collective follows, maybe after more names: "Trung tâm Y tế, Phòng GD&ĐT các huyện"."""
        while not _COLLECTIVE.match(folded, pos):
            m = _COMMA.match(text, pos)
            head = _NAMED.match(text, m.end()) if m else None
            if head is None:
                return False
            pos = self._name_end(text, head.end(), head.group(0).isupper(), {})
        return True

    @staticmethod
    def _name_end(text: str, pos: int, caps: bool, known: dict) -> int:
        """Where the words of a name that starts at ``pos`` end, before any ``known`` mention (see :meth:`_named`).

        Lower-case words follow the first capitalized word ("Trung tâm Phục vụ hành chính công"), but not a run of
        capitalized words ("Tổng công ty Tân Cảng Sài Gòn rà soát"); " - " joins parts ("Lao động - Thương binh").
        """
        end, words, run = pos, 0, 0
        while words < 12:
            dash = _NAME_DASH.match(text, end) if words else None
            nxt = dash.end() if dash and not _NAMED.match(text, dash.end()) and dash.end() not in known else end
            m = _NAME_TOKEN.match(text, nxt)
            if not m or m.start(2) in known or _NAME_PLACE.match(text, m.start(2)):
                break
            newline, word = m.group(1), m.group(2)
            capital = word[0].isupper() or word[0].isdigit()
            stop = word.lower() in _NAME_STOP and (caps or not capital)
            if (not words and not capital) or stop or (len(word) == 1 and not capital):
                break
            if (caps and not word.isupper() and not word.isdigit()) or (newline and words and (caps or capital)):
                break
            if not capital and run >= 2 and word != "và":
                break
            if word == "và" and not _CAPITAL_NEXT.match(text, m.end()):
                break
            proper = capital and not (len(word) > 1 and word.isupper())  # "Việt Nam" counts, "QL" does not
            end, words, run = m.end(), words + 1, run + 1 if proper else 0
        return end

    def _sub_end(self, rest: str, orig: str) -> int:
        """Length of a sub-provincial place ("huyện Châu Thành, tỉnh Tây Ninh") at the start of ``rest``, or 0."""
        m = _SUB.match(rest)
        if not m:
            return 0
        name = _PLACE_NAME.match(orig, m.end())
        if not name or (m.group("level") in ("tp", "t p") and not orig[m.start("level")].isupper()):
            return 0
        end = name.end()
        if m.group("level") in ("thanh pho", "tp", "t p"):
            city = self.provinces.find(name.group(0))
            if city and city.kind == "thanh-pho":
                return 0
        tail = _TRAIL_PROVINCE.match(rest, end)
        if tail:
            pm = self._province_only.match(rest, tail.end())
            if pm:
                end = pm.end()
        return end

    # ------------------------------------------------------------------------- building references

    def _unit_name(self, unit: LocalUnit, prov: Province | None) -> str:
        if unit.code == "tu":
            return prov.party_committee if prov else "Tỉnh ủy"
        if prov is None:
            return unit.name
        if unit.scope == "party":
            return f"{unit.name} {prov.party_committee}"
        return f"{unit.name} {prov.place}"

    def _parent_id(self, unit: LocalUnit, prov: Province) -> str | None:
        if not unit.parent:
            return None
        return f"{unit.parent}:{prov.id}" if unit.parent in self.units else unit.parent

    def _local(self, code: str, prov: Province) -> OrgRef:
        unit = self.units[code]
        return OrgRef(name=self._unit_name(unit, prov), id=f"{code}:{prov.id}", parent=self._parent_id(unit, prov))

    def _sub_local(self, code: str, place_text: str, ctx: _Ctx) -> OrgRef:
        unit = self.units[code]
        folded = fold_keep(place_text)
        m = _SUB.match(folded)
        assert m is not None
        level = UNIT_LEVELS[m.group("level")]
        rest = place_text[m.end() :]
        name_part, _, prov_part = rest.partition(",")
        name = squash(name_part).strip(" *")
        if name.isupper():
            name = name.title()
        prov = self.provinces.find(prov_part) if prov_part else None
        prov = prov or ctx.province
        unit_slug = f"{slug(level)}-{slug(name)}"
        where = f"{level} {name}" + (f", {prov.place}" if prov else "")
        if prov is None:
            return OrgRef(name=f"{unit.name} {where}", id=f"{code}:{unit_slug}")
        parent = f"ubnd:{prov.id}" if code == "ubnd" else (self._parent_id(unit, prov) or None)
        return OrgRef(name=f"{unit.name} {where}", id=f"{code}:{prov.id}/{unit_slug}", parent=parent)

    def _by_key(self, kind: str, target: str) -> OrgRef:
        if kind == "org":
            rec = self.orgs[target]
            return OrgRef(name=rec.name, id=rec.id, parent=rec.parent or None)
        return self._local(kind, self.provinces.by_id[target])

    def _chain(self, cleaned: str, found: list[tuple[int, int, OrgRef]], ctx: _Ctx) -> OrgRef | None:
        """One organization covering the whole string, possibly under parent lines; else None."""
        if not found or not _only_glue(cleaned[: found[0][0]]) or not _only_glue(cleaned[found[-1][1] :]):
            return None
        if any(not _only_glue(cleaned[a[1] : b[0]]) for a, b in zip(found, found[1:], strict=False)):
            return None
        ref = found[0][2]
        for _, _, child in found[1:]:
            child = self._under(ref, child, ctx)
            if child is None:
                return None
            ref = child
        return ref

    def _under(self, parent: OrgRef, child: OrgRef, ctx: _Ctx) -> OrgRef | None:
        """``child`` read under its header line ``parent``; None when the two are co-issuers."""
        if child.id is None and parent.id and ":" in parent.id:
            prov = self.provinces.by_id.get(parent.id.split(":", 1)[1].split("/", 1)[0])
            redo = self._scan(child.text or "", _Ctx(prov, ctx.ministry), strict=False)
            if len(redo) == 1:
                child = redo[0][2]
        if child.id is None:
            return OrgRef(name=child.name, parent=parent.id)
        if child.parent and parent.id and (child.parent == parent.id or self._ancestor(parent.id, child.parent)):
            return OrgRef(name=child.name, id=child.id, parent=parent.id)
        if parent.id and child.id and parent.id in self.orgs and child.id not in self.orgs and ":" not in child.id:
            return OrgRef(name=child.name, id=child.id, parent=parent.id)
        return None

    def _ancestor(self, org_id: str, of: str) -> bool:
        seen = set()
        while of and of not in seen:
            if of == org_id:
                return True
            seen.add(of)
            rec = self.orgs.get(of)
            of = rec.parent if rec else (f"ubnd:{of.split(':', 1)[1]}" if ":" in of else "")
        return False

    def _starts_generic(self, cleaned: str) -> bool:
        key = " ".join(tokens(fold_keep(cleaned)))
        return any(key == k or key.startswith(k + " ") for k in _GENERIC_KEYS)

    def _generic(self, cleaned: str, ctx: _Ctx, parent: str | None = None) -> OrgRef | None:
        """A rule-made reference for "Trung tâm ...", "Cục ...": slug id, under ``parent`` when given (a national
        id: ``bo-qp/cuc-phap-che``; a provincial one: ``<slug>:<province>``), else scoped to the document's
        ministry (Vụ, Cục, Viện) or province."""
        name = squash(cleaned.replace("\n", " ")).strip(" .,;:")
        name = _BARE_PLACE.sub("", name)  # "Trung tâm Chuyển đổi số Thành phố": the place is the scope
        toks = tokens(fold_keep(name))
        if not self._starts_generic(name) or not 2 <= len(toks) <= 20 or toks[1] == "truong":
            return None  # "Bộ trưởng", "Cục trưởng" are posts
        if not any(c.islower() for c in name):
            name = sentence_case(name)
        sid = slug(name)
        head = toks[0]
        if head == "bo":  # a ministry cut short ("Bộ Văn hóa" of "Bộ Văn hóa, Thể thao và Du lịch")
            whole = [i for k, i in self._current if k.startswith(" ".join(toks) + " ")]
            return self._by_key("org", whole[0]) if len(whole) == 1 else OrgRef(name=name, id=sid)
        owner = parent if parent and ":" not in parent else None  # a national body or one of its units
        if parent is None and head in ("vu", "cuc", "tong", "vien"):
            owner = ctx.ministry or ctx.owner
        if owner:
            rec = self.orgs.get(owner)
            known = self._index.get(tkey(f"{name} {rec.name}"), ()) if rec else ()  # "Vụ Nông nghiệp" of VPCP
            entry = next((e for e in known if e.kind == "org"), None)
            return self._by_key("org", entry.target) if entry else OrgRef(name=name, id=f"{owner}/{sid}", parent=owner)
        scope = parent.partition(":")[2] if parent else (ctx.province.id if ctx.province else "")
        return OrgRef(name=name, id=f"{sid}:{scope}" if scope else sid, parent=parent)


def _assembly_aliases(rec: OrgRecord) -> tuple[str, ...]:
    """ "Ủy ban Kinh tế và Tài chính của Quốc hội", "... Quốc hội" for the bodies of the National Assembly."""
    if rec.parent != "quoc-hoi" or "Quốc hội" in rec.name:
        return ()
    return (f"{rec.name} của Quốc hội", f"{rec.name} Quốc hội")


def _at(ref: OrgRef, text: str, start: int, end: int) -> tuple[int, int, OrgRef]:
    """``ref`` as the mention ``text[start:end]``."""
    ref.text, ref.span = text[start:end], Span(start, end)
    return start, end, ref


def _overlaps(found: list[tuple[int, int, OrgRef]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in found)


def _in_symbol(text: str, start: int) -> bool:
    """Whether a mention at ``start`` is a code inside a document symbol ("3645/UBND-KGVX", "/CTHT-BKH-CN-UBND",
    "215/TTr- NHNN", "9151- CV/BTCTW")."""
    a = b = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    token = text[a:b]
    broken = re.search(r"(\S*[-/])[ \t]+$", text[max(0, a - 30) : a])
    if broken:
        token = broken.group(1) + token
    return "/" in token and any(c.isdigit() or c == "-" for c in token)


def _expand_abbreviations(named: list[tuple[OrgRef, str, str]]) -> None:
    """Give "Vụ KHTC" the identity of "Vụ Kế hoạch - Tài chính" named in the same document (syllable initials)."""
    full = {(head, _scope(ref.id), _initials(words)): ref for ref, head, words in named if not words.strip().isupper()}
    for ref, head, words in named:
        letters = "".join(c for c in words if c.isalpha())
        match = full.get((head, _scope(ref.id), letters)) if words.strip().isupper() and len(letters) > 1 else None
        if match:
            ref.name, ref.id, ref.parent = match.name, match.id, match.parent


def _scope(org_id: str | None) -> str:
    """What a rule-made id is scoped to: "bo-nv" of "bo-nv/vu-khtc", "ha-noi" of "phong-kt:ha-noi"."""
    if not org_id:
        return ""
    return org_id.partition(":")[2] if ":" in org_id else org_id.rpartition("/")[0]


def _initials(words: str) -> str:
    """ "Ban Chỉ đạo" -> "BCĐ", "Kế hoạch - Tài chính" -> "KHTC", "Pháp chế và Quản lý" -> "PCQL"."""
    return "".join(w[0].upper() for w in words.split() if w[0].isalpha() and w != "và")


def _code_key(code: str) -> str:
    return fold_keep(code).replace("&", "").replace("-", "").replace(" ", "")


def _only_glue(s: str) -> bool:
    return not TOKEN.search(fold_keep(s))


_MARKUP = re.compile(r"\*\*|__|[*#|`>]")
_BARE_PLACE = re.compile(r"\s+(?:tỉnh|thành phố|TP\.?)$", re.IGNORECASE)
_TRAILING = re.compile(r"\s*\((?:[^()]*)\)\s*$|\s*\(Đã ký\)\s*$|\s+khóa\s+(?:[IVXL]+|\d{1,2})$", re.IGNORECASE)


def _clean(text: str) -> str:
    """The string stripped of markup, bullets, authority prefixes and trailing notes."""
    t = nfc(text)
    t = _MARKUP.sub(" ", t)
    t = re.sub(r"-{3,}|_{3,}", " ", t)
    t = re.sub(r"[ \t]*\n[ \t]*", "\n", t).strip(" \t\n-+•.,;:")
    for _ in range(2):
        t = _TRAILING.sub("", t).strip(" \t\n.,;:/")
    t = _AUTHORITY.sub("", t)
    return t.strip(" \t\n-+•.,;:")


@functools.cache
def load_gazetteer(models: Path | None = None) -> Gazetteer:
    """The gazetteer for ``models`` (default ``$VANBAN_MODELS`` or ``<repo>/models``), built once per process."""
    return Gazetteer(models)
