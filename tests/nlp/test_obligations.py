"""Obligation shapes (issue 6), each on sentences quoted from ../shared/corpus documents.

Organizations come from the gazetteer in the document's context, as stage 3 finds them; each test names the
document its text is quoted from.
"""

from __future__ import annotations

import pytest

from pipeline.model import Document, Obligation, OrgRef, Source
from pipeline.nlp.obligations import ObligationFinder, normalize_deadline
from pipeline.nlp.obligations.deadlines import find_deadline
from pipeline.nlp.organizations import ResolveContext, load_gazetteer


def _find(text: str, issuer: str, place: str | None = None, kind: str | None = None,
          recipients: tuple[str, ...] = ()) -> list[Obligation]:
    g = load_gazetteer()
    issuers = [g.resolve(issuer) or OrgRef(name=issuer)]
    doc = Document(doc_id="t", source=Source(path="t.txt", sha256="0" * 64), text=text, kind=kind, place=place,
                   issuers=issuers, recipients=[OrgRef(name=r) for r in recipients])
    orgs = g.find_all(text, ResolveContext(issuers=issuers, province=place, recipients=doc.recipients))
    return ObligationFinder(doc, lambda _text: orgs, []).find()


def _rows(found: list[Obligation]) -> list[tuple[str, list[str], str | None]]:
    return [(o.modality, [b.name for b in o.bearers], o.deadline.date if o.deadline else None) for o in found]


def test_giao_chu_tri_phoi_hop():
    # Hà Tĩnh QĐ 3005/QĐ-UBND, Điều 2
    (ob,) = _find("Điều 2. Giao Sở Y tế chủ trì, phối hợp với Văn phòng UBND tỉnh và các cơ quan, đơn vị liên quan "
                  "tổ chức thực hiện Quyết định này.", "Ủy ban nhân dân tỉnh Hà Tĩnh", "Hà Tĩnh", "QĐ")
    assert ob.modality == "assignment" and ob.bearer.name == "Sở Y tế tỉnh Hà Tĩnh"
    assert [c.name for c in ob.coordinators] == ["Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh"]  # catch-all dropped
    assert ob.action.startswith("chủ trì, phối hợp")


