"""People and positions (find_people): names taken only where the text says they are people's, positions tied
to their organization, ids stable across documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.model import OrgRef
from pipeline.nlp.organizations import ResolveContext, load_gazetteer
from pipeline.nlp.people import SURNAMES, find_people

CAN_THO = OrgRef(name="Ủy ban nhân dân thành phố Cần Thơ", id="ubnd:can-tho")


def people(text, issuer=None, province=None):
    """{name: (position, org id)} and the entities, checking that every span points at its text."""
    orgs = load_gazetteer().find_all(text, ResolveContext(province=province))
    ents = find_people(text, orgs, issuer=issuer)
    assert all(text[e.span.start:e.span.end] == e.text for e in ents)
    found = {e.value: (e.attrs.get("position"), e.attrs.get("org_id")) for e in ents if e.label == "PER"}
    return found, ents


def test_deputy_prime_minister_with_government():
    # tvpl_tnt305__11306_VPCP-NN: the title wrapped by the crawl
    text = "(bản chụp được gửi kèm theo), Phó Thủ\ntướng Chính phủ Trần Hồng Hà có ý kiến chỉ đạo như sau:"
    found, ents = people(text)
    assert found == {"Trần Hồng Hà": ("Phó Thủ tướng", "chinh-phu")}
    per = next(e for e in ents if e.label == "PER")
    pos = next(e for e in ents if e.label == "POSITION")
    assert per.id == "person:trần hồng hà" and per.text == "Trần Hồng Hà"
    assert (pos.text, pos.value, pos.id) == ("Phó Thủ\ntướng", "Phó Thủ tướng", "position:pho-thu-tuong@chinh-phu")
    assert pos.attrs == {"org": "Chính phủ", "org_id": "chinh-phu", "person": "person:trần hồng hà"}


def test_prime_minister_as_the_gazetteer_office():
    # tvpl_tnt305__11654_VPCP-CN
    found, _ = people("Hiệp hội Thức ăn Chăn nuôi gửi Thủ\ntướng Chính phủ Phạm Minh Chính về việc đề xuất")
    assert found == {"Phạm Minh Chính": ("Thủ tướng", "chinh-phu")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Tham dự có đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh Quảng Trị.",
     {"Nguyễn Văn A": ("Phó Chủ tịch", "ubnd:quang-tri")}),
    ("Bộ trưởng Bộ Tài chính Nguyễn Văn Thắng đã ký.", {"Nguyễn Văn Thắng": ("Bộ trưởng", "bo-tc")}),
    ("Liên hệ ông Trần Văn Bình - Giám đốc Sở Nội vụ tỉnh Cà Mau.",
     {"Trần Văn Bình": ("Giám đốc", "so-nv:ca-mau")}),
    ("- Thứ trưởng Nguyễn Thị B;", {"Nguyễn Thị B": ("Thứ trưởng", None)}),
    ("Phó Thủ tướng Trần Hồng Hà, Bộ trưởng Bộ Tài chính Nguyễn Văn Thắng và Thứ trưởng Lê Văn C dự họp.",
     {"Trần Hồng Hà": ("Phó Thủ tướng", "chinh-phu"), "Nguyễn Văn Thắng": ("Bộ trưởng", "bo-tc"),
      "Lê Văn C": ("Thứ trưởng", None)}),
    ("Chánh Văn phòng UBND tỉnh Quảng Ninh Lê Văn Cường; Trưởng Ban Tuyên giáo Tỉnh ủy Quảng Ninh Hồ Thị Lan.",
     {"Lê Văn Cường": ("Chánh Văn phòng", "vp-ubnd:quang-ninh"), "Hồ Thị Lan": ("Trưởng ban", "btg-tu:quang-ninh")}),
    # tvpl_tnt305__5155_SGDĐT-GDTXNNĐH: an honorific, then a position of no office listed
    ("liên hệ Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh (Ông Đào Phi Trường, Chuyên viên Phòng Giáo dục",
     {"Đào Phi Trường": (None, None)}),
    # tvpl_tnt305__17809_BTC-CTK: the position after the name, on the next line
    ("đề nghị liên hệ Bà Nguyễn Diệu Huyền,\nPhó Trưởng ban - Ban Hệ thống",
     {"Nguyễn Diệu Huyền": ("Phó Trưởng ban", None)}),
    # tvpl_tnt305__08_2025_NQ-CP (Nơi nhận): abbreviated positions and a list sharing one
    ("- TTg, các PTTg: Vương Đình Huệ, Trịnh Đình Dũng;",
     {"Vương Đình Huệ": ("Phó Thủ tướng", "chinh-phu"), "Trịnh Đình Dũng": ("Phó Thủ tướng", "chinh-phu")}),
    ("- VPCP: BTCN, PCN Mai Thị Thu Vân, Trợ lý TTg;", {"Mai Thị Thu Vân": ("Phó Chủ nhiệm", None)}),
    ("- Chủ tịch, PCT UBND tỉnh-Đỗ Tâm Hiển;", {"Đỗ Tâm Hiển": ("Phó Chủ tịch", None)}),
    # tvpl_tnt305__223_CĐ-TTg: "Đồng chí" wrapped
    ("ý kiến chỉ đạo của Đồng\nchí Tổng Bí thư Tô Lâm tại cuộc họp Bộ Chính trị", {"Tô Lâm": ("Tổng Bí thư", None)}),
    # vbpl_html: a name signed in place
    ("báo cáo Ủy ban thường vụ Quốc hội về kết quả thực hiện Nghị quyết.\nNguyễn Văn An (Đã ký)",
     {"Nguyễn Văn An": (None, None)}),
])
def test_running_text(text, expected):
    assert people(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # tvpl_tnt305__10989_BNV-TCBC: the name wrapped over two lines
    ("- Lưu: VT, TCBC.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nVũ\nChiến Thắng\n\n____\n[i] Tổng số",
     {"Vũ Chiến Thắng": ("Thứ trưởng", "bo-nv")}),
    # vbpl_html (Bộ Quốc phòng): a rank before the name
    ("- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nThượng tướng Vũ Hải Sản", {"Vũ Hải Sản": ("Thứ trưởng", "bo-nv")}),
    ("TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n(Đã ký)\nHồ Đức Phớc\nCƠ SỞ DỮ LIỆU QUỐC GIA",
     {"Hồ Đức Phớc": ("Phó Thủ tướng", "chinh-phu")}),
    ("CHỦ TỊCH QUỐC HỘI\n(đã ký)\nTrần Thanh Mẫn", {"Trần Thanh Mẫn": ("Chủ tịch", "quoc-hoi")}),
    # tvpl_johnpa__Thông_tư_liên_tịch_178: joint signatures flattened onto one line, each ministry in its chain
    ("KT. BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN THỨ TRƯỞNG Vũ Văn Tám KT. BỘ TRƯỞNG BỘ TÀI CHÍNH "
     "THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn KT. BỘ TRƯỞNG BỘ Y TẾ THỨ TRƯỞNG Nguyễn Thanh Long",
     {"Vũ Văn Tám": ("Thứ trưởng", "bo-nnptnt"), "Đỗ Hoàng Anh Tuấn": ("Thứ trưởng", "bo-tc"),
      "Nguyễn Thanh Long": ("Thứ trưởng", "bo-yt")}),
    # tvpl_congbot__file_data_38: the own position with its unit
    ("- Lưu: VT.\n\nTL. BỘ TRƯỞNG CỤC TRƯỞNG CỤC NGƯỜI CÓ CÔNG Hoàng Công Thái",
     {"Hoàng Công Thái": ("Cục trưởng cục người có công", "bo-nv")}),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNGUYỄN NGỌC HÀ",
     {"Nguyễn Ngọc Hà": ("Phó Chủ tịch", "ubnd:can-tho")}),
])
def test_signature_blocks(text, expected):
    issuer = CAN_THO if "ỦY BAN" in text else OrgRef(name="Bộ Nội vụ", id="bo-nv")
    found, ents = people(text, issuer=issuer)
    assert found == expected
    heads = [e for e in ents if e.label == "POSITION" and e.value in ("Bộ trưởng", "Chủ tịch", "Thủ tướng")]
    assert all(e.attrs.get("person") for e in heads)  # "KT. BỘ TRƯỞNG" is not a position anyone here holds


def test_a_bare_head_title_needs_its_organization():
    # tvpl_tnt305__3257_TNI-QLDN1: the 2025 tax offices, "Trưởng Thuế tỉnh"; the organizations given as found
    text = "KT.\nTRƯỞNG THUẾ TỈNH\nPHÓ TRƯỞNG THUẾ TỈNH\nNguyễn Tấn Lợi"
    tax = OrgRef(name="Thuế tỉnh Tây Ninh", id="thue:tay-ninh")
    orgs = [(m.start(), m.end(), tax) for m in re.finditer("THUẾ TỈNH", text)]
    ents = find_people(text, orgs)
    assert [(e.label, e.value, e.id) for e in ents] == [
        ("POSITION", "Phó Trưởng", "position:pho-truong@thue:tay-ninh"),
        ("PER", "Nguyễn Tấn Lợi", "person:nguyễn tấn lợi"),
    ]
    assert find_people("Trưởng thôn Nguyễn Văn A", []) == find_people("Nguyễn Văn A", []) == []


def test_stacked_titles_of_one_signer():
    # tvpl_tnt305__5348_CT-CS: two positions held by the signer, neither the head's after KT.
    text = "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\nPHÓ THỦ TƯỚNG\nPhạm Thị Thanh Trà"
    _, ents = people(text)
    held = [(e.value, e.attrs.get("person")) for e in ents if e.label == "POSITION"]
    assert held == [("Phó Trưởng ban thường trực", "person:phạm thị thanh trà"),
                    ("Phó Thủ tướng", "person:phạm thị thanh trà")]


def test_a_plural_position_names_its_first_holder():
    _, ents = people("- TTg, các PTTg: Vương Đình Huệ, Trịnh Đình Dũng;")
    [pos] = [e for e in ents if e.label == "POSITION"]
    assert (pos.text, pos.attrs["person"]) == ("PTTg", "person:vương đình huệ")


def test_offices_without_holder():
    _, ents = people("Giao Giám đốc Sở Tài chính chủ trì; Chủ tịch, các PCT UBND tỉnh.", province="Cần Thơ")
    assert [(e.label, e.text, e.id) for e in ents] == [("POSITION", "Giám đốc", "position:giam-doc@so-tc:can-tho")]


def test_person_id_is_the_same_everywhere():
    a = people("Phó Thủ tướng Chính phủ Trần Hồng Hà có ý kiến")[1]
    b = people("KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nTRẦN HỒNG HÀ")[1]
    c = people("đồng chí Trần Hồng Hà")[1]
    ids = {e.id for ents in (a, b, c) for e in ents if e.label == "PER"}
    assert ids == {"person:trần hồng hà"}
    assert people("ông Trần Hồng Hạ")[1][0].id != "person:trần hồng hà"  # Hà is not Hạ


@pytest.mark.parametrize("text", [
    "Nhằm đẩy mạnh phát triển khoa học và công nghệ phục vụ phát triển kinh tế - xã hội thành phố Cần Thơ",
    "Căn cứ Luật Tổ chức chính quyền địa phương; Ủy ban Nhân dân tỉnh Hà Nam; Hội đồng Nhân dân Thành phố.",
    "Số 60 Trần Phú - Ba Đình - Thành phố Hà Nội",  # a street
    "phường Lương Văn Tri, tỉnh Lạng Sơn; đường Nguyễn Chí Thanh; Công viên Nguyễn Văn Cừ; Trường THPT Võ Giữ",
    "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh; dự án casino Hồ Tràm (Thành phố Hồ Chí\nMinh)",
    "Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành.",  # no name, no office
    "Mặt trận Tổ quốc Việt Nam, Hội Cựu chiến binh, Đoàn Thanh niên Cộng sản Hồ Chí Minh các cấp",
    "Bí thư Đoàn Thanh niên phát biểu; Trưởng Đoàn Đại biểu Quốc hội tỉnh",
    "Đề nghị Bộ trưởng Hà Nội và Cao Bằng",  # provinces after a title are not names
    "Cao Anh Tuan",  # English copy without marks and without any cue
])
def test_not_people(text):
    assert [e.text for e in people(text)[1] if e.label == "PER"] == []


def test_seed_signer(seed_documents):
    doc = seed_documents[0]
    g = load_gazetteer()
    orgs = g.find_all(doc.text, ResolveContext(issuers=list(doc.issuers), province=doc.place))
    ents = find_people(doc.text, orgs, issuer=doc.issuers[0])
    [per] = [e for e in ents if e.label == "PER"]
    assert (per.value, per.id) == ("Nguyễn Ngọc Hà", "person:nguyễn ngọc hà")
    assert per.attrs == {"position": "Phó Chủ tịch", "org": "Ủy ban nhân dân thành phố Cần Thơ",
                         "org_id": "ubnd:can-tho"}


@pytest.fixture(scope="module")
def corpus_records(shared_corpus: Path):
    """Stages 1-2 over the crawled documents of tvpl_tnt305 (most end with a signature block), with the
    letterhead issuer resolved: (record, issuer)."""
    from pipeline import structure
    from pipeline.extract import extract

    g = load_gazetteer()
    out = []
    for path in sorted((shared_corpus / "text").glob("tvpl_tnt305__*.md")):
        text = extract(path).text
        for start, end in structure.split(text):
            doc = structure.parse_document(text[start:end])
            issuer = g.resolve(doc.issuers[0].text or doc.issuers[0].name, context=ResolveContext(
                province=doc.place)) if doc.issuers else None
            out.append((doc, issuer))
    return out


def test_corpus_signers_are_found(corpus_records):
    """Nearly every name stage 2 reads from a signature block is a PER, with every PER a family name first."""
    g = load_gazetteer()
    signers = found = 0
    for doc, issuer in corpus_records:
        orgs = g.find_all(doc.text, ResolveContext(issuers=[issuer] if issuer else [], province=doc.place))
        ents = find_people(doc.text, orgs, issuer=issuer)
        names = {e.value for e in ents if e.label == "PER"}
        assert all(n.split()[0] in SURNAMES for n in names)
        assert all(doc.text[e.span.start:e.span.end] == e.text for e in ents)
        for s in doc.signers:
            if s.name:
                signers += 1
                found += s.name in names
    assert signers > 40 and found >= 0.95 * signers
