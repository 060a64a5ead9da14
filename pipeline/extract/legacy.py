"""Legacy 8-bit Vietnamese, TCVN3 (ABC, ".VnTime" fonts) and VNI ("VNI-Times" fonts), read as latin-1 or cp1252
("Céng hoµ", "Coäng hoøa"), back to Unicode: :func:`detect_legacy` names the encoding from the share of words that
are Vietnamese syllables only once converted, :func:`convert_legacy` maps text to NFC and :func:`fix_legacy` does both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from pipeline.conventions.syllables import is_syllable

TCVN3, VNI = "tcvn3", "vni"
ENCODINGS = (TCVN3, VNI)
_NAMES = {TCVN3: "TCVN3", VNI: "VNI"}

# The five tones as combining marks, in the order of every table row below.
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_TONES = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _byte_forms(code: int) -> set[str]:
    """The characters one byte becomes when the bytes are decoded as latin-1 and as cp1252."""
    forms = {chr(code)}
    if 0x80 <= code <= 0x9F:
        forms.add(bytes([code]).decode("cp1252", errors="ignore") or chr(code))
    return forms


# --- TCVN3 -------------------------------------------------------------------------------------------------------
# TCVN 5712:1993 VN3, the ABC set of the .VnTime fonts: Ă Â Ê Ô Ơ Ư Đ, then ă â ê ô ơ ư đ, at 0xA1-0xAE...
_VN3_LETTERS = dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ", strict=True))
# ...and the toned small vowels (grave, hook above, tilde, acute, dot below). The ABC set has no toned capitals:
# the ".VnTimeH" fonts draw these same codes as capitals.
_VN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
# VN1, the full set (glibc's TCVN5712-1), adds the toned capitals in the holes of VN3, in 0x80-0x9F and at C0
# control positions, and the tones as combining marks at 0xB0-0xB4.
_VN1_CAPITALS = {
    "A": (0x80, 0x81, 0x82, 0x83, 0x84),
    "Ă": (0xAF, 0xBA, 0xBF, 0xC0, 0x85),
    "Â": (0xC1, 0xC2, 0xC3, 0xC4, 0x86),
    "E": (0x87, 0x88, 0x89, 0x8A, 0x8B),
    "Ê": (0xC5, 0xCD, 0xD9, 0xDA, 0x8C),
    "I": (0x8D, 0x8E, 0x8F, 0x90, 0x91),
    "O": (0x92, 0x93, 0x94, 0x95, 0x96),
    "Ô": (0xDB, 0xE0, 0xF0, 0xFF, 0x97),
    "Ơ": (0x98, 0x99, 0x9A, 0x9B, 0x9C),
    "U": (0x9D, 0x9E, 0x9F, 0x01, 0x02),
    "Ư": (0x04, 0x05, 0x06, 0x11, 0x12),
    "Y": (0x13, 0x14, 0x15, 0x16, 0x17),
}
_VN1_MARKS = dict(zip(range(0xB0, 0xB5), _TONES, strict=True))

# Every Unicode Vietnamese letter, ASCII ones too: a legacy character that is one of them proves nothing alone.
_VIET_SMALL = "abcdefghijklmnopqrstuvwxyzđ" + "".join(_nfc(v + t) for v in "aăâeêioôơuưy" for t in ("", *_TONES))
_VIET_LETTERS = frozenset(_VIET_SMALL + _VIET_SMALL.upper())
# Letters only Vietnamese uses (ă, đ, ơ, ư, ạ...): no Western decoding of legacy bytes produces them.
_VIET_ONLY = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")


def _tcvn3_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(core, extension, pairs). Core: VN3, and VN1 capitals in their control-character forms, always converted.
    Extension: the printable forms of VN1 capitals and marks, taken only where they make a word a syllable.
    Pairs: a capital base then the small toned code of the same vowel, as some converters write capitals ("Aµ")."""
    core = {chr(code): letter for code, letter in _VN3_LETTERS.items()}
    for base, codes in _VN3_TONED.items():
        core.update((chr(code), _nfc(base + tone)) for code, tone in zip(codes, _TONES, strict=True))
    ext: dict[str, str] = {}
    for base, codes in _VN1_CAPITALS.items():
        for code, tone in zip(codes, _TONES, strict=True):
            for form in _byte_forms(code):
                (core if unicodedata.category(form) == "Cc" else ext)[form] = _nfc(base + tone)
    ext.update((chr(code), mark) for code, mark in _VN1_MARKS.items())
    capitals = {c: c.lower() for c in "AEIOUY"}
    capitals.update((chr(code), letter.lower()) for code, letter in _VN3_LETTERS.items() if letter in "ĂÂÊÔƠƯ")
    pairs = {
        capital + chr(code): _nfc(base.upper() + tone)
        for capital, base in capitals.items()
        for code, tone in zip(_VN3_TONED[base], _TONES, strict=True)
    }
    return core, ext, pairs


