"""Small text helpers shared by every stage: Unicode normalization and accent folding."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"})
# Old-style tone placement ("hoà", "uỷ") to the placement used by ND 30 ("hòa", "ủy").
_TONE_FIXES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(sorted(_TONE_FIXES, key=len, reverse=True)), re.IGNORECASE)


def nfc(text: str) -> str:
    """NFC-normalize; the form every span in the project points into."""
    return unicodedata.normalize("NFC", text)


def _fix_tone(m: re.Match[str]) -> str:
    src = m.group(0)
    out = _TONE_FIXES[src.lower()]
    return "".join(o.upper() if s.isupper() else o for s, o in zip(src, out, strict=False))


def normalize_tone_marks(text: str) -> str:
    """Move tone marks to one placement (HOÀ -> HÒA, Uỷ -> Ủy), same length, same case.

    Only applied where the syllable ends after the vowel pair, so "hoàn" and "thuyết" stay.
    """

    def fix(m: re.Match[str]) -> str:
        onset, pair = m.group(1), m.group(2)
        if onset.lower().endswith("q"):  # "quý": the u belongs to the onset
            return m.group(0)
        return onset + _fix_tone(re.match(_TONE_RE.pattern, pair, re.I))

    return re.sub(r"(?i)(?<![a-zà-ỹđ])([a-zà-ỹđ]*?)(" + _TONE_RE.pattern + r")(?![a-zà-ỹđ])", fix, text)


def fold(text: str) -> str:
    """Lower-case and strip diacritics (đ -> d): for matching, never for output."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def squash(text: str) -> str:
    """Collapse runs of spaces, unify dashes; same meaning, shorter text."""
    return _SPACES.sub(" ", text.translate(_DASHES)).strip()


def key(text: str) -> str:
    """A comparison key: folded, dashes unified, punctuation removed, single spaces."""
    t = fold(squash(text))
    t = re.sub(r"[^\w&/ -]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    if c in _DASH_CHARS:
        return "-"
    if c in _SPACE_CHARS:
        return " "
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2212"
_SPACE_CHARS = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u3000"


_FOLD_TABLE: dict[int, str] = {}


def fold_keep_offsets(text: str) -> str:
    """Like :func:`fold` but one character per character (dashes and spaces unified too),
    so offsets into NFC text stay valid."""
    missing = {ord(c) for c in set(text)} - _FOLD_TABLE.keys()
    for o in missing:
        _FOLD_TABLE[o] = _fold_char(chr(o))
    return text.translate(_FOLD_TABLE)


# Character classes for regexes: "À-Ỹ" as a range also holds lower-case letters, so list them.
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isalpha() and c.isupper())
LOWER = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isalpha() and c.islower())
