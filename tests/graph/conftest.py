"""Fixtures of the graph tests: the seed-shaped records of graph_seed, and real builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from graph_seed import chuong_trinh, cong_van

from pipeline.model import Document
from pipeline.run import run
from tests.conftest import SEED


@pytest.fixture
def seed_records() -> list[Document]:
    return [cong_van(), chuong_trinh()]


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """``vanban run`` of the shipped seed file (a công văn and the draft programme it attaches)."""
    out = tmp_path_factory.mktemp("seed-build")
    summary = run([SEED.parent], out, workers=1, progress=False)
    assert summary.ok and summary.documents == 2
    return out


@pytest.fixture(scope="session")
def corpus_build(corpus_text_build) -> Path:
    """The session's build of ../shared/corpus/text (tests/conftest.py); the graph tests need a large build."""
    out, summary = corpus_text_build
    assert summary.documents > 100
    return out
