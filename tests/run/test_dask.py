"""The same run on a Dask cluster (LocalCluster, 2 worker processes) and on the local pool: identical outputs."""

from __future__ import annotations

import json
import shutil

import pytest

from pipeline.run import run
from tests.conftest import SEED, SHARED_CORPUS

distributed = pytest.importorskip("distributed")

SHARED_TEXTS = 3  # the smallest crawled documents of ../shared/corpus/text, when it is there


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    shutil.copy(SEED, folder / SEED.name)
    (folder / "notes.xyz").write_text("not a document")
    texts = SHARED_CORPUS / "text"
    if texts.is_dir():
        for path in sorted(texts.iterdir(), key=lambda p: p.stat().st_size)[:SHARED_TEXTS]:
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def local(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    summary = run([inputs], out, workers=2, progress=False)
    assert summary.counts["failed"] == 0 and summary.documents >= 2
    return summary


def _untimed(manifest):
    return [{k: v for k, v in json.loads(line).items() if k != "seconds"} for line in manifest.read_text().splitlines()]


def _assert_same(dask, local):
    assert dask.processed == local.processed and dask.counts == local.counts
    assert (dask.out / "documents.jsonl").read_bytes() == (local.out / "documents.jsonl").read_bytes()
    assert _untimed(dask.out / "manifest.jsonl") == _untimed(local.out / "manifest.jsonl")


def test_run_on_a_running_cluster_equals_local_run(inputs, local, tmp_path):
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        on_dask = run([inputs], tmp_path / "dask", scheduler=cluster.scheduler_address, progress=False)
    _assert_same(on_dask, local)


def test_executor_dask_starts_its_own_cluster(inputs, local, tmp_path):
    _assert_same(run([inputs], tmp_path / "dask", executor="dask", workers=2, progress=False), local)
