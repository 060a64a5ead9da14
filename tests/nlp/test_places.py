"""Places in running text (find_places): provinces before and after the 2025 reorganization, and units."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.nlp.organizations import load_gazetteer
from pipeline.nlp.places import find_places, load_provinces


def places(text, **kw):
    return [(e.text, e.id) for e in find_places(text, **kw)]


def test_ward_with_its_province():
    # tvpl_tnt305__2487_QĐ-UBND
    text = "Địa chỉ: số 01 đường Mai Thế Chuẩn, phường\nLương Văn Tri, tỉnh Lạng Sơn."
    [ward, province] = find_places(text)
    assert (ward.text, ward.id, ward.value) == ("phường\nLương Văn Tri", "lang-son/phuong-luong-van-tri",
                                                "phường Lương Văn Tri")
    assert ward.attrs == {"kind": "phường", "province": "lang-son"}
    assert (province.text, province.id, province.value) == ("tỉnh Lạng Sơn", "lang-son", "Lạng Sơn")
    assert province.attrs == {"kind": "tỉnh", "current": "lang-son"}
    assert all(text[e.span.start:e.span.end] == e.text for e in (ward, province))


def test_numbered_district_and_city_abbreviation():
    # tvpl_johnpa__Công_văn_778_TCHQ-GSQL
    text = "KP. 05, Phường Tân Thuận Đông, Quận 7, TP.HCM (để p/h thực hiện);"
    assert places(text) == [("Phường Tân Thuận Đông", None), ("Quận 7", "ho-chi-minh/quan-7"),
                            ("TP.HCM", "ho-chi-minh")]


def test_provinces_listed_old_and_new():
    # tvpl_congbot__file_data_28: seven provinces, some merged on 1 July 2025
    text = ("qua hệ thống Bưu điện tại 07 địa phương, gồm: Hưng Yên, Hòa Bình, Thanh Hóa, Quảng Trị, Ninh Thuận, "
            "Cần Thơ, Hậu Giang.")
    found = find_places(text)
    assert [e.id for e in found] == ["hung-yen", "hoa-binh", "thanh-hoa", "quang-tri", "ninh-thuan", "can-tho",
                                     "hau-giang"]
    current = {e.id: e.attrs["current"] for e in found}
    assert current["hau-giang"] == "can-tho" and current["hoa-binh"] == "phu-tho" and current["can-tho"] == "can-tho"


def test_city_of_a_province_is_a_unit():
    assert places("tại thành phố Thái Nguyên.") == [("thành phố Thái Nguyên", "thai-nguyen/thanh-pho-thai-nguyen")]
    assert places("tại thành phố Cần Thơ.") == [("thành phố Cần Thơ", "can-tho")]


def test_document_province_gives_unit_ids():
    assert places("xã Tân Phú") == [("xã Tân Phú", None)]  # a name shared by many provinces
    assert places("xã Tân Phú", province="Cần Thơ") == [("xã Tân Phú", "can-tho/xa-tan-phu")]
    assert places("xã Tân Phú", province="can-tho") == [("xã Tân Phú", "can-tho/xa-tan-phu")]


def test_places_inside_organizations_are_skipped():
    text = "Ủy ban nhân dân tỉnh Quảng Trị đề nghị Sở Tài chính tỉnh Hà Tĩnh; tại tỉnh Quảng Trị."
    orgs = load_gazetteer().find_all(text)
    assert places(text, skip=orgs) == [("tỉnh Quảng Trị", "quang-tri")]
    assert len(places(text)) == 3


@pytest.mark.parametrize("text", [
    "vì hòa bình và phát triển",  # the word, not the province
    "các cơ quan, địa phương; cơ quan Nhà nước có thẩm quyền",  # "quan", "phương" fold like quận, phường
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Bộ Lao động - Thương binh và Xã hội; Bộ Lao Động Thương Binh Và Xã Hội",
    "danh sách xã đảo, xã An toàn khu",
    "UBND các xã, phường\n1. Sở Nội vụ",
    "- TTg, các PTTg: Vương Đình Huệ, Trịnh Đình Dũng;",  # a person's name ending like a province
    "Đường Điện Biên Phủ, Báo Tuyên Quang",  # longer names
    "Các xã: Điền Hải, Phong Hải",  # "Hải, Phong" has the letters of Hải Phòng, not its marks
    "camera AI giám sát an ninh trên địa bàn toàn xã\nĐạt\nBộ Công an hướng dẫn",  # a table cell after "xã"
])
def test_not_places(text):
    assert places(text) == []


def test_upper_case_table_heading():
    assert places("III\n\nTHỊ XÃ HOÀI NHƠN\n\n1.200") == [("THỊ XÃ HOÀI NHƠN", None)]
    assert find_places("THỊ XÃ HOÀI NHƠN")[0].value == "thị xã Hoài Nhơn"


def test_corpus_places_are_well_formed(shared_corpus: Path):
    provinces = load_provinces()
    gaz = load_gazetteer()
    seen = 0
    for path in sorted((shared_corpus / "text").glob("*.md"))[:40]:
        text = path.read_text(encoding="utf-8")
        for e in find_places(text, skip=gaz.find_all(text)):
            seen += 1
            assert text[e.span.start:e.span.end] == e.text
            prov = e.attrs.get("province") or e.id
            assert prov is None or prov.split("/")[0] in provinces.by_id
    assert seen > 100
