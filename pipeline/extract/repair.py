"""Post-OCR repair of Vietnamese word lines: fix what Tesseract gets wrong, one word at a time, boxes untouched.

Every word is NFC-normalized with one tone-mark placement (``hoà`` -> ``hòa``), and Cyrillic or Greek letters that
look like Latin ones become Latin inside mostly-Latin tokens (``TT-BTС`` with a Cyrillic С, ``ΝĐ-CP`` with a Greek
Ν), never in a Cyrillic or Greek word. Spelling then uses a syllable lexicon and the 2- and 3-syllable runs of
known words, built once from underthesea's Viet74K dictionary (entries not shaped like Vietnamese syllables are
dropped), the names and aliases of ``models/organizations.tsv``, ``provinces.tsv`` and ``local_units.tsv``, and
``models/admin_words.txt`` (administrative vocabulary Viet74K lacks or that must count as domain words: document
types, signature phrases, frequent legal terms, the laws most "Căn cứ" lines cite). A word is a candidate when it
is not a known syllable, or when it is one but forms no known run with its neighbours while a variant with the same
letters does ("THÀNH PHÓ" -> "THÀNH PHỐ", "CÀN THƠ" -> "CẦN THƠ"). Candidates are the syllables with the same
letters and, for an unknown word, those one letter away ("KÉẺ" -> "KẾ"); one is taken only when the longest run it
makes with the neighbours is known and no other candidate ties. Changing a known syllable, or a letter of a word
that already spells syllables, needs strong context: a run of a gazetteer name or admin phrase in which the
candidate's whole word lies ("hạ tằng" -> "hạ tầng", not "tại khoản" -> "tài khoản"); taking a diacritic away from a
known syllable needs three words. An unknown word with no confirming run takes the single syllable that differs
from it in the marks of one letter ("Luat" -> "Luật"). Left alone: numbers, symbols, words with digits, "/" or "-",
mixed case, capitals without diacritics that are not syllables (UBND, HĐND, PPP), foreign-looking words without
diacritics ("of", "yet"), and names: a run of capitalized words after a family name ("NGUYỄN VĂN HÒA"), or a
capitalized word inside a sentence, is read only as a name from the lexicon. Runs do not cross punctuation or start
a line in capitals; casing and the punctuation around a word are kept.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pipeline.conventions.casing import COMMON_SURNAMES
from pipeline.conventions.syllables import has_syllable_letters, is_syllable
from pipeline.model import Word
from pipeline.textnorm import LOWER, UPPER, fold, nfc, normalize_tone_marks

_LOOKALIKES = str.maketrans(
    # Cyrillic capitals and small letters, then Greek capitals and small letters.
    "АВСЕНІЈКМОРЅТХУасеорхуіјѕһԁΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιυκρνχα",
    "ABCEHIJKMOPSTXYaceopxyijshdABEZHIKMNOPTYXoiukpvxa",
)
_ETH = str.maketrans("Ðð", "Đđ")  # Icelandic eth, which Vietnamese never uses, for the đ it looks like
_PUNCT = "\"',.;:()[]“”‘’!?…"
_SPLIT = re.compile(rf"^([{re.escape(_PUNCT)}]*)(.*?)([{re.escape(_PUNCT)}]*)$", re.S)
_LETTERS = re.compile(rf"[{LOWER}{UPPER}]+")
_OLD_TONES = re.compile("(?i)o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ]")  # what normalize_tone_marks may change: skip other lines
_PLAIN = re.compile(rf"[{LOWER}]+(?: [{LOWER}]+)*")
_CHUNK = re.compile(r"[^\w\s]|[\d_]")
_SURNAMES = frozenset(n.lower() for n in COMMON_SURNAMES)  # a capitalized run after one is a name
_ALPHABET = "abcdeghiklmnopqrstuvxy"
_MAX_GRAM = 3
_KINDS = ("spelling", "look-alike letters", "tone marks", "Unicode NFC")  # of a change note, most telling first


class _Page(NamedTuple):
    low: list[str | None]  # lower-case words (None for numbers, symbols, punctuation)
    link: list[bool]  # word j continues word j - 1 (no punctuation between them)
    case: list[str]  # "U" all capitals, "T" capitalized, "L" lower case, "" not a word
    midcap: list[bool]  # capitalized right after a lower-case word: read as part of a name


class _Lexicon(NamedTuple):
    syllables: frozenset[str]  # lower case, NFC, one tone placement
    by_fold: dict[str, tuple[str, ...]]  # folded syllable -> its syllables
    known: frozenset[str]  # 2- and 3-syllable runs of every entry, lower case, space-joined
    known_folds: frozenset[str]  # the same, folded
    words: frozenset[str]  # whole entries of 2 to 3 syllables
    common: frozenset[str]  # the runs of entries written in lower case
    proper: dict[str, frozenset[tuple[bool, ...]]]  # runs of capitalized entries -> which syllables are capitals
    strong: dict[str, int]  # runs of gazetteer names and admin phrases -> bit mask of the syllables they confirm
    strong_folds: dict[str, tuple[str, ...]]  # the strong runs by their folded spelling


# ----------------------------------------------------------------------------- public


def repair_lines(lines: list[list[Word]]) -> tuple[list[list[Word]], list[str]]:
    """Repaired copies of OCR word lines (same words and boxes) and one note per changed word ("KÉẺ -> KẾ")."""
    lex = _lexicon()
    words = [w for line in lines for w in line]
    normalized = [_normalize(w.text) for w in words]
    parts = [_SPLIT.match(text).groups() for text, _ in normalized]
    kinds = [kind for _, kind in normalized]
    cores = [p[1] for p in parts]
    low = [c.lower() if _LETTERS.fullmatch(c) else None for c in cores]
    case = [_case(c) if x else "" for c, x in zip(cores, low, strict=True)]
    starts = set(itertools.accumulate(len(line) for line in lines))  # a new line continues one in lower case only
    page = _Page(
        low=low,
        link=[
            j > 0
            and bool(low[j - 1] and low[j])
            and not parts[j - 1][2]
            and not parts[j][0]
            and (j not in starts or case[j] == "L")
            for j in range(len(low))
        ],
        case=case,
        midcap=[c == "T" and j > 0 and case[j - 1] == "L" and not parts[j - 1][2] for j, c in enumerate(case)],
    )

    def fix(i: int) -> bool:
        if not _eligible(cores[i]) or _in_name(i, page) or not (new := _correct(i, page, lex)):
            return False
        low[i] = new
        cores[i] = _recase(cores[i], new)
        kinds[i] = kinds[i] if kinds[i] == "look-alike letters" else ""
        return True

    for i in range(len(cores)):
        if fix(i) and i > 0 and page.link[i]:
            fix(i - 1)  # "NGUON VÓN": the word before may read differently now
    out, changes, k = [], [], 0
    for line in lines:
        new_line = []
        for w in line:
            lead, _, trail = parts[k]
            text = lead + cores[k] + trail
            if text != w.text:
                changes.append(f"{w.text} -> {text}" + (f" ({kinds[k]})" if kinds[k] else ""))
            new_line.append(Word(text, w.box, w.confidence))
            k += 1
        out.append(new_line)
    return out, changes


def summarize_changes(changes: list[str], limit: int = 20) -> list[str]:
    """A compact view of :func:`repair_lines` notes: a count line by kind, then up to ``limit`` distinct changes
    (spelling and look-alike letters before mere normalization, the most frequent first)."""
    if not changes:
        return []
    kinds = Counter(_kind(c) for c in changes)
    head = f"OCR repair changed {len(changes)} words: " + ", ".join(f"{n} {k}" for k, n in kinds.most_common())
    ranked = sorted(Counter(changes).items(), key=lambda item: (_KINDS.index(_kind(item[0])), -item[1]))
    shown = [c if n == 1 else f"{c} (x{n})" for c, n in ranked[:limit]]
    more = len(ranked) - len(shown)
    return [head, *shown] + ([f"... and {more} more distinct changes"] if more > 0 else [])


def _kind(note: str) -> str:
    m = re.search(r" \(([^()]+)\)$", note)
    return m.group(1) if m and m.group(1) in _KINDS else "spelling"


# ----------------------------------------------------------------------------- per word


def _normalize(text: str) -> tuple[str, str]:
    """NFC, tone placement and look-alike letters; the kind of the last change made ("" when none)."""
    kind = ""
    out = nfc(text)
    if out != text:
        kind = "Unicode NFC"
    toned = normalize_tone_marks(out)
    if toned != out:
        out, kind = toned, "tone marks"
    latin = _latinize(out.translate(_ETH))
    if latin != out:
        out, kind = latin, "look-alike letters"
    return out, kind


def _latinize(token: str) -> str:
    """Map Cyrillic/Greek look-alikes to Latin when all of them have one and the token is mostly Latin or digits."""
    others = [c for c in token if c.isalpha() and _script(c) in ("CYRILLIC", "GREEK")]
    if not others or any(c.translate(_LOOKALIKES) == c for c in others):
        return token
    latin = sum(c.isdigit() or (c.isalpha() and _script(c) == "LATIN") for c in token)
    return token.translate(_LOOKALIKES) if latin >= len(others) else token


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """:func:`~pipeline.textnorm.fold`, cached: a page repeats its words."""
    return fold(word)


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def _eligible(core: str) -> bool:
    """Whether a word may be respelled: Vietnamese letters only, one casing pattern, not an abbreviation."""
    if not 2 <= len(core) <= 7 or not _LETTERS.fullmatch(core):
        return False
    if core.isupper():  # UBND, HĐND, PPP stay; an upper-case word with tone marks or a syllable shape may change
        marked = any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", core.replace("Đ", "D")))
        return marked or has_syllable_letters(fold(core))
    return core.islower() or core[1:].islower()


def _case(word: str) -> str:
    """ "U" for ALL CAPS, "T" for Capitalized, "L" for lower case."""
    return "U" if word.isupper() else "T" if word[0].isupper() else "L"


def _recase(template: str, word: str) -> str:
    """``word`` in the casing of ``template``: ALL CAPS, Capitalized or lower case."""
    if template.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if template[:1].isupper() else word


def _correct(i: int, page: _Page, lex: _Lexicon) -> str | None:
    """The corrected lower-case syllable for word ``i``, or None to keep it.

    Candidates with the same letters come first, then, for an unknown word of three letters or more, those one
    letter away. Strong context (a run of a gazetteer name or admin phrase in which the candidate belongs to a word
    inside the run) is needed to change a known syllable, to change a letter when the word's letters already spell
    syllables or carry no diacritics, and for anything in a foreign-looking word ("of", "yet"); otherwise any
    known run confirms. An unknown word without confirming context takes the single syllable that differs from it
    in the marks of one letter.
    """
    w = page.low[i]
    f = _fold(w)
    wins = list(_windows(i, page.link))
    same = [c for c in lex.by_fold.get(f, ()) if c != w]
    if w in lex.syllables:
        wins = [(s, e) for s, e in wins if not _crossing(i, s, e, page, lex)]
        if any(" ".join(page.low[s:e]) in lex.known for s, e in wins):
            return None  # valid in context
        if not any(" ".join(map(_fold, page.low[s:e])) in lex.known_folds for s, e in wins):
            return None  # no known run spelled with these letters
        return _confirmed(i, same, wins, page, lex, strong=True)
    foreign = w.isascii() and (
        page.case[i] == "U" or not has_syllable_letters(w) or not _vietnamese_next_to(i, page, lex)
    )
    if pick := _confirmed(i, same, wins, page, lex, strong=foreign) or _joint(i, wins, page, lex):
        return pick
    if not foreign and len(w) > 2 and (w.isascii() or page.case[i] != "T"):  # "Nếnh" is a name
        near = [c for c in same if sum(a != b for a, b in zip(c, w, strict=True)) == 1]
        if len(near) == 1:
            return near[0]
    if len(w) > 2:
        edits = [c for g in _edits1(f, lex.by_fold) for c in lex.by_fold[g]]
        return _confirmed(i, edits, wins, page, lex, strong=bool(same) or w.isascii())
    return None


def _confirmed(
    i: int, cands: list[str], wins: list[tuple[int, int]], page: _Page, lex: _Lexicon, strong: bool
) -> str | None:
    """The one candidate for word ``i`` that the longest known (or ``strong``) run around it confirms.

    Ties go to the candidate closest in spelling; a remaining tie keeps the word. Taking a diacritic away from a
    known syllable ("khóa học" -> "khoa học") needs a full three-word run.
    """
    w = page.low[i]
    scored = []
    for c in cands:
        best = 0
        for s, e in wins:
            gram = " ".join([*page.low[s:i], c, *page.low[i + 1 : e]])
            if strong and not lex.strong.get(gram, 0) >> (i - s) & 1:
                continue
            if gram in lex.known and _case_ok(gram, page.case[s:e], page.midcap[i], lex):
                best = max(best, e - s)
        if best and not (w in lex.syllables and best < _MAX_GRAM and _marks(c) < _marks(w)):
            scored.append((-best, _distance(c, w), c))
    scored.sort()
    if not scored or (len(scored) > 1 and scored[0][:2] == scored[1][:2]):
        return None
    return scored[0][2]


def _in_name(i: int, page: _Page) -> bool:
    """Whether word ``i`` follows a family name in a run of words of its own case: part of a person's name."""
    if page.case[i] == "L":
        return False
    for k in range(i - 1, max(i - 4, -1), -1):
        if not page.link[k + 1] or page.case[k] != page.case[i]:
            return False
        if page.low[k] in _SURNAMES:
            return True
    return False


