"""People and the positions they hold, tied to their organization: PER and POSITION entities.

:func:`find_people` reads running text ("Phó Thủ tướng Chính phủ Trần Hồng Hà", "đồng chí Nguyễn Văn A, Phó
Chủ tịch UBND tỉnh", "ông X - Giám đốc Sở Y", "- PCT UBND tỉnh-Đỗ Tâm Hiển;") and signature blocks
("KT. BỘ TRƯỞNG / THỨ TRƯỞNG / (Đã ký) / Nguyễn Văn B"). A name is taken only where something says it is a
person's: a position right before it (with its organization, a rank or "(Đã ký)" between), "ông", "bà",
"đồng chí" before it, a position right after it (", Phó Chủ tịch ..."), "(Đã ký)" after it, or a list
continuing one of those ("các PTTg: Vương Đình Huệ, Trịnh Đình Dũng"). It must be 2-5 capitalized
syllables (a last lone capital allowed: "Nguyễn Văn A") opening with a family name of :data:`SURNAMES`, and
lie outside organizations and provinces. So "Nhằm", "Căn cứ", "Ủy ban Nhân dân", "Hà Nội" are never people.

Positions are the titles of :data:`pipeline.conventions.casing.TITLES` (with "Phó", "Quyền", "Q." before
them) and the abbreviations of :data:`ABBREVIATED_TITLES` before a name. A position's organization is the
one written right after it (an entry of ``orgs``); in a signature block, the one of its TM./KT. chain
("KT. BỘ TRƯỞNG BỘ Y TẾ / THỨ TRƯỞNG"), else the document's ``issuer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.conventions.casing import SURNAMES, TITLES, name_case, position_case
from pipeline.conventions.syllables import has_syllable_letters
from pipeline.graph.identity import person_id
from pipeline.model import Entity, OrgRef, Span
from pipeline.nlp.organizations import load_gazetteer
from pipeline.nlp.places import load_provinces, slug
from pipeline.structure.closing_parts import SIGNED, authority_code
from pipeline.textnorm import LOWER, UPPER, fold, fold_keep_offsets, normalize_tone_marks

__all__ = ["ABBREVIATED_TITLES", "SURNAMES", "find_people"]


# Abbreviated positions written before a name ("PCT Nguyễn Mạnh Cường", "Phó TCTr Cao Anh Tuấn"): reference
# section 5 (PCT, BTCN, PCN, TGĐ) and the distribution lists of the corpus.
ABBREVIATED_TITLES = {
    "CT": "Chủ tịch",
    "PCT": "Phó Chủ tịch",
    "TTg": "Thủ tướng",
    "PTTg": "Phó Thủ tướng",
    "BT": "Bộ trưởng",
    "BTCN": "Bộ trưởng, Chủ nhiệm",
    "PCN": "Phó Chủ nhiệm",
    "TT": "Thứ trưởng",
    "TTr": "Thứ trưởng",
    "GĐ": "Giám đốc",
    "PGĐ": "Phó Giám đốc",
    "TGĐ": "Tổng Giám đốc",
    "CVP": "Chánh Văn phòng",
    "PCVP": "Phó Chánh Văn phòng",
    "PVP": "Phó Chánh Văn phòng",
    "TCTr": "Tổng cục trưởng",
    "CTr": "Cục trưởng",
}
# A family name that also heads organization names: "Đoàn Thanh niên", "Đoàn Đại biểu Quốc hội".
_ORG_HEADS = {"Đoàn"}
_OFFICES = {"thu-tuong", "chu-tich-nuoc"}  # titles the gazetteer holds as issuers: "Thủ tướng Chính phủ"

# "Chủ trì" chairs a meeting, no office; a bare "Trưởng" heads the organization written after it ("PHÓ TRƯỞNG
# THUẾ TỈNH", 2025) and is a position only then.
_TITLE_BY_KEY = {fold(t): t for t in [*TITLES, "Trưởng"] if t != "Chủ trì"}
_TITLE_RE = re.compile(
    r"(?<![a-z0-9])(?P<pre>pho\s+|quyen\s+|q\.\s*)?(?P<title>"
    + "|".join(k.replace(" ", r"\s+") for k in sorted(_TITLE_BY_KEY, key=len, reverse=True))
    + r")(?![a-z0-9])"
)
_ABBR_RE = re.compile(
    r"(?<![\w/&.-])(?:(?P<pho>Phó)\s+)?(?P<abbr>"
    + "|".join(sorted(ABBREVIATED_TITLES, key=len, reverse=True))
    + r")(?![\w&/-])\.?"
)
_SYL = rf"[{UPPER}][{LOWER}]+"
_SEP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_NAME = re.compile(
    rf"(?:{'|'.join(sorted(SURNAMES, key=len, reverse=True))})(?:{_SEP}{_SYL}){{1,4}}"
    rf"(?:[ \t]+[{UPPER}](?![\w]))?(?![\w])"
)
_NAME_UPPER = re.compile(
    rf"(?:{'|'.join(sorted((s.upper() for s in SURNAMES), key=len, reverse=True))})(?:{_SEP}[{UPPER}]+){{1,4}}"
    r"(?![\w])"
)
_SURNAME_START = re.compile(rf"(?<![\w])(?:{'|'.join(SURNAMES)})(?![\w])")
_HONORIFIC = re.compile(r"(?<![\w/])(?:[Đđ]ồng\s+chí|[Đđ]/[Cc]|[Ôô]ng|[Bb]à)(?:\s*\([^()\n]{1,8}\))?[ \t]*:?[ \t]*")
_PLACEHOLDER = rf"[(\[][ \t]*(?i:{SIGNED.pattern})[^()\[\]\n]{{0,30}}[)\]]|(?i:{SIGNED.pattern})"
_RANK = r"(?i:(?:đại|thượng|trung|thiếu)\s+(?:tướng|tá|úy)|(?:phó\s+)?đô\s+đốc)\s+|(?:GS|PGS|TSKH|TS|ThS)\.?[ \t,]*"
_GAP = re.compile(rf"(?:[\s*_|#:]|[-–](?!\d)|{_PLACEHOLDER}|{_RANK}|[Đđ]ồng\s+chí\s+)*")
_COMMA = re.compile(r"[ \t]*,[ \t]*\n?[ \t]*")
_LIST = re.compile(r"[ \t]*(?:[,;]|\s+và\s)[ \t]*")
_BEFORE_TITLE = re.compile(r"[ \t]*(?:,|[-–]|\()[ \t]*$")
_CAPITAL_NEXT = re.compile(rf"[ \t]+[{UPPER}][{LOWER}]")
_LOWER_NEXT = re.compile(rf"[ \t]+[{LOWER}]")
_QUALIFIER = re.compile(rf"[ \t]+(?:[{UPPER}]+|[-–&])(?![\w])")


@dataclass
class _Title:
    """A position as written, with its organization and where a name may follow it."""

    start: int
    end: int
    value: str
    upper: bool
    own: bool = True  # not the head named after KT./TL./TUQ./TM. ("KT. BỘ TRƯỞNG")
    abbr: bool = False
    office: bool = False  # the gazetteer's "Thủ tướng Chính phủ": an issuer of its own
    plural: bool = False  # "các PTTg: A, B"
    org: OrgRef | None = None
    cont: int = 0  # where the organization (if any) ends
    people: list[str] = field(default_factory=list)


@dataclass
class _Person:
    start: int
    end: int
    value: str
    title: _Title | None = None


def find_people(
    text: str, orgs: list[tuple[int, int, OrgRef]], *, issuer: OrgRef | None = None
) -> list[Entity]:
    """PER and POSITION entities of ``text``, in order.

    ``orgs`` are the ``(start, end, OrgRef)`` mentions :meth:`Gazetteer.find_all` gives for the same text;
    ``issuer`` (the document's first issuer) is the organization of a signature whose block names none.

    PER: ``text`` the name as written, ``value`` the name (upper case made "Nguyễn Văn A"), ``id``
    :func:`pipeline.graph.identity.person_id` of it ("person:trần hồng hà": the same person in every
    document, diacritics kept: Hà is not Hạ), ``attrs`` ``position``, ``org``, ``org_id`` when known.
    POSITION: ``text`` the title as written ("PHÓ CHỦ TỊCH", "PCT"), ``value`` its running-text form
    ("Phó Chủ tịch"), ``id`` "position:<title>@<org id>" when the organization is resolved, ``attrs``
    ``org``, ``org_id``, ``person`` (the id of its holder). A position is kept when it has a holder or an
    organization ("Giám đốc Sở Tài chính" is an office even without a name).
    """
    finder = _Finder(text, orgs, issuer)
    return finder.run()


class _Finder:
    def __init__(self, text: str, orgs: list[tuple[int, int, OrgRef]], issuer: OrgRef | None) -> None:
        self.text = text
        self.folded = fold_keep_offsets(text)
        self.orgs = sorted(orgs, key=lambda o: (o[0], -o[1]))
        self.org_at = {a: (b, ref) for a, b, ref in reversed(self.orgs)}
        self.issuer = issuer
        self.provinces = load_provinces()
        self.names: dict[tuple[int, bool], _Person | None] = {}
        self.people: dict[int, _Person] = {}

    def run(self) -> list[Entity]:
        titles = self._titles()
        for t in titles:
            if t.own:
                self._after_title(t)
        for t, nxt in zip(reversed(titles[:-1]), reversed(titles[1:]), strict=True):
            if t.upper and nxt.upper and t.own and not t.people and not self.text[t.cont : nxt.start].strip():
                t.people = nxt.people  # stacked titles of one signer: "PHÓ TRƯỞNG BAN / PHÓ THỦ TƯỚNG / name"
        for t in titles:
            if t.own and not t.abbr and not t.people:
                self._before_title(t)
        for m in _HONORIFIC.finditer(self.text):
            self._take(self._name_at(m.end(), upper=False), None, continued=True)
        for m in SIGNED.finditer(self.text):
            self._take(self._name_ending(m.start(), r"[ \t]*[(\[]?[ \t]*$"), None)
        return self._entities(titles)

    # ------------------------------------------------------------------ titles

    def _titles(self) -> list[_Title]:
        found = [t for m in _TITLE_RE.finditer(self.folded) if (t := self._title(m))]
        for m in _ABBR_RE.finditer(self.text):
            if not any(t.start <= m.start() < t.end for t in found):
                value = ("Phó " if m.group("pho") else "") + ABBREVIATED_TITLES[m.group("abbr")]
                t = _Title(m.start(), m.end(), value, upper=False, abbr=True, cont=m.end())
                if not self._org_after(t) and value.endswith("Thủ tướng"):
                    t.org = self._government()
                plural = self.folded[max(0, m.start() - 4) : m.start()] == "cac "
                t.plural = plural or self.text.startswith(":", m.end())
                found.append(t)
        found.sort(key=lambda t: t.start)
        joined = [(t, nxt) for t, nxt in zip(found, found[1:], strict=False)
                  if t.org is None and not t.abbr and not nxt.abbr and _COMMA.fullmatch(self.text[t.end : nxt.start])]
        for t, nxt in joined:  # "KT. BỘ TRƯỞNG, CHỦ NHIỆM": still the head's title
            nxt.own = nxt.own and t.own
        for t, nxt in reversed(joined):  # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ": one office, one holder
            t.org, t.cont, t.people = nxt.org, nxt.cont, nxt.people
        return found

    def _title_at(self, pos: int) -> re.Match[str] | None:
        """The title written at ``pos``: its letters and marks ("Thủ trưởng" is not "Thứ trưởng", "Trường" not
        "Trưởng"), a capital first."""
        m = _TITLE_RE.match(self.folded, pos)
        if m is None or not self.text[pos].isupper():
            return None
        expected = {"pho": "phó ", "quyen": "quyền ", "q.": "q. "}.get(" ".join((m.group("pre") or "").split()), "")
        expected += normalize_tone_marks(_TITLE_BY_KEY[" ".join(m.group("title").split())]).lower()
        written = normalize_tone_marks(self.text[m.start() : m.end()]).lower().replace("q.", "q. ")
        return m if " ".join(written.split()) == expected else None

    def _title(self, m: re.Match[str]) -> _Title | None:
        start, end = m.span()
        written = self.text[start:end]
        if self._title_at(start) is None:
            return None
        letters = [c for c in written if c.isalpha()]
        t = _Title(start, end, position_case(written), upper=all(c.isupper() for c in letters), cont=end)
        t.own = not self._after_authority(start, written)
        for a, b, ref in self.orgs:
            if a == start and ref.id in _OFFICES:  # "Thủ tướng Chính phủ"
                t.cont, t.org, t.office = b, self._office_org(ref), True
                return t
            if start < a < end < b:  # "Chánh Văn phòng UBND tỉnh": the title's last word opens the organization
                t.end = start + len(self.text[start:a].rstrip())
                t.cont, t.org = b, ref
                return t
            if a < end and start < b:
                return None  # "Văn phòng Chủ tịch nước": part of an organization's name
        has_org = self._org_after(t)
        if m.group("title") == "truong":
            if not has_org:
                return None
            t.value = t.value[: -len("trưởng")] + "Trưởng"  # "Phó Trưởng" (Thuế tỉnh)
        if not has_org and t.upper:
            self._qualify(t)
        if t.org is None and m.group("title").split() == ["thu", "tuong"]:
            t.org = self._government()  # a (Phó) Thủ tướng is the Government's
        if t.upper and t.own and t.org is None:
            t.org = self._chain_org(start)
        return t

    def _org_after(self, t: _Title) -> bool:
        """Take the organization written right after the title ("Giám đốc Sở Tài chính"); whether there is one."""
        at = re.compile(r"[ \t]*\n?[ \t]*").match(self.text, t.end).end()
        if at not in self.org_at:
            return False
        person = self._name_at(at, upper=t.upper)
        if person and self.org_at[at][0] <= person.end:
            return False  # a name the gazetteer misread ("Đặng" as Đảng): the holder, not the organization
        t.cont, t.org = self.org_at[at][0], self._office_org(self.org_at[at][1])
        return True

    def _after_authority(self, start: int, written: str) -> bool:
        """Whether KT./TL./TUQ./TM. stands right before: the title is the head's, not the signer's own."""
        prev = re.search(r"(\S+)[ \t]*\n?[ \t]*$", self.text[max(0, start - 8) : start])
        return bool(prev) and authority_code(f"{prev.group(1)} {written}") not in (None, "Q")

    def _qualify(self, t: _Title) -> None:
        """Extend an upper-case title over the words that complete it: "VỤ TRƯỞNG VỤ KẾ HOẠCH - TÀI CHÍNH"."""
        end = t.end
        while m := _QUALIFIER.match(self.text, end):
            word = m.end() - len(m.group(0).lstrip())
            if word in self.org_at or self._title_at(word) or self._name_at(word, upper=True):
                break
            end = m.end()
        if end > t.end:
            t.end = t.cont = end
            t.value = position_case(self.text[t.start : end])

    def _chain_org(self, start: int) -> OrgRef | None:
        """The organization of a signature's TM./KT. chain above an upper-case title, else the issuer."""
        i = start
        while i > 0 and start - i < 200 and not self.text[i - 1].islower():
            i -= 1
        inside = [ref for a, b, ref in self.orgs if i <= a and b <= start]
        org = self._office_org(inside[-1]) if inside else None
        if self.issuer and (org is None or (not org.id and fold(self.issuer.name).startswith(fold(org.name)))):
            return self.issuer
        return org

    def _office_org(self, ref: OrgRef) -> OrgRef:
        """"Thủ tướng Chính phủ" as a position's organization is the Government."""
        return self._government() if ref.id == "thu-tuong" else ref

    @staticmethod
    def _government() -> OrgRef:
        rec = load_gazetteer().get("chinh-phu")
        return OrgRef(name=rec.name, id=rec.id) if rec else OrgRef(name="Chính phủ")

    # ------------------------------------------------------------------ names

    def _name_at(self, pos: int, *, upper: bool) -> _Person | None:
        """The person's name starting at ``pos``, or None (cached)."""
        key = (pos, upper)
        if key not in self.names:
            self.names[key] = self._read_name(pos, upper)
        return self.names[key]

    def _read_name(self, pos: int, upper: bool) -> _Person | None:
        m = _NAME.match(self.text, pos) or (_NAME_UPPER.match(self.text, pos) if upper else None)
        if m is None or (pos > 0 and self.text[pos - 1].isalnum()):
            return None
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.group(0))]
        keep = 1
        for i, (a, _) in enumerate(words[1:], 1):
            at = pos + a
            if self._title_at(at) or _ABBR_RE.match(self.text, at):
                break
            if at in self.org_at and self.org_at[at][0] > m.end():
                break  # "Nguyễn Văn Bình Sở Tài chính": the organization goes on after the capitals
            if "\n" in m.group(0)[words[i - 1][1] : a] and not self._wrapped(pos, pos + words[-1][1]):
                break
            keep = i + 1
        end = pos + words[keep - 1][1]
        name = " ".join(self.text[pos:end].split())
        syllables = name.split()
        if len(syllables) < 2 or not all(has_syllable_letters(fold(s)) or (s == syllables[-1] and len(s) == 1)
                                         for s in syllables):
            return None  # "Phớc" is a name, not a dictionary syllable: only the letters are checked
        if keep == 5 and _CAPITAL_NEXT.match(self.text, end):
            return None  # a longer capitalized run: a heading, not a name
        if len(syllables) == 2 and syllables[0] in _ORG_HEADS and _LOWER_NEXT.match(self.text, end):
            return None  # "Đoàn Thanh niên": an organization whose first words are capitalized
        if any(a < end and pos < b and not pos <= a < b <= end for a, b, _ in self.orgs):
            return None  # an organization reaches over the name; one inside it misreads it ("Trường Lưu")
        if self.provinces.find(name):
            return None
        return _Person(pos, end, name_case(name) if name.isupper() else name)

    def _wrapped(self, start: int, end: int) -> bool:
        """A name broken over lines is one only when it fills its lines: "Vũ\\nChiến Thắng" under a title."""
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        return not self.text[line_start:start].strip(" \t*_|") and not self.text[end:line_end].strip(" \t*_|")

    def _name_ending(self, pos: int, tail: str) -> _Person | None:
        """The name that ends where ``tail`` (a regex of what follows it) matches up to ``pos``."""
        window = max(0, pos - 60)
        rest = re.search(tail, self.text[window:pos])
        if rest is None:
            return None
        stop = window + rest.start()
        for m in _SURNAME_START.finditer(self.text, window, stop):
            person = self._name_at(m.start(), upper=False)
            if person and person.end == stop:
                return person
        return None

    # ------------------------------------------------------------------ linking

    def _after_title(self, t: _Title) -> None:
        gap = _GAP.match(self.text, t.cont)
        if len(gap.group(0)) <= 80 and (t.upper or gap.group(0).count("\n") <= 1):
            self._take(self._name_at(gap.end(), upper=t.upper), t, continued=True)

    def _before_title(self, t: _Title) -> None:
        self._take(self._name_ending(t.start, _BEFORE_TITLE.pattern), t)

    def _take(self, person: _Person | None, t: _Title | None, *, continued: bool = False) -> None:
        """Keep ``person`` as the holder of ``t`` (a person keeps the first position found for it); with
        ``continued``, also the names listed after it, holders of ``t`` too when it is plural ("các PTTg")."""
        while person is not None:
            kept = self.people.setdefault(person.start, _Person(person.start, person.end, person.value))
            if t is not None:
                kept.title = kept.title or t
                t.people.append(kept.value)
            m = _LIST.match(self.text, person.end) if continued else None
            person = self._name_at(m.end(), upper=False) if m else None
            if person is not None and person.start in self.people:
                break
            t = t if t is not None and t.plural else None

    # ------------------------------------------------------------------ output

    def _entities(self, titles: list[_Title]) -> list[Entity]:
        out = []
        for p in self.people.values():
            attrs = _attrs(position=p.title.value if p.title else None, **_org_attrs(p.title))
            out.append(Entity("PER", self.text[p.start : p.end], Span(p.start, p.end), id=person_id(p.value),
                              value=p.value, attrs=attrs))
        for t in titles:
            if not t.own or not (t.people or (t.org and not t.abbr and not t.office)):
                continue
            org_id = t.org.id if t.org else None
            out.append(Entity(
                "POSITION", self.text[t.start : t.end], Span(t.start, t.end),
                id=f"position:{slug(t.value)}@{org_id}" if org_id else None, value=t.value,
                attrs=_attrs(**_org_attrs(t), person=person_id(t.people[0]) if t.people else None),
            ))
        return sorted(out, key=lambda e: (e.span.start, e.span.end))


def _org_attrs(t: _Title | None) -> dict[str, str | None]:
    org = t.org if t else None
    return {"org": org.name if org else None, "org_id": org.id if org else None}


def _attrs(**values: str | None) -> dict[str, str]:
    return {k: v for k, v in values.items() if v}
