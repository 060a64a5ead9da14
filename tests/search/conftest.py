"""Fixtures of the search tests: one real build of the seed plus a few crawled texts of ../shared/corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from search_util import read_jsonl

from pipeline.run import run
from tests.conftest import SEED, SHARED_CORPUS

# Small crawled files (a few seconds to process): công văn of VPCP, a Cần Thơ decision citing 63/2010/NĐ-CP,
# a tax letter citing "Luật Doanh nghiệp số 59/2020/QH14" (a near miss for "nghị quyết 59"), a decree.
TEXT_SAMPLE = ("file_data_27.md", "file_data_29.md", "__2666_", "__5348_CT-CS", "__304_2025_")


@pytest.fixture(scope="session")
def search_build(tmp_path_factory) -> Path:
    """``vanban run`` of seed/ (the shipped seed) and text/ (the sample above, when ../shared is present)."""
    inp = tmp_path_factory.mktemp("search-in")
    (inp / "seed").mkdir()
    shutil.copy(SEED, inp / "seed" / SEED.name)
    if (SHARED_CORPUS / "text").is_dir():
        (inp / "text").mkdir()
        for path in sorted((SHARED_CORPUS / "text").iterdir()):
            if any(marker in path.name for marker in TEXT_SAMPLE):
                shutil.copy(path, inp / "text" / path.name)
    out = tmp_path_factory.mktemp("search-build")
    summary = run([inp], out, workers=2, progress=False)
    assert summary.ok
    return out


@pytest.fixture(scope="session")
def records(search_build) -> list[dict]:
    """The records of the build (documents.jsonl)."""
    return read_jsonl(search_build / "documents.jsonl")


@pytest.fixture(scope="session")
def seed_ids(records) -> list[str]:
    """doc_ids of the seed's công văn (part 0) and the draft programme it attaches (part 1)."""
    seed = sorted((r for r in records if r["source"]["path"].startswith("seed/")), key=lambda r: r["source"]["part"])
    assert len(seed) == 2
    return [r["doc_id"] for r in seed]
