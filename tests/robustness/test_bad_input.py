"""A real ``vanban run`` over bad files mixed with good ones: every file accounted for, good ones all land.

One run (2 workers, the small limits of :data:`badfiles.LIMITS`) over every case of
:mod:`badfiles`, the seed letter and, when ../shared is there, a crawled text and a PDF.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter

import pytest

from pipeline.run import run
from tests.conftest import SEED, SHARED_CORPUS
from tests.robustness.badfiles import LIMITS, write_bad_files

SHARED_GOOD = ["text/tvpl_congbot__file_data_27.md", "pdf/mineru__a_TB480-TB-VPCP.pdf"]
RUN_BUDGET = 120  # seconds for the whole batch on 2 busy cores


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    folder = root / "in"
    expected = write_bad_files(folder)
    good = [SEED.name]
    shutil.copy(SEED, folder / SEED.name)
    for rel in SHARED_GOOD:
        if (SHARED_CORPUS / rel).is_file():
            shutil.copy(SHARED_CORPUS / rel, folder / (name := rel.split("/")[-1]))
            good.append(name)
    started = time.perf_counter()
    summary = run([folder], root / "out", workers=2, progress=False, limits=LIMITS)
    seconds = time.perf_counter() - started
    manifest = [json.loads(line) for line in (root / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    records = [json.loads(line) for line in (root / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    return expected, good, summary, seconds, manifest, records


def test_every_input_appears_exactly_once(batch):
    expected, good, _, _, manifest, _ = batch
    counts = Counter(e["path"] for e in manifest)
    assert [p for p, n in counts.items() if n > 1] == []
    assert set(counts) == set(expected) | set(good)


def test_status_and_reason_of_each_bad_file(batch):
    expected, _, _, _, manifest, _ = batch
    wrong = []
    for entry in manifest:
        want = expected.get(entry["path"])
        if want is None:
            continue
        said = " | ".join([entry["error"] or "", *(entry.get("warnings") or [])])
        if entry["status"] != want.status or want.reason.lower() not in said.lower():
            wrong.append(f"{entry['path']!r}: {entry['status']} ({said[:160]}), want {want.status} ({want.reason})")
        if entry["status"] in ("failed", "skipped", "partial"):
            assert entry["error"] and not entry["error"].startswith("internal error"), entry
    assert wrong == []


def test_each_bad_file_within_its_time_budget(batch):
    expected, _, _, seconds, manifest, _ = batch
    slow = [(e["path"], e["seconds"]) for e in manifest if e["path"] in expected
            and e["seconds"] > expected[e["path"]].seconds]
    assert slow == []
    assert seconds < RUN_BUDGET


def test_good_files_land_in_documents(batch):
    _, good, _, _, manifest, records = batch
    status = {e["path"]: e for e in manifest}
    assert {name: status[name]["status"] for name in good} == dict.fromkeys(good, "ok")
    landed = {r["source"]["path"] for r in records}
    assert set(good) <= landed
    assert sum(r["source"]["path"] == SEED.name for r in records) == 2  # the letter and its attached draft


def test_text_of_odd_encodings_and_formats_is_read(batch):
    expected, _, _, _, _, records = batch
    text = {}
    for r in records:
        text[r["source"]["path"]] = text.get(r["source"]["path"], "") + r["text"]
    missing = [p for p, want in expected.items() if want.text and want.text not in " ".join(text.get(p, "").split())]
    assert missing == []


def test_nothing_outside_the_input_root_is_read(batch):
    *_, records = batch
    assert not any("not yours" in r["text"] for r in records)
