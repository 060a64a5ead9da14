"""Plain text and markdown crawls (.txt, .md): decoding and markup removal."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pipeline.extract.errors import ExtractionError
from pipeline.extract.legacy import convert_legacy, detect_legacy, fix_legacy, legacy_warning
from pipeline.extract.textout import join_blocks, split_inline_rules
from pipeline.limits import cut_text
from pipeline.model import Extraction, Page

_SEPARATOR_ROW = re.compile(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?")
_RULE = re.compile(r"[-_=]{3,}")
_HEADING = re.compile(r"#{1,6}\s+")
_STRONG = re.compile(r"\*\*|(?<![_\w])__|__(?![_\w])")
_EM_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[\"'“]))\*(?=[^\s*])")
_EM_CLOSE = re.compile(r"(?<=[^\s*])\*(?=$|[\s.,;:!?)\]\"'”])")
_FOOTNOTE_STAR = re.compile(r"\(\*+\)")
_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that were not UTF-8, kept by "surrogateescape"


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes -> text: BOM, UTF-16 without BOM, UTF-8, then TCVN3/VNI, UTF-8 mixed with cp1258, cp1258 and
    latin-1 with a warning; binary junk raises.

    TCVN3 and VNI text (legacy Vietnamese fonts), as bytes or already decoded to latin-1 characters, is converted
    to Unicode with a warning.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _unicode_legacy(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _unicode_legacy(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise ExtractionError(f"invalid UTF-16 text: {exc}") from exc
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise ExtractionError("binary data, not text (NUL bytes)")
        text, warnings = _unicode_legacy(utf16)
        warnings.insert(0, "UTF-16 text without a byte order mark")
        return text, warnings
    try:
        text, warnings = _unicode_legacy(data.decode("utf-8"))
    except UnicodeDecodeError:
        latin = data.decode("latin-1")
        legacy = detect_legacy(latin)  # before cp1258 turns TCVN3 bytes into combining marks
        escaped = data.decode("utf-8", errors="surrogateescape")
        stray = sum(len(m) for m in _ESCAPED.findall(escaped))
        if legacy:
            text, warnings = convert_legacy(latin, legacy), [legacy_warning(legacy)]
        elif sum(c >= "\x80" for c in escaped) - stray >= stray:  # mostly UTF-8, with pieces of another encoding
            text = _ESCAPED.sub(lambda m: m.group().encode("utf-8", "surrogateescape").decode("cp1258", "replace"),
                                escaped)
            warnings = [f"mixed encodings: UTF-8 with {stray} bytes that are not, decoded as Windows-1258 (cp1258)"]
        else:
            try:
                text, warnings = data.decode("cp1258"), ["not UTF-8: decoded as Windows-1258 (cp1258)"]
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                warnings = ["not UTF-8 nor cp1258: decoded as latin-1, text may be garbled"]
    sample = text[:20000]
    controls = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\t\n\r\f")
    if sample and controls / len(sample) > 0.05:
        raise ExtractionError("binary data, not text (mostly non-printable characters)")
    return text, warnings


def _bomless_utf16(data: bytes) -> str | None:
    """The text of UTF-16 without a byte order mark (NUL high bytes on one side), or None when ``data`` is not."""
    sample = data[:20000]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    encoding = "utf-16-le" if odd > 0.2 * half > 50 * even else "utf-16-be" if even > 0.2 * half > 50 * odd else None
    try:
        return data.decode(encoding) if encoding and len(data) % 2 == 0 else None
    except UnicodeDecodeError:
        return None


def _unicode_legacy(text: str) -> tuple[str, list[str]]:
    """Unicode text that still holds TCVN3/VNI characters (copied from a .VnTime document) -> converted."""
    text, legacy = fix_legacy(text)
    return text, [legacy_warning(legacy)] if legacy else []


def strip_emphasis(line: str) -> str:
    """Remove markdown emphasis markers (**, __, *) but keep rule lines, "*" lines and "(*)"."""
    if line.strip() == "*" or _RULE.fullmatch(line.strip()):
        return line
    parts = _FOOTNOTE_STAR.split(_STRONG.sub("", line))
    stars = _FOOTNOTE_STAR.findall(line)
    out = [_EM_CLOSE.sub("", _EM_OPEN.sub("", part)) for part in parts]
    return "".join(p + s for p, s in zip(out, [*stars, ""], strict=True))


def markup_blocks(text: str) -> list[list[str]]:
    """Lines of a crawl -> blocks: blank lines, lone "|" and table cells delimit blocks."""
    blocks: list[list[str]] = [[]]

    def new_block() -> None:
        if blocks[-1]:
            blocks.append([])

    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped == "|":
            new_block()
            continue
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if _SEPARATOR_ROW.fullmatch(stripped):
                continue
            new_block()
            for cell in stripped[1:-1].split("|"):
                blocks[-1].extend(split_inline_rules(strip_emphasis(cell)))
                new_block()
            continue
        heading = _HEADING.match(stripped)
        if heading:
            new_block()
            blocks[-1].append(strip_emphasis(stripped[heading.end():]))
            new_block()
            continue
        blocks[-1].append(strip_emphasis(raw))
    return blocks


def extract_text_file(path: Path, data: bytes, max_chars: int = 0) -> Extraction:
    """A .txt / .md crawl -> one page of text (method "text"); beyond ``max_chars`` characters, cut."""
    text, warnings = decode(data)
    text, cut = cut_text(text, max_chars)  # before the markup pass (about 1 s per MB)
    if cut:
        warnings.append(cut)
    page = Page(number=1, text=join_blocks(markup_blocks(text)), method="text")
    if not page.text:
        warnings.append("no text in file")
    return Extraction(pages=[page], method="text", warnings=warnings)