def _vietnamese_next_to(i: int, page: _Page, lex: _Lexicon) -> bool:
    """Whether a word next to word ``i`` is a known syllable with diacritics: "Luat Giám định", not "not yet"."""
    return any(
        0 <= j < len(page.low) and page.low[j] and not page.low[j].isascii() and page.low[j] in lex.syllables
        for j in (i - 1, i + 1)
    )


def _crossing(i: int, s: int, e: int, page: _Page, lex: _Lexicon) -> bool:
    """Whether the neighbour in a two-word run already makes a dictionary word with the word on its other side.

    In "giao thông từ sớm" the run "thông từ" does not suggest "thông tư": "thông" belongs to "giao thông".
    """
    if e - s != 2:
        return False
    j = s if s < i else i + 1
    pair = (j - 1, j) if j < i else (j, j + 1)
    if pair[0] < 0 or pair[1] >= len(page.low) or not page.link[pair[1]]:
        return False
    return " ".join(page.low[k] for k in pair) in lex.words


def _joint(i: int, wins: list[tuple[int, int]], page: _Page, lex: _Lexicon) -> str | None:
    """Word ``i`` of the one strong run that a run around it spells with other diacritics ("NGUON VÓN")."""
    picks = set()
    for s, e in wins:
        for gram in lex.strong_folds.get(" ".join(map(_fold, page.low[s:e])), ()):
            if lex.strong[gram] >> (i - s) & 1 and _case_ok(gram, page.case[s:e], page.midcap[i], lex):
                picks.add(gram.split()[i - s])
    return picks.pop() if len(picks) == 1 else None


