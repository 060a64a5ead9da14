"""Atomic writes of every output: a temporary file in the same folder, renamed over the final name.

A kill (even ``kill -9``) leaves the previous file or the new one, never half of one; the
temporary ``.tmp-*`` files a kill leaves are never read, and the next run deletes them
(:func:`remove_temp_files`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

TEMP_PREFIX = ".tmp-"
_UMASK = os.umask(0o022)  # read it (the only way) and put it back
os.umask(_UMASK)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write by any means (a library's ``to_parquet``, ``write_graphml``);
    renamed over ``path`` when the block ends, deleted when it raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=path.suffix)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp's 0600 would make outputs private to the user who ran vanban
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(path: Path) -> Iterator[TextIO]:
    """Open ``path`` for writing text through a temporary file renamed on success: no half files."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as f:
        yield f


def write_atomic(path: Path, data: str) -> None:
    """Write text to ``path`` atomically."""
    with atomic_open(path) as f:
        f.write(data)


def remove_temp_files(folder: Path) -> None:
    """Delete the temporary files a killed run left anywhere under ``folder``."""
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            if name.startswith(TEMP_PREFIX):
                Path(dirpath, name).unlink(missing_ok=True)
