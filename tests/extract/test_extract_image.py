"""Page scans: OCR with preprocessing, multi-page TIFF, oversized and corrupt images."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from pipeline.extract import ExtractionError, extract

EXPECTED_HEAD = [
    "ỦY BAN NHÂN DÂN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "Số: 3645/UBND-KGVX",
    "Cần Thơ, ngày 31 tháng 8 năm 2021",
]


def test_png_with_red_seal(tmp_path, letterhead_image):
    path = tmp_path / "scan.png"
    letterhead_image(stamp=True).save(path, dpi=(300, 300))
    ex = extract(path)
    assert ex.method == "ocr" and ex.warnings == []
    page = ex.pages[0]
    assert page.method == "ocr" and page.confidence > 80
    assert page.text.split("\n\n")[:4] == EXPECTED_HEAD
    assert "ĐÃ KÝ" not in page.text  # the red seal's words are suppressed
    word = next(w for w in page.words if w.text == "3645/UBND-KGVX")
    assert 0 <= word.confidence <= 100
    assert 250 < word.box[0] < 400 and 380 < word.box[1] < 460  # pixels of the original image
    assert (page.width, page.height) == (2480, 3508)


def test_low_resolution_jpeg_without_dpi_tag(tmp_path, letterhead_image):
    path = tmp_path / "small.jpg"
    letterhead_image().convert("L").resize((1240, 1754)).save(path, quality=90)  # 150 dpi, no dpi tag
    ex = extract(path)
    assert ex.text.split("\n\n")[:4] == EXPECTED_HEAD
    assert ex.warnings == ["page 1: resolution unknown, assumed an A4 page"]
    assert max(w.box[2] for w in ex.pages[0].words) <= 1240  # boxes stay in the file's pixels


def test_multipage_tiff(tmp_path, letterhead_image):
    first = letterhead_image().convert("L").resize((1240, 1754))
    second = Image.new("L", (1240, 1754), "white")
    path = tmp_path / "scan.tif"
    first.save(path, save_all=True, append_images=[second], dpi=(150, 150))
    ex = extract(path)
    assert [p.number for p in ex.pages] == [1, 2]
    assert "Số: 3645/UBND-KGVX" in ex.pages[0].text
    assert ex.pages[1].text == ""


def test_oversized_image(tmp_path):
    path = tmp_path / "huge.png"
    Image.new("1", (12000, 9000), 1).save(path)  # 108 MP, a few kB on disk
    with pytest.raises(ExtractionError, match="too large"):
        extract(path)


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"not an image at all"])
def test_corrupt_image(tmp_path, data):
    path = tmp_path / "broken.png"
    path.write_bytes(data)
    with pytest.raises(ExtractionError):
        extract(path)


def test_corpus_page_scan(corpus_file):
    ex = extract(corpus_file("img/johnpa_sample_ocr_page_0001.png"))
    reference = corpus_file("ocr_outputs/johnpa_sample_ocr_gpt41mini_page_0001.md").read_text(encoding="utf-8")
    assert ex.method == "ocr" and ex.quality > 70
    words = re.findall(r"\w+", ex.text.lower())
    expected = set(re.findall(r"\w+", reference.lower()))
    assert len(words) > 150
    assert sum(w in expected for w in words) / len(words) > 0.8
