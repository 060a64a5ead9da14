"""Shared fixtures: where the shipped seed and the ../shared corpus live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "seed" / "cantho_3645_UBND-KGVX.txt"
SEED_GOLD = REPO / "corpus" / "gold" / "cantho_3645_UBND-KGVX.json"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """../shared/corpus, or a clean skip when it is not beside the repo."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not available")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def seed_documents():
    """The seed file through stages 1-3, as records (part 0 and part 1)."""
    from pipeline.extract import extract
    from pipeline.run.worker import analyse

    return analyse(extract(SEED), "seed/cantho_3645_UBND-KGVX.txt", "0" * 64)


@pytest.fixture(scope="session")
def corpus_text_build(shared_corpus, tmp_path_factory) -> tuple[Path, object]:
    """``vanban run`` of the crawled text files of ../shared/corpus, made once for the whole session:
    (build directory, run summary). Skipped when ../shared is absent."""
    from pipeline.run import run

    out = tmp_path_factory.mktemp("corpus-text-build")
    return out, run([shared_corpus / "text"], out, workers=2, progress=False)