_T3_CORE, _T3_EXT, _T3_PAIRS = _tcvn3_tables()
_T3_ALL = {**_T3_CORE, **_T3_EXT}
_T3_LOWER = frozenset(k for k, v in _T3_CORE.items() if v.islower())  # the codes ".VnTimeH" draws as capitals
_T3_CONTROLS = frozenset(k for k in _T3_CORE if unicodedata.category(k) == "Cc")
_T3_DISTINCT = frozenset(k for k in _T3_CORE if k not in _VIET_LETTERS)  # "§", "µ", "Ü"...: surely legacy
_T3_EXT_LETTERS = frozenset(k for k in _T3_EXT if k in _VIET_LETTERS)  # "à" is VN1 "Ổ" and a Unicode letter


def _alternation(keys) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)))


_T3_CORE_RE = _alternation([*_T3_CORE, *_T3_PAIRS])
_T3_ALL_RE = _alternation([*_T3_ALL, *_T3_PAIRS])

# --- VNI ---------------------------------------------------------------------------------------------------------
# VNI Windows writes a base letter then one mark byte: a tone (grave, hook, tilde, acute, dot: "øûõùï"), a hat
# alone ("â" circumflex, "ê" breve) or a hat with a tone ("àåãáä" circumflex, "èúüéë" breve)...
_VNI_MARKS = {
    **{m: ("", t) for m, t in zip("øûõùï", _TONES, strict=True)},
    **{m: (_CIRCUMFLEX, t) for m, t in zip("âàåãáä", ("", *_TONES), strict=True)},
    **{m: (_BREVE, t) for m, t in zip("êèúüéë", ("", *_TONES), strict=True)},
}
# ...on these bases ("ô" and "ö" are the VNI bytes of ơ and ư), the hats only on some...
_VNI_BASES = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
_VNI_HATS = {"a": ("", _CIRCUMFLEX, _BREVE), "e": ("", _CIRCUMFLEX), "o": ("", _CIRCUMFLEX)}
# ...and gives a byte of their own to ơ, ư, đ, the toned i and ỵ.
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "í": "í", "ò": "ị", "î": "ỵ"}


def _vni_table() -> dict[str, str]:
    """VNI sequence -> Unicode letter, in capitals too; the case of the base letter decides ("Oä", "OÄ": "Ộ")."""
    table = {}
    for small, letter in _VNI_SINGLE.items():
        table[small], table[small.upper()] = letter, letter.upper()
    for base, letter in _VNI_BASES.items():
        for mark, (hat, tone) in _VNI_MARKS.items():
            if hat in _VNI_HATS.get(base, ("",)):
                out = _nfc(letter + hat + tone)
                for b in (base, base.upper()):
                    for m in (mark, mark.upper()):
                        table[b + m] = out.upper() if b.isupper() else out
    return table


_VNI = _vni_table()
_VNI_RE = _alternation(_VNI)

# --- words and syllables -----------------------------------------------------------------------------------------
# cp1252 punctuation that VN1 capitals in 0x80-0x9F become ("’" is 0x92, "Ò"): in a word only beside its letters.
_PUNCT_FORMS = "".join(sorted(k for k in _T3_EXT if not k.isalpha() and ord(k) > 0xFF))
_LETTER = r"[^\W\d_]|[\u0300-\u036f]"


def _word_re(extra: str = "", punct: str = "") -> re.Pattern[str]:
    """Words: letters, combining marks and the ``extra`` characters, with ``punct`` allowed between and around."""
    w = f"(?:{_LETTER}|[{re.escape(extra)}])" if extra else f"(?:{_LETTER})"
    if not punct:
        return re.compile(f"{w}+")
    p = f"[{re.escape(punct)}]"
    return re.compile(f"{p}*{w}+(?:{p}+{w}+)*{p}*")


_WORDS = {
    TCVN3: _word_re("".join(sorted(k for k in _T3_ALL if not k.isalpha() and k not in _PUNCT_FORMS)), _PUNCT_FORMS),
    VNI: _word_re(),
}

def _strip_edges(word: str) -> str:
    """The word without the quotes and dashes a word pattern may have taken along."""
    return word.strip(_PUNCT_FORMS)


