"""Legacy Vietnamese encodings: TCVN3 (ABC, .VnTime fonts) and VNI text detected and converted to Unicode."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import docx
import pytest
from docx.oxml import OxmlElement

from pipeline.extract import extract
from pipeline.extract.legacy import convert_legacy, detect_legacy, fix_legacy, fix_legacy_blocks
from pipeline.extract.plain import markup_blocks
from tests.conftest import SEED, SHARED_CORPUS

TCVN3_WARNING = "legacy TCVN3 encoding converted to Unicode"
VNI_WARNING = "legacy VNI encoding converted to Unicode"

# Letterhead and preamble lines as old documents carry them, legacy text and its Unicode reading.
KNOWN = [
    ("tcvn3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("tcvn3", "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # .VnTimeH
    ("tcvn3", "UBND TØNH Hµ NAM", "UBND TỈNH HÀ NAM"),
    ("tcvn3", "Sè: 15/2003/Q§-UBND", "Số: 15/2003/QĐ-UBND"),
    ("tcvn3", "Hµ Néi, ngµy 05 th¸ng 3 n¨m 2003", "Hà Nội, ngày 05 tháng 3 năm 2003"),
    (
        "tcvn3",
        "C¨n cø LuËt Tæ chøc Héi ®ång nh©n d©n vµ Uû ban nh©n d©n ngµy 26 th¸ng 11 n¨m 2003;",
        "Căn cứ Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 26 tháng 11 năm 2003;",
    ),
    ("tcvn3", "Ng\xadêi lao ®éng, §iÒu 1. Ph¹m vi ®iÒu chØnh", "Người lao động, Điều 1. Phạm vi điều chỉnh"),
    ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("vni", "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("vni", "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (
        "vni",
        "Caên cöù Luaät Toå chöùc Hoäi ñoàng nhaân daân vaø UÛy ban nhaân daân ngaøy 26 thaùng 11 naêm 2003;",
        "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
    ),
    ("vni", "Ngöôøi lao ñoäng, Ñieàu 1. Phaïm vi ñieàu chænh", "Người lao động, Điều 1. Phạm vi điều chỉnh"),
]


@pytest.mark.parametrize(("encoding", "legacy", "unicode"), KNOWN)
def test_known_lines(encoding, legacy, unicode):
    assert convert_legacy(legacy, encoding) == unicode
    if len(legacy.split()) >= 5:  # "Sè: 15/2003/Q§-UBND" alone is too little to tell
        assert detect_legacy(legacy) == encoding
        assert fix_legacy(legacy) == (unicode, encoding)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_known_text(encoding):
    legacy = "\n".join(source for enc, source, _ in KNOWN if enc == encoding)
    unicode = "\n".join(target for enc, _, target in KNOWN if enc == encoding)
    assert fix_legacy(legacy) == (unicode, encoding)


def test_tcvn3_full_set_capitals_in_both_decodings():
    """TCVN5712-1 (VN1) capitals sit at 0x80-0x9F: control characters in latin-1, "—" or "†" in cp1252."""
    raw = bytes.fromhex("a7 97 43 20 4c 86 50")  # ĐỘC LẬP
    assert convert_legacy(raw.decode("latin-1"), "tcvn3") == "ĐỘC LẬP"
    assert raw.decode("cp1252") == "§—C L†P"
    assert convert_legacy(raw.decode("cp1252"), "tcvn3") == "ĐỘC LẬP"
    # ...but cp1252 punctuation beside small letters stays punctuation
    assert convert_legacy("“Céng hoµ” – nhau…", "tcvn3") == "“Cộng hoà” – nhau…"


def _iconv_tcvn(text: str) -> bytes:
    """glibc's TCVN5712-1 encoder: the independent reference the module's tables are checked against."""
    if shutil.which("iconv") is None:
        pytest.skip("iconv is not installed")
    done = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"iconv has no TCVN5712-1: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _cp1252(data: bytes) -> str:
    """cp1252 as Windows and browsers decode it: the five unassigned bytes become C1 controls."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
LETTERS = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]


def test_letter_table_is_complete():
    letters = {c for letter in LETTERS for c in (letter, letter.upper()) if not c.isascii()}
    assert len(letters) == 134


@pytest.mark.parametrize("decode", [lambda b: b.decode("latin-1"), _cp1252], ids=["latin-1", "cp1252"])
def test_tcvn3_round_trip_through_glibc(decode):
    """Every letter, small and capital, encoded by glibc then converted back, inside a syllable: "tộn", "TỘN".

    Converted as one text, as documents are: alone, "TÀN" stays "TÀN" although glibc writes "TẮN" so (0xC0)."""
    words = []
    for letter in LETTERS:
        word = f"t{letter}n" if letter[0] not in "yỳỷỹýỵđ" else (f"tu{letter}" if letter != "đ" else "đan")
        words += [word, word.upper()]
    back = convert_legacy(decode(_iconv_tcvn("\n".join(words))), "tcvn3").split("\n")
    assert [(w, b) for w, b in zip(words, back, strict=True) if w != b] == []
    # the small letters alone too: one byte each in the ABC set
    small = _iconv_tcvn("".join(LETTERS))
    assert len(small) == len(LETTERS)
    assert convert_legacy(decode(small), "tcvn3") == "".join(LETTERS)


