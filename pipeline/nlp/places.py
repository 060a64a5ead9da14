"""Provinces (63 before, 34 after the 1 July 2025 reorganization) and the matching helpers they share with
:mod:`pipeline.nlp.organizations`: offset-preserving folding, token keys and token-trie regexes.

The table is ``models/provinces.tsv``; old provinces keep their own id with ``valid_to`` and ``successor``.
"""

from __future__ import annotations

import csv
import functools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.model import Entity, Span
from pipeline.textnorm import LOWER, UPPER, fold_keep_offsets, nfc, normalize_tone_marks

# Sub-provincial levels as written before a unit name: folded key -> the level as written in running text.
UNIT_LEVELS = {
    "xa": "xã", "phuong": "phường", "thi tran": "thị trấn", "dac khu": "đặc khu", "huyen": "huyện", "quan": "quận",
    "thi xa": "thị xã", "thanh pho": "thành phố", "tp": "thành phố", "t p": "thành phố",
}

# ----------------------------------------------------------------------------- folding


_TU_HORN = re.compile(r"(?<!\w)[Tt][Ưư](?!\w)")


def fold_keep(text: str) -> str:
    """Lower-case, strip accents, unify dashes: same length as ``text`` so offsets carry over.

    The standalone syllable "tư" folds to "tw", so "TƯ" (Trung ương) stays apart from "TU" (Tỉnh ủy);
    "Tư pháp" folds to "tw phap" on both sides of every comparison.
    """
    out = fold_keep_offsets(text)
    if "ư" in text or "Ư" in text:
        chars = list(out)
        for m in _TU_HORN.finditer(text):
            chars[m.start() + 1] = "w"
        out = "".join(chars)
    return out


TOKEN = re.compile(r"[a-z0-9]+|&")
SEP = r"[\s\-*,.]*"
_END = "(?![a-z0-9])"


def tokens(folded: str) -> list[str]:
    """Match tokens of folded text; "&" reads as "và"."""
    return ["va" if t == "&" else t for t in TOKEN.findall(folded)]


def tkey(text: str) -> str:
    """The token key of any writing: "Bộ KH&CN" -> "bo kh va cn"."""
    return " ".join(tokens(fold_keep(nfc(text))))


def abbrev_mask(text: str) -> tuple[bool, ...]:
    """Per token of ``text``: True where the token is an abbreviation that must match in upper case."""
    folded = fold_keep(text)
    out = []
    for m in TOKEN.finditer(folded):
        orig = text[m.start() : m.end()]
        out.append(len(orig) > 1 and any(c.isupper() for c in orig[1:]))
    return tuple(out)


def case_ok(alias: str, mask: tuple[bool, ...], text: str) -> bool:
    """Whether ``text`` (same token key as ``alias``) writes every abbreviation token of ``alias`` in upper case."""
    if not any(mask):
        return True
    alias_toks = [alias[m.start() : m.end()] for m in TOKEN.finditer(fold_keep(alias))]
    text_toks = [text[m.start() : m.end()] for m in TOKEN.finditer(fold_keep(text))]
    for need, a, t in zip(mask, alias_toks, text_toks, strict=False):
        if need and not (t == a or (t.isupper() and _abbr(t) == _abbr(a))):
            return False
    return True


def _abbr(token: str) -> str:
    """An abbreviation compared without case or Đ/D difference but with its tone marks ("TỪ" is not "TU")."""
    t = token.upper().replace("Đ", "D")
    return "TW" if t == "TƯ" else t


def trie_pattern(keys: Iterable[str]) -> str:
    """A regex (no anchors) matching any of the token keys over folded text, longest path first."""
    root: dict = {}
    for k in keys:
        node = root
        for tok in k.split():
            node = node.setdefault(tok, {})
        node[""] = {}

    def tok_re(tok: str) -> str:
        return "(?:va" + _END + "|&)" if tok == "va" else re.escape(tok) + _END

    def build(node: dict) -> str:
        alts = []
        for tok in sorted(t for t in node if t):
            child = node[tok]
            rest = build(child) if any(child) else ""
            if rest:
                opt = "?" if "" in child else ""
                alts.append(tok_re(tok) + "(?:" + SEP + rest + ")" + opt)
            else:
                alts.append(tok_re(tok))
        return "(?:" + "|".join(alts) + ")" if alts else ""

    return build(root)


def slug(text: str) -> str:
    """ASCII slug of a name: "Châu Thành" -> "chau-thanh"."""
    return "-".join(tokens(fold_keep(nfc(text)).replace("&", " va ")))


