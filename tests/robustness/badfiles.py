"""Bad input for ``vanban run``: every kind of file an archive should survive, and what the manifest must say.

:func:`write_bad_files` writes the cases into a folder and returns, per manifest path, the
:class:`Expected` status, a piece of the reason (manifest error, or a warning when the file is
read) and a time budget. The robustness tests and the soak benchmark both use it; the
expectations hold for the :data:`LIMITS` below (small, so a batch runs in seconds).

Everything is made here from real formats: PDFs written byte by byte (RC4 encryption of the
standard security handler included), PNG/TIFF headers, a Word file from python-docx, page
scans drawn with the DejaVu font, texts in the encodings Vietnamese archives really hold.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pipeline.limits import Limits

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "corpus" / "seed" / "cantho_3645_UBND-KGVX.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
LIMITS = Limits(max_pages=200, max_pixels=20_000_000, page_timeout=30, file_timeout=60, worker_memory=3072,
                max_chars=200_000)
BIG_TEXT_MB = 50


@dataclass(frozen=True)
class Expected:
    """What the manifest must say of one bad file."""

    status: str
    reason: str = ""  # in the manifest error (failed, skipped, partial) or in a warning (ok)
    seconds: float = 20.0  # processing time budget (manifest "seconds")
    text: str = ""  # a piece of text its documents must hold (read, not garbled)


# --- PDF writing --------------------------------------------------------------------------

_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
_FILE_ID = bytes(range(16))


def _rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _security(user: str, owner: str) -> tuple[bytes, str]:
    """(file key, /Encrypt dictionary) of the standard security handler, revision 2 (40-bit RC4)."""
    permissions = -4
    padded_owner = (owner.encode("latin-1") + _PAD)[:32]
    padded_user = (user.encode("latin-1") + _PAD)[:32]
    o = _rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
    key = hashlib.md5(padded_user + o + struct.pack("<i", permissions) + _FILE_ID).digest()[:5]
    u = _rc4(key, _PAD)
    return key, f"<< /Filter /Standard /V 1 /R 2 /P {permissions} /O <{o.hex()}> /U <{u.hex()}> >>"


def pdf(pages: list[tuple[tuple[float, float], bytes, bytes | None]], *, user: str | None = None,
        repeat: int = 1, flate: bool = False) -> bytes:
    """A PDF of ``pages`` ((width, height) in points, content stream, optional JPEG drawn as /Im1), the
    whole list ``repeat`` times over (the pages share their objects); Helvetica as /F1. ``user``: encrypted
    with that user password (empty: opens without one). ``flate``: content streams Flate-compressed."""
    objects: list[bytes | tuple[str, bytes]] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font = len(objects) + 1
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for (width, height), content, jpeg in pages:
        resources = f"/Font << /F1 {font} 0 R >>"
        if jpeg is not None:
            image = Image.open(io.BytesIO(jpeg))
            objects.append((f"/Type /XObject /Subtype /Image /Width {image.width} /Height {image.height} "
                            f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", jpeg))
            resources += f" /XObject << /Im1 {len(objects)} 0 R >>"
        objects.append(("/Filter /FlateDecode" if flate else "", zlib.compress(content) if flate else content))
        contents = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:g} {height:g}] "
                       f"/Resources << {resources} >> /Contents {contents} 0 R >>".encode())
        kids.append(len(objects))
    refs = " ".join(f"{k} 0 R" for k in kids * repeat)
    objects[1] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids) * repeat} >>".encode()
    key, trailer = None, f"/Root 1 0 R /ID [<{_FILE_ID.hex()}> <{_FILE_ID.hex()}>]"
    if user is not None:
        key, encrypt = _security(user, owner="owner-password")
        objects.append(encrypt.encode())
        trailer += f" /Encrypt {len(objects)} 0 R"
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        if isinstance(body, tuple):
            attrs, data = body
            if key is not None:
                data = _rc4(hashlib.md5(key + struct.pack("<i", number)[:3] + b"\0\0").digest()[:10], data)
            body = f"<< {attrs} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


LETTER = [
    "UY BAN NHAN DAN", "TINH BINH DUONG", "CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc",
    "So: 123/UBND-VP", "Binh Duong, ngay 5 thang 3 nam 2024", "V/v trien khai ke hoach cai cach hanh chinh",
    "Kinh gui: So Tai chinh tinh Binh Duong.",
    "Uy ban nhan dan tinh yeu cau So Tai chinh chu tri, phoi hop voi cac so, ban, nganh",
    "thuc hien nghiem tuc cac noi dung sau day truoc ngay 30 thang 6 nam 2024.",
    "TM. UY BAN NHAN DAN", "CHU TICH", "Nguyen Van An",
]


def letter_stream(lines: list[str] = LETTER, height: float = 842) -> bytes:
    """A content stream writing ``lines`` (ASCII) down an A4 page in Helvetica 11."""
    ops = [f"BT /F1 11 Tf 72 {height - 72 - 18 * i:g} Td ({line}) Tj ET" for i, line in enumerate(lines)]
    return "\n".join(ops).encode("latin-1")


def scan(dpi: int = 150, lines: int = 22) -> Image.Image:
    """An A4 page scan (grayscale, ``dpi``) of the first ``lines`` lines of the seed letter, drawn in DejaVu Serif."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), round(dpi * 11 / 72))
    text = [line.strip("* ") for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    y = dpi
    for line in text[:lines]:
        for start in range(0, len(line), 70):
            draw.text((dpi, y), line[start:start + 70], font=font, fill=0)
            y += round(dpi * 16 / 72)
    return image


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(150, 150))
    return buffer.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` pixels and holds a few bytes of (zero) data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(1024))) + chunk(
        b"IEND", b"")


def tiff_bomb(width: int, height: int) -> bytes:
    """A little-endian TIFF that declares ``width`` x ``height`` 8-bit gray pixels in one tiny strip."""
    entries = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 8 + 2 + 12 * 9 + 4),
               (277, 3, 1), (278, 4, height), (279, 4, 16)]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", tag, kind, 1, value)
                                                     for tag, kind, value in entries) + struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + bytes(16)


def flate_bomb(gigabytes: float) -> bytes:
    """A one-page PDF whose content stream inflates to ``gigabytes`` of zeros: one 16 MiB block compressed
    once and repeated (each ends with a full flush, so the copies are independent), then the checksum."""
    block = 1 << 24
    compressor = zlib.compressobj(9)
    head = compressor.compress(bytes(block)) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(bytes(block)) + compressor.flush(zlib.Z_FULL_FLUSH)
    copies = round(gigabytes * 1024 / 16)
    size = copies * block  # the Adler-32 of n zero bytes is (n mod 65521) << 16 | 1
    data = head + again * (copies - 1) + b"\x03\x00" + struct.pack(">I", (size % 65521) << 16 | 1)
    body = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n")
    offsets = [9, body.index(b"2 0 obj"), body.index(b"3 0 obj"), len(body)]
    body += f"4 0 obj\n<< /Filter /FlateDecode /Length {len(data)} >>\nstream\n".encode() + data
    body += b"\nendstream\nendobj\n"
    xref = len(body)
    body += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return body + f"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


# --- texts -----------------------------------------------------------------------------------

def seed_variant(k: int) -> str:
    """The seed letter with a line of its own, so each copy has its own content hash."""
    return SEED.read_text(encoding="utf-8") + f"\nBản lưu số {k}.\n"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: precomposed letters where the code page has them, else base letter + combining tone."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            if marks and (vowel := unicodedata.normalize("NFC", base + marks[0])).encode("cp1258", "ignore"):
                base, marks = vowel, marks[1:]
            out += (base + "".join(marks)).encode("cp1258", "replace")
    return bytes(out)


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for block in text.split("\n\n"):
        document.add_paragraph(block.replace("**", "").strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def big_text(megabytes: int) -> bytes:
    """About ``megabytes`` MB of UTF-8: seed letters one after the other, like a concatenated crawl dump."""
    seed = SEED.read_bytes()
    copies = megabytes * 2**20 // len(seed) + 1
    return b"\n\n".join(seed.replace(b"3645", str(1000 + k).encode()) for k in range(copies))


ENGLISH = ("MINISTRY OF FINANCE\n\nNo. 123/2024\n\nDear Sir or Madam,\n\nWe are pleased to inform you that the annual "
           "report will be published on 5 March 2024. Please send your comments before the end of the month.\n\n"
           "Yours faithfully,\nJohn Smith\nDirector\n")
CHINESE = ("中华人民共和国财政部\n\n关于二〇二四年预算执行情况的通知\n\n各省、自治区、直辖市财政厅：\n\n"
           "根据国务院的部署，现将有关事项通知如下。请各地认真贯彻执行。\n\n财政部\n二〇二四年三月五日\n")


# --- the cases -------------------------------------------------------------------------------

def write_bad_files(folder: Path, limits: Limits = LIMITS, big_text_mb: int = BIG_TEXT_MB) -> dict[str, Expected]:
    """Write every bad case under ``folder``; return {manifest path: Expected} for a run with ``limits``."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Expected] = {}

    def put(name: str, data: bytes, want: Expected) -> None:
        (folder / name).write_bytes(data)
        expected[name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")] = want  # as listed

    letter = pdf([((595, 842), letter_stream(), None)])
    page = scan()
    put("empty.txt", b"", Expected("failed", "empty file", 5))  # the same (no) content, yet no duplicate
    put("empty.pdf", b"", Expected("failed", "empty file", 5))
    put("truncated.pdf", letter[: len(letter) // 2], Expected("failed", "corrupt or truncated PDF", 5))
    put("corrupt.pdf", b"%PDF-1.4\n" + random.Random(1).randbytes(20_000), Expected("failed", "PDF", 5))
    put("encrypted-open.pdf", pdf([((595, 842), letter_stream(), None)], user=""),
        Expected("ok", text="Uy ban nhan dan tinh yeu cau So Tai chinh"))
    put("encrypted-locked.pdf", pdf([((595, 842), letter_stream(), None)], user="secret"),
        Expected("failed", "encrypted PDF: a password is required", 5))
    pages = limits.max_pages * 15
    put("many-pages.pdf", pdf([((595, 842), b"", None)], repeat=pages),
        Expected("failed", f"too many pages: {pages} (limit {limits.max_pages})", 5))
    put("wide-page.pdf", pdf([((4800, 4800), b"q 4800 0 0 4800 0 0 cm /Im1 Do Q", _jpeg(page))]),
        Expected("ok", "dpi", 30, text="Cần Thơ"))
    put("bomb.png", png_bomb(60_000, 60_000), Expected("failed", "image too large", 5))
    put("bomb.tif", tiff_bomb(50_000, 50_000), Expected("failed", "image too large", 5))
    put("bomb-flate.pdf", flate_bomb(2), Expected("failed", "decompression bomb", 10))
    put("pdf-named.docx", pdf([((595, 842), letter_stream(), None)], flate=True),
        Expected("ok", "PDF named .docx", text="Uy ban nhan dan tinh"))
    put("png-named.pdf", _png(page), Expected("ok", "image named .pdf", 30, text="Cần Thơ"))
    put("docx-named.txt", _docx(seed_variant(1)), Expected("ok", "Word document named .txt", text="Cần Thơ"))
    put("cp1258.txt", to_cp1258(seed_variant(2)), Expected("ok", "cp1258", text="Ủy ban nhân dân thành phố Cần Thơ"))
    put("utf16-bom.txt", seed_variant(3).encode("utf-16"), Expected("ok", text="Ủy ban nhân dân thành phố Cần Thơ"))
    put("utf16-nobom.txt", seed_variant(4).encode("utf-16-le"),
        Expected("ok", "UTF-16", text="Ủy ban nhân dân thành phố Cần Thơ"))
    put("mixed-encoding.txt", seed_variant(5).encode() + "\nRéférence: café, déjà vu.\n".encode("latin-1"),
        Expected("ok", "UTF-8", text="Ủy ban nhân dân thành phố Cần Thơ"))
    put("junk.txt", random.Random(2).randbytes(100_000), Expected("failed", "binary data", 5))
    put("english.txt", ENGLISH.encode(), Expected("ok", "", 10))  # Latin letters: no way to tell
    put("chinese.txt", CHINESE.encode(), Expected("ok", "does not look Vietnamese", 10))
    names = {"line\nbreak.txt": 6, "  spaced  name .txt": 7, "quote's \"double\".txt": 8,
             unicodedata.normalize("NFD", "Quyết định số 5.txt"): 9, "Công văn " * 22 + ".txt": 10}
    for name, k in names.items():
        put(name, seed_variant(k).encode(), Expected("ok", text="Cần Thơ"))
    put(os.fsdecode(b"bad-\xff\xfe-bytes.txt"), seed_variant(11).encode(), Expected("ok", text="Cần Thơ"))
    put("giant.txt", big_text(big_text_mb), Expected("partial", "characters (limit: --max-chars)", 40))
    links = folder / "links"
    links.mkdir(exist_ok=True)
    (folder.parent / "outside-secret.txt").write_text("not yours", encoding="utf-8")
    for name, target in {"loop": "..", "self.txt": "self.txt", "outside.txt": "../../outside-secret.txt"}.items():
        (links / name).symlink_to(target)
        expected[f"links/{name}"] = Expected("skipped", "symbolic link", 1)
    if os.geteuid() != 0:  # root reads anything: the case cannot happen
        put("unreadable.txt", seed_variant(12).encode(), Expected("failed", "Permission denied", 1))
        (folder / "unreadable.txt").chmod(0)
    return expected