# VNI pairs checked by hand against published VNI Windows tables: base letter, then mark byte(s).
VNI_PAIRS = {
    "aù": "á", "aø": "à", "aû": "ả", "aõ": "ã", "aï": "ạ",
    "aê": "ă", "aé": "ắ", "aè": "ằ", "aú": "ẳ", "aü": "ẵ", "aë": "ặ",
    "aâ": "â", "aá": "ấ", "aà": "ầ", "aå": "ẩ", "aã": "ẫ", "aä": "ậ",
    "eâ": "ê", "eá": "ế", "eä": "ệ", "eõ": "ẽ",
    "oâ": "ô", "oà": "ồ", "ô": "ơ", "ôù": "ớ", "ôï": "ợ",
    "uû": "ủ", "ö": "ư", "öø": "ừ", "öõ": "ữ",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "yù": "ý", "yû": "ỷ", "î": "ỵ", "ñ": "đ",
    "AÙ": "Á", "AÊ": "Ă", "EÄ": "Ệ", "OÄ": "Ộ", "Ô": "Ơ", "ÔØ": "Ờ", "Ö": "Ư", "ÖÏ": "Ự",
    "Ó": "Ĩ", "Æ": "Ỉ", "Î": "Ỵ", "YÕ": "Ỹ", "Ñ": "Đ",
}  # fmt: skip


@pytest.mark.parametrize(("vni", "unicode"), VNI_PAIRS.items())
def test_vni_letters(vni, unicode):
    assert convert_legacy(vni, "vni") == unicode


def test_short_strings_are_not_enough():
    assert detect_legacy("Céng hoµ") is None
    assert detect_legacy("Hµ Néi") is None
    assert detect_legacy("Coäng hoøa") is None
    assert detect_legacy("") is None


