"""PDF: text layer with reading order, per-page OCR fallback, broken files."""

from __future__ import annotations

import pytest

from pipeline.extract import ExtractionError, extract
from pipeline.extract.pdf import text_layer_problem

LETTERHEAD_ITEMS = [
    (90, 60, "UY BAN NHAN DAN"), (330, 60, "CONG HOA XA HOI CHU NGHIA VIET NAM"),
    (100, 75, "TINH BINH DUONG"), (350, 75, "Doc lap - Tu do - Hanh phuc"),
    (110, 105, "So: 123/UBND-VP"), (340, 105, "Binh Duong, ngay 5 thang 3 nam 2024"),
    (72, 150, "Kinh gui: So Tai chinh tinh Binh Duong."),
    (72, 180, "Uy ban nhan dan tinh yeu cau cac so, ban, nganh thuc hien nghiem tuc cac noi dung"),
    (72, 195, "sau day trong thoi gian som nhat."),
]
# A line drawn glyph by glyph with spaces between: a broken text layer.
FRAGMENTED_ITEMS = [(72, 100 + 30 * i, " ".join("Ket luan cua Pho Thu tuong ve du thao Luat")) for i in range(3)]


def test_two_column_letterhead_from_text_layer(tmp_path, make_pdf, text_ops):
    path = tmp_path / "cv.pdf"
    path.write_bytes(make_pdf([text_ops(LETTERHEAD_ITEMS)]))
    ex = extract(path)
    assert ex.method == "pdf-text" and ex.warnings == []
    page = ex.pages[0]
    assert page.method == "pdf-text" and page.confidence is None
    assert (page.width, page.height) == (595, 842)
    assert page.text.split("\n\n") == [
        "UY BAN NHAN DAN\nTINH BINH DUONG",
        "CONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phuc",
        "So: 123/UBND-VP",
        "Binh Duong, ngay 5 thang 3 nam 2024",
        "Kinh gui: So Tai chinh tinh Binh Duong.",
        "Uy ban nhan dan tinh yeu cau cac so, ban, nganh thuc hien nghiem tuc cac noi dung\n"
        "sau day trong thoi gian som nhat.",
    ]
    first = page.words[0]
    assert first.text == "UY" and first.confidence is None
    assert first.box[0] == pytest.approx(90, abs=1) and 0 < first.box[1] < first.box[3] < 80


def test_fragmented_page_is_ocred(tmp_path, make_pdf, text_ops):
    path = tmp_path / "mixed.pdf"
    path.write_bytes(make_pdf([text_ops(LETTERHEAD_ITEMS), text_ops(FRAGMENTED_ITEMS, 20)]))
    ex = extract(path)
    assert ex.method == "mixed"
    assert [p.method for p in ex.pages] == ["pdf-text", "ocr"]
    assert ex.warnings[0] == "page 2: glyph-fragmented text layer, OCR used"
    ocr = ex.pages[1]
    assert ocr.text.count("Ket luan cua Pho") >= 2
    # the test font has no Vietnamese marks: the OCR repair restores the title it knows, and says so
    assert ocr.text.count("Thủ tướng") >= 2 and "Thu -> Thủ" in ex.warnings[1]
    assert ocr.confidence > 70
    word = next(w for w in ocr.words if w.text == "Ket")
    assert word.box[0] == pytest.approx(72, abs=6)  # boxes in PDF points like the text pages