def _is_unicode_word(word: str) -> bool:
    """The word reads as Unicode Vietnamese: one syllable, in lower, upper or title case."""
    word = _nfc(_strip_edges(word))
    if not word or not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    return is_syllable(word.lower())


class _Word(NamedTuple):
    text: str  # converted
    lowered: bool  # holds a small-letter code, which the "H" fonts draw as a capital
    vn1: bool  # holds a toned capital of the full VN1 set
    n_ascii: int  # ASCII letters in the source word
    caps: bool  # those are all capitals


@lru_cache(maxsize=1 << 16)
def _tcvn3_map(word: str, vn1: bool = False) -> tuple[str, bool, bool]:
    """(Unicode, lowered, VN1 used) of a TCVN3 word. Printable VN1 forms are taken when they make the word a
    syllable and, for those that are Unicode letters too ("à" is VN1 "Ổ"), when the text uses VN1 elsewhere, the
    word has a surely-legacy character or does not read as Unicode: "Bà" stays, "QUYÚT" becomes "QUYẾT"."""
    lowered = any(c in _T3_LOWER for c in word)
    if any(c in _T3_EXT for c in word) and (
        vn1
        or not any(c in _T3_EXT_LETTERS for c in word)
        or any(c in _T3_DISTINCT for c in word)
        or not _is_unicode_word(word)
    ):
        full = _nfc(_T3_ALL_RE.sub(lambda m: _T3_PAIRS.get(m.group()) or _T3_ALL[m.group()], word))
        if is_syllable(full.lower()):
            return full, lowered, True
    core = _nfc(_T3_CORE_RE.sub(lambda m: _T3_PAIRS.get(m.group()) or _T3_CORE[m.group()], word))
    return core, lowered, any(c in _T3_CONTROLS for c in word)


