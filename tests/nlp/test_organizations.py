"""Organization gazetteer and resolver: table-driven pairs (writing -> id), corpus letterheads, properties."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import OrgRef
from pipeline.nlp.organizations import ResolveContext, load_gazetteer
from pipeline.nlp.places import fold_keep, load_provinces, province_of

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SEED = CORPUS / "seed" / "cantho_3645_UBND-KGVX.txt"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def ctx_of(org_id: str) -> ResolveContext:
    return ResolveContext(issuers=[OrgRef(name=org_id, id=org_id)])


CAN_THO = ResolveContext(issuers=[OrgRef(name="Ủy ban nhân dân thành phố Cần Thơ", id="ubnd:can-tho")])

# (writing, expected id) with no context
RESOLVE = [
    ("Bộ KH&CN", "bo-khcn"),
    ("Bộ Khoa học và Công nghệ", "bo-khcn"),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "bo-khcn"),
    ("BKHCN", "bo-khcn"),
    ("Bộ khoa học và công nghệ.", "bo-khcn"),
    ("Ủy ban nhân dân thành phố Cần Thơ", "ubnd:can-tho"),
    ("UBND TP. CẦN THƠ", "ubnd:can-tho"),
    ("UBND THÀNH PHỐ CẦN THƠ", "ubnd:can-tho"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ", "ubnd:can-tho"),
    ("Uỷ ban nhân dân Tp. Cần Thơ;", "ubnd:can-tho"),
    ("UBND TP.HCM", "ubnd:ho-chi-minh"),
    ("UBND tỉnh Quảng Trị", "ubnd:quang-tri"),
    ("Ủy ban nhân dân tỉnh Hậu Giang", "ubnd:hau-giang"),
    ("Hội đồng nhân dân tỉnh Quảng Trị", "hdnd:quang-tri"),
    ("Tỉnh ủy Quảng Ninh", "tu:quang-ninh"),
    ("Thành ủy Hà Nội", "tu:ha-noi"),
    ("Sở Khoa học và Công nghệ thành phố Cần Thơ", "so-khcn:can-tho"),
    ("Sở KH&CN tỉnh Quảng Trị", "so-khcn:quang-tri"),
    ("Ban Tuyên giáo Tỉnh ủy Quảng Ninh", "btg-tu:quang-ninh"),
    ("Ban Tuyên giáo TƯ", "btgtw"),
    ("Ban Tuyên giáo Trung ương", "btgtw"),
    ("Bộ Lao động – Thương binh và Xã hội", "bo-ldtbxh"),
    ("Bộ LĐ-TB&XH", "bo-ldtbxh"),
    ("Bộ Văn hóa - Thể thao và Du lịch", "bo-vhttdl"),
    ("Bộ Kế hoạch và Đầu tư", "bo-khdt"),
    ("Bộ Nông nghiệp và Môi trường", "bo-nnmt"),
    ("Bộ NN&PTNT", "bo-nnptnt"),
    ("Bộ Tư pháp", "bo-tp"),
    ("Ủy ban Kiểm tra Trung ương", "ubkttw"),
    ("Ban Chấp hành Trung ương Đảng", "bchtw"),
    ("Mặt trận Tổ quốc Việt Nam", "mttq"),
    ("Kho bạc Nhà nước", "kbnn"),
    ("Kho bạc Nhà nước tỉnh Sơn La", "kbnn:son-la"),
    ("Bảo hiểm xã hội Việt Nam", "bhxh"),
    ("Viện kiểm sát nhân dân tối cao", "vksndtc"),
    ("Chủ tịch UBND tỉnh Tuyên Quang", "ubnd:tuyen-quang"),
    ("Ủy ban nhân dân huyện Châu Thành, tỉnh Tây Ninh", "ubnd:tay-ninh/huyen-chau-thanh"),
    ("UBND thành phố Thanh Hóa", "ubnd:thanh-pho-thanh-hoa"),
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "ubnd:*"),
    ("Trung tâm Phục vụ hành chính công tỉnh Nghệ An", "tt-pvhcc:nghe-an"),
    ("Trung tâm Dịch vụ việc làm tỉnh Nghệ An", "trung-tam-dich-vu-viec-lam-tinh-nghe-an"),
]

# Letterhead issuer lines as they appear in /work/shared/corpus/text (copied in, so they run without it)
LETTERHEADS = [
    ("B Ộ LAO ĐỘNG - THƯƠNG BINH V À X Ã HỘI", "bo-ldtbxh"),
    ("BỘ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI", "bo-ldtbxh"),
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "ubnd:quang-tri"),
    ("**ỦY\nBAN NHÂN DÂN **\nTỈNH QUẢNG TRỊ", "ubnd:quang-tri"),
    ("**ỦY BAN NHÂN\nDÂN **\nTỈNH ĐỒNG THÁP", "ubnd:dong-thap"),
    ("UỶ BAN NHÂN DÂN TỈNH TUYÊN QUANG", "ubnd:tuyen-quang"),
    ("ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH", "ubnd:ho-chi-minh"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "thu-tuong"),
    ("**THỦ TƯỚNG CHÍNH\nPHỦ**", "thu-tuong"),
    ("PHỦ THỦ TƯỚNG", "phu-thu-tuong"),
    ("VĂN PHÒNG CHÍNH PHỦ", "vpcp"),
    ("**VĂN\nPHÒNG CHÍNH PHỦ**", "vpcp"),
    ("BỘ NỘI VỤ", "bo-nv"),
    ("CHÍNH PHỦ", "chinh-phu"),
    ("QUỐC HỘI", "quoc-hoi"),
    ("UỶ BAN THƯỜNG VỤ QUỐC HỘI", "ubtvqh"),
    ("HỘI ĐỒNG NHÂN\nDÂN **\nTHÀNH PHỐ HUẾ", "hdnd:hue"),
    ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", "hdnd:ha-noi"),
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", "bchtw"),
    ("HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO", "hdtp-tandtc"),
    ("BỘ TÀI CHÍNH\nTỔNG CỤC HẢI QUAN", "tchq"),
    ("BỘ TÀI CHÍNH TỔNG CỤC THUẾ", "tong-cuc-thue"),
    ("CỤC THUẾ\n**THUẾ TỈNH TÂY NINH**", "thue:tay-ninh"),
    ("UBND THÀNH PHỐ HÀ\nNỘI\n**SỞ GIÁO DỤC VÀ ĐÀO TẠO**", "so-gddt:ha-noi"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n**SỞ GIÁO DỤC VÀ ĐÀO TẠO**", "so-gddt:ho-chi-minh"),
    ("**BỘ NÔNG NGHIỆP\nVÀ **\nMÔI TRƯỜNG", "bo-nnmt"),
    ("**BỘ VĂN HÓA, THỂ\nTHAO **\nVÀ DU LỊCH", "bo-vhttdl"),
    ("NGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM", "nhnn"),
    ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "bo-khdt"),
    ("BAN CHỈ ĐẠO QUỐC GIA VỀ TÌM KIẾM, QUY TẬP HÀI CỐT LIỆT SĨ", "bcd-tkqthcls"),
    ("**ỦY BAN NHÂN DÂN**\n**TỈNH ĐẮK LẮK**", "ubnd:dak-lak"),
]

# Distribution and short forms inside a Cần Thơ document (the seed's Nơi nhận)
IN_CAN_THO = [
    ("TT. Thành ủy", "tt-tu:can-tho"),
    ("TT. HĐND TP", "tt-hdnd:can-tho"),
    ("Thành viên BCSD UBND TP", "bcsd-ubnd:can-tho"),
    ("Ban Tuyên giáo TU", "btg-tu:can-tho"),
    ("Sở KH&CN", "so-khcn:can-tho"),
    ("VP UBND TP (2,3)", "vp-ubnd:can-tho"),
    ("Công TTĐT TP", "cong-ttdt:can-tho"),
    ("thành phố", "ubnd:can-tho"),
    ("Thành phố", "ubnd:can-tho"),
    ("UBND TP", "ubnd:can-tho"),
    ("UBND", "ubnd:can-tho"),
    ("TU", "tu:can-tho"),
    ("HĐND thành phố", "hdnd:can-tho"),
    ("Bộ Khoa học và Công nghệ", "bo-khcn"),
]

SYMBOL_CODES = [
    ("BTC", "bo-tc"),
    ("TTg", "thu-tuong"),
    ("TTG", "thu-tuong"),
    ("CP", "chinh-phu"),
    ("VPCP", "vpcp"),
    ("BKHĐT", "bo-khdt"),
    ("BKHDT", "bo-khdt"),
    ("BLĐTBXH", "bo-ldtbxh"),
    ("LĐTBXH", "bo-ldtbxh"),
    ("TW", "bchtw"),
    ("VPTW", "vptw"),
    ("BTCTW", "btctw"),
    ("QH15", "quoc-hoi"),
    ("QH13", "quoc-hoi"),
    ("UBTVQH14", "ubtvqh"),
    ("UBTVQH11", "ubtvqh"),
    ("TCHQ", "tchq"),
    ("BNNMT", "bo-nnmt"),
    ("BNNPTNT", "bo-nnptnt"),
    ("BKHCN", "bo-khcn"),
    ("HĐTP", "hdtp-tandtc"),
    ("NHNN", "nhnn"),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVE + LETTERHEADS)
def test_resolve(gaz, text, expected):
    ref = gaz.resolve(text)
    assert ref is not None, text
    assert ref.id == expected
    assert ref.text == text


@pytest.mark.parametrize(("text", "expected"), IN_CAN_THO)
def test_resolve_in_can_tho_document(gaz, text, expected):
    assert gaz.resolve(text, context=CAN_THO).id == expected


def test_canonical_names(gaz):
    assert gaz.resolve("UBND TP. CẦN THƠ").name == "Ủy ban nhân dân thành phố Cần Thơ"
    assert gaz.resolve("BKHCN").name == "Bộ Khoa học và Công nghệ"
    assert gaz.resolve("Sở KH&CN", context=CAN_THO).name == "Sở Khoa học và Công nghệ thành phố Cần Thơ"
    assert gaz.resolve("Ban Tuyên giáo TU", context=CAN_THO).name == "Ban Tuyên giáo Thành ủy Cần Thơ"
    assert gaz.resolve("TU", context=ResolveContext(province="Quảng Trị")).name == "Tỉnh ủy Quảng Trị"
    assert gaz.resolve("UBND TP.HCM").name == "Ủy ban nhân dân Thành phố Hồ Chí Minh"


def test_parents(gaz):
    assert gaz.resolve("Sở KH&CN", context=CAN_THO).parent == "ubnd:can-tho"
    assert gaz.resolve("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ").parent == "bo-tc"
    assert gaz.resolve("Bộ Khoa học và Công nghệ").parent == "chinh-phu"


def test_short_forms_need_context(gaz):
    assert gaz.resolve("Sở KH&CN").id is None
    assert gaz.resolve("Sở KH&CN").name == "Sở Khoa học và Công nghệ"
    assert gaz.resolve("Bộ") is None
    assert gaz.resolve("Bộ", context=ctx_of("bo-khcn")).id == "bo-khcn"
    assert gaz.resolve("thành phố") is None
    assert gaz.resolve("Sở Tư pháp", context=ResolveContext(province="TP.HCM")).id == "so-tp:ho-chi-minh"


@pytest.mark.parametrize(
    "text", ["", "   ", "Như trên", "Lưu: VT, KGVX", "xin chào", "ngày 31 tháng 8 năm 2021", "tu sửa"]
)
def test_not_organizations(gaz, text):
    assert gaz.resolve(text) is None


def test_joint_header_gives_none_and_resolve_all_gives_each(gaz):
    header = "BỘ KHOA HỌC VÀ CÔNG NGHỆ -\nUBND TP. CẦN THƠ"
    assert gaz.resolve(header) is None
    assert [r.id for r in gaz.resolve_all(header)] == ["bo-khcn", "ubnd:can-tho"]
    joint = "BỘ TÀI CHÍNH - BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN - BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG - BỘ Y TẾ"
    assert [r.id for r in gaz.resolve_all(joint)] == ["bo-tc", "bo-nnptnt", "bo-tnmt", "bo-yt"]


@pytest.mark.parametrize(("code", "expected"), SYMBOL_CODES)
def test_from_symbol_code(gaz, code, expected):
    assert gaz.from_symbol_code(code).id == expected


def test_from_symbol_code_local(gaz):
    assert gaz.from_symbol_code("UBND") is None
    assert gaz.from_symbol_code("UBND", CAN_THO).id == "ubnd:can-tho"
    assert gaz.from_symbol_code("HĐND", CAN_THO).id == "hdnd:can-tho"
    assert gaz.from_symbol_code("TU", CAN_THO).id == "tu:can-tho"
    assert gaz.from_symbol_code("SKHCN", CAN_THO).id == "so-khcn:can-tho"
    assert gaz.from_symbol_code("BTGTU", CAN_THO).id == "btg-tu:can-tho"
    assert gaz.from_symbol_code("XYZQ") is None


FIND = [
    ("kính đề nghị Bộ Khoa học và Công nghệ xem xét", ["Bộ Khoa học và Công nghệ"]),
    ("phối hợp với Bộ Tài chính, Bộ Kế hoạch và Đầu tư xem xét", ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"]),
    (
        "phối hợp với Sở Khoa học và Công nghệ thành phố Cần Thơ xây dựng",
        ["Sở Khoa học và Công nghệ thành phố Cần Thơ"],
    ),
    (
        "Phó Thủ tướng Nguyễn Thiện Nhân yêu cầu Bộ Lao động - Thương binh và Xã hội",
        ["Bộ Lao động - Thương binh và Xã hội"],
    ),
    ("Bộ trưởng Bộ Tư pháp; tu sửa; TỪ NGÀY", ["Bộ Tư pháp"]),
    (
        "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
        ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
    ),
    (
        "Trung tâm Y tế huyện Phù Mỹ phối hợp Công an tỉnh Quảng Ninh",
        ["Trung tâm Y tế huyện Phù Mỹ", "Công an tỉnh Quảng Ninh"],
    ),
    ("xây dựng Chính phủ điện tử; nghĩa vụ thuế tỉnh Tây Ninh; hợp tác xã Việt Nam", []),
    ("vốn của Ngân hàng Hợp tác xã Việt Nam.", ["Ngân hàng Hợp tác xã Việt Nam"]),
]


@pytest.mark.parametrize(("text", "mentions"), FIND)
def test_find_all(gaz, text, mentions):
    found = gaz.find_all(text)
    assert [text[s:e] for s, e, _ in found] == mentions
    for s, e, ref in found:
        assert ref.span.start == s and ref.span.end == e and ref.text == text[s:e]


def test_find_all_ids(gaz):
    text = (
        "Ủy ban nhân dân thành phố Cần Thơ kính đề nghị Bộ KH&CN; Ban Tuyên giáo Tỉnh ủy Quảng Ninh; Ban Tuyên giáo TƯ"
    )
    assert [r.id for _, _, r in gaz.find_all(text)] == ["ubnd:can-tho", "bo-khcn", "btg-tu:quang-ninh", "btgtw"]


def test_find_all_bare_ministry_with_context(gaz):
    text = "đề nghị quý Bộ chỉ đạo đơn vị thuộc Bộ; Bộ trưởng đồng ý"
    found = gaz.find_all(text, ctx_of("bo-ldtbxh"))
    assert [(text[s:e], r.id) for s, e, r in found] == [("Bộ", "bo-ldtbxh"), ("Bộ", "bo-ldtbxh")]
    assert gaz.find_all(text) == []


def mentions(gaz, text, context=None):
    return [(text[s:e], r.id) for s, e, r in gaz.find_all(text, context)]


HA_TINH = ResolveContext(issuers=[OrgRef(name="UBND tỉnh Hà Tĩnh", id="ubnd:ha-tinh")])
BCD_02 = (
    "Ban chỉ đạo của Chính phủ về sắp xếp đơn vị hành chính các cấp và xây dựng mô hình tổ chức chính quyền địa phương "
    "02 cấp"
)
MINISTRY_IN_HA_NOI = ResolveContext(issuers=[OrgRef(name="Bộ Nội vụ", id="bo-nv")], province="Hà Nội")

IN_CONTEXT = [
    # lists under one head name each body
    (
        "Các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi trường;",
        None,
        [("Quốc phòng", "bo-qp"), ("Công an", "bo-ca"), ("Nông nghiệp và Môi trường", "bo-nnmt")],
    ),
    (
        "Chủ tịch Ủy ban nhân dân các\ntỉnh: Gia Lai,\n- Đắk Lắk và Khánh Hòa;",
        None,
        [("Gia Lai", "ubnd:gia-lai"), ("Đắk Lắk", "ubnd:dak-lak"), ("Khánh Hòa", "ubnd:khanh-hoa")],
    ),
    ("Giám đốc các Sở: Tư pháp, Y tế;", HA_TINH, [("Tư pháp", "so-tp:ha-tinh"), ("Y tế", "so-yt:ha-tinh")]),
    (
        "- VPCP: BTCN, Trợ lý TTg, các Vụ: NN, KG V X, PL;",
        ctx_of("vpcp"),
        [("VPCP", "vpcp"), ("TTg", "thu-tuong"), ("NN", "vpcp-nn"), ("PL", "vpcp-pl")],
    ),
    (
        "- Các phòng thuộc Sở: GDMN, GDTH;",
        ResolveContext(issuers=[OrgRef(name="Sở", id="so-gddt:ha-noi")]),
        [("GDMN", "phong-gdmn:ha-noi"), ("GDTH", "phong-gdth:ha-noi")],
    ),
    # a coordinated body shares the place or the collective of the next one
    (
        "- Thường trực HĐND, UBND tỉnh Hà Tĩnh;",
        None,
        [("Thường trực HĐND", "tt-hdnd:ha-tinh"), ("UBND tỉnh Hà Tĩnh", "ubnd:ha-tinh")],
    ),
    (
        "- HĐND, UBND các tỉnh, thành phố trực thuộc Trung ương;",
        None,
        [("HĐND", "hdnd:*"), ("UBND các tỉnh, thành phố trực thuộc Trung ương", "ubnd:*")],
    ),
    ("Chủ tịch UBND các huyện, thị xã, thành phố", HA_TINH, [("UBND các huyện, thị xã, thành phố", "ubnd:ha-tinh/*")]),
    # a ministry's place of issue is not its province; its own units are named by rule under it
    (
        "Kính gửi: Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương; Sở Tư pháp",
        MINISTRY_IN_HA_NOI,
        [("Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương", "ubnd:*"), ("Sở Tư pháp", None)],
    ),
    (
        "- Vụ Pháp chế (để tổng hợp);\n- Văn phòng Bộ (để đăng tải trên Cổng TTĐT của Bộ);",
        ctx_of("bo-nnmt"),
        [
            ("Vụ Pháp chế", "bo-nnmt/vu-phap-che"),
            ("Văn phòng Bộ", "bo-nnmt/van-phong"),
            ("Cổng TTĐT của Bộ", "bo-nnmt/cong-thong-tin-dien-tu"),
        ],
    ),
    ("Cục trưởng Cục Pháp chế Bộ Quốc phòng, Thủ trưởng", None, [("Cục Pháp chế Bộ Quốc phòng", "bo-qp/cuc-phap-che")]),
    (
        "Vụ Kế hoạch - Tài chính chủ trì; Vụ KHTC;",
        ctx_of("bo-nv"),
        [("Vụ Kế hoạch - Tài chính", "bo-nv/vu-ke-hoach-tai-chinh"), ("Vụ KHTC", "bo-nv/vu-ke-hoach-tai-chinh")],
    ),
    ("- TGĐ Cổng TTĐT, các Vụ", ctx_of("vpcp"), [("Cổng TTĐT", "cong-ttdt-cp")]),
    (
        "Hội Chăn nuôi Việt Nam - Hiệp hội Thức ăn Chăn nuôi gửi Thủ\ntướng Chính phủ",
        None,
        [
            ("Hội Chăn nuôi Việt Nam", "hoi-chan-nuoi-viet-nam"),
            ("Hiệp hội Thức ăn Chăn nuôi", "hiep-hoi-thuc-an-chan-nuoi"),
            ("Thủ\ntướng Chính phủ", "thu-tuong"),
        ],
    ),
    # the addressed delegation, and a short name the document defines
    (
        "đồng hành của Đoàn đại biểu\nQuốc hội và cử tri tỉnh Hà Tĩnh",
        ResolveContext(issuers=[OrgRef(name="Bộ", id="bo-nnmt")], recipients=[OrgRef(name="Đoàn", id="dbqh:ha-tinh")]),
        [("Đoàn đại biểu\nQuốc hội", "dbqh:ha-tinh")],
    ),
    (
        f"{BCD_02} (sau đây viết là Ban Chỉ đạo của Chính phủ) yêu cầu; Trưởng Ban Chỉ đạo; thành viên BCĐ của "
        "Chính phủ",
        None,
        [
            (BCD_02, "bcd-sxdvhc"),
            ("Ban Chỉ đạo của Chính phủ", "bcd-sxdvhc"),
            ("Ban Chỉ đạo", "bcd-sxdvhc"),
            ("BCĐ của Chính phủ", "bcd-sxdvhc"),
        ],
    ),
    # not mentions: symbol codes, the topic of a law, compounds, places, a word that only folds like a name
    (
        "Công văn số 3645/UBND-KGVX và 215/TTr- NHNN; Căn cứ Luật Tổ chức Chính phủ; tiến bộ khoa học và công nghệ; "
        "phường Trường Thi; Văn phòng Đăng ký đất đai",
        None,
        [("Văn phòng Đăng ký đất đai", None)],  # "Đăng" is not "Đảng"; a kind of body with no place: no id
    ),
    (
        "Đảng bộ thành phố và Đảng ủy khối; đường lối của Đảng và Nhà nước",
        None,
        [("Đảng bộ thành phố", None), ("Đảng", "dcsvn")],
    ),
    ("ý kiến Thành viên Chính phủ số 1025/PLYK/2025; xây dựng Chính phủ số", None, [("Chính phủ", "chinh-phu")]),
]


@pytest.mark.parametrize(("text", "context", "expected"), IN_CONTEXT)
def test_find_all_in_context(gaz, text, context, expected):
    assert mentions(gaz, text, context) == expected


def test_resolve_strips_terms_posts_and_cuts(gaz):
    assert gaz.resolve("Ủy ban Thường vụ Quốc hội khóa 13").id == "ubtvqh"
    assert gaz.resolve("Ủy ban Dân nguyện và Giám sát Quốc hội khóa XV").id == "ubdngs-qh"
    assert gaz.resolve("Ủy ban Kinh tế và Tài chính của Quốc hội").id == "ubktc-qh"
    assert gaz.resolve("Bộ trưởng Bộ Văn hóa").id == "bo-vhttdl"  # a ministry cut at its comma by the citation
    assert gaz.resolve("Bộ trưởng") is None
    assert gaz.from_symbol_code("UBDNGS15").id == "ubdngs-qh"


def test_2025_mergers_keep_old_ids_with_successors(gaz):
    successors = {
        "bo-khdt": "bo-tc",
        "bo-tttt": "bo-khcn",
        "bo-ldtbxh": "bo-nv",
        "bo-nnptnt": "bo-nnmt",
        "bo-tnmt": "bo-nnmt",
        "bo-gtvt": "bo-xd",
        "ubdt": "bo-dttg",
        "btgtw": "btgdvtw",
        "bdn-qh": "ubdngs-qh",
    }
    for old, new in successors.items():
        assert gaz.get(old).successor == new and gaz.get(old).valid_to
        assert not gaz.get(new).valid_to
    assert gaz.resolve("Bộ KH&ĐT").id == "bo-khdt"  # an old letter stays with the old ministry
    assert gaz.resolve("Bộ NN&MT").id == "bo-nnmt"


def test_canonical_name_of_ids(gaz):
    assert gaz.canonical_name("bo-khcn") == "Bộ Khoa học và Công nghệ"
    assert gaz.canonical_name("so-khcn:can-tho") == "Sở Khoa học và Công nghệ thành phố Cần Thơ"
    assert gaz.canonical_name("tu:ha-tinh") == "Tỉnh ủy Hà Tĩnh"
    assert gaz.canonical_name("ubnd:*") is None and gaz.canonical_name("org:x") is None


def test_fold_keeps_length_and_tu_apart():
    for s in ["Ủy ban nhân dân", "BỘ TƯ PHÁP", "Ban Tuyên giáo TƯ", "Đắk Lắk – Đăk Nông", "ỦY BAN"]:
        assert len(fold_keep(s)) == len(s)
    assert fold_keep("Ban Tuyên giáo TƯ").endswith("tw")
    assert fold_keep("Ban Tuyên giáo TU").endswith("tu")


PROVINCES = [
    ("Cần Thơ", "Cần Thơ"),
    ("TP. Cần Thơ", "Cần Thơ"),
    ("THÀNH PHỐ CẦN THƠ", "Cần Thơ"),
    ("TP.HCM", "Hồ Chí Minh"),
    ("Hồ Chí Minh", "Hồ Chí Minh"),
    ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ("Quảng Trị", "Quảng Trị"),
    ("tỉnh Quảng Bình", "Quảng Bình"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Đắc Lắc", "Đắk Lắk"),
]


@pytest.mark.parametrize(("text", "expected"), PROVINCES)
def test_province_of(text, expected):
    assert province_of(text) == expected


def test_province_of_current():
    assert province_of("Hậu Giang", current=True) == "Cần Thơ"
    assert province_of("Quảng Bình", current=True) == "Quảng Trị"
    assert province_of("Thừa Thiên Huế", current=True) == "Huế"
    assert province_of("Hà Tây", current=True) == "Hà Nội"
    assert province_of("Cần Thơ", current=True) == "Cần Thơ"
    assert province_of("Paris") is None
    assert province_of("") is None


def test_province_counts():
    provinces = load_provinces()
    current = [p for p in provinces.by_id.values() if not p.valid_to]
    pre_2025 = [p for p in provinces.by_id.values() if p.valid_to in ("", "2025-06-30") and p.valid_from == ""]
    assert len(current) == 34
    assert len(pre_2025) + 1 == 63  # + Thừa Thiên Huế, which became Huế on 2025-01-01


def test_provinces_agree_with_underthesea_mapping():
    """Our 2025 successors agree with underthesea's offline address data (vietnamadminunits)."""
    underthesea = pytest.importorskip("underthesea")
    data_path = Path(underthesea.__file__).parent / "address" / "data" / "mapping.json"
    if not data_path.is_file():
        pytest.skip("underthesea address data not installed")
    data = json.loads(data_path.read_text(encoding="utf-8"))
    provinces = load_provinces()
    for old_key, new_key in data["province_mapping"].items():
        old = provinces.find(data["old_province_names"][old_key]["name"])
        new = provinces.find(data["province_names"][new_key]["name"])
        assert old is not None and new is not None, old_key
        assert provinces.current(old).id == new.id, old_key


