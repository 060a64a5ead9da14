"""Per-file results cached by content hash and pipeline version, written atomically.

A second run over an unchanged folder reads every result from here; a run killed
half-way finds the files it had finished and redoes only the rest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pipeline import PIPELINE_VERSION
from pipeline.atomic import write_atomic


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


class ResultCache:
    """Maps a file's sha256 to its processed result (manifest fields + documents)."""

    def __init__(self, directory: Path, version: str = PIPELINE_VERSION):
        self.directory = directory
        self.version = version

    def path(self, sha256: str) -> Path:
        """Where the result of the file with this content hash is stored."""
        tag = hashlib.sha256(self.version.encode()).hexdigest()[:8]
        return self.directory / sha256[:2] / f"{sha256}-{tag}.json"

    def get(self, sha256: str) -> dict[str, Any] | None:
        path = self.path(sha256)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, sha256: str, result: dict[str, Any]) -> None:
        write_atomic(self.path(sha256), json.dumps(result, ensure_ascii=False))
