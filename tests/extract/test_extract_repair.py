"""Post-OCR repair: the fixes it must make, and the correct text it must leave alone."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter

import pytest

from pipeline.extract.repair import repair_lines, summarize_changes
from pipeline.model import Word

_NORMALIZATION = ("(Unicode NFC)", "(tone marks)")


def lines_of(text: str) -> list[list[Word]]:
    """OCR-like word lines of a text, with dummy boxes."""
    return [[Word(t, (0, 0, 0, 0)) for t in line.split()] for line in text.splitlines()]


def repaired(text: str) -> tuple[str, list[str]]:
    lines, changes = repair_lines(lines_of(text))
    return "\n".join(" ".join(w.text for w in line) for line in lines), changes


@pytest.mark.parametrize(
    ("ocr", "fixed"),
    [
        ("KÉẺ HOẠCH", "KẾ HOẠCH"),
        ("Kéẻ hoạch thực hiện", "Kế hoạch thực hiện"),
        ("THÀNH PHÓ CÀN THƠ", "THÀNH PHỐ CẦN THƠ"),
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHÓ CÀN THƠ", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ"),
        ("Ủy ban nhân dân thành phố Càn Thơ", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("NGUON VÓN THỰC HIỆN DƯ ÁN PPP", "NGUỒN VỐN THỰC HIỆN DỰ ÁN PPP"),
        ("Luật sửa đổi, bồ sung một số điều", "Luật sửa đổi, bổ sung một số điều"),
        ("Luật Tổ chức Chính phú và", "Luật Tổ chức Chính phủ và"),
        ("cơ quan nhà nước có thẳm quyền;", "cơ quan nhà nước có thẩm quyền;"),
        ("hệ thống cơ sở hạ tẫng theo quy định", "hệ thống cơ sở hạ tầng theo quy định"),
        ("Chính phủ ban hành Nghz định quy định", "Chính phủ ban hành Nghị định quy định"),
        ("một số điều của Luat Giám định tư pháp", "một số điều của Luật Giám định tư pháp"),
    ],
)
def test_fixes_ocr_spelling(ocr, fixed):
    assert repaired(ocr)[0] == fixed


def test_change_notes_and_casing():
    text, changes = repaired("KÉẺ HOẠCH (Kéẻ hoạch, kéẻ hoạch)")
    assert text == "KẾ HOẠCH (Kế hoạch, kế hoạch)"
    assert changes == ["KÉẺ -> KẾ", "(Kéẻ -> (Kế", "kéẻ -> kế"]


def test_look_alike_letters():
    cyrillic_es, greek_nu = "\u0421", "\u039d"
    text, changes = repaired(f"Thông tư số 06/2026/TT-BT{cyrillic_es} và Nghị định 45/2026/{greek_nu}Đ-CP")
    assert text == "Thông tư số 06/2026/TT-BTC và Nghị định 45/2026/NĐ-CP"
    assert changes == [
        f"06/2026/TT-BT{cyrillic_es} -> 06/2026/TT-BTC (look-alike letters)",
        f"45/2026/{greek_nu}Đ-CP -> 45/2026/NĐ-CP (look-alike letters)",
    ]
    for word in ("Москва", "СССР", "Αθήνα", "ΑΒΓ"):  # genuinely Cyrillic or Greek: untouched
        assert repaired(word) == (word, [])
    eth = "\u00d0"  # Tesseract's "Ð" for "Đ"
    assert repaired(f"464/TTg-C{eth}S") == ("464/TTg-CĐS", [f"464/TTg-C{eth}S -> 464/TTg-CĐS (look-alike letters)"])


def test_unicode_and_tone_marks():
    nfd = unicodedata.normalize("NFD", "Hà Nội, ngày 05 tháng 01 năm 2020")
    text, changes = repaired(nfd)
    assert text == "Hà Nội, ngày 05 tháng 01 năm 2020" and unicodedata.is_normalized("NFC", text)
    assert all(c.endswith("(Unicode NFC)") for c in changes)
    assert repaired("CỘNG HOÀ XÃ HỘI, Uỷ ban") == (
        "CỘNG HÒA XÃ HỘI, Ủy ban",
        ["HOÀ -> HÒA (tone marks)", "Uỷ -> Ủy (tone marks)"],
    )


def test_boxes_confidence_and_input_kept():
    lines = [[Word("THÀNH", (1, 2, 3, 4), 91.0), Word("PHÓ", (5, 6, 7, 8), 42.5)], [Word("CÀN", (0, 9, 1, 10))]]
    out, _ = repair_lines(lines)
    assert [[(w.text, w.box, w.confidence) for w in line] for line in out] == [
        [("THÀNH", (1, 2, 3, 4), 91.0), ("PHỐ", (5, 6, 7, 8), 42.5)],
        [("CÀN", (0, 9, 1, 10), None)],  # a capitalized line start does not continue "THÀNH PHÓ"
    ]
    assert lines[0][1].text == "PHÓ"  # the input is not modified
    assert repair_lines([]) == ([], []) and repair_lines([[]]) == ([[]], [])


@pytest.mark.parametrize(
    "text",
    [
        "UBND HĐND KHCN PPP TP. CP BOT VAT IA. TTg TTr",
        "Số: 45/2026/NĐ-CP; 3645/UBND-KGVX; 1.200; 30,1 ha",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        "quy định tại khoản 2 Điều 5; giao thông từ sớm; do đó cần sự chỉ đạo; khóa học",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNGUYỄN VĂN HÒA",
        "ông Nguyễn Văn Phong, bà Trần Thị Hòa",
        "Phường Nếnh, tỉnh Bắc Ninh; tỉnh Hà Nam",
        "not yet issued by a competent agency of the goods",
    ],
)
def test_leaves_correct_text_alone(text):
    assert repaired(text) == (text, [])


def test_summarize_changes():
    changes = [
        "KÉẺ -> KẾ",
        "PHÓ -> PHỐ",
        "KÉẺ -> KẾ",
        "TT-BTС -> TT-BTC (look-alike letters)",
        "hoà -> hòa (tone marks)",
    ]
    assert summarize_changes(changes, limit=2) == [
        "OCR repair changed 5 words: 3 spelling, 1 look-alike letters, 1 tone marks",
        "KÉẺ -> KẾ (x2)",
        "PHÓ -> PHỐ",
        "... and 2 more distinct changes",
    ]
    assert summarize_changes([]) == []


def test_clean_corpus_is_left_alone(shared_corpus):
    """Correctly typed documents: almost nothing may change beyond Unicode and tone-mark normalization."""
    files = sorted(p for p in (shared_corpus / "text").iterdir() if p.suffix in (".txt", ".md"))
    if not files:
        pytest.skip("no text files in ../shared/corpus/text")
    words, changes = 0, Counter()
    for path in files:
        lines = lines_of(path.read_text(encoding="utf-8"))
        words += sum(map(len, lines))
        changes.update(repair_lines(lines)[1])
    spelling = sum(n for c, n in changes.items() if not c.endswith(_NORMALIZATION))
    print(f"\n{len(files)} files, {words} words, {sum(changes.values())} changed, {spelling} beyond normalization")
    print("\n".join(summarize_changes(list(changes.elements()), limit=40)))
    assert words > 100_000
    assert sum(changes.values()) < 0.001 * words  # under 0.1 % of words, normalization included
    assert spelling < 0.0002 * words  # and mostly real typos of the source ("Chỉnh phủ", "đât")


def _ocr_lines(path) -> list[list[Word]]:
    """Word lines of every string (keys and values) of a tuyendb extraction file."""

    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from strings(item)
        elif isinstance(node, dict):
            for k, v in node.items():
                yield k
                yield from strings(v)

    return [line for s in strings(json.loads(path.read_text(encoding="utf-8"))) for line in lines_of(s) if line]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "tuyendb_extracted_data_1.json",
            {
                "bồ -> bổ",
                "phú -> phủ",
                "phiều -> phiếu",
                "thẳm -> thẩm",
                "CHINH -> CHÍNH",
                "DƯ -> DỰ",
                "NGUON -> NGUỒN",
                "VÓN -> VỐN",
                "TỊN -> TIN",
                "tẫng -> tầng",
                "quyen -> quyền",
                "nghlep -> nghiệp",
            },
        ),
        (
            "tuyendb_extracted_data_2.json",
            {
                "ĐỎI, -> ĐỔI,",
                "BỎ -> BỔ",
                "Luat -> Luật",
                "gzam -> giám",
                "ngươl -> người",
                "trương -> trưởng",
                "phap -> pháp",
                "khong -> không",
                "Thẫm -> Thẩm",
            },
        ),
    ],
)
def test_real_tesseract_output(shared_corpus, name, expected):
    path = shared_corpus / "ocr_outputs" / name
    if not path.is_file():
        pytest.skip(f"{name} not available")
    lines = _ocr_lines(path)
    out, changes = repair_lines(lines)
    words = sum(map(len, lines))
    print(f"\n{name}: {words} words, {len(changes)} changed")
    print("\n".join(summarize_changes(changes, limit=30)))
    assert expected <= set(changes)
    assert 0.005 * words < len(changes) < 0.05 * words
    for before, after in zip((w for line in lines for w in line), (w for line in out for w in line), strict=True):
        if before.text != after.text:  # numbers and symbols are never respelled
            assert not any(c.isdigit() or c in "/-" for c in before.text)
