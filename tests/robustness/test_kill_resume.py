"""SIGKILL a real ``vanban run`` (its whole process group: the workers too) at 20 seeded moments spread over
the run, run it again, and find every output whole: each input listed once, no document lost or doubled,
the same records as an uninterrupted run, graph, tables and search readable, no temporary file left."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow.parquet as pq
import pytest

from pipeline.index import search, write_search
from pipeline.run import run
from tests.conftest import REPO, SEED

KILLS = 20
TEXT_FILES = 20  # the smallest crawled texts: a run takes seconds
QUERY = "ủy ban nhân dân"
MANIFEST = "manifest.jsonl"
POLL = 0.01  # seconds between looks at the build directory
phases: dict[int, str] = {}  # seed -> where the kill landed, for the last test
left: dict[int, int] = {}  # seed -> half-written files the kill left


def _vanban(inp: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "run", str(inp), "--out", str(out), "--workers", "2", "--quiet"]


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _untimed(obj: Any) -> Any:
    """``obj`` without its timing fields (``seconds``), which differ from run to run."""
    if isinstance(obj, dict):
        return {k: _untimed(v) for k, v in obj.items() if k != "seconds"}
    if isinstance(obj, list):
        return [_untimed(v) for v in obj]
    return obj


def _outputs(out: Path) -> dict[str, Any]:
    """What a finished build holds, in comparable form; fails when any output is missing or unreadable."""
    graph = json.loads((out / "graph" / "graph.json").read_text(encoding="utf-8"))
    return {
        "manifest": _untimed(_jsonl(out / MANIFEST)),
        "documents": _untimed(_jsonl(out / "documents.jsonl")),
        "graph": (len(graph["nodes"]), len(graph.get("edges", graph.get("links", [])))),
        "tables": {p.name: pq.read_table(p).num_rows for p in sorted((out / "tables").glob("*.parquet"))},
        "search": search(out, QUERY, limit=1000)["doc_id"].tolist(),
        "feed": len(_jsonl(out / "search" / "documents.jsonl")),
    }


@pytest.fixture(scope="module")
def inputs(shared_corpus, tmp_path_factory) -> Path:
    """The seed and the smallest crawled text and HTML documents of ../shared/corpus/text, copied."""
    inp = tmp_path_factory.mktemp("kill-in")
    shutil.copy(SEED, inp / SEED.name)
    texts = sorted((p for p in (shared_corpus / "text").iterdir() if p.suffix in (".txt", ".md", ".html")),
                   key=lambda p: (p.stat().st_size, p.name))
    for path in texts[:TEXT_FILES]:
        shutil.copy(path, inp / path.name)
    return inp


class Reference(NamedTuple):
    """The uninterrupted run: its outputs, and when (seconds from its start) it finished its first file,
    wrote its manifest (every file done) and exited."""

    outputs: dict[str, Any]
    first_file: float
    manifest: float
    total: float


def _files_done(out: Path) -> int:
    return sum(1 for _ in (out / "cache").glob("*/*.json"))


def _start(inp: Path, out: Path) -> subprocess.Popen:
    """``vanban run`` in a process group of its own (its workers join it)."""
    return subprocess.Popen(_vanban(inp, out), cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory) -> Reference:
    out = tmp_path_factory.mktemp("kill-reference")
    started, marks = time.perf_counter(), {}
    proc = _start(inputs, out)
    while proc.poll() is None:
        for name, reached in (("first_file", _files_done(out) > 0), ("manifest", (out / MANIFEST).exists())):
            if reached:
                marks.setdefault(name, time.perf_counter() - started)
        time.sleep(POLL)
    assert proc.returncode == 0, proc.stderr.read()
    return Reference(_outputs(out), marks["first_file"], marks["manifest"], time.perf_counter() - started)


def _moment(seed: int, reference: Reference, files: int) -> tuple[str, float]:
    """The seeded moment of a kill, a third of the seeds in each phase: a delay after the start (before
    any file is done), the k-th file done, or a delay after the manifest (graph, tables, search, exit)."""
    rng = random.Random(seed)
    phase = ("start", "files", "archive")[seed * 3 // KILLS]
    if phase == "start":
        return phase, rng.uniform(0, reference.first_file)
    if phase == "files":
        return phase, rng.randint(1, files - 1)
    return phase, rng.uniform(0, reference.total - reference.manifest)


def _kill_at(proc: subprocess.Popen, out: Path, moment: tuple[str, float]) -> bool:
    """SIGKILL the whole process group at ``moment``; False when the run finished first."""
    phase, value = moment
    started, armed = time.perf_counter(), None
    while proc.poll() is None:
        now = time.perf_counter()
        if armed is None and (phase == "start" or (phase == "files" and _files_done(out) >= value)
                              or (phase == "archive" and (out / MANIFEST).exists())):
            armed = started if phase == "start" else now
        if armed is not None and now - armed >= (0 if phase == "files" else value):
            os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers, mid-write
            proc.wait()
            return True
        time.sleep(POLL)
    return False


def _search_committed(out: Path) -> bool:
    """Whether the search update finished (its state, replaced last, lists the documents)."""
    state = out / "search" / "state.jsonl"
    return state.is_file() and state.stat().st_size > 0


def _phase(out: Path) -> str:
    """Where a killed run was, from what it had written: nothing yet, some files, the archive outputs
    (graph, tables, search), or past the search update (mapping files, exit)."""
    if _search_committed(out):
        return "exit"
    if (out / MANIFEST).exists():
        return "archive"
    return "files" if _files_done(out) else "start"


@pytest.mark.parametrize("seed", range(KILLS))
def test_a_killed_run_resumes_to_the_same_outputs(inputs, reference, tmp_path, seed):
    out = tmp_path / "out"
    proc = _start(inputs, out)
    killed = _kill_at(proc, out, _moment(seed, reference, len(reference.outputs["manifest"])))
    phases[seed] = _phase(out) if killed else "done"
    left[seed] = len(_leftovers(out))
    committed = _search_committed(out)
    resumed = subprocess.run(_vanban(inputs, out), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr

    expected, got = reference.outputs, _outputs(out)
    paths = [m["path"] for m in got["manifest"]]
    assert len(paths) == len(set(paths)) == len(expected["manifest"])
    doc_ids = [d["doc_id"] for d in got["documents"]]
    assert len(doc_ids) == len(set(doc_ids))
    assert got == expected
    bulk, delta = ((out / "search" / name).read_bytes() for name in ("bulk.ndjson", "bulk_delta.ndjson"))
    assert delta == (b"" if committed else bulk), "the first finished search update sends every document, once"
    assert not _leftovers(out)


def _leftovers(out: Path) -> list[Path]:
    """Half-written files: temporary files of atomic writes, SQLite journals."""
    return [p for p in out.rglob("*") if p.name.startswith(".tmp-") or p.name.endswith("-journal")]


def test_the_kills_landed_all_over_the_run():
    if len(phases) < KILLS:
        pytest.skip("run the whole module: this checks where its kills landed")
    landed = Counter(phases.values())
    print(f"kills by phase: {dict(landed)}; kills that left half-written files: {sum(map(bool, left.values()))}")
    assert landed["start"] + landed["files"] >= KILLS // 4  # before the manifest existed
    assert landed["files"] >= 2  # while files were being processed
    assert landed["archive"] >= 1  # after every file, during graph, tables or search


def test_a_kill_just_before_the_search_state_is_replaced_gives_the_same_delta(reference, tmp_path):
    """The narrow window a random kill rarely hits: every search file renamed into place but the state.
    The disk then holds the new feed and index with the old state; the next update must send the same
    delta (re-index the changed document, delete the removed one and its chunks) and nothing else."""
    records = reference.outputs["documents"]
    changed = dict(records[0], text=records[0]["text"] + " (sửa đổi)")
    removed = records[1]["doc_id"]
    out = tmp_path / "out"
    out.mkdir()
    folder = out / "search"

    def update(docs: list[dict[str, Any]]) -> bytes:
        (out / "documents.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
        write_search(out)
        return (folder / "bulk_delta.ndjson").read_bytes()

    update(records)
    old_state = (folder / "state.jsonl").read_bytes()
    delta = update([changed, *records[2:]])
    assert removed in delta.decode() and changed["doc_id"] in delta.decode()
    (folder / "state.jsonl").write_bytes(old_state)  # as the kill left it
    assert update([changed, *records[2:]]) == delta
    assert update([changed, *records[2:]]) == b""  # and once finished, nothing more
    with sqlite3.connect(folder / "index.sqlite") as db:
        indexed = dict(db.execute("SELECT doc_id, content_hash FROM documents"))
    assert indexed == {row["doc_id"]: row["content_hash"] for row in _jsonl(folder / "documents.jsonl")}


def test_the_next_run_removes_what_a_kill_left_half_written(reference, tmp_path):
    out = tmp_path / "out"
    (out / "search").mkdir(parents=True)
    (out / "documents.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in reference.outputs["documents"]), encoding="utf-8")
    half = [out / ".tmp-abc.jsonl", out / "search" / ".tmp-def.ndjson", out / "cache" / "ab" / ".tmp-1.json"]
    for path in half:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"half": ', encoding="utf-8")
    run([], out, first="index", progress=False)
    assert not _leftovers(out)
    assert len(_jsonl(out / "search" / "documents.jsonl")) == len(reference.outputs["documents"])