# ----------------------------------------------------------------------------- provinces


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city; ``successor`` is set for units merged away."""

    id: str
    name: str
    kind: str  # "tinh" | "thanh-pho"
    code: str = ""
    valid_from: str = ""
    valid_to: str = ""
    successor: str = ""
    aliases: tuple[str, ...] = ()
    note: str = ""

    @property
    def place(self) -> str:
        """The place as written after an agency name: "tỉnh Quảng Trị", "thành phố Cần Thơ"."""
        if self.id == "ho-chi-minh":
            return "Thành phố Hồ Chí Minh"
        return ("thành phố " if self.kind == "thanh-pho" else "tỉnh ") + self.name

    @property
    def full_name(self) -> str:
        """The official name: "Tỉnh Quảng Trị", "Thành phố Cần Thơ"."""
        return self.place[0].upper() + self.place[1:]

    @property
    def party_committee(self) -> str:
        """Name of its Party committee: "Tỉnh ủy Quảng Trị", "Thành ủy Cần Thơ"."""
        if self.id == "ho-chi-minh":
            return "Thành ủy Thành phố Hồ Chí Minh"
        return ("Thành ủy " if self.kind == "thanh-pho" else "Tỉnh ủy ") + self.name


def models_dir() -> Path:
    """``$VANBAN_MODELS`` or ``<repo>/models``."""
    env = os.environ.get("VANBAN_MODELS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a models/*.tsv file (``#`` lines are comments), values stripped."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = (line for line in f if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


class Provinces:
    """The province table with a folded-name index; :meth:`find` accepts any writing."""

    def __init__(self, path: Path) -> None:
        self.by_id: dict[str, Province] = {}
        self.index: dict[str, list[tuple[str, tuple[bool, ...], str]]] = {}
        for row in read_tsv(path):
            p = Province(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                code=row["code"],
                valid_from=row["valid_from"],
                valid_to=row["valid_to"],
                successor=row["successor"],
                aliases=_split(row["aliases"]),
                note=row["note"],
            )
            self.by_id[p.id] = p
            for alias in (p.name, *p.aliases):
                self.index.setdefault(tkey(alias), []).append((p.id, abbrev_mask(alias), alias))
        self.pattern = trie_pattern(self.index)
        self._whole = re.compile(
            r"(?:(?P<marker>tinh|thanh pho|tp|t p)" + _END + SEP + r")?(?P<prov>" + self.pattern + r")" + _END
        )

    def lookup(self, key_text: str, original: str) -> Province | None:
        """The province whose alias has the token key of ``key_text`` (folded) as written in ``original``."""
        for pid, mask, alias in self.index.get(" ".join(tokens(key_text)), ()):
            if case_ok(alias, mask, original):
                return self.by_id[pid]
        return None

    def find(self, text: str) -> Province | None:
        """The province named by ``text`` ("TP. Cần Thơ", "THÀNH PHỐ CẦN THƠ", "tỉnh Quảng Trị", "TP.HCM")."""
        if not text or not text.strip():
            return None
        if text.strip() in self.by_id:
            return self.by_id[text.strip()]
        t = nfc(text).strip(" \t\n.,;:-*")
        folded = fold_keep(t)
        m = self._whole.fullmatch(folded.strip())
        if not m:
            return None
        off = len(folded) - len(folded.lstrip())
        return self.lookup(m.group("prov"), t[m.start("prov") + off : m.end("prov") + off])

    def current(self, province: Province) -> Province:
        """The post-2025 province that now holds ``province`` (itself when it still exists)."""
        seen = set()
        while province.successor and province.id not in seen:
            seen.add(province.id)
            province = self.by_id[province.successor]
        return province


_PROVINCES: dict[Path, Provinces] = {}


def load_provinces(path: Path | None = None) -> Provinces:
    """The province table, loaded once per path."""
    path = path or models_dir() / "provinces.tsv"
    if path not in _PROVINCES:
        _PROVINCES[path] = Provinces(path)
    return _PROVINCES[path]


def province_of(text: str, *, current: bool = False) -> str | None:
    """Canonical province name ("Cần Thơ") for any writing; ``current=True`` gives the post-2025 province."""
    provinces = load_provinces()
    p = provinces.find(text)
    if p is None:
        return None
    return (provinces.current(p) if current else p).name


# ----------------------------------------------------------------------------- places in running text
# find_places: provinces and sub-provincial units as LOC entities. Kept apart from the gazetteer code above.

_UNIT = re.compile(r"(?<![a-z0-9])(?P<level>thi tran|dac khu|thi xa|thanh pho|(?<!tac )xa|phuong|huyen|quan|tp)" + _END)
_STOP_WORDS = {"tinh", "huyen", "quan", "xa", "phuong"}  # a next unit: "xã Tân Phú Huyện ..."
_TITLE_WORD = re.compile(rf"[{UPPER}][{LOWER}]+$")


def find_places(
    text: str, skip: Iterable[tuple[int, ...]] = (), province: str | None = None
) -> list[Entity]:
    """Provinces and cities (pre- and post-2025 names) and "xã/phường/huyện/quận/thị xã/thị trấn/đặc khu X"
    units of ``text`` as LOC entities, in order.

    A province has its ``models/provinces.tsv`` id, its name as ``value`` and ``attrs`` ``kind`` ("tỉnh" or
    "thành phố") and ``current`` (the id of the post-2025 province holding it: "hau-giang" -> "can-tho"). A
    unit has ``value`` "phường Lương Văn Tri", ``attrs`` ``kind`` (its level: "xã", "phường", "quận", ...) and
    ``province`` (an id or None), and an id ``<province>/<level>-<name>``
    ("lang-son/phuong-luong-van-tri", as organization ids below a province) when its province is written
    right after it (", tỉnh Lạng Sơn") or given as ``province`` (the document's, a name or an id); else no id.

    Names must be written with capitals ("hòa bình" is peace, not the province). ``skip`` holds spans already
    taken: pass the ``(start, end, OrgRef)`` triples of :meth:`Gazetteer.find_all` (a place inside "Ủy ban
    nhân dân tỉnh Quảng Trị" belongs to the organization) and the spans of people ("Nguyễn Hòa Bình").
    """
    provinces = load_provinces()
    home = provinces.find(province) if province else None
    folded = fold_keep(text)
    found: list[tuple[int, int, int, Entity]] = []  # (start, -length, rank, entity)
    for m in _province_regex(provinces).finditer(folded):
        ent = _province_entity(provinces, text, m)
        if ent:
            found.append((ent.span.start, ent.span.start - ent.span.end, 0, ent))
    for m in _UNIT.finditer(folded):
        ent = _unit_entity(provinces, text, folded, m, home)
        if ent:
            found.append((ent.span.start, ent.span.start - ent.span.end, 1, ent))
    taken = [(a, b) for a, b, *_ in skip]
    out = []
    for _, _, _, ent in sorted(found, key=lambda f: f[:3]):
        a, b = ent.span.start, ent.span.end
        if not any(s < b and a < e for s, e in taken):
            taken.append((a, b))
            out.append(ent)
    return sorted(out, key=lambda e: e.span.start)


@functools.cache
def _province_regex(provinces: Provinces) -> re.Pattern[str]:
    return re.compile(
        r"(?<![a-z0-9])(?:(?P<marker>tinh|thanh pho|tp|t p)" + _END + SEP + r")?(?P<prov>" + provinces.pattern + ")"
        + _END
    )


def _capitalized(written: str) -> bool:
    """Every word of a name starts with a capital: "Cần Thơ", "CẦN THƠ", "Thừa Thiên - Huế"."""
    words = [w for w in re.split(r"[\s\-.,*]+", written) if w]
    return bool(words) and all(w[0].isupper() for w in words)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", normalize_tone_marks(text).lower())


def _province_entity(provinces: Provinces, text: str, m: re.Match[str]) -> Entity | None:
    written = text[m.start("prov") : m.end("prov")]
    prov = provinces.lookup(m.group("prov"), written)
    if prov is None or "," in written or not _capitalized(written):
        return None
    if _words(written) not in [_words(a) for a in (prov.name, *prov.aliases)]:
        return None  # same letters, other marks: "Phong" is not "Phòng"
    marker = m.group("marker") or ""
    if not marker and (len(written) < 3 or (not written.isupper() and _in_longer_name(text, m.start(), m.end()))):
        return None  # "HN" alone; "Vương Đình Huệ", "đường Điện Biên Phủ", "Báo Tuyên Quang"
    if marker in ("thanh pho", "tp", "t p") and prov.kind == "tinh":
        return None  # "thành phố Thái Nguyên" is a city of the province: a unit
    start = m.start() if marker else m.start("prov")
    current = provinces.current(prov)
    return Entity(
        "LOC", text[start : m.end()], Span(start, m.end()), id=prov.id, value=prov.name,
        attrs={"kind": "thành phố" if prov.kind == "thanh-pho" else "tỉnh", "current": current.id},
    )


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalized word touches ``text[start:end]`` on its line: the match is part of a longer name."""
    before = re.search(r"(\S+) $", text[max(0, start - 30) : start])
    after = re.compile(r" (\S+)").match(text, end)
    return bool((before and _TITLE_WORD.match(before.group(1))) or (after and _TITLE_WORD.match(after.group(1))))


def _unit_entity(
    provinces: Provinces, text: str, folded: str, m: re.Match[str], home: Province | None
) -> Entity | None:
    marker = text[m.start() : m.end()]
    level = UNIT_LEVELS[m.group("level")]
    if " ".join(marker.lower().split()) not in (level, "tp"):
        return None  # folded "quan", "phuong" are also "cơ quan", "địa phương"
    upper = marker.isupper() and m.group("level") != "tp"
    line_start = text.rfind("\n", 0, m.start()) + 1
    prev = re.search(r"(\S+)[ \t]*$", text[max(line_start, m.start() - 30) : m.start()])
    if prev and (_TITLE_WORD.match(prev.group(1)) or (upper and prev.group(1).isupper())):
        return None  # inside a title-cased or upper-case run: "Thương Binh Và Xã Hội", "CỘNG HÒA XÃ HỘI ..."
    words, end = _unit_name(text, m.end() + (m.group("level") == "tp" and text[m.end() : m.end() + 1] == "."), upper)
    if not words:
        return None
    unit_name = " ".join(w[:1] + w[1:].lower() for w in words) if upper else " ".join(words)
    same = provinces.find(unit_name)
    if level == "thành phố" and same and same.kind == "thanh-pho":
        return None  # a centrally-run city: the province match covers it
    tail = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*").match(text, end).end()
    pm = _province_regex(provinces).match(folded, tail)
    prov = provinces.lookup(pm.group("prov"), text[pm.start("prov") : pm.end("prov")]) if pm else None
    if prov is None and level == "thành phố" and same:
        prov = same  # "thành phố Thái Nguyên" lies in the province of that name
    prov = prov or home
    uid = f"{prov.id}/{slug(level)}-{slug(unit_name)}" if prov else None
    return Entity(
        "LOC", text[m.start() : end], Span(m.start(), end), id=uid, value=f"{level} {unit_name}",
        attrs={"kind": level, "province": prov.id if prov else None},
    )


_GAP = re.compile(r"[ \t]*(?:\n[ \t]*)?")
_NUMBER = re.compile(r"\d{1,2}(?![\d.)/])")
_ENDS = re.compile(r"[ \t]*(?:[,;.)]|\n|$)")
_LOWER_NEXT = re.compile(rf"[ \t]+[{LOWER}]")
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")


def _unit_name(text: str, pos: int, upper: bool) -> tuple[list[str], int]:
    """The words of a unit name at ``pos`` (after its level word) and where it ends: up to four capitalized
    words ("Lương Văn Tri", "HOÀI NHƠN") or a number on the same line ("Quận 7"). A line break inside the
    name is read as a wrap only when the name then ends at punctuation or the line's end ("phường Kinh\nBắc,")."""
    gap = _GAP.match(text, pos)
    number = _NUMBER.match(text, gap.end())
    if number and "\n" not in gap.group(0) and gap.end() > pos:
        return [number.group(0)], number.end()
    word = re.compile(rf"[{UPPER}][{UPPER if upper else LOWER}'’]*(?![\w])")
    words: list[str] = []
    end = pos
    at = gap.end() if gap.end() > pos else -1
    while at >= 0 and len(words) < 4:
        w = word.match(text, at)
        if not w or (words and fold_keep(w.group(0)) in _STOP_WORDS):
            break
        wrapped = words and "\n" in text[end:at]
        if wrapped and not _ENDS.match(text, w.end()):
            break
        words.append(w.group(0))
        end = w.end()
        nxt = _GAP.match(text, end)
        at = nxt.end() if nxt.end() > end else -1
    if len(words) == 1 and (_LOWER_NEXT.match(text, end) or ("\n" in gap.group(0) and _LINE_END.match(text, end))):
        return [], pos  # "xã An toàn khu": a word, not a name; "toàn xã\nĐạt\n": the next table cell
    number = _NUMBER.match(text, end + 1) if words and text[end : end + 1] == " " else None
    if number:  # "Xã A Lưới 3"
        words.append(number.group(0))
        end = number.end()
    return words, end
