"""The merge rules of pipeline.graph.identity, one case per row."""

from __future__ import annotations

import pytest

from pipeline.graph.identity import document_key, normalize_symbol, org_id, party_term, person_id

UBND_CT, UBND_HN = "org:ubnd-tp-can-tho", "org:ubnd-tp-ha-noi"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # legal symbol with a year: unique by itself, whoever and whenever
        (("NĐ", "30/2020/NĐ-CP", "2020-03-05", None), "doc:30/2020/nđ-cp"),
        (("NĐ", "30 / 2020 / nđ–CP", None, "org:chinh-phu"), "doc:30/2020/nđ-cp"),
        (("Luật", "64/2025/QH15", "2025-02-19", None), "doc:64/2025/qh15"),
        (("NĐ", "30/2020/ND-CP", None, None), "doc:30/2020/nd-cp"),  # Đ stays distinct from D
        # ... but local QPPL codes repeat in every province
        (("QĐ", "52/2018/QĐ-UBND", "2018-10-01", UBND_CT), f"doc:52/2018/qđ-ubnd@{UBND_CT}"),
        (("QĐ", "52/2018/QĐ-UBND", "2018-10-01", None), None),
        # Party symbol: committee + term; TW bodies share one series
        (("NQ", "59-NQ/TW", "2020-08-05", "org:bo-chinh-tri"), "doc:59-nq/tw@tw@2016-2021"),
        (("NQ", "59-NQ/TW", "2020-08-05", "org:bch-tw"), "doc:59-nq/tw@tw@2016-2021"),
        (("NQ", "59-NQ/TW", "2025-08-05", None), "doc:59-nq/tw@tw@2021-2026"),
        (("NQ", "59-NQ/TW", None, None), "doc:59-nq/tw@tw"),
        (("NQ", "05-NQ/TU", "2021-03-01", UBND_CT), f"doc:05-nq/tu@{UBND_CT}@2020-2025"),
        (("NQ", "05-NQ/TU", "2021-03-01", None), None),
        # administrative symbol: issuer + year
        (("CV", "3645/UBND-KGVX", "2021-08-31", UBND_CT), f"doc:3645/ubnd-kgvx@{UBND_CT}@2021"),
        (("CV", "3645 /UBND-KGVX", "2021", UBND_CT), f"doc:3645/ubnd-kgvx@{UBND_CT}@2021"),
        (("CV", "3645/UBND-KGVX", None, UBND_CT), None),
        (("CV", "3645/UBND-KGVX", "2021-08-31", None), None),
        # no number: named documents by kind + title (+ issuer); otherwise nothing
        (("CTr", "/CTHT-BKH-CN-UBND", "2021", UBND_CT), None),
        ((None, None, None, None, "Luật Doanh nghiệp"), "doc::luat doanh nghiep"),
        (("NQ", None, None, "org:db-can-tho",
          "Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 - 2025"),
         "doc:nq:nghi quyet dai hoi dang bo thanh pho can tho lan thu xiv nhiem ky 2020 - 2025@org:db-can-tho"),
        ((None, None, None, None), None),
    ],
)
def test_document_key(args, expected):
    assert document_key(*args) == expected


def test_administrative_symbol_differs_by_issuer_and_year():
    base = document_key("CV", "3645/UBND-KGVX", "2021-08-31", UBND_CT)
    assert base != document_key("CV", "3645/UBND-KGVX", "2021-08-31", UBND_HN)
    assert base != document_key("CV", "3645/UBND-KGVX", "2022-08-31", UBND_CT)


def test_party_symbol_differs_by_term():
    assert document_key("NQ", "59-NQ/TW", "2020-08-05", None) != document_key("NQ", "59-NQ/TW", "2022-01-05", None)
    assert document_key("NQ", "59-NQ/TW", "2017-01-05", None) == document_key("NQ", "59-NQ/TW", "2020-12-05", None)


def test_named_documents_ignore_case_dashes_and_spaces():
    titles = [
        "Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 - 2025",
        "Nghị quyết đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 – 2025",
        "NGHỊ QUYẾT ĐẠI HỘI  Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020–2025",
    ]
    assert len({document_key("NQ", None, None, "x", t) for t in titles}) == 1


@pytest.mark.parametrize(
    ("year", "month", "central", "term"),
    [(2021, 1, True, "2016-2021"), (2021, 2, True, "2021-2026"), (2021, None, True, "2021-2026"),
     (2020, 3, False, "2015-2020"), (2020, 10, False, "2020-2025"), (2024, 5, False, "2020-2025"),
     (None, None, True, None)],
)
def test_party_term(year, month, central, term):
    assert party_term(year, month, central=central) == term


def test_org_and_person_ids():
    assert normalize_symbol(" 3645 /UBND–KGVX.") == "3645/ubnd-kgvx"
    assert org_id("BỘ KHOA HỌC VÀ CÔNG NGHỆ") == org_id("Bộ Khoa học và Công nghệ") == "org:bo khoa hoc va cong nghe"
    assert org_id("Bộ KH&CN", "org:bo-khcn") == "org:bo-khcn"
    assert org_id(None) is None and org_id("  ") is None
    assert person_id("NGUYỄN NGỌC HÀ", "o") == person_id("Nguyễn Ngọc Hà", "o") == "person:nguyễn ngọc hà@o"
    assert person_id("Nguyễn Ngọc Hạ") != person_id("Nguyễn Ngọc Hà")
    assert person_id(None) is None
