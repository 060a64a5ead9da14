"""Hostile queries and filters on the embedded search: results or a clear SearchError, never an SQLite error.

The query parser must never let user input reach FTS5 as syntax: every term it makes is one quoted FTS5 string
(with an optional prefix star), whatever the input holds (NEAR(, quotes, *, AND/OR/NOT, ^, column filters, NUL).
"""

from __future__ import annotations

import os
import re
import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.index import SearchError, search
from pipeline.index.query import parse_query
from pipeline.run import run
from tests.conftest import SEED

SCALE = int(os.environ.get("VANBAN_FUZZ_SCALE", "1"))
FUZZ = settings(max_examples=150 * SCALE, derandomize=SCALE == 1, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
_FTS_STRING = re.compile(r'"(?:[^"\x00]|"")*"\*?')  # one FTS5 string, quotes doubled inside, no NUL

_SYNTAX = ["NEAR(", "NEAR", ")", "(", '"', "*", " AND ", " OR ", " NOT ", "^", "title:", "text:", "{title text}:",
           "-", "+", ":", "\x00", "\x1f", "'", ";", "--", "/*", "59-NQ/TW", "30/2020/NĐ-CP", "nghị quyết", "hợp tác",
           "DROP TABLE documents", "%", "_", "\\", "đ", "ạ", "\u0301", "\ufeff", " "]
queries = st.one_of(
    st.lists(st.sampled_from(_SYNTAX), max_size=16).map("".join),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(_SYNTAX).flatmap(lambda s: st.integers(50, 3000).map(lambda n: s * n)),
)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    """A build of the seed alone: its documents.jsonl and search index."""
    inp = tmp_path_factory.mktemp("fuzz-in")
    shutil.copy(SEED, inp / SEED.name)
    out = tmp_path_factory.mktemp("fuzz-build")
    assert run([inp], out, workers=1, progress=False).ok
    return out


def _search_or_error(build, query, **filters) -> pd.DataFrame | None:
    """The results, or None after a SearchError that explains itself (not an SQLite error passed on)."""
    try:
        results = search(build, query, **filters)
    except SearchError as exc:
        message = str(exc)
        assert message and "cannot run query" not in message, message
        return None
    assert isinstance(results, pd.DataFrame)
    return results


@FUZZ
@given(queries)
def test_parsed_terms_are_only_quoted_strings(query):
    try:
        parsed = parse_query(query)
    except SearchError as exc:
        assert re.match("unbalanced quote|query too long", str(exc)), exc
        return
    for term in parsed.terms + parsed.symbol_phrases:
        assert _FTS_STRING.fullmatch(term), term
    expression = parsed.match_expression() or ""
    assert _FTS_STRING.sub("", expression).replace(" AND ", "").strip() == ""
    for stricter in parsed.proximity_expressions():
        rest = _FTS_STRING.sub("", stricter)
        assert rest.replace(" + ", "") == "" or re.fullmatch(r"NEAR\(\s*, \d+\)", rest), stricter


@FUZZ
@given(queries)
def test_any_query_gives_results_or_a_clear_error(seed_build, query):
    _search_or_error(seed_build, query, limit=5)


@pytest.mark.parametrize("query", ["hop\x00tac", '"hop\x00tac"', "\x00", "NEAR(hop tac, 0)", "title:hop",
                                   "hop tac " * 2000, "x" * 100_000, "{title}: hop", "hop^ tac", "-hop"])
def test_hostile_queries(seed_build, query):
    _search_or_error(seed_build, query)


def test_too_many_words_is_a_clear_error(seed_build):
    with pytest.raises(SearchError, match="query too long"):
        search(seed_build, "hop tac " * 2000)
    assert isinstance(search(seed_build, "hop tac " * 32), pd.DataFrame)


def test_nul_byte_separates_words(seed_build):
    assert len(search(seed_build, "hop\x00tac")) == len(search(seed_build, "hop tac")) > 0


@pytest.mark.parametrize("limit", [0, -1, -(2**70)])
def test_limit_below_one_is_refused(seed_build, limit):
    with pytest.raises(SearchError, match="limit must be at least 1"):
        search(seed_build, "hop tac", limit=limit)


@pytest.mark.parametrize("limit", [2**63 - 1, 2**64, 10**30])
def test_huge_limit_means_all(seed_build, limit):
    assert len(search(seed_build, "hop tac", limit=limit)) == len(search(seed_build, "hop tac", limit=100))


@pytest.mark.parametrize("filters", [
    {"date_from": "2025-13-40"}, {"date_to": "2021-02-30"}, {"date_from": "9999-99"}, {"date_from": "21"},
    {"date_to": "2021-1-1"}, {"date_from": "\x00"}, {"kind": "XYZ"}, {"kind": "\x00"}, {"kind": "NEAR("},
])
def test_bad_filters_are_clear_errors(seed_build, filters):
    with pytest.raises(SearchError, match="bad date|unknown document kind"):
        search(seed_build, "hop tac", **filters)


@FUZZ
@given(st.text(max_size=12), st.text(max_size=12), st.text(max_size=12))
def test_any_filter_gives_results_or_a_clear_error(seed_build, kind, issuer, date):
    _search_or_error(seed_build, "hop tac", kind=kind or None, issuer=issuer or None, date_from=date or None)


@pytest.mark.parametrize("args", [["--limit", "0"], ["--limit", "-5"], ["--from", "2025-13-40"], ["--kind", "XYZ"],
                                  ["--to", "2021-02-30"]])
def test_cli_refuses_bad_options_without_traceback(seed_build, capsys, args):
    assert main(["search", str(seed_build), "hop tac", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vanban: ") and "Traceback" not in err
