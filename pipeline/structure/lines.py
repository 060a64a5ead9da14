"""Lines of a document with their offsets: the unit every structure parser reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.textnorm import LOWER, UPPER, fold, fold_keep_offsets

PERSON_NAME = re.compile(rf"^[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]*){{1,5}}$")
NOT_NAMES = {"nhu tren", "noi nhan", "kinh gui", "da ky", "ha noi", "viet nam", "dong y", "cong hoa"}


@dataclass
class Line:
    """A stripped line: its text and where it sits in the document text."""

    text: str
    start: int
    end: int
    blank_before: bool = False


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-empty lines of ``text[start:end]`` with offsets; ``blank_before`` marks a block start."""
    end = len(text) if end is None else end
    out: list[Line] = []
    blank = True
    pos = start
    for raw in text[start:end].split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(stripped, pos + lead, pos + lead + len(stripped), blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return out


def is_upper(text: str) -> bool:
    """Mostly upper-case letters (a letterhead or title line)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def is_mark(text: str) -> bool:
    """A line of one sign or of no letter or digit: a rule, or the asterisk under a Party letterhead's issuer
    as OCR reads it ("*", "+", "x", "%")."""
    t = "".join(text.split())
    return len(t) == 1 or (bool(t) and not any(c.isalnum() for c in t))


def is_person_name(text: str) -> bool:
    """A personal name as signature blocks write it: 2-6 capitalized syllables, nothing else."""
    text = text.strip().strip("*_ ")
    if PERSON_NAME.match(text):
        return fold(text) not in NOT_NAMES
    return False


def fold_line(text: str) -> str:
    """A line as matched: lower case, accents folded, markup (" *_") trimmed, single spaces."""
    return " ".join(fold_keep_offsets(text.lower()).strip(" *_").split())


def is_prose_word(word: str) -> bool:
    """A word of running text: letters only, some lower case ("Căn", "Ngày"), unlike "CHỈ", "299/TTg"."""
    letters = word.rstrip(",.;:")
    return letters.isalpha() and any(c.islower() for c in letters)