def test_scanned_pdf_is_ocred(tmp_path, letterhead_image):
    path = tmp_path / "scan.pdf"
    letterhead_image().save(path, resolution=300)
    ex = extract(path)
    assert ex.method == "ocr" and ex.warnings == []
    blocks = ex.text.split("\n\n")
    assert blocks[0] == "ỦY BAN NHÂN DÂN"
    assert blocks[1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert blocks[2] == "Số: 3645/UBND-KGVX"
    assert blocks[3] == "Cần Thơ, ngày 31 tháng 8 năm 2021"


def test_hybrid_scan_then_digital_appendix(tmp_path, letterhead_image, make_pdf, text_ops):
    import pypdfium2 as pdfium

    scan, digital, hybrid = tmp_path / "scan.pdf", tmp_path / "appendix.pdf", tmp_path / "hybrid.pdf"
    letterhead_image().save(scan, resolution=300)
    digital.write_bytes(make_pdf([text_ops(LETTERHEAD_ITEMS)]))
    merged = pdfium.PdfDocument.new()
    for part in (scan, digital):
        merged.import_pages(pdfium.PdfDocument(str(part)))
    merged.save(str(hybrid))
    ex = extract(hybrid)
    assert ex.method == "mixed" and [p.method for p in ex.pages] == ["ocr", "pdf-text"]
    assert ex.pages[0].text.split("\n\n")[2] == "Số: 3645/UBND-KGVX"  # the scanned letter
    assert "So: 123/UBND-VP" in ex.pages[1].text  # the appendix from its text layer


def test_text_layer_problem():
    fragmented = "K ế t lu ậ n c ủ a Ph ó Th ủ t ướ ng v ề d ự th ả o"
    tcvn3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam §éc lËp"
    good = "Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc"
    assert text_layer_problem([]) == "no text layer"
    assert text_layer_problem(fragmented.split(" ")) == "glyph-fragmented text layer"
    assert "garbled" in text_layer_problem(tcvn3.split(" "))
    assert text_layer_problem(good.split(" ")) is None


def test_legacy_font_text_layer_is_converted_not_ocred(tmp_path, make_pdf, text_ops):
    # What pdfminer gives for a .VnTime (TCVN3) font: its byte codes read as WinAnsi characters.
    lines = ["Céng hoµ x· héi chñ nghÜa ViÖt Nam", "§éc lËp - Tù do - H¹nh phóc",
             "Uû ban nh©n d©n thµnh phè CÇn Th¬ kÝnh ®Ò nghÞ Bé Khoa häc vµ C«ng nghÖ"]
    path = tmp_path / "vntime.pdf"
    path.write_bytes(make_pdf([text_ops([(72, 80 + 20 * i, line) for i, line in enumerate(lines)])]))
    ex = extract(path)
    assert [p.method for p in ex.pages] == ["pdf-text"]
    assert ex.warnings == ["page 1: legacy TCVN3 encoding converted to Unicode"]
    assert ex.text.splitlines() == ["Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc",
                                    "Ủy ban nhân dân thành phố Cần Thơ kính đề nghị Bộ Khoa học và Công nghệ"]


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("encrypted", "encrypted PDF: a password is required"),
        ("truncated", "corrupt or truncated PDF"),
        ("garbage", "corrupt or truncated PDF"),
        ("not-pdf", "not a PDF file"),
        ("zero-byte", "empty file"),
    ],
)
def test_broken_pdfs(tmp_path, make_pdf, text_ops, kind, reason):
    good = make_pdf([text_ops(LETTERHEAD_ITEMS)])
    data = {
        "encrypted": make_pdf([text_ops(LETTERHEAD_ITEMS)], encrypt=True),
        "truncated": good[: len(good) // 2],
        "garbage": b"%PDF-1.4\n" + bytes(range(256)) * 8,
        "not-pdf": b"<html>not a pdf</html>",
        "zero-byte": b"",
    }[kind]
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(ExtractionError, match=reason):
        extract(path)


def test_born_digital_decree(corpus_file):
    ex = extract(corpus_file("pdf/hwolp__45_2026_ND-CP.pdf"))
    assert ex.method == "pdf-text" and len(ex.pages) == 55
    assert all(p.method == "pdf-text" for p in ex.pages)
    assert ex.pages[0].text.split("\n\n")[:6] == [
        "CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------",
        "Số: 45/2026/NĐ-CP",
        "Hà Nội, ngày 26 tháng 01 năm 2026",
        "NGHỊ ĐỊNH",
        "QUY ĐỊNH QUẢN LÝ ĐẦU TƯ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN SỬ DỤNG\nNGUỒN VỐN NGÂN SÁCH NHÀ NƯỚC",
    ]
    assert "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG" in ex.text


def test_notice_with_odd_text_layer(corpus_file):
    ex = extract(corpus_file("pdf/mineru__a_TB480-TB-VPCP.pdf"))
    assert ex.method == "pdf-text"
    blocks = ex.pages[0].text.split("\n\n")
    assert blocks[:4] == [
        "VĂN PHÒNG CHÍNH PHỦ\n______________",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "_______________________________________________________",
        "Số: 480/TB-VPCP",
        "Hà Nội, ngày 13 tháng 9 năm 2025",
    ]
    assert "Kết luận của Phó Thủ tướng Chính phủ Trần Hồng Hà" in ex.text
    assert "BỘ TRƯỞNG, CHỦ NHIỆM" in ex.pages[1].text.split("\n\n")


def test_signed_scan(corpus_file):
    ex = extract(corpus_file("pdf/hwolp__464-TTg-CDS.signed.pdf"))
    assert ex.method == "ocr" and [p.method for p in ex.pages] == ["ocr"] * 3
    assert ex.quality > 80
    blocks = ex.pages[0].text.split("\n\n")
    assert any(b.startswith("THỦ TƯỚNG CHÍNH PHỦ") for b in blocks)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in blocks
    lines = ex.pages[0].text.splitlines()
    assert any(line.startswith("Số:") and line.endswith("/TTg-CĐS") for line in lines)
    assert "V/v triển khai các Nghị quyết cắt giảm," in lines
    assert any(b.startswith("Hà Nội, ngày") and b.endswith("tháng 4 năm 2026") for b in blocks)
    assert "Triển khai Kết luận số 18-KL/TW" in ex.text or "khai Kết luận số 18-KL/TW" in ex.text
