"""Text and markdown crawls: decoding, markup removal, block structure."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.extract import SUPPORTED_SUFFIXES, ExtractionError, UnsupportedFormat, extract


def blocks(extraction):
    return extraction.text.split("\n\n")


def test_seed_file(corpus_file):
    ex = extract(corpus_file("seed/cantho_3645_UBND-KGVX.txt"))
    assert ex.method == "text" and [p.method for p in ex.pages] == ["text"]
    assert ex.warnings == []
    text = ex.text
    assert "**" not in text and unicodedata.is_normalized("NFC", text)
    b = blocks(ex)
    assert b[:4] == [
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Số: 3645 /UBND-KGVX",
        "Cần Thơ, ngày 31 tháng 8 năm 2021",
    ]
    assert "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in b
    assert "Nguyễn Ngọc Hà" in b
    assert "- Như trên;\n- TT. Thành ủy;" in text  # lines of a block keep their breaks
    assert "\n\n\n" not in text and all(line == line.strip() for line in text.split("\n"))


def test_crawl_with_cell_pipes(corpus_file):
    ex = extract(corpus_file("text/tvpl_tnt305__11306_VPCP-NN__1a814c71716d3047.md"))
    b = blocks(ex)
    assert b[0] == "VĂN PHÒNG CHÍNH PHỦ\n--------"
    assert b[1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------"
    assert b[2].startswith("Số: 11306/VPCP-NN\nV/v\nđề xuất giải pháp")
    assert "Hà Nội, ngày 18 tháng 11 năm 2025" in b
    assert "Kính gửi: Bộ Nông nghiệp và Môi trường." in ex.text
    assert "*" not in ex.text and "|" not in ex.text


def test_crawl_with_markdown_table(corpus_file):
    ex = extract(corpus_file("text/tvpl_congbot__file_data_27.md"))
    b = blocks(ex)
    assert b[:4] == [
        "VĂN PHÒNG CHÍNH PHỦ\n-------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n---------------",
        b[2],
        "Hà Nội, ngày 26 tháng 04 năm 2013",
    ]
    assert b[2].startswith("Số: 3354/VPCP-KGVX V/v ban hành Thông tư")
    assert "|" not in ex.text and "---|" not in ex.text
    assert any(x.startswith("KT. BỘ TRƯỞNG, CHỦ NHIỆM") for x in b)


def test_markdown_rules(tmp_path):
    src = "\n".join([
        "**ĐẢNG BỘ TỈNH**",
        "*",
        "| **Số: 12-QĐ/TU** | *Hà Nội, ngày 1 tháng 2 năm 2024* |",
        "|---|:---:|",
        "__Ghi chú:__ Uỷ  ban   nhân dân CỘNG HOÀ (*) được *sửa*",
        "|",
        "# QUYẾT ĐỊNH",
        "--------",
        "",
    ])
    path = tmp_path / "doc.md"
    path.write_text(src, encoding="utf-8")
    assert blocks(extract(path)) == [
        "ĐẢNG BỘ TỈNH\n*",
        "Số: 12-QĐ/TU",
        "Hà Nội, ngày 1 tháng 2 năm 2024",
        "Ghi chú: Ủy ban nhân dân CỘNG HÒA (*) được sửa",
        "QUYẾT ĐỊNH",
        "--------",
    ]


def _cp1258(text: str) -> bytes:
    """Encode Vietnamese in Windows-1258: base letters plus combining tone marks."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            for i, mark in enumerate(marks):  # "ộ" = "ô" + combining dot below
                rest = "".join(marks[:i] + marks[i + 1:])
                try:
                    out += (unicodedata.normalize("NFC", base + mark) + rest).encode("cp1258")
                    break
                except UnicodeEncodeError:
                    continue
            else:  # "Ò" = "O" + combining grave
                out += (base + "".join(marks)).encode("cp1258")
    return out


@pytest.mark.parametrize(
    ("encoding", "warned"),
    [("utf-8", False), ("utf-8-sig", False), ("utf-16", False), ("cp1258", True)],
)
def test_encodings(tmp_path, encoding, warned):
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    data = _cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    ex = extract(path)
    assert ex.text == text.strip()
    assert bool(ex.warnings) is warned


def test_latin1_fallback_warns(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e \x81 and a long enough menu")  # 0x81: not cp1258
    ex = extract(path)
    assert ex.text.startswith("Café au lait, crème brûlée")
    assert "latin-1" in ex.warnings[0]


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00" * 50, bytes(range(1, 32)) * 40])
def test_binary_junk_named_txt(tmp_path, data):
    path = tmp_path / "junk.txt"
    path.write_bytes(data)
    with pytest.raises(ExtractionError, match="binary"):
        extract(path)


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES))
def test_zero_byte_file(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(ExtractionError, match="empty file"):
        extract(path)


def test_unsupported_and_missing(tmp_path):
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(UnsupportedFormat, match="xlsx"):
        extract(path)
    with pytest.raises(ExtractionError, match="cannot read"):
        extract(tmp_path / "missing.pdf")
