"""Party documents (Hướng dẫn 36-HD/VPTW layout) end to end through stages 2 and 3.

../shared/corpus has no document with a ĐẢNG CỘNG SẢN VIỆT NAM letterhead, so these are short letters
written for the test in the shapes archives hold: a central document as web crawls give it (a blank
line between blocks, letterhead columns flattened in either order), a provincial one as OCR gives it
(no blank lines, "TƯ" for "TW", a type line split by OCR), a district resolution (dash bases, "I-" and
"1-" sections), a central department's guide (the department under "BAN CHẤP HÀNH TRUNG ƯƠNG", K/T),
and a Đảng ủy công văn whose "V/v" line a flattened letterhead puts above ĐẢNG CỘNG SẢN VIỆT NAM.
Distribution items end with "," as Party documents write them.
"""

from __future__ import annotations

import pytest

from pipeline.nlp import annotate
from pipeline.structure import parse_document, split

CENTRAL_DIRECTIVE = """BAN CHẤP HÀNH TRUNG ƯƠNG

*

Số 12-CT/TW

ĐẢNG CỘNG SẢN VIỆT NAM

Hà Nội, ngày 14 tháng 3 năm 2024

CHỈ THỊ
CỦA BỘ CHÍNH TRỊ
về tăng cường công tác bảo vệ nền tảng tư tưởng của Đảng

Bộ Chính trị yêu cầu các cấp ủy đảng tập trung lãnh đạo thực hiện tốt các nhiệm vụ sau.

1. Các tỉnh ủy, thành ủy có trách nhiệm xây dựng kế hoạch thực hiện Chỉ thị này trước ngày 30 tháng 6 năm 2024.

2. Ban Tuyên giáo Trung ương chủ trì, phối hợp với Văn phòng Trung ương Đảng hướng dẫn, kiểm tra việc thực hiện.

Nơi nhận:
- Các tỉnh ủy, thành ủy,
- Các ban đảng, ban cán sự đảng, đảng đoàn,
- Lưu Văn phòng Trung ương Đảng.

T/M BỘ CHÍNH TRỊ
THƯỜNG TRỰC BAN BÍ THƯ

Trần Văn Minh
"""

PROVINCIAL_CONCLUSION = """TỈNH ỦY QUẢNG NAM
ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 215-KL/TƯ
Quảng Nam, ngày 09 tháng 10 năm 2023
K ÉT LUẬN
HỘI NGHỊ LẦN THỨ MƯỜI
BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHOÁ XXII)
về phát triển hạ tầng giao thông đến năm 2030
Hội nghị lần thứ mười Ban Chấp hành Đảng bộ tỉnh đã thảo luận và kết luận.
I. NHIỆM VỤ
1. Ban Thường vụ Tỉnh ủy có trách nhiệm chỉ đạo xây dựng kế hoạch thực hiện, hoàn thành trước ngày 31/12/2023.
Nơi nhận:
- Ban Bí thư Trung ương Đảng,
- Các đảng bộ trực thuộc Tỉnh ủy,
- Lưu Văn phòng Tỉnh ủy.
T/M TỈNH ỦY
BÍ THƯ
Lê Văn Bình
"""

DISTRICT_RESOLUTION = """ĐẢNG BỘ TỈNH LÀO CAI
HUYỆN ỦY BẢO THẮNG
*
Số 08-NQ/HU

ĐẢNG CỘNG SẢN VIỆT NAM
Bảo Thắng, ngày 12 tháng 5 năm 2021

NGHỊ QUYẾT
về phát triển nông nghiệp hàng hóa giai đoạn 2021 - 2025

- Căn cứ Điều lệ Đảng;
- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ huyện khóa XXIII;
Ban Chấp hành Đảng bộ huyện quyết nghị:
I- MỤC TIÊU
1- Đến năm 2025 giá trị sản xuất nông nghiệp tăng 5% mỗi năm.
II- TỔ CHỨC THỰC HIỆN
1- Ủy ban nhân dân huyện xây dựng kế hoạch thực hiện Nghị quyết, hoàn thành trong tháng 7 năm 2021.
2- Ban Tuyên giáo Huyện ủy chủ trì tuyên truyền Nghị quyết.
Nơi nhận:
- Ban Thường vụ Tỉnh ủy,
- Các chi bộ, đảng bộ trực thuộc,
- Lưu Văn phòng Huyện ủy.
T/M HUYỆN ỦY
PHÓ BÍ THƯ
Hoàng Thị Lan
"""

