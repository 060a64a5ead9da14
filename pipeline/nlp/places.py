"""Provinces (63 before, 34 after the 1 July 2025 reorganization) and the matching helpers they share with
:mod:`pipeline.nlp.organizations`: offset-preserving folding, token keys and token-trie regexes.

The table is ``models/provinces.tsv``; old provinces keep their own id with ``valid_to`` and ``successor``.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.textnorm import fold_keep_offsets, nfc

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
