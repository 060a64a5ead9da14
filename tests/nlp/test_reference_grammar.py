"""The reference grammar on sentences taken from real documents of ../shared/corpus (quoted here)."""

from __future__ import annotations

from pipeline.conventions.references import find_references
from pipeline.conventions.symbols import find_symbols, parse_symbol
from pipeline.model import OrgRef


def _refs(text: str, **kwargs):
    return [(r.kind, r.symbol, r.date, r.relation) for r in find_references(text, **kwargs)]


def test_named_law_with_its_number_wrapped_over_lines():
    text = ("Căn cứ Luật Ban\nhành văn bản quy phạm pháp luật số 63/2025/QH15, được sửa đổi, bổ sung bởi\n"
            "Luật số 87/2025/QH15;")
    refs = find_references(text)
    assert [(r.kind, r.symbol, r.relation) for r in refs] == [
        ("L", "63/2025/QH15", "based_on"), ("L", "87/2025/QH15", "based_on")]
    assert refs[0].title == "Luật Ban hành văn bản quy phạm pháp luật"


def test_named_law_with_version_year_before_its_number():
    text = "theo quy định tại Luật Các tổ chức tín dụng sửa đổi 2025 số 96/2025/QH15"
    (ref,) = find_references(text)
    assert (ref.kind, ref.symbol, ref.text.split()[0]) == ("L", "96/2025/QH15", "Luật")


def test_one_reference_per_version_year():
    text = "Trong Luật Doanh nghiệp năm 2000, 2005, 2014, phần quản trị doanh nghiệp gần như không được thực thi."
    refs = find_references(text)
    assert [r.title for r in refs] == [f"Luật Doanh nghiệp năm {y}" for y in (2000, 2005, 2014)]
    assert [r.text for r in refs][1:] == ["2005", "2014"]


def test_name_stops_at_function_words_and_does_not_reach_the_next_line():
    text = "Luật Doanh nghiệp chưa được thực thi\nHà Nội, ngày 05 tháng 04 năm 2019"
    (ref,) = find_references(text)
    assert ref.title == "Luật Doanh nghiệp" and ref.date is None


def test_amending_law_takes_in_the_laws_it_amends():
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật Sửa đổi, bổ sung một số điều của "
            "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;")
    assert _refs(text) == [("L", None, "2015-06-19", "based_on"), ("L", None, "2019-11-22", "based_on")]


def test_documents_in_another_documents_title_only_cite():
    text = ("Căn cứ Nghị định số 178/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ sửa đổi, bổ sung một số "
            "điều của Nghị định\nsố 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của\nChính phủ quy định chi tiết một "
            "số điều và biện pháp để tổ chức, hướng dẫn thi\nhành Luật Ban hành văn bản quy phạm pháp luật\nvà "
            "Nghị định số 79/2025/NĐ-CP ngày 01 tháng\n4 năm 2025 của Chính phủ;")
    assert [r for *_, r in _refs(text)] == ["based_on", "cites", "cites", "cites"]


def test_repeal_in_an_upper_case_title_covers_both_listed_decisions():
    text = ("QUYẾT ĐỊNH\nBÃI BỎ TOÀN BỘ\nQUYẾT ĐỊNH SỐ 10/2016/QĐ-UBND NGÀY 21/3/2016 CỦA ỦY BAN NHÂN DÂN TỈNH "
            "BAN HÀNH\nQUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ CỦA SỞ NGOẠI VỤ VÀ\nQUYẾT ĐỊNH SỐ 14/2022/QĐ-UBND NGÀY "
            "15/6/2022 CỦA ỦY BAN NHÂN DÂN TỈNH VỀ SỬA\nĐỔI, BỔ SUNG QUYẾT ĐỊNH SỐ 10/2016/QĐ-UBND NGÀY 21/3/2016")
    assert [r for *_, r in _refs(text)] == ["repeals", "repeals", "cites"]


def test_decrees_that_cease_to_have_effect_are_replaced():
    text = ("2. Nghị định số 57/2022/NĐ-CP ngày 25 tháng 8 năm 2022 của Chính phủ quy định các danh mục chất ma "
            "túy và tiền chất; Nghị định số 90/2024/NĐ-CP ngày 17 tháng 7 năm 2024 sửa đổi, bổ sung danh mục chất "
            "ma túy và tiền chất ban hành kèm theo Nghị định số 57/2022/NĐ-CP ngày 25 tháng 8 năm 2022 của Chính "
            "phủ hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.")
    assert [r for *_, r in _refs(text)] == ["replaces", "replaces", "cites"]


def test_date_and_issuer_written_before_the_reference():
    text = ("ngày 10/01/2025, Bộ Nông nghiệp và Phát triển nông thôn (nay là Bộ Nông\nnghiệp và Môi trường) "
            "đã có Văn bản số 375/BNN-TC về việc tạm thời áp dụng khung giá")
    (ref,) = find_references(text)
    assert (ref.kind, ref.date, ref.issuer) == ("CV", "2025-01-10", "Bộ Nông nghiệp và Phát triển nông thôn")
    text = "Văn phòng Chính phủ nhận văn bản đề ngày 29 tháng 10 năm 2025 số\n16/CV-HHTACN của Hội Chăn nuôi"
    assert find_references(text)[0].date == "2025-10-29"


