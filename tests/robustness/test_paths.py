"""Input names never leave the input root: links below it are listed, not followed; ``..`` and absolute
paths given on the command line still give relative POSIX names; nothing but regular files is read."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline.run import run
from pipeline.run.discover import NOT_A_FILE, SYMLINK, discover
from tests.conftest import SEED

SECRET = "BÍ MẬT NGOÀI THƯ MỤC"  # text of a file outside the root: must never reach an output


def _names(paths: list[Path]) -> dict[str, str | None]:
    return {f.rel: f.skipped for f in discover(paths)}


def _assert_contained(name: str) -> None:
    assert name and not name.startswith("/") and "\\" not in name, name
    assert ".." not in name.split("/") and "" not in name.split("/"), name


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """root/ with a document, links of every kind (out of the root, inside it, broken, looping) and a FIFO."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SEED, root / "sub" / "letter.txt")
    (root / "out-file.txt").symlink_to(outside / "secret.txt")
    (root / "out-dir").symlink_to(outside, target_is_directory=True)
    (root / "sub" / "in-file.txt").symlink_to(root / "sub" / "letter.txt")
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)  # a loop back to the root
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    (root / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(root / "pipe.txt")  # reading it would block the run for ever
    return root


def test_links_below_the_root_are_listed_and_not_followed(tree):
    assert _names([tree]) == {
        "broken.txt": SYMLINK, "loop-a.txt": SYMLINK, "loop-b.txt": SYMLINK, "out-dir": SYMLINK,
        "out-file.txt": SYMLINK, "pipe.txt": NOT_A_FILE,
        "sub/in-file.txt": SYMLINK, "sub/letter.txt": None, "sub/up": SYMLINK,
    }


def test_a_run_reads_nothing_outside_the_root(tree, tmp_path):
    out = tmp_path / "out"
    summary = run([tree], out, workers=2, progress=False, last="nlp")
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {m["path"]: m["status"] for m in manifest} == {
        name: "skipped" if why else "ok" for name, why in _names([tree]).items()}
    assert {m["error"] for m in manifest if m["status"] == "skipped"} == {SYMLINK, NOT_A_FILE}
    records = (out / "documents.jsonl").read_text(encoding="utf-8")
    assert SECRET not in records and SECRET not in (out / "manifest.jsonl").read_text(encoding="utf-8")
    assert {json.loads(line)["source"]["path"] for line in records.splitlines()} == {"sub/letter.txt"}
    assert summary.counts == {"ok": 1, "skipped": 8}


def test_a_given_link_is_read_as_given(tree, tmp_path):
    given = tmp_path / "given"
    given.symlink_to(tree / "sub", target_is_directory=True)
    assert _names([given]) == {"in-file.txt": SYMLINK, "letter.txt": None, "up": SYMLINK}
    assert _names([tree / "sub" / "in-file.txt"]) == {"in-file.txt": None}  # a file link given by the user


@pytest.mark.parametrize("given", [["../sub/../sub"], ["ABSOLUTE"], ["."]])
def test_given_paths_with_dots_or_absolute_give_contained_names(tree, monkeypatch, given):
    monkeypatch.chdir(tree / "sub")
    paths = [tree.resolve() / "sub" if g == "ABSOLUTE" else Path(g) for g in given]
    assert sorted(f.rel for f in discover(paths)) == ["in-file.txt", "letter.txt", "up"]


def test_several_given_paths_are_named_by_what_they_point_to(tree, monkeypatch):
    monkeypatch.chdir(tree / "sub")
    names = [f.rel for f in discover([Path(".."), Path("."), Path("../../outside/secret.txt")])]
    for name in names:
        _assert_contained(name)
    assert {n.split("/")[0] for n in names} == {"root", "sub", "secret.txt"}
    assert "sub/letter.txt" in names and "root/sub/letter.txt" in names


def test_inputs_with_the_same_name_get_unique_prefixes(tmp_path):
    for side in ("a", "b"):
        (tmp_path / side / "docs").mkdir(parents=True)
        shutil.copy(SEED, tmp_path / side / "docs" / "letter.txt")
    (tmp_path / "letter.txt").write_text("x", encoding="utf-8")
    given = [tmp_path / "a" / "docs", tmp_path / "b" / "docs", tmp_path / "a" / "docs", tmp_path / "letter.txt"]
    assert list(_names(given)) == ["docs/letter.txt", "docs~2/letter.txt", "docs~3/letter.txt", "letter.txt"]
