"""Find the input files under the paths a user gives, with names relative to the input root.

Names are relative POSIX paths that never leave the root: no ``..``, no leading ``/``, whatever
the given paths look like (``../docs``, ``/abs/docs``, ``.``). A path the user gives is read as
given, even through a symbolic link; below it, no link is followed: a symbolic link (to a file
or a folder, inside the root or out of it, broken or looping) is listed with the reason
:data:`SYMLINK` and never read, and so is anything that is not a regular file (a FIFO would
block the run, a device never ends). Names starting with ``.`` are hidden and not listed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SYMLINK = "symbolic link (not followed)"
NOT_A_FILE = "not a regular file"


@dataclass(frozen=True)
class InputFile:
    """A file to process: where it is, how outputs name it, and why it is not read (when it is not)."""

    path: Path
    rel: str
    skipped: str | None = None


def discover(paths: list[Path]) -> Iterator[InputFile]:
    """Yield every file under ``paths`` (folders recursively, sorted, links below a given path not followed).

    With one input path, names are relative to it (to its parent for a single file);
    with several, each name starts with its input's own name, made unique (``docs``, ``docs~2``).
    """
    tops: set[str] = set()
    for given in paths:
        name = given.name if given.name not in ("", "..") else given.resolve().name  # "." and ".." by what they are
        top = unique_name(name or "root", tops) if len(paths) > 1 else ""
        if given.is_dir():
            for path in _walk(given):
                name = path.relative_to(given).as_posix()
                yield _input(path, f"{top}/{name}" if top else name)
        else:
            yield _input(given, top or given.name, follow=True)


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name~2``, ``name~3``... when it is already in ``taken`` (which it is added to)."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}~{n}"
    taken.add(candidate)
    return candidate


def _input(path: Path, rel: str, follow: bool = False) -> InputFile:
    """``path`` as an input: a regular file is read; a link (unless given) or anything else is not.

    A name that is not valid UTF-8 keeps its bad bytes as ``\\xNN`` escapes: outputs are UTF-8 text.
    """
    rel = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    try:
        mode = (path.stat() if follow else path.lstat()).st_mode
    except OSError:  # vanished, or a given link whose target is gone: reading it reports why
        return InputFile(path, rel)
    if stat.S_ISLNK(mode):
        return InputFile(path, rel, SYMLINK)
    return InputFile(path, rel, None if stat.S_ISREG(mode) else NOT_A_FILE)


def _walk(root: Path) -> Iterator[Path]:
    """Every non-hidden entry below ``root`` that is not a real folder, in sorted order, depth first."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        folder = Path(dirpath)
        links = [d for d in dirnames if (folder / d).is_symlink()]  # listed as entries, never entered
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in links)
        for name in sorted(filenames + links):
            if not name.startswith("."):
                yield folder / name