SAMPLES = [
    "The committee met at the café to discuss the naïve proposal and the résumé of Mr. Müller.",
    "Où est la crème brûlée ? Déjà vu, à bientôt : très élégant, ça va, le garçon a été là-bas.",
    "Die Straße ist schön, für Bäume und Mädchen; Herr Müller fährt über die Brücke nach Köln.",
    "El niño está aquí: ¿qué más? Sí, también él pidió café con azúcar en la estación.",
    "Você não está só: é lá que há pão, avó e maçã, disse o irmão à mãe.",
    "Jeg bor på landet og går på skolen. Vi må gå nå, så vi rekker å spise på en restaurant.",
    "Ủy ban nhân dân thành phố kính đề nghị Bộ Khoa học và Công nghệ xem xét, thống nhất.",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 5 tháng 3 năm 2003",
    "Cong hoa xa hoi chu nghia Viet Nam - Doc lap - Tu do - Hanh phuc",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_no_false_positive_on_samples(text):
    assert detect_legacy(text) is None
    assert detect_legacy(unicodedata.normalize("NFD", text)) is None
    assert fix_legacy(text) == (text, None)


@pytest.mark.parametrize("lang", ["ca", "da", "de", "en", "es", "fr", "it", "lb", "nb", "nl", "pt", "sq", "sv"])
def test_no_false_positive_on_spacy_examples(lang):
    examples = pytest.importorskip(f"spacy.lang.{lang}.examples")
    assert detect_legacy("\n".join(examples.sentences)) is None
    assert [s for s in examples.sentences if detect_legacy(s)] == []


def test_no_false_positive_on_the_corpus():
    """Real Unicode crawls, some with a stray TCVN3 word ("chÝnh s¸ch trî gióp"): none is legacy as a whole."""
    folder = SHARED_CORPUS / "text"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/text is not available")
    files = sorted(p for p in folder.iterdir() if p.is_file())
    assert files
    flagged = [p.name for p in files if detect_legacy(p.read_text(encoding="utf-8", errors="replace"))]
    assert flagged == []
    for path in files[:40]:  # block by block too, as DOCX and HTML pages are converted
        blocks = markup_blocks(path.read_text(encoding="utf-8", errors="replace"))
        assert fix_legacy_blocks(blocks) == (blocks, []), path.name


def test_seed_is_unicode():
    assert detect_legacy(SEED.read_text(encoding="utf-8")) is None


# --- end to end: pipeline.extract.extract -------------------------------------------------------------------------

HEADER_TCVN3 = "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\n§éc lËp - Tù do - H¹nh phóc"
HEADER = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"  # tone marks as stage 1 writes them
BODY_TCVN3 = "C¨n cø LuËt Tæ chøc Héi ®ång nh©n d©n vµ Uû ban nh©n d©n ngµy 26 th¸ng 11 n¨m 2003;"
BODY = "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;"


def test_text_file_in_tcvn3_bytes(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes(f"{HEADER_TCVN3}\n\n{BODY_TCVN3}\n\nNg\xadêi ký\n".encode("cp1252"))
    ex = extract(path)
    assert ex.text == f"{HEADER}\n\n{BODY}\n\nNgười ký"
    assert ex.warnings == [TCVN3_WARNING]


def test_text_file_of_vni_characters_in_utf8(tmp_path):
    """A crawl that copied VNI-Times text as it looked: UTF-8 bytes of the VNI characters."""
    path = tmp_path / "cv.md"
    path.write_text(
        "**COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM**\nÑoäc laäp - Töï do - Haïnh phuùc\n", encoding="utf-8"
    )
    ex = extract(path)
    assert ex.text == HEADER
    assert ex.warnings == [VNI_WARNING]


def test_docx_in_vntime_fonts(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "UBND TØNH Hµ NAM"  # Normal style: .VnTime, set below
    p = document.add_paragraph()
    p.add_run("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM").font.name = ".VnTime"
    p = document.add_paragraph()
    p.add_run("céng hoµ x· héi chñ nghÜa viÖt nam").font.name = ".VnTimeH"  # a capitals-only font
    p = document.add_paragraph()
    p.add_run("§éc lËp - ").font.name = ".VnTime"
    run = p.add_run("Tù do - H¹nh phóc")
    run.font.name, run.bold = ".VnTime", True
    p = document.add_paragraph()
    p.add_run("Ng").font.name = ".VnTime"
    p.runs[0]._r.append(OxmlElement("w:softHyphen"))  # how Word may keep the byte of "ư"
    p.add_run("êi ký").font.name = ".VnTime"
    document.add_paragraph("§iÒu 1. Ph¹m vi ®iÒu chØnh")  # font from the Normal style
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Sè: 15/2003/Q§-UBND", "Hµ Néi, ngµy 05 th¸ng 3 n¨m 2003"
    document.add_paragraph().add_run("Đã ký số: Nguyễn Văn An").font.name = "Times New Roman"
    document.add_paragraph().add_run("Cộng hòa (Unicode typed over .VnTime)").font.name = ".VnTime"
    document.add_paragraph().add_run("Coäng hoøa xaõ hoäi").font.name = "VNI-Times"
    document.styles["Normal"].font.name = ".VnTime"
    path = tmp_path / "qd.docx"
    document.save(str(path))

    ex = extract(path)
    assert ex.text.split("\n\n") == [
        "UBND TỈNH HÀ NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Người ký",
        "Điều 1. Phạm vi điều chỉnh",
        "Số: 15/2003/QĐ-UBND",
        "Hà Nội, ngày 05 tháng 3 năm 2003",
        "Đã ký số: Nguyễn Văn An",
        "Cộng hòa (Unicode typed over .VnTime)",
        "Cộng hòa xã hội",
    ]
    assert ex.warnings == [TCVN3_WARNING, VNI_WARNING]


def test_docx_without_legacy_fonts(tmp_path):
    """Font names lost (the document was re-saved): the text alone tells, paragraph by paragraph."""
    document = docx.Document()
    for line in [*HEADER_TCVN3.split("\n"), "§iÒu 1", BODY_TCVN3, "Cộng hòa xã hội chủ nghĩa Việt Nam"]:
        document.add_paragraph(line)
    path = tmp_path / "qd.docx"
    document.save(str(path))
    ex = extract(path)
    assert ex.text.split("\n\n") == [*HEADER.split("\n"), "Điều 1", BODY, "Cộng hòa xã hội chủ nghĩa Việt Nam"]
    assert ex.warnings == [TCVN3_WARNING]


def test_html_page_in_tcvn3(tmp_path):
    motto = HEADER_TCVN3.replace("\n", "<br>")
    page = f"""<html><head><title>V¨n b¶n</title></head><body><div class="fulltext">
      <table><tr><td><b>UBND TØNH Hµ NAM</b></td><td>{motto}</td></tr></table>
      <p><font face=".VnTime">{BODY_TCVN3}</font></p>
      <p>§iÒu 1. Ph¹m vi ®iÒu chØnh cña QuyÕt ®Þnh nµy ¸p dông cho ng\xadêi lao ®éng trong tØnh.</p>
    </div></body></html>"""
    path = tmp_path / "vb.html"
    path.write_bytes(page.encode("cp1252"))  # no charset: the detector may guess anything
    ex = extract(path)
    assert ex.text.split("\n\n") == [
        "UBND TỈNH HÀ NAM",
        HEADER,
        BODY,
        "Điều 1. Phạm vi điều chỉnh của Quyết định này áp dụng cho người lao động trong tỉnh.",
    ]
    assert ex.warnings == [TCVN3_WARNING]
