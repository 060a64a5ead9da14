"""Find the input files under the paths a user gives, with paths relative to the input root."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InputFile:
    """A file to process: where it is, and how outputs name it (relative, never escaping the root)."""

    path: Path
    rel: str


def discover(paths: list[Path]) -> Iterator[InputFile]:
    """Yield every regular file under ``paths`` (folders recursively, sorted, symlinks not followed).

    With one input path, names are relative to it (to its parent for a single file);
    with several, each name is prefixed by its input's own name so names never collide.
    """
    prefix_roots = len(paths) > 1
    for given in paths:
        root = given if given.is_dir() else given.parent
        prefix = f"{given.name}/" if prefix_roots and given.is_dir() else ""
        for path in _walk(given):
            yield InputFile(path=path, rel=prefix + path.relative_to(root).as_posix())


def _walk(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name