def test_de_nghi_generic_addressees_are_the_recipients():
    # Bộ Nội vụ 10989/BNV-TCBC; the earlier request of Văn bản 8091 is reported, not made here
    text = ("Bộ Nội vụ đã có Văn bản số 8091/BNV-TCBC ngày 17/9/2025 đề nghị các Bộ,\nngành, địa phương báo cáo "
            "thực trạng và đề xuất biên chế giai đoạn 2026-2031. Để việc đề xuất biên chế được triển khai thống "
            "nhất, đề nghị bộ, ngành, địa phương khẩn\ntrương tổng hợp đề xuất biên chế giai đoạn 2026-2031 và gửi "
            "về Bộ Nội vụ trước ngày 26/11/2025 để tổng\nhợp, báo cáo cấp có thẩm quyền xem xét, quyết định.\n"
            "Đề nghị bộ, ngành, địa phương quan\ntâm thực hiện./.")
    addressees = ("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                  "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương")
    found = _find(text, "Bộ Nội vụ", "Hà Nội", "CV", recipients=addressees)
    assert _rows(found) == [("request", list(addressees), "2025-11-26")]


def test_subject_with_co_trach_nhiem_inside_a_heading_list():
    # Chỉ thị 31/CT-TTg (2012): the heading's bearer goes to items 1 and 2; item 3 names its own
    text = ("Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:\n\n"
            "1. Chỉ đạo các cấp đưa nội dung đào tạo nghề cho con liệt sĩ trở thành một chỉ tiêu cụ thể trong việc "
            "xây dựng đề án, kế hoạch 5 năm và hàng năm về đào tạo nghề.\n\n"
            "2. Chỉ đạo các cơ quan, tổ chức, doanh nghiệp đóng trên địa bàn ưu tiên tuyển dụng con liệt sĩ.\n\n"
            "3. Cơ quan Lao động - Thương binh và Xã hội ở địa phương có trách nhiệm thống kê, rà soát con liệt sĩ "
            "có nhu cầu đào tạo nghề.\n\n"
            "5. Định kỳ hàng năm gửi báo cáo về Bộ Lao động - Thương binh và Xã hội.")
    rows = _rows(_find(text, "Thủ tướng Chính phủ", "Hà Nội", "CT"))
    ubnd = "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"
    assert rows == [("assignment", [ubnd], None), ("assignment", [ubnd], None),
                    ("obligation", ["Cơ quan Lao động - Thương binh và Xã hội ở địa phương"], None),
                    ("assignment", [ubnd], "yearly")]


def test_numbered_subjects_under_yeu_cau_and_a_prohibition_in_a_dash():
    # Công điện 223/CĐ-TTg (2025)
    text = ("Để tập trung ứng phó mưa lũ đặc biệt lớn, Thủ tướng Chính phủ yêu\ncầu:\n"
            "1. Đồng chí Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân\ndân các tỉnh: Khánh Hòa, Gia Lai và lãnh đạo các "
            "Bộ, ngành theo chức\nnăng, nhiệm vụ, thẩm quyền tiếp tục tập trung, quyết liệt hơn nữa.\n"
            "2. Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa,\nĐắk Lắk:\n"
            "- Cung ứng, tiếp tế kịp thời lương thực, thực phẩm cho\nngười dân, không được để người dân bị đói, bị "
            "rét, thiếu\nnước uống,..\n"
            "3. Bộ Quốc phòng, Bộ Công an chỉ đạo các đơn vị\nquân đội, công an đóng trên địa bàn.\n"
            "8. Các Bộ: Quốc phòng, Tài chính kịp thời xuất cấp các\nphương tiện, trang thiết bị.")
    rows = _rows(_find(text, "Thủ tướng Chính phủ", "Hà Nội", "CĐ"))
    assert rows[0] == ("assignment", ["Ủy ban nhân dân tỉnh Khánh Hòa", "Tỉnh ủy Khánh Hòa",
                                      "Ủy ban nhân dân tỉnh Gia Lai", "Tỉnh ủy Gia Lai", "các Bộ, ngành"], None)
    assert rows[1:] == [
        ("assignment", ["Ủy ban nhân dân tỉnh Khánh Hòa", "Ủy ban nhân dân tỉnh Đắk Lắk"], None),
        ("prohibition", ["Ủy ban nhân dân tỉnh Khánh Hòa", "Ủy ban nhân dân tỉnh Đắk Lắk"], None),
        ("assignment", ["Bộ Quốc phòng", "Bộ Công an"], None),
        ("assignment", ["Bộ Quốc phòng", "Bộ Tài chính"], None),
    ]


def test_dieu_thi_hanh_positions_map_to_their_bodies():
    # Thanh Hóa QĐ 3617/QĐ-UBND (2025), Điều 3
    text = ("Điều 3. Quyết định này có hiệu lực thi hành\nkể từ ngày ký.\nChánh Văn phòng Ủy ban nhân dân tỉnh, Giám "
            "đốc các\nsở; Thủ trưởng các ban, ngành, đơn vị cấp tỉnh; Giám đốc Trung tâm Phục vụ hành\nchính công "
            "tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường và các tổ chức, cá nhân\ncó liên quan chịu trách nhiệm thi "
            "hành Quyết định này./.")
    (ob,) = _find(text, "Ủy ban nhân dân tỉnh Thanh Hóa", "Thanh Hóa", "QĐ")
    assert ob.modality == "obligation"
    assert [b.name for b in ob.bearers] == [
        "Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa", "các sở", "các ban, ngành, đơn vị cấp tỉnh",
        "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa", "Ủy ban nhân dân các xã, phường tỉnh Thanh Hóa"]


def test_dieu_thi_hanh_cut_by_line_breaks():
    # Ninh Bình QĐ 1498/QĐ-UBND (2025), Điều 4: a post at a line's end is no heading of its own
    text = ("Điều 4. Chánh Văn phòng UBND tỉnh, Giám đốc\nSở Văn hóa và Thể thao, Giám đốc Sở Khoa học và Công nghệ, "
            "Chủ tịch UBND các\nxã, phường; Giám đốc Trung tâm Phục vụ hành chính công cấp tỉnh, cấp xã và tổ\n"
            "chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.")
    (ob,) = _find(text, "Ủy ban nhân dân tỉnh Ninh Bình", "Ninh Bình", "QĐ")
    assert [b.name for b in ob.bearers][:4] == [
        "Văn phòng Ủy ban nhân dân tỉnh Ninh Bình", "Sở Văn hóa và Thể thao tỉnh Ninh Bình",
        "Sở Khoa học và Công nghệ tỉnh Ninh Bình", "Ủy ban nhân dân các xã, phường tỉnh Ninh Bình"]
    assert len(ob.bearers) == 5 and ob.bearers[4].name.startswith("Trung tâm Phục vụ hành chính công")


def test_permission_with_its_term():
    # Thanh Hóa QĐ 3617/QĐ-UBND (2025), Điều 1
    text = ("Điều 1. Ủy quyền cho Chánh Văn phòng Ủy ban\nnhân dân tỉnh công bố thủ tục hành chính thực hiện\ntrên "
            "địa bàn tỉnh theo quy định.\nThời hạn ủy quyền: Từ ngày Quyết định này có hiệu\nlực thi hành đến hết "
            "ngày 31 tháng 12 năm 2030.")
    assert _rows(_find(text, "Ủy ban nhân dân tỉnh Thanh Hóa", "Thanh Hóa", "QĐ")) == [
        ("permission", ["Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa"], "2030-12-31")]


def test_heading_giao_then_dash_items_and_de_nghi_with_colon():
    # Kon Tum QĐ 435/QĐ-UBND (2020), III. Tổ chức thực hiện
    text = ("III. TỔ CHỨC THỰC HIỆN\n2.\nGiao Sở Lao động - Thương binh và Xã hội:\n"
            "- Làm đầu mối, theo dõi, đôn đốc và tổng hợp báo cáo tình hình triển khai thực hiện Chương trình này "
            "gửi Bộ Lao động - Thương binh và Xã hội, Ủy ban nhân dân tỉnh trước ngày 30 tháng 11 hằng năm.\n"
            "- Chủ trì, phối hợp với Liên đoàn Lao động tỉnh và các đơn vị có liên quan tham mưu Ban cán sự đảng Ủy "
            "ban nhân dân tỉnh hướng dẫn, kiểm tra, đôn đốc việc thực hiện Kế hoạch số 119-KH/TU.\n3.\n"
            "Đề nghị Liên đoàn Lao động tỉnh: Chỉ đạo các cấp công đoàn chủ động phối hợp với cơ quan, tổ chức liên "
            "quan tiếp tục triển khai có hiệu quả các chính sách chăm lo đời sống cho người lao động.")
    found = _find(text, "Ủy ban nhân dân tỉnh Kon Tum", "Kon Tum", "QĐ")
    so = "Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum"
    assert _rows(found) == [("assignment", [so], "yearly"), ("assignment", [so], None),
                            ("request", ["Liên đoàn Lao động tỉnh Kon Tum"], None)]
    assert [c.name for c in found[1].coordinators] == ["Liên đoàn Lao động tỉnh Kon Tum"]


def test_task_fields_of_a_flattened_table():
    # Kon Tum QĐ 435/QĐ-UBND (2020), II.2.5 and II.2.6
    text = ("2. Nâng cao năng lực, hiệu quả quản lý nhà nước về quan hệ lao động\n2.5.\nTiếp tục rà soát tham mưu "
            "củng cố, kiện toàn tổ chức bộ máy, biên chế quản lý nhà nước về quan hệ lao động.\n"
            "- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội và Ủy ban nhân "
            "dân các huyện, thành phố.\n* Thời gian thực hiện: Thực hiện thường xuyên hằng năm.\n2.6.\n"
            "Căn cứ vào điều kiện thực tế của địa phương, hình thành các cơ chế tham vấn ba bên một cách linh hoạt.\n"
            "- Cơ quan thực hiện: Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với Liên đoàn Lao động tỉnh; "
            "các sở, ngành liên quan và Ủy ban nhân dân các huyện, thành phố.\n"
            "- Thời gian thực hiện: Hoàn thành trong quý III/2020.")
    found = _find(text, "Ủy ban nhân dân tỉnh Kon Tum", "Kon Tum", "QĐ")
    assert _rows(found) == [("assignment", ["Sở Nội vụ tỉnh Kon Tum"], "yearly"),
                            ("assignment", ["Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum"], "2020-Q3")]
    assert [c.name for c in found[1].coordinators] == [
        "Liên đoàn Lao động tỉnh Kon Tum", "Ủy ban nhân dân các huyện, thành phố tỉnh Kon Tum"]


def test_table_rows_inherit_the_deadline_of_the_item_that_sends_to_the_appendix():
    # Công văn 174/CV-BCĐ (2025): item 2.2 and its appendix table (one cell per block, as stage 1 gives it)
    text = ("2.2. Khẩn trương nghiên cứu, giải quyết,\nxử lý các kiến nghị cụ thể của các cơ quan, đơn vị, địa phương "
            "theo Báo cáo số\n565-BC/BTCTW ngày 27/11/2025 của Ban Tổ chức Trung ương (Phụ lục kèm theo), hoàn\n"
            "thành trước ngày 15/12/2025.\n\nPHỤ LỤC\n\nTT\n\nTỉnh kiến nghị\n\nThông tin đề xuất\n\n"
            "Bộ phụ trách tiếp\nnhận, xử lý\n\n1\n\nLào Cai\n\nĐề nghị Chính phủ và các Bộ ngành Trung ương xem\nxét, "
            "hỗ trợ nguồn kinh phí từ nguồn chi thường xuyên ngân sách trung ương\n\nBộ Tài chính\n\n2\n\nĐồng Nai\n\n"
            "Kiến nghị Chính phủ phân cấp thẩm quyền từ Trung ương về Ủy ban nhân dân tỉnh\n\nBộ Nội vụ; Bộ Tài\n"
            "chính\n")
    assert _rows(_find(text, "Ban Chỉ đạo", None, "CV")) == [  # 2.2 itself has no bearer here
        ("assignment", ["Bộ Tài chính"], "2025-12-15"), ("assignment", ["Bộ Nội vụ", "Bộ Tài chính"], "2025-12-15")]


def test_trigger_listing_ministries_and_a_reporting_clause_of_its_own():
    # Công văn 174/CV-BCĐ (2025), 1.2 and the closing request
    text = ("1.2. Đối với 10 nhiệm vụ cần điều chỉnh thẩm quyền, yêu cầu các Bộ: Nông nghiệp và Môi trường; Xây dựng;"
            "\nKhoa học và Công nghệ xây dựng phương án đề xuất điều chỉnh thẩm quyền, báo cáo Ban Chỉ đạo của "
            "Chính phủ trước ngày 15/12/2025 để thống\nnhất phương án thực hiện.\n"
            "Trên đây là một số nội dung trọng tâm cần thực hiện\nngay, Ban Chỉ đạo của Chính phủ đề nghị các đồng "
            "chí Bộ trưởng, Thủ trưởng cơ\nquan ngang Bộ quan tâm chỉ đạo thực hiện, kịp thời tháo gỡ khó khăn cho "
            "địa phương và báo cáo kết quả thực hiện về Ban Chỉ đạo của Chính phủ (qua\nBộ Nội vụ) trước Thứ Tư "
            "ngày 03/12/2025 và tại các báo cáo định kỳ hằng tuần./.")
    assert _rows(_find(text, "Ban Chỉ đạo", None, "CV")) == [
        ("assignment", ["Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Khoa học và Công nghệ"], "2025-12-15"),
        ("request", ["các bộ, cơ quan ngang Bộ"], None),
        ("request", ["các bộ, cơ quan ngang Bộ"], "2025-12-03"),
    ]


def test_party_headings_of_a_ministry_complete_their_names():
    # Công văn 6316/BVHTTDL-VP (2025)
    text = ("Bộ trưởng giao:\n1. Thủ\ntrưởng các cơ quan tham mưu, quản lý nhà nước thuộc Bộ\n"
            "- Siết chặt kỷ luật, kỷ\ncương hành chính.\n2. Vụ Tổ\nchức cán bộ: Tham mưu Lãnh đạo Bộ:\n"
            "- Phân cấp, phân quyền tối\nđa cho các cấp.\n4. Văn\nphòng Bộ: Thực hiện tốt công tác tiếp công dân.\n"
            "9. Trung\ntâm Chuyển đổi số VHTTDL: Tham mưu Lãnh đạo Bộ tháo gỡ kịp thời\nkhó khăn về chuyển đổi số.")
    names = [b for _m, bearers, _d in _rows(_find(text, "Bộ Văn hóa, Thể thao và Du lịch", "Hà Nội", "CV"))
             for b in bearers]
    assert names == ["các cơ quan tham mưu, quản lý nhà nước thuộc Bộ Văn hóa, Thể thao và Du lịch",
                     "Vụ Tổ chức cán bộ Bộ Văn hóa, Thể thao và Du lịch",
                     "Văn phòng Bộ Văn hóa, Thể thao và Du lịch",
                     "Trung tâm Chuyển đổi số Bộ Văn hóa, Thể thao và Du lịch"]


def test_a_trigger_inside_a_task_is_its_content_unless_the_item_opens_with_a_circumstance():
    # Thông báo 480/TB-VPCP (2025): a rule of the draft law; Công văn 171/CV-BCĐ (2025): a real assignment
    text = ("yêu cầu Bộ Xây dựng tiếp thu tối đa ý kiến và tiếp tục rà soát để hoàn thiện dự thảo Luật, trong đó "
            "lưu ý các nội dung sau:\n\n3. Rà soát, chỉ quy định các chính sách tại dự thảo Luật, giao Chính phủ,\n"
            "Bộ trưởng quy định các nội dung chi tiết, kỹ thuật.\n\n")
    assert _rows(_find(text, "Văn phòng Chính phủ", "Hà Nội", "TB")) == [
        ("assignment", ["Bộ Xây dựng"], None), ("assignment", ["Bộ Xây dựng"], None)]
    text = ("yêu cầu\nChủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương tập trung giải quyết các "
            "khó khăn, một số nội dung cụ thể sau:\n1. Về tổ chức thực hiện chức\nnăng, nhiệm vụ được phân cấp\n"
            "- Đối với các nhiệm vụ thuộc cấp huyện trước đây, trường hợp có vướng mắc, khó khăn, giao Ủy ban nhân "
            "dân cấp tỉnh chủ động\nlinh hoạt trong chỉ đạo, điều hành.\n")
    found = _find(text, "Ban Chỉ đạo", None, "CV")
    assert len(found) == 2 and found[1].action.startswith("chủ động")


def test_a_request_is_its_issuers_own():
    # Công văn 2214/BXD-QLN (2013): a request of the Bộ Xây dựng; quoted in another body's document, none
    text = ("Để kịp thời triển khai thực hiện, Bộ Xây dựng đề nghị Bộ Tài chính, Bộ Kế hoạch và Đầu tư bố trí vốn "
            "theo danh sách mà Ủy ban nhân dân các tỉnh đã báo cáo.")
    assert _rows(_find(text, "Bộ Xây dựng", "Hà Nội", "CV")) == [
        ("request", ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"], None)]
    assert _find(text, "Bộ Lao động - Thương binh và Xã hội", "Hà Nội", "BC") == []


@pytest.mark.parametrize("text", [
    # Công văn of 2013 in the corpus (data_27): a past assignment
    "Tại công văn số 8014/VPCP-KGVX ngày 09 tháng 10 năm 2012 của Văn phòng Chính phủ, Phó Thủ tướng Nguyễn Thiện "
    "Nhân đã giao Bộ Lao động - Thương binh và Xã hội xây dựng, ban hành Thông tư hướng dẫn.",
    # Thông báo 480/TB-VPCP: the notification formula
    "Văn phòng Chính phủ thông báo để Bộ Xây dựng và các cơ quan biết,\nthực hiện./.",
])
def test_not_obligations(text):
    assert _find(text, "Văn phòng Chính phủ", "Hà Nội", "TB") == []


@pytest.mark.parametrize(("text", "value"), [
    ("đến hết năm 2025", "2025-12-31"), ("xong cuối tháng 12 năm 2025", "2025-12-31"),
    ("trong tháng 12 năm 2025", "2025-12"), ("trước Thứ Tư ngày 03/12/2025", "2025-12-03"),
    ("hoàn thành xong trước ngày 05 tháng 12 năm 2025", "2025-12-05"), ("Thường xuyên hằng năm.", "yearly"),
    ("Thực hiện định kỳ hằng năm; Riêng năm 2020 hoàn thành trong quý II/2020.", "2020-Q2"),
    ("Ban hành trong quý I năm 2026.", "2026-Q1"), ("Giai đoạn 2026 - 2027", "2027"),
    ("trong thời hạn 03 ngày làm việc, kể từ ngày Quyết định có hiệu lực thi hành", None),
    ("Thực hiện thường xuyên.", None),
])
def test_deadline_values(text, value):
    assert normalize_deadline(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("trình Lãnh đạo Bộ báo cáo Thủ tướng Chính phủ hằng tháng.", "monthly"),  # 6316/BVHTTDL-VP
    ("đưa nội dung đào tạo nghề vào kế hoạch 5 năm và hàng năm về đào tạo nghề.", None),  # 31/CT-TTg
    ("gửi Bộ Lao động - Thương binh và Xã hội trước ngày 30 tháng 11 hằng năm.", "yearly"),  # 435/QĐ-UBND
    ("Thời gian ký kết dự kiến trong quý IV năm 2021", "2021-Q4"),  # the seed
    ("theo Báo cáo số 11296/BC-BNV ngày 27/11/2025 của Bộ Nội vụ", None),  # a reference's date
    ("bảo đảm đến hết năm 2030 đạt 100%; tầm nhìn đến năm 2045", "2030-12-31"),
])
def test_deadlines_in_running_text(text, value):
    found = find_deadline(text, 0, len(text))
    assert (found.date if found else None) == value
