"""Fixtures of the graph tests: the seed-shaped records of graph_seed."""

from __future__ import annotations

import pytest
from graph_seed import chuong_trinh, cong_van

from pipeline.model import Document


@pytest.fixture
def seed_records() -> list[Document]:
    return [cong_van(), chuong_trinh()]
