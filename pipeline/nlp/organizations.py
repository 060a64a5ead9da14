"""Organization gazetteer and resolver: one id per organization however it is written.

"Bộ KH&CN", "Bộ Khoa học và Công nghệ", "BỘ KHOA HỌC VÀ CÔNG NGHỆ" and "BKHCN" all give ``bo-khcn``;
"UBND TP. CẦN THƠ" and "Ủy ban nhân dân\\nthành phố Cần Thơ" give ``ubnd:can-tho``.

Data (``$VANBAN_MODELS`` or ``<repo>/models``):

- ``organizations.tsv``: national bodies with aliases, symbol codes, parent, validity and successor;
- ``provinces.tsv``: provinces before and after the 2025 reorganization;
- ``local_units.tsv``: bodies that exist once per province (UBND, HĐND, Tỉnh ủy, Sở ..., Ban ... Tỉnh ủy);
  their ids are made by rule: ``<code>:<province>`` (``so-khcn:can-tho``), with
  ``<code>:<province>/<level>-<name>`` below the province (``ubnd:tay-ninh/huyen-chau-thanh``).

Other names with an agency head ("Trung tâm ...", "Cục ...") get a slug id. Matching runs one token-trie
regex over offset-preserving folded text, then rules extend a head with its place ("... tỉnh Quảng Trị",
"... Thành ủy", "... các tỉnh, thành phố"). Abbreviations (UBND, TU, KH&CN) only match in upper case.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.model import OrgRef, Span
from pipeline.nlp.places import (
    SEP,
    TOKEN,
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

_LEVELS = {
    "huyen": "huyện",
    "quan": "quận",
    "thi xa": "thị xã",
    "xa": "xã",
    "phuong": "phường",
    "thi tran": "thị trấn",
    "thanh pho": "thành phố",
    "tp": "thành phố",
    "t p": "thành phố",
}
_SUB = re.compile(
    r"[ \t*,]*(?P<level>huyen|quan|thi xa|(?<!tac )xa|phuong|thi tran|thanh pho|tp|t p)" + _END + r"[ \t.]*"
)
_BARE = re.compile(SEP + r"(?P<marker>tinh|thanh pho|tp|t p)" + _END + r"\.?")
_GROUP = re.compile(
    SEP + r"cac (?:tinh|dia phuong)" + _END + r"(?:" + SEP + r"(?:thanh pho|tp)" + _END + r")?"
    r"(?:" + SEP + r"(?:truc thuoc|thuoc) (?:trung uong|tw)" + _END + r")?"
)
_PARTY = re.compile(SEP + r"(?P<tu>tinh uy|thanh uy|tu)" + _END)
_TRAIL_PROVINCE = re.compile(r"[ \t]*,[ \t]*(?:tinh|thanh pho|tp)" + _END + SEP)

# Heads of names that are organizations by rule even when not in the gazetteer.
_GENERIC_HEADS = (
    "Trung tâm",
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
    r"[ \t]*(?:trưởng|phận|ngành|máy|luật|đội|tộc|tiêu chí|chỉ số|hồ sơ|công cụ|mã|dữ liệu|nhớ|sưu tập|đề)\b", re.I
)
_CONCEPT = re.compile(r"[ \t]+(?:điện tử|số|kiến tạo)\b", re.IGNORECASE)  # "Chính phủ điện tử" is a concept
_PRE_TITLE = {"thu-tuong", "chu-tich-nuoc"}  # "Phó Thủ tướng" is a person's post, not the issuer


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

        Offsets index ``text`` itself (NFC text, as every span of the project). Bodies named by rule need their
        place in the text ("Trung tâm Y tế huyện X"), or a context for short forms ("Sở KH&CN", "Ban Tuyên giáo TU").
        """
        if not text:
            return []
        ctx = self._ctx(context)
        found = self._scan(text, ctx, strict=True)
        taken = [(s, e) for s, e, _ in found]
        for m in _GENERIC_IN_TEXT.finditer(text):
            start = m.start()
            window = text[m.end() : m.end() + _WINDOW]
            end = m.end() + self._sub_end(fold_keep(window), window)
            if end <= m.end() or any(s < end and start < e for s, e in taken):
                continue
            ref = self._generic(text[start:end], ctx)
            if ref:
                ref.text, ref.span = text[start:end], Span(start, end)
                found.append((start, end, ref))
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
            m = re.fullmatch(r"(UBTVQH|QH)\s*\d{1,2}", raw, re.IGNORECASE)
            if m:
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

    def province(self, text: str) -> Province | None:
        """The province named by ``text`` (pre- and post-2025 names), or None."""
        return self.provinces.find(text)

    # ------------------------------------------------------------------------- matching

    def _ctx(self, context: ResolveContext | None) -> _Ctx:
        if context is None:
            return _Ctx(None, None)
        province = self.provinces.find(context.province) if context.province else None
        ministry = None
        for ref in [*context.issuers, *context.recipients]:
            oid = ref.id or ""
            if province is None and ":" in oid:
                province = self.provinces.by_id.get(oid.split(":", 1)[1].split("/", 1)[0])
            rec = self.orgs.get(oid)
            if ministry is None and rec and rec.type == "ministry":
                ministry = rec.id
        return _Ctx(province, ministry)

    def _scan(self, text: str, ctx: _Ctx, *, strict: bool) -> list[tuple[int, int, OrgRef]]:
        folded = fold_keep(text)
        out: list[tuple[int, int, OrgRef]] = []
        pos = 0
        while True:
            m = self._trie.search(folded, pos)
            if not m:
                return out
            start, end = m.span()
            best: tuple[int, OrgRef] | None = None
            for entry in self._index.get(" ".join(tokens(folded[start:end])), ()):
                hit = self._accept(entry, text, folded, start, end, ctx, strict)
                if hit and (best is None or hit[0] > best[0]):
                    best = hit
            if best is None:
                pos = start + 1
                continue
            stop, ref = best
            ref.text, ref.span = text[start:stop], Span(start, stop)
            out.append((start, stop, ref))
            pos = stop

    def _accept(
        self, entry: _Entry, text: str, folded: str, start: int, end: int, ctx: _Ctx, strict: bool
    ) -> tuple[int, OrgRef] | None:
        written = text[start:end]
        if not case_ok(entry.alias, entry.mask, written):
            return None
        if strict and not written[0].isupper() and len(entry.alias.split()) < 3:
            return None
        if entry.kind == "org":
            if entry.target in _PRE_TITLE and re.search(r"ph[oó]\s*$", folded[max(0, start - 5) : start]):
                return None
            if strict and _CONCEPT.match(text, end):
                return None
            rec = self.orgs[entry.target]
            return end, OrgRef(name=rec.name, id=rec.id, parent=rec.parent or None)
        if entry.kind == "bo":
            nxt = re.match(r"[ \t]*([^\W\d_]+)", text[end:])
            prev = folded[max(0, start - 4) : start]
            if not ctx.ministry or written != "Bộ" or prev.endswith("cac "):
                return None
            if (nxt and nxt.group(1)[0].isupper()) or _BO_STOP.match(text, end):
                return None
            rec = self.orgs[ctx.ministry]
            return end, OrgRef(name=rec.name, id=rec.id, parent=rec.parent or None)
        if entry.kind == "place":
            if strict or ctx.province is None or text[end:].strip(" .,;:*\n\t"):
                return None
            return end, self._local("ubnd", ctx.province)
        return self._unit(entry.target, text, folded, end, ctx, strict)

    def _unit(self, code: str, text: str, folded: str, end: int, ctx: _Ctx, strict: bool) -> tuple[int, OrgRef] | None:
        unit = self.units[code]
        rest, orig = folded[end : end + _WINDOW], text[end : end + _WINDOW]
        if unit.scope == "party" and code != "tu":
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
                return end + m.end(), OrgRef(
                    name=f"{unit.name} các tỉnh, thành phố trực thuộc Trung ương", id=f"{code}:*"
                )
            m = _BARE.match(rest)
            if m and (m.group("marker") != "tp" or orig[m.start("marker") : m.end("marker")][0].isupper()):
                end += m.end()
                return end, self._local(code, ctx.province) if ctx.province else OrgRef(name=unit.name)
        if unit.needs_place:
            return None
        if strict and re.match(r"[\s,]*c[aá]c\b", orig):
            return end, OrgRef(name=unit.name)
        if ctx.province:
            return end, self._local(code, ctx.province)
        return end, OrgRef(name=self._unit_name(unit, None))

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
        level = _LEVELS[m.group("level")]
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
        head = " ".join(tokens(fold_keep(cleaned))[:3])
        return any(head == k or head.startswith(k + " ") for k in _GENERIC_KEYS)

    def _generic(self, cleaned: str, ctx: _Ctx) -> OrgRef | None:
        """A rule-made reference for "Trung tâm ...", "Cục ...": slug id, scoped to the province or ministry."""
        name = squash(cleaned.replace("\n", " ")).strip(" .,;:")
        if not self._starts_generic(name) or len(name.split()) > 20 or len(name.split()) < 2:
            return None
        if not any(c.islower() for c in name):
            name = name[0] + name[1:].lower()
        sid = slug(name)
        head = tokens(fold_keep(name))[0]
        if ctx.ministry and head in ("vu", "cuc", "tong", "vien"):
            return OrgRef(name=name, id=f"{ctx.ministry}/{sid}", parent=ctx.ministry)
        if ctx.province:
            return OrgRef(name=name, id=f"{sid}:{ctx.province.id}")
        return OrgRef(name=name, id=sid)


def _code_key(code: str) -> str:
    return fold_keep(code).replace("&", "").replace("-", "").replace(" ", "")


def _only_glue(s: str) -> bool:
    return not TOKEN.search(fold_keep(s))


_MARKUP = re.compile(r"\*\*|__|[*#|`>]")
_TRAILING = re.compile(r"\s*\((?:[^()]*)\)\s*$|\s*\(Đã ký\)\s*$")


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
