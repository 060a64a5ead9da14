"""The inputs of a run, in input order, kept in a SQLite file beside the outputs instead of in memory.

Each input has its name (``rel``), its content hash, where it is read from (a file, an archive member,
a saved stage state) or, for a file that is not processed (unreadable, refused, skipped), the result
to record for it. The runner streams from here: the contents to process (each once, at its first
name) and the manifest rows with the name each duplicate repeats. An archive of a million files
costs the runner the SQLite page cache, not a kilobyte per file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.scratch import ScratchDatabase

_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE inputs (seq INTEGER PRIMARY KEY, rel BLOB NOT NULL, sha TEXT, source BLOB, result TEXT);
"""
_BATCH = 10_000  # inserts per transaction


def _blob(text: str) -> bytes:
    """Names as bytes: a file name that is not UTF-8 (kept as surrogates) goes in and comes out unchanged."""
    return text.encode("utf-8", "surrogatepass")


def _text(blob: bytes) -> str:
    return blob.decode("utf-8", "surrogatepass")


class InputLedger(ScratchDatabase):
    """The inputs of one run in ``path`` (replaced if it exists; :meth:`close` deletes it)."""

    def __init__(self, path: Path):
        super().__init__(path, _SCHEMA)
        self._added = 0

    def add(self, rel: str, sha256: str | None, source: str | None, result: dict[str, Any] | None = None) -> None:
        """One input: read from ``source`` as ``sha256``, or not processed, with the result ``result``."""
        source = None if result or source is None else _blob(source)
        self.db.execute("INSERT INTO inputs (rel, sha, source, result) VALUES (?, ?, ?, ?)",
                         (_blob(rel), sha256, source, json.dumps(result) if result else None))
        self._added += 1
        if self._added % _BATCH == 0:
            self.db.commit()

    def seal(self) -> None:
        """End the adding: commit and index the hashes."""
        self.db.execute("CREATE INDEX IF NOT EXISTS by_sha ON inputs (sha, seq)")
        self.db.commit()

    def distinct(self) -> int:
        """How many different contents are to be read."""
        return self.db.execute(
            "SELECT COUNT(DISTINCT sha) FROM inputs WHERE result IS NULL AND sha IS NOT NULL").fetchone()[0]

    def contents(self) -> Iterator[tuple[str, str, str]]:
        """``(source, rel, sha256)`` of each content to process, at the first name it has, in input order."""
        cursor = self.db.execute(
            "SELECT source, rel, sha FROM inputs AS i WHERE result IS NULL AND sha IS NOT NULL"
            " AND seq = (SELECT MIN(seq) FROM inputs WHERE sha = i.sha AND result IS NULL) ORDER BY seq")
        for source, rel, sha in cursor:
            yield _text(source), _text(rel), sha

    def rows(self) -> Iterator[tuple[str, str | None, dict[str, Any] | None, str | None]]:
        """``(rel, sha256, result of a file not processed, the first name of the same content)`` in input order."""
        cursor = self.db.execute(
            "SELECT rel, sha, result, (SELECT rel FROM inputs WHERE sha = i.sha ORDER BY seq LIMIT 1)"
            " FROM inputs AS i ORDER BY seq")
        for rel, sha, result, first in cursor:
            yield _text(rel), sha, json.loads(result) if result else None, _text(first) if first else None

