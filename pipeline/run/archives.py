"""Zip archives as inputs: every member is an input of its own, named ``archive.zip/inner/path.pdf``.

A ``.zip`` file (by its extension: a DOCX is a zip too, and is a document) is not processed
itself: :func:`read_archive` lists its members, checks them and hashes them (the cache key is
the member's content hash), and the worker reads one through :func:`readable`, which copies it
into a private temporary folder (never under a name taken from the archive) with the same checks.

Rules, each with one manifest line and a clear reason:

- one line per member; the archive itself gets a line only when it yields none: ``failed``
  when it is corrupt or a zip bomb as a whole, ``skipped`` when it holds no file;
- folders, hidden names (``.x``, ``__MACOSX/``) are not inputs; ``\\`` counts as ``/``;
- an unsafe name (absolute, drive letter, ``..``): ``failed``, listed under a cleaned name;
- a symbolic link: ``skipped`` (not followed, as on disk); a nested ``.zip``: ``skipped``
  (one level only: unzip it first); an encrypted member: ``failed``;
- zip bombs: more than :data:`MAX_TOTAL` bytes declared in all: the archive ``failed``; a
  member over :data:`RATIO_FLOOR` bytes expanding more than :data:`MAX_RATIO`:1: ``failed``;
  headers lie, so bytes are also counted while reading, and a member that yields more than it
  declares (or fails its CRC) is ``failed`` too;
- the same name twice gets ``~2``, ``~3`` (names stay unique).
"""

from __future__ import annotations

import hashlib
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from pipeline.extract.errors import ExtractionError
from pipeline.run.discover import SYMLINK, unique_name

ARCHIVE_SUFFIXES = frozenset({".zip"})
MAX_TOTAL = 1 << 30  # bytes all members of one archive may declare
MAX_RATIO = 100  # uncompressed : compressed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1 << 20  # small members may compress well (a blank form) without harm
MEMBER = "\0"  # between the archive's path and the member's index in a source: no real path holds a NUL
_CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")


class ArchiveError(Exception):
    """A member cannot be read safely; the message is the manifest's reason."""


@dataclass(frozen=True)
class Member:
    """One input of an archive: its name, where the worker reads it, its content hash, or why it is refused."""

    rel: str
    source: str | None = None
    sha256: str | None = None
    status: str | None = None  # "failed" or "skipped" when refused
    reason: str | None = None


def is_archive(path: Path) -> bool:
    """Whether ``path`` is read as an archive of inputs rather than as a document."""
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def read_archive(path: Path, rel: str) -> Iterator[Member]:
    """The members of the zip at ``path`` (named ``rel``), checked and hashed, in the archive's order."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            declared = sum(i.file_size for i in infos)
            if declared > MAX_TOTAL:
                yield Member(rel, status="failed", reason=f"zip bomb: members declare {_size(declared)} in all "
                                                          f"(limit {_size(MAX_TOTAL)})")
                return
            names: set[str] = set()
            found = False
            for index, info in enumerate(infos):
                member = _member(zf, info, index, path, rel, names)
                if member is not None:
                    found = True
                    yield member
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        yield Member(rel, status="failed", reason=f"corrupt zip: {exc}")
        return
    if not found:
        yield Member(rel, status="skipped", reason="empty archive (no file in it)")


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, index: int, path: Path, rel: str,
            names: set[str]) -> Member | None:
    """The input a central-directory entry makes, or None for a folder or a hidden name."""
    name = info.filename.replace("\\", "/")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    unsafe = name.startswith("/") or bool(_DRIVE.match(name)) or ".." in parts
    if not unsafe and (name.endswith("/") or any(p.startswith(".") or p == "__MACOSX" for p in parts)):
        return None
    clean = "/".join(_DRIVE.sub("", p) for p in parts if p != "..").strip("/") or "(unnamed)"
    member = unique_name(f"{rel}/{clean}", names)
    if unsafe:
        return Member(member, status="failed", reason=f"unsafe name in archive: {info.filename!r}")
    if stat.S_ISLNK(info.external_attr >> 16):
        return Member(member, status="skipped", reason=SYMLINK)
    if is_archive(PurePosixPath(clean)):
        return Member(member, status="skipped", reason="nested archive (only one level is opened: unzip it first)")
    try:
        sha = _copy(zf, info, None)
    except ArchiveError as exc:
        return Member(member, status="failed", reason=str(exc))
    return Member(member, source=f"{path}{MEMBER}{index}", sha256=sha)


def _copy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sink: IO[bytes] | None) -> str:
    """Read a member (into ``sink``, when given) with the bomb checks; return its SHA-256."""
    if info.flag_bits & 0x1:
        raise ArchiveError("encrypted member (password-protected archives are not supported)")
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise ArchiveError(f"zip bomb: member expands {info.file_size // max(info.compress_size, 1)}:1 "
                           f"to {_size(info.file_size)} (limit {MAX_RATIO}:1)")
    h, count = hashlib.sha256(), 0
    try:
        with zf.open(info) as f:
            while block := f.read(_CHUNK):
                count += len(block)
                if count > info.file_size:  # zipfile stops at the declared size today; this does not rely on it
                    raise ArchiveError(f"zip bomb: member yields more than the {_size(info.file_size)} it declares")
                h.update(block)
                if sink is not None:
                    sink.write(block)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise ArchiveError(f"corrupt member: {exc}") from exc
    except OSError as exc:
        raise ArchiveError(f"cannot read the member: {exc.strerror or exc}") from exc
    return h.hexdigest()


@contextmanager
def readable(source: str, sha256: str | None) -> Iterator[Path]:
    """A real file holding the input ``source``: the file itself, or an archive member copied to a private
    temporary folder (removed afterwards) and checked against the ``sha256`` it was listed with."""
    if MEMBER not in source:
        yield Path(source)
        return
    archive, index = source.split(MEMBER)
    with tempfile.TemporaryDirectory(prefix="vanban-member-") as tmp:
        try:
            with zipfile.ZipFile(archive) as zf:
                info = zf.infolist()[int(index)]
                target = Path(tmp) / ("member" + PurePosixPath(info.filename.replace("\\", "/")).suffix)
                with target.open("wb") as sink:
                    copied = _copy(zf, info, sink)
        except ArchiveError as exc:
            raise ExtractionError(str(exc)) from exc
        except (zipfile.BadZipFile, OSError, IndexError) as exc:  # the archive changed or went away
            raise ExtractionError(f"cannot read the archive: {exc}") from exc
        if copied != sha256:
            raise ExtractionError("the archive changed during the run (member content differs)")
        yield target


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB"):
        if n < 1024:
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"