DEPARTMENT_GUIDE = """BAN CHẤP HÀNH TRUNG ƯƠNG
VĂN PHÒNG
*
Số 41-HD/VPTW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 18 tháng 8 năm 2022
HƯỚNG DẪN
lập hồ sơ điện tử trong các cơ quan đảng
Thực hiện Quy định số 66-QĐ/TW, ngày 06/02/2017 của Ban Chấp hành Trung ương, Văn phòng Trung ương
Đảng hướng dẫn như sau.
1- Các cơ quan đảng lập hồ sơ điện tử theo Hướng dẫn này từ ngày 01/01/2023.
Nơi nhận:
- Các tỉnh ủy, thành ủy,
- Lưu Văn phòng Trung ương Đảng.
K/T CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG
Đỗ Quang Vinh
"""

COMMITTEE_LETTER = """ĐẢNG BỘ KHỐI DOANH NGHIỆP TRUNG ƯƠNG
ĐẢNG ỦY TỔNG CÔNG TY ĐƯỜNG SẮT
*
Số 77-CV/ĐU
V/v báo cáo kết quả học tập chuyên đề năm 2023

ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 06 tháng 11 năm 2023

Kính gửi: - Các chi bộ trực thuộc,
- Ban Tuyên giáo Đảng ủy.

Đảng ủy Tổng công ty đề nghị các chi bộ trực thuộc báo cáo kết quả học tập chuyên đề về Văn phòng
Đảng ủy trước ngày 20/11/2023.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Đảng ủy.

T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG
Vũ Minh Tâm
"""

CONCLUSIONS_NOTICE = """TỈNH ỦY NGHỆ AN
*
Số 412-TB/TU

ĐẢNG CỘNG SẢN VIỆT NAM

Nghệ An, ngày 08 tháng 9 năm 2024

THÔNG BÁO
KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY
về tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 8 tháng đầu năm 2024

Ngày 05/9/2024, Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình thực hiện nhiệm vụ. Sau khi thảo luận,
Ban Thường vụ Tỉnh ủy kết luận như sau:

1. Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành tập trung giải ngân vốn đầu tư công, hoàn thành
trước ngày 31/12/2024.
2. Đảng đoàn Hội đồng nhân dân tỉnh chuẩn bị nội dung kỳ họp cuối năm.

Nơi nhận:
- Các đồng chí Tỉnh ủy viên,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Nguyễn Văn Hải
"""

PROVINCIAL_PLAN = """TỈNH ỦY LÂM ĐỒNG
*
Số 183-KH/TU

ĐẢNG CỘNG SẢN VIỆT NAM

Lâm Đồng, ngày 12 tháng 4 năm 2024

KẾ HOẠCH
thực hiện Kết luận số 69-KL/TW, ngày 06/01/2024 của Bộ Chính trị
-----

Thực hiện Kết luận số 69-KL/TW, ngày 06/01/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch
thực hiện như sau:

I- MỤC ĐÍCH, YÊU CẦU
1- Quán triệt sâu sắc nội dung Kết luận số 69-KL/TW.
II- NHIỆM VỤ, GIẢI PHÁP
1- Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch thực hiện, hoàn thành trong quý II năm 2024.
2- Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo rà soát các chương trình, đề án.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Trần Đức Quận
"""


def _document(text: str):
    (start, end), = split(text)
    doc = parse_document(text[start:end])
    annotate(doc)
    return doc


@pytest.fixture(scope="module")
def central():
    return _document(CENTRAL_DIRECTIVE)