def _case_ok(gram: str, case: list[str], name: bool, lex: _Lexicon) -> bool:
    """Whether a run written with these cases ("U"pper, "T"itle, "L"ower) may be read as ``gram``.

    All capitals say nothing. A name ("Hà Nam") must have its capitals, and a run of capitalized words (a person's
    name, "Văn Hòa") or a word capitalized inside a sentence (``name``) is read only as a name with the same
    capitals, never as a common word ("văn hóa").
    """
    if all(c == "U" for c in case):
        return True
    if gram in lex.common and not name and not all(c == "T" for c in case):
        return True
    return tuple(c != "L" for c in case) in lex.proper.get(gram, ())


def _windows(i: int, link: list[bool]) -> Iterator[tuple[int, int]]:
    """(start, end) of the 2- and 3-word runs around word ``i`` that no punctuation or non-word interrupts."""
    for size in range(2, _MAX_GRAM + 1):
        for s in range(i - size + 1, i + 1):
            e = s + size
            if s >= 0 and e <= len(link) and all(link[k] for k in range(s + 1, e)):
                yield s, e


def _edits1(f: str, by_fold: dict[str, tuple[str, ...]]) -> set[str]:
    """Folded syllables one letter (deleted, inserted or replaced) away from ``f``."""
    splits = [(f[:k], f[k:]) for k in range(len(f) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(f)
    return {g for g in out if g in by_fold}


def _marks(syllable: str) -> int:
    """How many diacritics a syllable carries ("ầ" two, "đ" one)."""
    return sum(1 for c in unicodedata.normalize("NFD", syllable) if unicodedata.combining(c)) + syllable.count("đ")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings."""
    prev = list(range(len(b) + 1))
    for k, ca in enumerate(a, 1):
        cur = [k]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# ----------------------------------------------------------------------------- lexicon


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Syllables and runs of Viet74K, the gazetteer and admin_words.txt; built on first use."""
    entries = []
    for phrase, trusted in _phrases():
        for segment in _segments(phrase):
            lower = [t.lower() for t in segment]
            if trusted or all(map(is_syllable, lower)):
                entries.append((lower, tuple(t != u for t, u in zip(segment, lower, strict=True)), trusted))
    words = {" ".join(lower) for lower, _, _ in entries if 2 <= len(lower) <= _MAX_GRAM}
    syllables: set[str] = set(_SURNAMES)
    common: set[str] = set()
    proper: dict[str, set[tuple[bool, ...]]] = {}
    strong: dict[str, int] = {}
    for lower, caps, trusted in entries:
        syllables.update(lower)
        named = any(caps)
        spans = _word_spans(lower, words) if trusted else []
        for n in range(2, _MAX_GRAM + 1):
            for s in range(len(lower) - n + 1):
                e = s + n
                gram = " ".join(lower[s:e])
                if named:
                    proper.setdefault(gram, set()).add(caps[s:e])
                else:
                    common.add(gram)
                if spans:  # the syllables whose whole word lies inside the run
                    inside = [k for ws, we in spans if s <= ws and we <= e and we - ws > 1 for k in range(ws, we)]
                    strong[gram] = strong.get(gram, 0) | sum(1 << (k - s) for k in inside)
    table = str.maketrans({c: fold(c) for c in set().union(*syllables)})  # fold() of each letter, for speed
    by_fold: dict[str, list[str]] = {}
    for syllable in sorted(syllables):
        by_fold.setdefault(syllable.translate(table), []).append(syllable)
    known = common | proper.keys()
    strong_folds: dict[str, tuple[str, ...]] = {}
    for gram in sorted(g for g, m in strong.items() if m):
        key = gram.translate(table)
        strong_folds[key] = (*strong_folds.get(key, ()), gram)
    return _Lexicon(
        syllables=frozenset(syllables),
        by_fold={k: tuple(v) for k, v in by_fold.items()},
        known=frozenset(known),
        known_folds=frozenset(g.translate(table) for g in known),
        words=frozenset(words),
        common=frozenset(common),
        proper={g: frozenset(v) for g, v in proper.items()},
        strong={g: m for g, m in strong.items() if m},
        strong_folds=strong_folds,
    )


def _word_spans(syllables: list[str], words: set[str]) -> list[tuple[int, int]]:
    """Greedy longest-match segmentation of a name into dictionary words: [(start, end)], one per word."""
    spans, k = [], 0
    while k < len(syllables):
        n = next(
            (n for n in range(_MAX_GRAM, 1, -1) if k + n <= len(syllables) and " ".join(syllables[k : k + n]) in words),
            1,
        )
        spans.append((k, k + n))
        k += n
    return spans


def _phrases() -> Iterator[tuple[str, bool]]:
    """(phrase, trusted) from every source, NFC with one tone placement; dictionary entries are not trusted."""
    from pipeline.nlp.places import models_dir, read_tsv

    package = importlib.util.find_spec("underthesea")  # where it is installed, without importing it (0.5 s)
    viet74k = Path(package.submodule_search_locations[0]) / "corpus" / "data" / "Viet74K.txt"
    for line in nfc(viet74k.read_text(encoding="utf-8")).splitlines():
        if "-" not in line:  # hyphenated entries are transcribed foreign words ("a-ba-giua")
            yield (normalize_tone_marks(line) if _OLD_TONES.search(line) else line), False
    models = models_dir()
    names = []
    for name in ("organizations.tsv", "provinces.tsv", "local_units.tsv"):
        for row in read_tsv(models / name):
            names += [row["name"], *row["aliases"].split("|")]
            if name == "provinces.tsv":
                names.append(("thành phố " if row["kind"] == "thanh-pho" else "tỉnh ") + row["name"])
    admin = (models / "admin_words.txt").read_text(encoding="utf-8").splitlines()
    names += [line for line in admin if not line.startswith("#")]
    yield from ((normalize_tone_marks(nfc(n)), True) for n in names)


def _segments(phrase: str) -> Iterator[list[str]]:
    """Runs of syllables of a phrase, split at punctuation, digits and abbreviations ("UBND")."""
    if _PLAIN.fullmatch(phrase):  # most dictionary lines: lower-case words and single spaces
        yield phrase.split(" ")
        return
    for chunk in _CHUNK.split(phrase):
        run: list[str] = []
        for token in chunk.split():
            if _LETTERS.fullmatch(token) and token[1:] == token[1:].lower():
                run.append(token)
            else:
                if run:
                    yield run
                run = []
        if run:
            yield run
