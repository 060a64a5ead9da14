"""The limits of a run enforced for real: a worker stuck in native code, a worker over its memory cap,
a file over its time (local pool: SIGALRM; Dask: the cooperative check) and a page image over memory."""

from __future__ import annotations

import ctypes
import json
import mmap
import os
import shutil
import time

import pytest
from PIL import Image

from pipeline.limits import Limits
from pipeline.run import run
from pipeline.run.local import LocalExecutor
from tests.conftest import SEED
from tests.robustness.badfiles import big_text


def stuck_or_pid(path: str, rel: str, sha: str) -> dict:
    """A task: "stuck" sleeps in libc (native code a signal handler cannot interrupt into Python first),
    "hog" touches shared memory beyond any cap (outside RLIMIT_DATA: only the watchdog sees it),
    "alloc" asks for a 4 GiB buffer at once; any other returns the worker's pid."""
    if rel == "stuck":
        ctypes.CDLL(None).sleep(60)
    elif rel == "hog":
        area, block = mmap.mmap(-1, 2 << 30), b"x" * (1 << 20)
        for offset in range(0, len(area), len(block)):
            area[offset:offset + len(block)] = block
            time.sleep(0.001)
    elif rel == "alloc":
        bytearray(4 << 30)
    return {"pid": os.getpid()}


def _crashed(task, why):
    return {"failed": why}


def _run_executor(limits: Limits, names: list[str]) -> dict[str, dict]:
    results = LocalExecutor(2, limits).run(stuck_or_pid, [("", n, n) for n in names], on_crash=_crashed)
    return {task[1]: result for task, result in results}


def test_worker_stuck_in_native_code_is_killed_and_replaced():
    started = time.perf_counter()
    out = _run_executor(Limits(file_timeout=1, worker_memory=0), ["stuck", "a", "b", "c", "d", "e"])
    assert out["stuck"] == {"failed": "file took longer than 1 s (limit: --file-timeout)"}
    assert all("pid" in out[n] for n in "abcde")
    assert time.perf_counter() - started < 15


@pytest.mark.parametrize("kind", ["hog", "alloc"])
def test_worker_over_its_memory_cap_fails_only_its_file(kind):
    out = _run_executor(Limits(worker_memory=512), [kind, "a", "b", "c"])
    assert out[kind] == {"failed": "worker memory limit (512 MiB) exceeded"}
    assert all("pid" in out[n] for n in "abc")


def _one(out, name: str) -> dict:
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return next(r for r in rows if r["path"] == name)


@pytest.fixture(scope="module")
def slow_text(tmp_path_factory):
    """5 MB of letters and the seed: the first takes minutes when nothing cuts it."""
    folder = tmp_path_factory.mktemp("slow")
    (folder / "dump.txt").write_bytes(big_text(5))
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.mark.parametrize("executor", ["local", "dask"])
def test_file_over_its_time_fails_cleanly(slow_text, tmp_path, executor):
    if executor == "dask":
        pytest.importorskip("distributed")
    limits = Limits(file_timeout=8, max_chars=0)  # the seed in a fresh worker, models loaded, takes a few s
    summary = run([slow_text], tmp_path, workers=1, progress=False, executor=executor, limits=limits)
    dump = _one(tmp_path, "dump.txt")
    assert (dump["status"], dump["error"]) == ("failed", "file took longer than 8 s (limit: --file-timeout)")
    assert dump["seconds"] < 20
    assert _one(tmp_path, SEED.name)["status"] == "ok" and summary.documents == 2


def test_page_image_over_the_memory_cap(tmp_path):
    """A real scan too big for a small cap: its worker fails it and is replaced; the next file lands."""
    folder = tmp_path / "in"
    folder.mkdir()
    Image.new("RGB", (9000, 9000), "white").save(folder / "poster.png")
    shutil.copy(SEED, folder / SEED.name)
    run([folder], tmp_path / "out", workers=1, progress=False, limits=Limits(worker_memory=700))
    poster = _one(tmp_path / "out", "poster.png")
    assert (poster["status"], poster["error"]) == ("failed", "worker memory limit (700 MiB) exceeded")
    assert _one(tmp_path / "out", SEED.name)["status"] == "ok"