@pytest.fixture(scope="module")
def provincial():
    return _document(PROVINCIAL_CONCLUSION)


def test_central_header(central):
    assert (central.kind, central.symbol, central.issued_date, central.place) == (
        "CT", "12-CT/TW", "2024-03-14", "Hà Nội")
    assert central.party
    assert [i.name for i in central.issuers] == ["Ban Chấp hành Trung ương Đảng"]


def test_title_keeps_the_body_out_and_the_bodies_capitalized(central):
    assert central.title == "Chỉ thị của Bộ Chính trị về tăng cường công tác bảo vệ nền tảng tư tưởng của Đảng"


def test_party_signer_authority_and_position(central):
    (signer,) = central.signers
    assert (signer.name, signer.position, signer.on_behalf_of, signer.org) == (
        "Trần Văn Minh", "Thường trực Ban Bí thư", "T/M Bộ Chính trị", "Bộ Chính trị")


def test_distribution_items_ending_with_commas(central):
    assert central.distribution == ["Các tỉnh ủy, thành ủy", "Các ban đảng, ban cán sự đảng, đảng đoàn",
                                     "Lưu Văn phòng Trung ương Đảng"]


def test_party_committees_bear_obligations(central):
    found = {(o.bearers[0].name, o.deadline.date if o.deadline else None) for o in central.obligations}
    assert ("Các tỉnh ủy, thành ủy", "2024-06-30") in found
    assert ("Ban Tuyên giáo Trung ương", None) in found


def test_provincial_header_from_ocr(provincial):
    assert (provincial.kind, provincial.symbol, provincial.issued_date) == ("KL", "215-KL/TƯ", "2023-10-09")
    assert provincial.issuers[0].name == "Tỉnh ủy Quảng Nam"


def test_split_type_line_and_conference_title(provincial):
    """The OCR-split "K ÉT LUẬN" is the type line; the conference and its committee belong to the title, and
    the body's first sentence does not, though no blank line sets it apart."""
    assert provincial.title == ("Kết luận hội nghị lần thứ mười Ban Chấp hành đảng bộ tỉnh (khoá XXII) "
                                "về phát triển hạ tầng giao thông đến năm 2030")


def test_provincial_signer_and_distribution(provincial):
    (signer,) = provincial.signers
    assert (signer.name, signer.position, signer.on_behalf_of) == ("Lê Văn Bình", "Bí thư", "T/M Tỉnh ủy")
    assert provincial.distribution == ["Ban Bí thư Trung ương Đảng", "Các đảng bộ trực thuộc Tỉnh ủy",
                                       "Lưu Văn phòng Tỉnh ủy"]


def test_provincial_standing_committee_bears_the_task(provincial):
    (task,) = provincial.obligations
    assert task.bearers[0].name == "Ban Thường vụ Tỉnh ủy Quảng Nam"
    assert task.deadline.date == "2023-12-31"


@pytest.fixture(scope="module")
def district():
    return _document(DISTRICT_RESOLUTION)


def test_district_resolution(district):
    assert (district.kind, district.symbol, district.issued_date) == ("NQ", "08-NQ/HU", "2021-05-12")
    assert district.issuers[0].name == "Huyện ủy Bảo Thắng"
    assert district.title == "Nghị quyết về phát triển nông nghiệp hàng hóa giai đoạn 2021 - 2025"  # bases apart
    assert [s.id for s in district.sections] == ["I", "I.1", "II", "II.1", "II.2"]  # "I-" and "1-" items
    (signer,) = district.signers
    assert (signer.position, signer.on_behalf_of, signer.org) == ("Phó Bí thư", "T/M Huyện ủy", "Huyện ủy Bảo Thắng")


def test_district_tasks(district):
    found = {(o.bearers[0].name, o.deadline.date if o.deadline else None) for o in district.obligations}
    assert found == {("Ủy ban nhân dân huyện", "2021-07"), ("Ban Tuyên giáo Huyện ủy", None)}