def test_gazetteer_rows_are_consistent(gaz):
    for rec in gaz.orgs.values():
        assert re.fullmatch(r"[a-z0-9-]+", rec.id), rec.id
        for ref in (rec.parent, rec.successor):
            assert not ref or ref in gaz.orgs, (rec.id, ref)
        if rec.successor:
            assert rec.valid_to, rec.id
    assert len(gaz.orgs) > 100


def test_every_gazetteer_name_resolves_to_itself(gaz):
    for rec in gaz.orgs.values():
        for writing in (rec.name, rec.name.upper()):
            ref = gaz.resolve(writing)
            assert ref is not None and ref.id == rec.id, (writing, ref)


def test_every_province_committee_resolves(gaz):
    for p in gaz.provinces.by_id.values():
        assert gaz.resolve(f"Ủy ban nhân dân {p.place}").id == f"ubnd:{p.id}"
        assert gaz.resolve(f"UBND {p.place}".upper()).id == f"ubnd:{p.id}"
        assert gaz.resolve(f"HĐND {p.place}").id == f"hdnd:{p.id}"
        assert gaz.resolve(p.party_committee).id == f"tu:{p.id}"


def test_find_all_speed(gaz):
    base = " ".join(t for t, _ in RESOLVE + LETTERHEADS) + " và các đơn vị liên quan thực hiện nhiệm vụ được giao. "
    text = (base * (50_000 // len(base) + 1))[:50_000]
    gaz.find_all(text)
    t0 = time.perf_counter()
    gaz.find_all(text)
    assert time.perf_counter() - t0 < 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_string_gives_orgref_or_none(text):
    gaz = load_gazetteer()
    ref = gaz.resolve(text, context=CAN_THO)
    assert ref is None or isinstance(ref, OrgRef)
    for s, e, r in gaz.find_all(text, CAN_THO):
        assert 0 <= s < e <= len(text) and r.text == text[s:e]
    assert gaz.from_symbol_code(text) is None or isinstance(gaz.from_symbol_code(text), OrgRef)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ỦỶBANHÂNDTỈPỐCẦƠ&.-\n ủyba nhândtỉphốcầơ", max_size=60))
def test_vietnamese_like_strings_never_raise(text):
    gaz = load_gazetteer()
    gaz.resolve(text)
    gaz.find_all(text, CAN_THO)


# ----------------------------------------------------------------------------- shared corpus


def _corpus(relative: str) -> Path:
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"corpus file {relative} not available")
    return path


def test_seed_document_mentions():
    gaz = load_gazetteer()
    text = _corpus("seed/cantho_3645_UBND-KGVX.txt").read_text(encoding="utf-8")
    issuer = gaz.resolve("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ")
    found = {(text[s:e], r.id) for s, e, r in gaz.find_all(text, ResolveContext(issuers=[issuer]))}
    for expected in [
        ("Bộ Khoa học và Công nghệ", "bo-khcn"),
        ("Sở Khoa học và Công nghệ thành phố Cần Thơ", "so-khcn:can-tho"),
        ("TT. Thành ủy", "tt-tu:can-tho"),
        ("TT. HĐND TP", "tt-hdnd:can-tho"),
        ("Ban Tuyên giáo TU", "btg-tu:can-tho"),
        ("Sở KH&CN", "so-khcn:can-tho"),
        ("VP UBND TP", "vp-ubnd:can-tho"),
        ("Bộ Chính trị", "bo-chinh-tri"),
        ("UBND TP. CẦN THƠ", "ubnd:can-tho"),
    ]:
        assert expected in found


def _first_lines(path: Path, n: int = 4) -> str:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and ln.strip() != "|"]
    return "\n".join(lines[:n])


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("text/tvpl_tnt305__2827_QĐ-UBND__094432765aa270a8.md", "ubnd:quang-tri"),
        ("text/tvpl_tnt305__2666_QĐ-UBND__036bd85f1f56f768.md", "ubnd:can-tho"),
        ("text/tvpl_tnt305__10989_BNV-TCBC__5d3180cef1d254d0.md", "bo-nv"),
        ("text/tvpl_tnt305__223_CĐ-TTg__15e6fb3d3f3b2644.md", "thu-tuong"),
        ("text/tvpl_tnt305__34_2025_NQ-HĐND__592501a25aaf5012.md", "hdnd:hue"),
        ("text/tvpl_tnt305__9476_BNNMT-CNTY__edfc0349ad13b2bf.md", "bo-nnmt"),
        ("text/tvpl_johnpa__Nghị_quyết_01_2020_NQ-HĐTP.txt", "hdtp-tandtc"),
        ("text/vbpl_html__doc_000609.derived.txt", "nhnn"),
    ],
)
def test_corpus_letterheads(relative, expected):
    gaz = load_gazetteer()
    head = _first_lines(_corpus(relative))
    first = next(r for r in gaz.resolve_all(head) if r.id)
    assert first.id == expected
