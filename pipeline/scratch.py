"""A SQLite file a run works in and deletes when it is done (the graph while it is built, the list of inputs):
what would grow with the archive lives on disk, not in memory."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Self


class ScratchDatabase:
    """A fresh SQLite database at ``path`` (an old file there is replaced) made with ``schema``; :meth:`close`
    closes and deletes it, as does leaving a ``with`` block."""

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        path.unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        self.db.executescript(schema)

    def close(self) -> None:
        """Close the database and delete its file."""
        self.db.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