def test_department_under_the_central_committee():
    doc = _document(DEPARTMENT_GUIDE)
    assert (doc.kind, doc.symbol) == ("HD", "41-HD/VPTW")
    assert [(i.name, i.id) for i in doc.issuers] == [("Văn phòng Trung ương Đảng", "vptw")]
    (signer,) = doc.signers
    assert (signer.position, signer.authority, signer.org) == (
        "Phó Chánh Văn phòng", "K/T Chánh Văn phòng", "Văn phòng Trung ương Đảng")


def test_committee_letter_with_its_subject_above_the_letterhead():
    doc = _document(COMMITTEE_LETTER)
    assert (doc.kind, doc.symbol, doc.issued_date) == ("CV", "77-CV/ĐU", "2023-11-06")
    assert doc.subject == "báo cáo kết quả học tập chuyên đề năm 2023"
    assert [r.name for r in doc.recipients] == ["Các chi bộ trực thuộc", "Ban Tuyên giáo Đảng ủy"]
    (task,) = doc.obligations
    assert (task.bearers[0].name, task.deadline.date) == ("các chi bộ trực thuộc", "2023-11-20")


def test_conclusions_are_directives_and_the_standing_committee_signs():
    """In a notice of conclusions a body with an ordinary verb ("chỉ đạo", "chuẩn bị") is given a task; the
    meeting's own account ("Ban Thường vụ Tỉnh ủy họp ...", "... kết luận như sau") is not one."""
    doc = _document(CONCLUSIONS_NOTICE)
    assert doc.title.startswith("Thông báo kết luận của Ban Thường vụ")
    found = {(o.bearers[0].name, o.deadline.date if o.deadline else None) for o in doc.obligations}
    assert found == {("Ban cán sự đảng Ủy ban nhân dân tỉnh Nghệ An", "2024-12-31"),
                     ("Đảng đoàn Hội đồng nhân dân tỉnh Nghệ An", None)}
    (signer,) = doc.signers
    assert (signer.on_behalf_of, signer.org) == ("T/M Ban Thường vụ", "Ban Thường vụ Tỉnh ủy Nghệ An")


@pytest.mark.parametrize("mark", ["*", "%", "+", "x", "k", "¥"])
def test_the_asterisk_under_the_issuer_as_ocr_reads_it(mark):
    """Tesseract reads the letterhead's asterisk as "%" (tests/extract/test_party_scan.py) or another sign; when a
    flattened header puts it between the issuer and the Số line, it is a mark, not part of either."""
    doc = _document(CENTRAL_DIRECTIVE.replace("\n*\n", f"\n{mark}\n"))
    assert [(i.name, i.id) for i in doc.issuers] == [("Ban Chấp hành Trung ương Đảng", "bchtw")]
    assert doc.symbol == "12-CT/TW"


def test_plan_under_a_lower_case_subject():
    """"thực hiện Kết luận ..." in lower case under the type line is the plan's trích yếu, not its body; the
    committees "trực thuộc Tỉnh ủy" are one bearer."""
    doc = _document(PROVINCIAL_PLAN)
    assert doc.title == "Kế hoạch thực hiện Kết luận số 69-KL/TW, ngày 06/01/2024 của Bộ Chính trị"
    assert [r.symbol for r in doc.references][:1] == ["69-KL/TW"]
    found = {(o.bearers[0].name, o.deadline.date if o.deadline else None) for o in doc.obligations}
    assert ("Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy Lâm Đồng", "2024-Q2") in found


def test_an_unnumbered_task_under_a_heading_of_a_conclusion():
    """Under "I. NHIỆM VỤ" a Kết luận may give its task as a paragraph: the heading is a sentence of its own."""
    text = PROVINCIAL_CONCLUSION.replace("1. Ban Thường vụ Tỉnh ủy có trách nhiệm", "Ban Thường vụ Tỉnh ủy")
    (task,) = _document(text).obligations
    assert (task.bearers[0].name, task.deadline.date) == ("Ban Thường vụ Tỉnh ủy Quảng Nam", "2023-12-31")
    assert task.action.startswith("chỉ đạo xây dựng kế hoạch thực hiện")
