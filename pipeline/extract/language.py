"""Is this Vietnamese? The Vietnamese alphabet, and a warning for text in another script.

Text in the Latin alphabet without any diacritic (English, or Vietnamese typed without accents,
common in old crawls) gets no warning: the two cannot be told apart by their letters.
"""

from __future__ import annotations

import unicodedata

_VOWELS = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VIETNAMESE_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzđABCDEFGHIJKLMNOPQRSTUVWXYZĐ"
    + "".join(unicodedata.normalize("NFC", v + t) for v in _VOWELS + _VOWELS.upper() for t in _TONES)
)
_SAMPLE = 100_000  # characters looked at
_MIN_LETTERS = 50  # fewer letters: too little to judge


def language_warning(text: str) -> str | None:
    """A warning when more than a fifth of the letters of ``text`` are not of the Vietnamese alphabet
    (Chinese, Russian, Thai ...); None otherwise."""
    letters = [c for c in text[:_SAMPLE] if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return None
    foreign = sum(c not in VIETNAMESE_LETTERS for c in letters) / len(letters)
    if foreign > 0.2:
        return f"text does not look Vietnamese: {foreign:.0%} of its letters are not of the Vietnamese alphabet"
    return None
