"""Helpers of the search tests."""

from __future__ import annotations

import json
from pathlib import Path


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def bulk_actions(path: Path) -> list[tuple[str, str, str, dict | None]]:
    """(action, _index, _id, source or None) of a bulk NDJSON file; asserts it alternates action and source lines."""
    lines = read_jsonl(path)
    out, i = [], 0
    while i < len(lines):
        ((action, meta),) = lines[i].items()
        assert action in ("index", "delete") and set(meta) == {"_index", "_id"}, lines[i]
        source = lines[i + 1] if action == "index" else None
        assert source is None or not {"index", "delete"} & source.keys(), source  # a source, not another action
        out.append((action, meta["_index"], meta["_id"], source))
        i += 2 if action == "index" else 1
    return out
