"""Stages run alone (``vanban run --from/--until``, what dvc.yaml does) give the outputs of one run;
``dvc repro`` on a copy of the repository runs them and re-runs only what a change affects."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.run import STAGES, run
from tests.conftest import REPO, SEED

# What dvc.yaml reads: the dvc files, the code, the models and the sample inputs (no caches).
DVC_FILES = ["dvc.yaml", "params.yaml", ".dvcignore", ".dvc/config", "pipeline", "models", "corpus/seed"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SEED, folder / "copy.txt")  # a duplicate, recorded as skipped
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (folder / "notes.xyz").write_text("not a document")
    return folder


def _untimed(path: Path) -> list[dict]:
    return [{k: v for k, v in json.loads(line).items() if k != "seconds"} for line in path.read_text().splitlines()]


def test_stages_run_alone_give_the_outputs_of_one_run(inputs, tmp_path):
    whole = run([inputs], tmp_path / "whole", workers=2, progress=False)
    staged = tmp_path / "staged"
    for stage in STAGES:
        paths = [inputs] if stage == "extract" else []
        summary = run(paths, staged, workers=2, progress=False, first=stage, last=stage)
    assert (staged / "extract" / "manifest.jsonl").is_file() and (staged / "structure" / "manifest.jsonl").is_file()
    assert summary.stages == ("index",)
    assert (staged / "documents.jsonl").read_bytes() == (whole.out / "documents.jsonl").read_bytes()
    assert _untimed(staged / "manifest.jsonl") == _untimed(whole.out / "manifest.jsonl")
    for output in ("graph/graph.json", "search/documents.jsonl", "search/sections.jsonl"):
        assert (staged / output).read_bytes() == (whole.out / output).read_bytes(), output
    assert {r["status"] for r in _untimed(staged / "manifest.jsonl")} == {"ok", "skipped", "failed"}


def test_a_stage_without_its_input_says_what_to_run(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--from", "nlp", "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2 and "structure/manifest.jsonl is missing" in proc.stderr


@pytest.fixture
def dvc_repo(tmp_path):
    pytest.importorskip("dvc")
    if shutil.which("git") is None:
        pytest.skip("dvc needs git")
    repo = tmp_path / "repo"
    for name in DVC_FILES:
        source, target = REPO / name, repo / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def _repro(repo: Path) -> tuple[list[str], list[str]]:
    """``dvc repro`` in ``repo``: the stages it ran and those it skipped."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               DVC_NO_ANALYTICS="1", DVC_SITE_CACHE_DIR=str(repo.parent / "dvc-site"))
    proc = subprocess.run([sys.executable, "-m", "dvc", "repro"], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return re.findall(r"Running stage '(\w+)'", proc.stdout), re.findall(r"Stage '(\w+)' didn't change", proc.stdout)


def test_dvc_repro_runs_the_stages_and_only_what_changed(dvc_repo):
    ran, _ = _repro(dvc_repo)
    assert ran == list(STAGES)
    records = [json.loads(line) for line in (dvc_repo / "build" / "documents.jsonl").read_text().splitlines()]
    assert [r["symbol"] for r in records] == ["3645/UBND-KGVX", "/CTHT-BKH-CN-UBND"]
    assert (dvc_repo / "build" / "search" / "index.sqlite").is_file()

    assert _repro(dvc_repo) == ([], list(STAGES))

    with (dvc_repo / "pipeline" / "index" / "mapping.py").open("a") as f:  # the search code changed
        f.write("\n# changed\n")
    assert _repro(dvc_repo) == (["index"], ["extract", "structure", "nlp", "graph"])

    (dvc_repo / "models" / "notes.txt").write_text("a new resource for stage 3\n")  # nlp and graph read models/
    ran, skipped = _repro(dvc_repo)
    assert ran == ["nlp", "graph"] and skipped == ["extract", "structure", "index"]  # same records: no new index

    seed = dvc_repo / "corpus" / "seed" / SEED.name  # a new input: everything after it runs again
    (seed.parent / "3646.txt").write_text(seed.read_text().replace("3645", "3646"))
    ran, _ = _repro(dvc_repo)
    assert ran == list(STAGES)
    assert len((dvc_repo / "build" / "documents.jsonl").read_text().splitlines()) == 4
