"""Shared helpers of the stage-1 tests: the shared corpus, PDF and image makers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@pytest.fixture
def corpus_file():
    """Path of a file of ../shared/corpus; skips the test when it is absent."""

    def get(relative: str) -> Path:
        path = CORPUS / relative
        if not path.is_file():
            pytest.skip(f"corpus file {relative} not available")
        return path

    return get


def _make_pdf(pages: list[str], encrypt: bool = False) -> bytes:
    """A minimal PDF, one A4 page per content stream (Helvetica as /F1); optionally encrypted.

    The encrypted variant uses the standard security handler with a /U entry that matches
    no password: opening it needs a password nobody has.
    """
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    font = 3 + 2 * n
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>"]
    for i, content in enumerate(pages):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>"
        )
        objs.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    objs.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    trailer = f"/Root 1 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>]"
    if encrypt:
        objs.append(f"<< /Filter /Standard /V 1 /R 2 /P -4 /O <{'11' * 32}> /U <{'22' * 32}> >>")
        trailer += f" /Encrypt {len(objs)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _text_ops(items: list[tuple[float, float, str]], size: int = 12) -> str:
    """(x, y from the top, ASCII text) items -> a content stream showing them."""
    ops = []
    for x, y, text in items:
        text = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 {size} Tf {x} {842 - y} Td ({text}) Tj ET")
    return "\n".join(ops)


def font(size: int = 40, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Serif (it has the Vietnamese glyphs); skips when the font is not installed."""
    path = FONT_DIR / ("DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf")
    if not path.is_file():
        pytest.skip("DejaVu fonts not installed (apt-get install fonts-dejavu-core)")
    return ImageFont.truetype(str(path), size)


LETTERHEAD = [
    ((200, 200), "ỦY BAN NHÂN DÂN", True),
    ((1250, 200), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
    ((1400, 260), "Độc lập - Tự do - Hạnh phúc", True),
    ((200, 400), "Số: 3645/UBND-KGVX", False),
    ((1400, 400), "Cần Thơ, ngày 31 tháng 8 năm 2021", False),
    ((200, 600), "Ủy ban nhân dân thành phố kính đề nghị Bộ Khoa học", False),
    ((200, 660), "xem xét thống nhất chủ trương ký kết Chương trình hợp tác.", False),
]


def _letterhead_image(stamp: bool = False) -> Image.Image:
    """An A4 page at 300 dpi with a two-column letterhead and two body lines."""
    image = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(image)
    for xy, text, bold in LETTERHEAD:
        draw.text(xy, text, font=font(40, bold), fill="black")
    if stamp:  # a red seal with its own words, as on signed scans
        draw.ellipse((1500, 800, 2100, 1400), outline=(215, 25, 30), width=14)
        draw.text((1600, 1060), "ĐÃ KÝ SỐ", font=font(64, True), fill=(215, 25, 30))
    return image


@pytest.fixture
def make_pdf():
    """``make_pdf(content_streams, encrypt=False) -> bytes`` (see :func:`_make_pdf`)."""
    return _make_pdf


@pytest.fixture
def text_ops():
    """``text_ops([(x, y, text)], size) -> content stream`` (see :func:`_text_ops`)."""
    return _text_ops


@pytest.fixture
def letterhead_image():
    """``letterhead_image(stamp=False) -> PIL image`` of a Vietnamese letterhead at 300 dpi."""
    return _letterhead_image
