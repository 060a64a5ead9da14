"""Final text shaping shared by every extractor: lines and blocks -> the stage-1 text contract.

Lines are NFC, tone marks normalized, spaces squashed; lines of a block are joined by
"\\n" and blocks by a blank line. Empty lines and empty blocks are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.textnorm import nfc, normalize_tone_marks, squash

# A run of dashes/underscores written inline ("CHÍNH PHỦ ------- CỘNG HÒA") is a rule line.
_INLINE_RULE = re.compile(r"(?:(?<=\S)\s+|^\s*)([-_=]{3,})(?:\s+(?=\S)|\s*$)")


def clean_line(line: str) -> str:
    """One output line: NFC, normalized tone marks, squashed spaces and dashes."""
    return squash(normalize_tone_marks(nfc(line)))


def split_inline_rules(line: str) -> list[str]:
    """Put a rule ("-------", "____") written inside a line of text on a line of its own."""
    if not _INLINE_RULE.search(line) or re.fullmatch(r"\s*[-_=]+\s*", line):
        return [line]
    return [part for part in _INLINE_RULE.sub(lambda m: f"\n{m.group(1)}\n", line).split("\n")]


def join_blocks(blocks: Iterable[Iterable[str]]) -> str:
    """Blocks of raw lines -> the page text (see the module docstring)."""
    out = []
    for block in blocks:
        lines = [c for c in (clean_line(line) for line in block) if c]
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)
