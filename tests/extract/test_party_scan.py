"""A scanned Party document (Hướng dẫn 36-HD/VPTW layout) through OCR and stages 2-3: the asterisk under the
issuer, "Số" without a colon, the T/M signature. The page is drawn for the test at 300 dpi."""

from __future__ import annotations

from PIL import Image, ImageDraw

from pipeline.extract import extract
from pipeline.run.worker import analyse
from tests.extract.conftest import font

PAGE = [  # (x, y), text, bold
    ((230, 200), "BAN CHẤP HÀNH TRUNG ƯƠNG", True),
    ((1380, 200), "ĐẢNG CỘNG SẢN VIỆT NAM", True),
    ((520, 262), "*", True),
    ((360, 330), "Số 12-CT/TW", False),
    ((1380, 330), "Hà Nội, ngày 14 tháng 3 năm 2024", False),
    ((1080, 520), "CHỈ THỊ", True),
    ((930, 580), "CỦA BỘ CHÍNH TRỊ", True),
    ((520, 640), "về tăng cường công tác bảo vệ nền tảng tư tưởng của Đảng", True),
    ((300, 800), "Bộ Chính trị yêu cầu các cấp ủy đảng tập trung lãnh đạo thực hiện tốt các nhiệm vụ sau.", False),
    ((300, 880), "1. Các tỉnh ủy, thành ủy có trách nhiệm xây dựng kế hoạch thực hiện Chỉ thị", False),
    ((300, 940), "này trước ngày 30 tháng 6 năm 2024.", False),
    ((200, 1150), "Nơi nhận:", True),
    ((1500, 1150), "T/M BỘ CHÍNH TRỊ", True),
    ((200, 1210), "- Các tỉnh ủy, thành ủy,", False),
    ((1400, 1210), "THƯỜNG TRỰC BAN BÍ THƯ", True),
    ((200, 1270), "- Lưu Văn phòng Trung ương Đảng.", False),
    ((1520, 1500), "Trần Văn Minh", True),
]


def test_scanned_party_directive(tmp_path):
    image = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(image)
    for xy, text, bold in PAGE:
        draw.text(xy, text, font=font(40, bold), fill="black")
    draw.line((1380, 252, 1960, 252), fill="black", width=3)  # the rule under ĐẢNG CỘNG SẢN VIỆT NAM
    path = tmp_path / "12-ct-tw.png"
    image.save(path, dpi=(300, 300))
    (doc,) = analyse(extract(path), path.name, "0" * 64)
    assert (doc.kind, doc.symbol, doc.issued_date, doc.party) == ("CT", "12-CT/TW", "2024-03-14", True)
    assert [(i.name, i.id) for i in doc.issuers] == [("Ban Chấp hành Trung ương Đảng", "bchtw")]
    assert doc.title == "Chỉ thị của Bộ Chính trị về tăng cường công tác bảo vệ nền tảng tư tưởng của Đảng"
    (signer,) = doc.signers
    assert (signer.name, signer.position, signer.on_behalf_of) == (
        "Trần Văn Minh", "Thường trực Ban Bí thư", "T/M Bộ Chính trị")
    assert ("Các tỉnh ủy, thành ủy", "2024-06-30") in {
        (o.bearers[0].name, o.deadline.date if o.deadline else None) for o in doc.obligations}
