"""``pipeline.open(DIR).search``: the notebook's door to the embedded index, same answers as ``search``."""

from __future__ import annotations

import pipeline


def test_archive_search_returns_the_seed_documents_first(search_build, seed_ids):
    found = pipeline.open(search_build).search("nghi quyet 59", kind=None, limit=5)
    assert set(found["doc_id"][:2]) == set(seed_ids)