def test_generic_type_word_leaves_the_kind_to_the_symbol():
    text = "Văn bản số 1605/TTr-SNgV ngày 06/11/2025 và Văn bản số 9151- CV/BTCTW ngày 29/7/2025"
    assert [k for k, *_ in _refs(text)] == ["TTr", "CV"]


def test_implements_carries_over_a_list_and_into_its_items():
    text = ("Thực hiện ý kiến của Ban Tổ chức\nTrung ương tại Văn bản số 9151- CV/BTCTW ngày 29/7/2025 về triển "
            "khai các kết\nluận của Bộ Chính trị, Ban Bí thư và Văn bản số 9671-CV/BTCTW ngày 17/9/2025 về\n"
            "hoàn thiện vị trí việc làm")
    assert [r for *_, r in _refs(text)] == ["implements", "implements"]
    text = "Điều 1. Giao nhiệm vụ để thực hiện 02 văn bản sau:\n\n- Quyết định số 3101/QĐ-UBND ngày 23/9/2022"
    assert _refs(text)[0][3] == "implements"
    text = "khó khăn trong việc triển khai Nghị định số 136/2025/NĐ-CP về phân quyền"
    assert _refs(text)[0][3] == "cites"


def test_drafts_and_the_documents_own_number_are_not_references():
    assert find_references("hoàn thiện hồ sơ trình, dự thảo Luật Bảo hiểm tiền gửi\n(sửa đổi)") == []
    assert find_references("VỀ DỰ ÁN LUẬT BẢO HIỂM TIỀN GỬI (SỬA ĐỔI)") == []
    text = "Pháp lệnh số: 09/2025/UBTVQH15\nPHÁP LỆNH\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU\nCỦA PHÁP LỆNH CẢNH SÁT MÔI TRƯỜNG"
    assert _refs(text, own_symbol="09/2025/UBTVQH15") == [("PL", None, None, "amends")]


def test_issuer_from_the_symbols_agency_code():
    codes = {"BTCTW": OrgRef(name="Ban Tổ chức Trung ương", id="ban-to-chuc-tw")}
    (ref,) = find_references("tại Văn bản số 9671-CV/BTCTW ngày 17/9/2025", org_of_code=codes.get)
    assert (ref.issuer, ref.issuer_id) == (None, "ban-to-chuc-tw")  # the issuer as written stays empty


def test_symbol_stops_at_a_sentence_end_before_a_bullet():
    text = "yêu cầu\ncủa Luật Tổ chức chính quyền địa phương số 72/2025/QH15.\n- Đối với các nhiệm vụ"
    assert [s.render() for *_, s in find_symbols(text)] == ["72/2025/QH15"]


def test_symbol_with_the_year_after_its_codes():
    sym = parse_symbol("1025/PLYK/2025")
    assert (sym.number, sym.year, sym.render()) == ("1025", "2025", "1025/PLYK/2025")


def test_law_names_with_and_and_amending_lists():
    text = "Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15;"
    assert find_references(text)[0].title == "Luật Khoa học, công nghệ và đổi mới sáng tạo"
    text = ("Căn cứ Luật sửa đổi,\nbổ sung một số điều của Luật Chứng khoán, Luật Kế toán, Luật Kiểm toán độc lập,\n"
            "Luật Ngân sách nhà nước, Luật Quản lý, sử dụng tài sản công, Luật Quản lý thuế,\nLuật Thuế thu nhập cá "
            "nhân, Luật Dự trữ quốc gia, Luật xử lý vi phạm hành chính\nngày 29 tháng 11 năm 2024;")
    assert _refs(text) == [("L", None, "2024-11-29", "based_on")]


def test_numbers_sharing_one_type_word():
    text = "Căn cứ các Luật số 43/2024/QH15, số 47/2024/QH15 và số 58/2024/QH15;"
    assert _refs(text) == [("L", f"{n}/2024/QH15", None, "based_on") for n in (43, 47, 58)]


def test_documents_amending_a_basis_are_a_basis_too():
    text = ("Căn cứ Nghị định số 40/2025/NĐ-CP của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ "
            "chức của Bộ Công Thương, được sửa đổi, bổ sung bởi Nghị định số 109/2025/NĐ-CP và Nghị định số "
            "193/2025/NĐ-CP;")
    assert [r for *_, r in _refs(text)] == ["based_on"] * 3


def test_forms_are_not_documents_and_a_letters_bases_are_arguments():
    assert find_references("kê khai theo mẫu số 03/TNDN ban hành kèm theo Thông tư số 80/2021/TT-BTC")[0].symbol \
        == "80/2021/TT-BTC"
    text = ("Kính gửi: Công ty TNHH A.\nCăn cứ quy định tại Thông tư số 80/2021/TT-BTC ngày 29/9/2021 của Bộ Tài "
            "chính, Cục Thuế trả lời như sau:")
    assert _refs(text)[0][3] == "cites"
