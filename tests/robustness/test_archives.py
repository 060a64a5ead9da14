"""Zip archives as inputs: members are inputs named ``x.zip/inner``; traversal names, bombs (declared and
lying headers), encrypted and nested members, links and corrupt archives are refused with a reason and
never stop the batch."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
from pathlib import Path

import pytest

from pipeline.extract.errors import ExtractionError
from pipeline.run import run
from pipeline.run.archives import MAX_RATIO, RATIO_FLOOR, read_archive, readable
from pipeline.run.discover import SYMLINK
from pipeline.run.worker import doc_id_for
from tests.conftest import SEED

LETTER = SEED.read_bytes()


def _zip(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def _patch(path: Path, name: str, *, file_size: int | None = None, encrypted: bool = False) -> None:
    """Make the headers of member ``name`` lie: another uncompressed size, or the encryption flag set."""
    data = bytearray(path.read_bytes())
    for signature, flag_at, size_at, name_at in ((b"PK\x03\x04", 6, 22, 30), (b"PK\x01\x02", 8, 24, 46)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + name_at - 4 if signature == b"PK\x03\x04" else at + 28)[0]
            if bytes(data[at + name_at: at + name_at + length]) == name.encode():
                if file_size is not None:
                    struct.pack_into("<I", data, at + size_at, file_size)
                if encrypted:
                    struct.pack_into("<H", data, at + flag_at, struct.unpack_from("<H", data, at + flag_at)[0] | 1)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def _members(path: Path) -> dict[str, tuple[str | None, str | None]]:
    return {m.rel: (m.status, m.reason) for m in read_archive(path, path.name)}


def test_members_are_named_inside_the_archive_and_hashed_by_content(tmp_path):
    z = _zip(tmp_path / "x.zip", [("a.txt", LETTER), ("sub/", b""), ("sub/b.md", LETTER + b"\n"),
                                  ("__MACOSX/sub/._b.md", b"junk"), (".hidden.txt", b"junk")])
    members = list(read_archive(z, "in/x.zip"))
    assert [(m.rel, m.status) for m in members] == [("in/x.zip/a.txt", None), ("in/x.zip/sub/b.md", None)]
    assert members[0].sha256 == hashlib.sha256(LETTER).hexdigest()
    with readable(members[1].source, members[1].sha256) as copy:
        assert copy.read_bytes() == LETTER + b"\n" and copy.suffix == ".md"
        assert not copy.is_relative_to(tmp_path)
    assert not copy.exists()  # the private copy is gone


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "/etc/passwd.txt", "C:/Windows/evil.txt",
                                  "..\\..\\evil.txt", "sub/../../evil.txt", "C:evil.txt"])
def test_a_traversal_name_fails_that_member_alone(tmp_path, name):
    z = _zip(tmp_path / "x.zip", [(name, b"owned"), ("ok.txt", LETTER)])
    members = _members(z)
    assert members.pop("x.zip/ok.txt") == (None, None)
    [(rel, (status, reason))] = members.items()
    assert status == "failed" and reason == f"unsafe name in archive: {name!r}"
    assert rel.startswith("x.zip/") and ".." not in rel.split("/") and "\\" not in rel and ":" not in rel


def test_a_bomb_by_ratio_fails_that_member(tmp_path):
    z = _zip(tmp_path / "x.zip", [("zeros.txt", bytes(RATIO_FLOOR * 4)), ("ok.txt", LETTER)])
    status, reason = _members(z)["x.zip/zeros.txt"]
    assert status == "failed" and reason.startswith("zip bomb: member expands") and f"{MAX_RATIO}:1" in reason
    assert _members(z)["x.zip/ok.txt"] == (None, None)


def test_a_bomb_by_declared_total_fails_the_archive(tmp_path):
    z = _zip(tmp_path / "x.zip", [("a.txt", LETTER), ("b.txt", LETTER + b" ")])
    _patch(z, "b.txt", file_size=2**31)
    assert _members(z) == {"x.zip": ("failed", "zip bomb: members declare 2.0 GiB in all (limit 1.0 GiB)")}


def test_a_header_that_lies_small_is_caught_while_reading(tmp_path):
    """4 MiB of zeros declared as 1000 bytes: under every declared limit, yet never read past 1000 bytes."""
    z = _zip(tmp_path / "x.zip", [("zeros.txt", bytes(RATIO_FLOOR * 4))])
    _patch(z, "zeros.txt", file_size=1000)
    status, reason = _members(z)["x.zip/zeros.txt"]
    assert status == "failed" and reason.startswith("corrupt member: Bad CRC-32"), reason


def test_encrypted_nested_and_linked_members_are_refused(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("deep.txt", LETTER)
    link = zipfile.ZipInfo("link.txt")
    link.external_attr = 0o120777 << 16
    z = _zip(tmp_path / "x.zip", [("locked.txt", LETTER), ("inner.zip", inner.getvalue()), (link, b"/etc/passwd")])
    _patch(z, "locked.txt", encrypted=True)
    assert _members(z) == {
        "x.zip/locked.txt": ("failed", "encrypted member (password-protected archives are not supported)"),
        "x.zip/inner.zip": ("skipped", "nested archive (only one level is opened: unzip it first)"),
        "x.zip/link.txt": ("skipped", SYMLINK),
    }


def test_corrupt_empty_and_duplicate_names(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really a zip")
    assert _members(tmp_path / "bad.zip") == {"bad.zip": ("failed", "corrupt zip: File is not a zip file")}
    assert _members(_zip(tmp_path / "empty.zip", [("only/", b"")])) == {
        "empty.zip": ("skipped", "empty archive (no file in it)")}
    with pytest.warns(UserWarning, match="Duplicate name"):
        z = _zip(tmp_path / "dup.zip", [("a.txt", LETTER), ("a.txt", LETTER + b" ")])
    assert list(_members(z)) == ["dup.zip/a.txt", "dup.zip/a.txt~2"]


def test_a_member_that_changed_since_listing_is_not_read(tmp_path):
    z = _zip(tmp_path / "x.zip", [("a.txt", LETTER)])
    [member] = read_archive(z, "x.zip")
    _zip(z, [("a.txt", LETTER + b" edited")])
    with pytest.raises(ExtractionError, match="the archive changed during the run"), \
            readable(member.source, member.sha256):
        pass


def test_a_run_over_archives_accounts_for_every_member(tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    (inp / "letter.txt").write_bytes(LETTER)
    (inp / "broken.zip").write_bytes(b"garbage")
    _zip(inp / "mail.zip", [("2024/letter.txt", LETTER), ("2024/draft.md", LETTER + b"\n"), ("../evil.txt", b"x"),
                            ("notes.xyz", b"not a document")])
    summary = run([inp], out, workers=2, progress=False, last="nlp")
    manifest = {m["path"]: m for m in map(json.loads, (out / "manifest.jsonl").read_text().splitlines())}
    assert {p: m["status"] for p, m in manifest.items()} == {
        "broken.zip": "failed", "letter.txt": "ok", "mail.zip/2024/letter.txt": "skipped",
        "mail.zip/2024/draft.md": "ok", "mail.zip/evil.txt": "failed", "mail.zip/notes.xyz": "skipped"}
    assert manifest["mail.zip/2024/letter.txt"]["error"] == "duplicate of letter.txt"  # same content, one record
    draft_sha = hashlib.sha256(LETTER + b"\n").hexdigest()
    assert manifest["mail.zip/2024/draft.md"]["sha256"] == draft_sha
    records = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert {r["source"]["path"] for r in records} == {"letter.txt", "mail.zip/2024/draft.md"}
    assert doc_id_for(draft_sha, 0) in {r["doc_id"] for r in records}
    assert summary.counts == {"ok": 2, "skipped": 2, "failed": 2}
    assert not list(tmp_path.rglob("evil.txt"))
    again = run([inp], out, workers=2, progress=False, last="nlp")  # members are cached by content
    assert again.processed == 0 and again.counts == summary.counts
