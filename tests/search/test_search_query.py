"""``vanban search`` / ``pipeline.index.search`` on a real build: folded words, symbols, filters, bad input."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.index import SearchError, search


@pytest.mark.parametrize("query", ["nghi quyet 59", "Nghị quyết 59", "NGHI QUYET 59"])
def test_folded_words_find_the_seed_first(search_build, seed_ids, query):
    results = search(search_build, query)
    assert set(results["doc_id"][:2]) == set(seed_ids)
    assert results["match"][:2].tolist() == ["near", "near"]  # "Nghị quyết số 59-NQ/TW"


@pytest.mark.parametrize("query", ["59-NQ/TW", "59-nq/tw", "59 - NQ/TW", "Nghị quyết 59-NQ/TW"])
def test_symbol_finds_documents_referencing_it(search_build, seed_ids, query):
    results = search(search_build, query)
    assert set(results["doc_id"][:2]) == set(seed_ids)
    assert results["match"][0] == "reference"


def test_own_symbol_ranks_first(search_build, seed_ids):
    results = search(search_build, "3645/UBND-KGVX")
    assert results["doc_id"][0] == seed_ids[0]
    assert results["match"][0] == "symbol"


def test_snippet_shows_the_original_text_with_the_match_marked(search_build, seed_ids):
    row = search(search_build, "59-NQ/TW").iloc[0]
    assert "Nghị quyết số «59-NQ/TW» ngày 05 tháng 8 năm 2020" in row["snippet"]
    row = search(search_build, "nghi quyet").iloc[0]
    assert "«Nghị quyết»" in row["snippet"]


def test_result_columns(search_build):
    results = search(search_build, "khoa", limit=3)
    assert isinstance(results, pd.DataFrame) and 0 < len(results) <= 3
    assert list(results.columns[:6]) == ["rank", "doc_id", "symbol", "kind", "kind_name", "issued_date"]
    assert results["rank"].tolist() == list(range(1, len(results) + 1))
    assert results["score"].is_monotonic_decreasing


def test_kind_filter_by_code_or_name(search_build, seed_ids):
    for kind in ("CTr", "ctr", "Chương trình", "chuong trinh"):
        results = search(search_build, "hop tac", kind=kind)
        assert results["doc_id"].tolist() == [seed_ids[1]]
    assert set(search(search_build, "59-NQ/TW", kind="CV")["doc_id"]) == {seed_ids[0]}


def test_issuer_filter_by_id_or_name(search_build, seed_ids):
    assert search(search_build, "59-NQ/TW", issuer="bo-khcn")["doc_id"].tolist() == [seed_ids[1]]
    for name in ("Cần Thơ", "can tho", "ubnd:can-tho"):
        assert set(seed_ids) <= set(search(search_build, "hop tac", issuer=name)["doc_id"])
    assert search(search_build, "59-NQ/TW", issuer="bo-tc").empty


def test_date_filters_with_partial_dates(search_build, seed_ids):
    # the công văn is dated 2021-08-31; the draft only "2021", which overlaps any window in 2021
    assert set(search(search_build, "59-NQ/TW", date_from="2021-08-31", date_to="2021-08-31")["doc_id"]) == set(
        seed_ids)
    assert search(search_build, "59-NQ/TW", date_from="2021-09-01")["doc_id"].tolist() == [seed_ids[1]]
    assert search(search_build, "59-NQ/TW", date_from="2022").empty
    assert set(search(search_build, "59-NQ/TW", date_to="2021-12")["doc_id"]) == set(seed_ids)


def test_filters_alone_list_documents(search_build, seed_ids):
    assert set(search(search_build, "", issuer="ubnd:can-tho", date_to="2021")["doc_id"]) == set(seed_ids)


@pytest.mark.parametrize(("filters", "message"), [
    ({"kind": "XYZ"}, "unknown document kind"),
    ({"date_from": "2021-13"}, "bad date"),
    ({"date_to": "31/12/2021"}, "bad date"),
    ({"limit": 0}, "limit"),
])
def test_bad_filters_are_clear_errors(search_build, filters, message):
    with pytest.raises(SearchError, match=message):
        search(search_build, "hop tac", **filters)


def test_malformed_queries_give_clear_errors_or_safe_results(search_build):
    with pytest.raises(SearchError, match="unbalanced quote"):
        search(search_build, '"unbalanced')
    for query in ("*", "-", '""', "( )"):
        with pytest.raises(SearchError, match="nothing to search for"):
            search(search_build, query)
    for query in ("AND OR", "NEAR(a b)", "a:b", "(hop tac", "^x", 'hop "" tac', "tac*", "- hop"):
        assert isinstance(search(search_build, query), pd.DataFrame)


def test_a_phrase_must_match_in_a_row(search_build, seed_ids):
    assert set(search(search_build, '"thanh pho can tho"')["doc_id"]) >= set(seed_ids)
    assert search(search_build, '"can tho thanh pho"').empty


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list('ab59 -/NQTW"*()+:^{}[]đạ') + [" AND ", " OR ", " NOT ", "NEAR"]),
                max_size=12).map("".join))
def test_any_input_gives_results_or_a_search_error(search_build, query):
    try:
        assert isinstance(search(search_build, query, limit=3), pd.DataFrame)
    except SearchError as exc:
        assert "cannot run query" not in str(exc)


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(SearchError, match="no search index"):
        search(tmp_path, "hop tac")


def test_cli_prints_a_ranked_list(search_build, capsys):
    assert main(["search", str(search_build), "59-NQ/TW", "--kind", "CV", "--from", "2021", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 document for '59-NQ/TW'")
    assert " 1. 3645/UBND-KGVX · Công văn (CV) · 2021-08-31 · Ủy ban nhân dân thành phố Cần Thơ" in out
    assert "«59-NQ/TW»" in out and "[seed/cantho_3645_UBND-KGVX.txt#0, reference]" in out


def test_cli_errors_exit_2_without_traceback(search_build, capsys):
    assert main(["search", str(search_build), '"unbalanced']) == 2
    err = capsys.readouterr().err
    assert err.startswith("vanban: unbalanced quote") and "Traceback" not in err
    assert main(["search", str(search_build), "x", "--to", "2021-02-30"]) == 2
    assert main(["search", str(search_build), "zzzzqqq"]) == 0
    assert "no documents match 'zzzzqqq'" in capsys.readouterr().out
