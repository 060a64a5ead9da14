"""The atheris harness (fuzz_text.py) runs a bounded, seeded campaign on the text entry point and exits cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

HARNESS = Path(__file__).with_name("fuzz_text.py")
RUNS = 1500


def test_bounded_atheris_run_finds_no_crash(tmp_path):
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed_letterhead.txt").write_bytes(SEED.read_bytes()[:1500])  # a seed input to mutate
    done = subprocess.run(
        [sys.executable, str(HARNESS), f"-runs={RUNS}", "-seed=1", "-max_len=512", "-timeout=30", str(corpus)],
        cwd=tmp_path, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"Done {RUNS} runs" in done.stderr
    assert not list(tmp_path.glob("crash-*"))
