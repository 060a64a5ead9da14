"""Character ranges already taken in a text, with overlap tests that stay linear in the text's length.

Finders that keep the first of overlapping matches test each new match against those kept; a scan of a
list of kept ranges makes that quadratic in the number of matches (thousands in a long or hostile text).
"""

from __future__ import annotations


class Ranges:
    """Taken ranges ``[start, end)`` of a text of ``size`` characters."""

    def __init__(self, size: int) -> None:
        self._covered = bytearray(size + 1)  # 1 inside some range
        self._starts = bytearray(size + 1)  # 1 where some range starts (empty ones included)

    def add(self, start: int, end: int) -> None:
        self._starts[start] = 1
        self._covered[start:end] = b"\x01" * max(0, end - start)

    def covered(self, start: int, end: int) -> bool:
        """Whether some position of ``[start, end)`` lies inside a taken range."""
        return self._covered.find(1, start, end) >= 0

    def starts_in(self, start: int, end: int) -> bool:
        """Whether a taken range starts in ``[start, end)``."""
        return self._starts.find(1, start, end) >= 0