def _tcvn3_word(word: str, vn1: bool = False) -> _Word:
    letters = [c for c in word if c.isascii() and c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    inner = word.strip(_PUNCT_FORMS)
    if inner and inner != word:
        text, lowered, used = _tcvn3_map(inner, vn1)
        if any(c.islower() for c in text):  # "“" and "…" beside a small-letter word are punctuation, not VN1
            start = word.find(inner)
            return _Word(word[:start] + text + word[start + len(inner) :], lowered, used, len(letters), caps)
    return _Word(*_tcvn3_map(word, vn1), len(letters), caps)


def _tcvn3_line(line: str, vn1: bool) -> str:
    """Convert one line. A ".VnTimeH" font draws the small-letter codes as capitals, and words typed in it have
    only capital ASCII letters: "CéNG" is "CỘNG". A word with one ASCII letter or none ("X·", "§Ò") is in capitals
    when its neighbours are capital-like and one surely is a capital word ("HOµ", "NAM"; not "GD", "Y", "T\\xad")."""
    matches = list(_WORDS[TCVN3].finditer(line))
    words = [_tcvn3_word(m.group(), vn1) for m in matches]
    capsish = [w.caps or w.n_ascii == 0 for w in words]
    upper = [w.lowered and w.caps and w.n_ascii >= 2 for w in words]
    sure = [
        up or (not w.lowered and len(w.text) >= 2 and w.text.isupper() and is_syllable(w.text.lower()))
        for w, up in zip(words, upper, strict=True)
    ]
    changed = True
    while changed:  # "Dù ¸N Vµ KÕ HO¹CH": capitals spread from a sure capital word along capital-like ones
        changed = False
        for i, w in enumerate(words):
            around = [j for j in (i - 1, i + 1) if 0 <= j < len(words)]
            if not (w.lowered and capsish[i] and not upper[i] and around):
                continue
            if all(capsish[j] for j in around) and any(sure[j] for j in around):
                upper[i] = sure[i] = changed = True
    out, pos = [], 0
    for m, w, up in zip(matches, words, upper, strict=True):
        out += [line[pos : m.start()], w.text.upper() if up else w.text]
        pos = m.end()
    out.append(line[pos:])
    return "".join(out)


def _vni_map(text: str) -> str:
    return _nfc(_VNI_RE.sub(lambda m: _VNI[m.group()], text))


@lru_cache(maxsize=1 << 16)
def _convert_word(word: str, encoding: str) -> str:
    return _tcvn3_word(word).text if encoding == TCVN3 else _vni_map(word)


class _Tally(NamedTuple):
    legacy: int  # words of two characters or more that are a syllable only once converted ("Céng")
    codes: int  # distinct non-ASCII characters in those words: many in Vietnamese, "å" alone in Norwegian "så"
    unicode: int  # words that read as Unicode Vietnamese only as they are ("Cộng")
    foreign: int  # words with a non-ASCII character
    syllables: int  # words, ASCII ones too, that are a syllable once converted
    words: int


def _tally(text: str, encoding: str) -> _Tally:
    legacy = unicode = foreign = syllables = words = 0
    codes: set[str] = set()
    for m in _WORDS[encoding].finditer(text):
        word = m.group()
        words += 1
        converted = _convert_word(word, encoding)
        syllable = is_syllable(_strip_edges(converted).lower())
        syllables += syllable
        if word.isascii():
            continue
        foreign += 1
        as_legacy = syllable and converted != word
        as_unicode = _VIET_ONLY.search(word) is not None or _is_unicode_word(word)
        if as_legacy and not as_unicode:
            if len(_strip_edges(word)) >= 2:  # "«" is "ô", "ë" is "ở": too little to go on
                legacy += 1
                codes.update(c for c in word if not c.isascii())
        elif as_unicode and not as_legacy:
            unicode += 1
    return _Tally(legacy, len(codes), unicode, foreign, syllables, words)


_SAMPLE = 200_000  # characters looked at by detect_legacy


def detect_legacy(text: str) -> str | None:
    """The legacy encoding of ``text``, "tcvn3" or "vni", or None when it is not legacy-encoded Vietnamese.

    Of the words with a non-ASCII character, those that are a Vietnamese syllable only once converted must number
    at least three, be at least half, outnumber those that read as Unicode Vietnamese only as they are, and hold
    three different legacy codes or more (Norwegian "så", "gå", "nå" would be "sồ", "gồ", "nồ"); and, once
    converted, at least half of all the words must be Vietnamese syllables.
    """
    sample = _nfc(text[:_SAMPLE])
    found = []
    for encoding in ENCODINGS:
        t = _tally(sample, encoding)
        if (
            t.legacy >= 3
            and t.codes >= 3
            and 2 * t.legacy >= t.foreign
            and t.legacy > t.unicode
            and 2 * t.syllables >= t.words
        ):
            found.append((t.legacy, encoding))
    found.sort(reverse=True)
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return found[0][1]


def convert_legacy(text: str, encoding: str) -> str:
    """``text``, legacy bytes decoded as latin-1 or cp1252, in ``encoding`` ("tcvn3" or "vni") -> NFC Unicode."""
    if encoding == VNI:
        return _vni_map(text)
    if encoding != TCVN3:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    vn1 = any(_tcvn3_word(m.group()).vn1 for m in _WORDS[TCVN3].finditer(text))
    return "\n".join(_tcvn3_line(line, vn1) for line in text.split("\n"))  # not splitlines: "\x85" is VN1 "Ặ"


def fix_legacy(text: str) -> tuple[str, str | None]:
    """(``text`` in Unicode, its legacy encoding) when it is TCVN3 or VNI, else (``text``, None)."""
    encoding = detect_legacy(text)
    return (convert_legacy(text, encoding), encoding) if encoding else (text, None)


def looks_legacy(text: str, encoding: str) -> bool:
    """Whether a piece of a legacy document (a paragraph, a run in a legacy font) is legacy too: no letter only
    Unicode Vietnamese has, and no fewer legacy-only words than Unicode-only ones (so a lone "cã" counts)."""
    if _VIET_ONLY.search(text):
        return False
    tally = _tally(_nfc(text), encoding)
    return tally.legacy >= tally.unicode


def fix_legacy_blocks(blocks: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Blocks of lines (paragraphs, cells) -> (blocks in Unicode, encodings converted). A block is converted when
    it is legacy itself, or when the whole text is and the block looks legacy (a lone "§iÒu 1")."""
    whole = detect_legacy("\n".join(line for block in blocks for line in block))
    fixed, found = [], set()
    for block in blocks:
        text = "\n".join(block)
        encoding = detect_legacy(text) or (whole if whole and looks_legacy(text, whole) else None)
        if encoding:
            block = convert_legacy(text, encoding).split("\n")
            found.add(encoding)
        fixed.append(block)
    return fixed, sorted(found)


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """(encoding, capitals only) a font name implies: ".VnTime" TCVN3, ".VnTimeH" TCVN3 drawn in capitals,
    "VNI-Times" VNI; (None, False) for other fonts."""
    name = (font or "").strip()
    if name[:3].lower() == ".vn":
        return TCVN3, name.endswith("H")
    if re.match(r"vni[- ]", name, re.IGNORECASE):
        return VNI, False
    return None, False


def legacy_warning(encoding: str) -> str:
    """The warning stage 1 records when it converted text from ``encoding``."""
    return f"legacy {_NAMES[encoding]} encoding converted to Unicode"
