"""Closing lines cut into parts: authority (TM./KT./TL./TUQ./Q.), title, organization, name.

A line may hold a whole flattened signature ("KT. BỘ TRƯỞNG THỨ TRƯỞNG (Đã ký) Đỗ Hoàng Anh Tuấn")
or a piece a narrow column wrapped ("TM. ỦY BAN" / "NHÂN DÂN"). Wrapped lines are rejoined;
placeholders, ranks and degrees are blanked (offsets kept); what remains is read as upper-case runs
(authority, title, organization) and runs of capitalized syllables (a name). ``signature`` assembles
signers from the parts; :func:`opens_signature` tells where a closing starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.conventions.casing import TITLE_RE, TITLE_WORDS
from pipeline.conventions.syllables import is_syllable
from pipeline.structure.lines import Line, is_person_name, is_upper
from pipeline.textnorm import LOWER, UPPER, fold, fold_keep_offsets

_CODES = r"TM|KT|TL|TUQ|T/M|K/T|T/L|T\.M|K\.T|T\.L|Q(?=\s*\.)"
# "KT. BỘ TRƯỞNG", "KT.BỘ TRƯỞNG" and, from OCR, "KT BỘ TRƯỞNG".
_AUTHORITY = re.compile(rf"^({_CODES})\s*(?:[.:,]\s*|\s+)(?=[^\W\d_])")  # "KT," is OCR's "KT."
_AUTHORITY_CUT = re.compile(rf"(?<!\S)(?:{_CODES})\s*(?:[.:]\s*|\s+)(?=[^\W\d_])")
_BARE_AUTHORITY = re.compile(rf"^({_CODES})\s*[.:]?$")
# "(Đã ký)", "(đã kí và đóng dấu)", "[daky]", "(Ký, ghi rõ họ tên)", "(dấu)", a bare "Đã ký".
_SIGNED_WORDS = r"\bđã\s+k[ýí]\b|\bdaky\b"
_BRACKETED = r"[(\[][^()\[\]]{0,60}?\b(?:k[ýí]|daky|dấu)\b[^()\[\]]{0,60}?[)\]]"
_PLACEHOLDER = re.compile(rf"{_BRACKETED}|{_SIGNED_WORDS}", re.I)
SIGNED = re.compile(_SIGNED_WORDS, re.I)  # a name marked signed where it stands
# A military rank or academic degree written before the name ("Thượng tướng Vũ Hải Sản").
_RANK = re.compile(r"(?<!\w)(?:(?:dai|thuong|trung|thieu)\s+(?:tuong|ta|uy)|(?:pho\s+|chuan\s+)?do\s+doc)\s+")
_DEGREE = re.compile(rf"(?<!\S)(?:(?:GS|PGS|TSKH|TS|ThS|BS|KS)\.?[\s,]*)+(?=[{UPPER}][{LOWER}])")
_POSITION_START = re.compile(
    r"^(?:pho |q\. |quyen )?(?:" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + r")\b"
)
_DEPUTY_OR_HEAD = re.compile(r"^(?:PHÓ|TRƯỞNG)\s+\S")  # "PHÓ TRƯỞNG THUẾ TỈNH", "TRƯỞNG PHÒNG"
_PHO = re.compile(r"(?<= )pho (?=\S)")
_WORD = re.compile(r"\S+")
_CAPITALIZED = re.compile(rf"^[{UPPER}][{LOWER}]*$")
_FRAGMENT = re.compile(rf"^[{LOWER}]{{1,3}}$")
_ROMAN = re.compile(r"^[IVXLC]+$")


@dataclass
class Part:
    """A piece of a closing line with its offsets and the index of its line."""

    kind: str  # authority, title, org, name
    text: str
    start: int
    end: int
    line: int


def authority_code(text: str) -> str | None:
    """"T/M BAN BÍ THƯ" -> "TM"; None when ``text`` has no authority prefix."""
    m = _AUTHORITY.match(text) or _BARE_AUTHORITY.match(text)
    return m.group(1).replace("/", "").replace(".", "") if m else None


def normalize_authority(text: str) -> str:
    """"KT.BỘ TRƯỞNG" -> "KT. BỘ TRƯỞNG"; Party "T.M" -> "T/M" (state codes keep their dot)."""
    m = _AUTHORITY.match(text)
    if not m:
        return text
    code = m.group(1).replace(".", "/")
    return (f"{code} " if "/" in code else f"{code}. ") + text[m.end():].strip()


def split_authority(text: str) -> tuple[str | None, str]:
    """"T/M BAN BÍ THƯ" -> ("TM", "BAN BÍ THƯ"); (None, text) without a prefix."""
    m = _AUTHORITY.match(text)
    return (authority_code(text), text[m.end():].strip()) if m else (None, text)


def is_authority_line(text: str) -> bool:
    """A line opening with TM./KT./TL./TUQ./Q. (or T/M, K/T, T/L)."""
    return bool(_AUTHORITY.match(text))


def is_signature_title(text: str) -> bool:
    """An authority ("KT. BỘ TRƯỞNG") or position ("THỨ TRƯỞNG") line of a signature block."""
    return is_authority_line(text) or bool(is_upper(text) and _is_title(text))


def _is_title(text: str) -> bool:
    """A position: a title word ("THỨ TRƯỞNG", "PHÓ CHỦ TỊCH") or any "PHÓ ..." / "TRƯỞNG ..." office."""
    return bool(_POSITION_START.match(fold(text)) or _DEPUTY_OR_HEAD.match(text))


def _blank(text: str) -> str:
    """Placeholders, ranks, degrees and markup become spaces; offsets stay."""
    text = _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)
    folded = fold_keep_offsets(text)
    for m in reversed(list(_RANK.finditer(folded))):
        if text[m.end():m.end() + 1].isupper():
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    text = _DEGREE.sub(lambda m: " " * len(m.group(0)), text)
    return re.sub(r"[*|_#]", " ", text)


def _kind(token: str) -> str:
    """U (upper case), C (capitalized), F (short lower-case fragment), L (other words), P (no letter)."""
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return "P"
    if all(c.isupper() for c in letters):
        return "U"
    core = token.strip(".,;:!?\"'()[]")
    if _CAPITALIZED.match(core):
        return "C"
    return "F" if _FRAGMENT.match(core) else "L"


def explode(line: Line, index: int = 0) -> list[Part]:
    """Parts of a line, flattened or not: "KT. BỘ TRƯỞNG THỨ TRƯỞNG (Đã ký) Đỗ Hoàng Anh Tuấn".

    An upper-case run gives authority, title and org parts; a run of 2-6 capitalized syllables
    right after it (or alone on the line) is a name; anything else ends what the line can say.
    """
    clean = _blank(line.text)
    toks = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(clean)]
    kinds = [_kind(t) for t, _, _ in toks]
    parts: list[Part] = []
    digits = bool(re.search(r"\d", clean))  # "CVD 19619", "PL.(300)": drafter codes, no organization
    prev, i, n = "", 0, len(toks)
    while i < n:
        if _starts_name(toks, kinds, i):
            j = _name_end(toks, kinds, i)
            text = _glue(toks[i:j], kinds[i:j])
            ok = prev in ("", "U") and (j == n or kinds[j] == "U") and _is_name(text)
            if ok:
                parts.append(Part("name", text, line.start + toks[i][1], line.start + toks[j - 1][2], index))
            prev, i = ("N" if ok else "L"), j
        elif kinds[i] == "U":
            j = i + 1
            while j < n and kinds[j] in "UP" and not _starts_name(toks, kinds, j):
                j += 1
            while kinds[j - 1] == "P":
                j -= 1
            a, b = toks[i][1], toks[j - 1][2]
            parts.extend(_head_parts(clean[a:b], line.start + a, index, digits))
            prev, i = "U", j
        else:
            prev, i = (prev if kinds[i] == "P" else "L"), i + 1
    return parts


def _starts_name(toks: list[tuple[str, int, int]], kinds: list[str], i: int) -> bool:
    """A capitalized syllable, or a lone capital before one ("Y Thanh Hà Niê Kđăm")."""
    lone = kinds[i] == "U" and len(toks[i][0]) == 1 and i + 1 < len(toks) and kinds[i + 1] == "C"
    return kinds[i] == "C" or lone


def _name_end(toks: list[tuple[str, int, int]], kinds: list[str], i: int) -> int:
    """End of a name run from ``i``: capitalized syllables, a lone capital ("Văn A"), and short
    lower-case fragments that complete the syllable before them ("Đặ ng Văn Minh", "Ngu y ễn":
    a syllable the crawl or OCR split)."""
    j = i + 1
    while j < len(toks):
        if kinds[j] == "C" or (kinds[j] == "U" and len(toks[j][0]) == 1):
            j += 1
            continue
        k = j
        while k < len(toks) and kinds[k] == "F":
            k += 1
        glued = "".join(t for t, _, _ in toks[j - 1:k]).lower()
        if k == j or k == len(toks) or kinds[k] != "C" or not is_syllable(glued):
            break
        j = k
    return j


def _glue(toks: list[tuple[str, int, int]], kinds: list[str]) -> str:
    """The name a run spells, fragments joined to the syllable before them."""
    out = ""
    for (tok, _, _), kind in zip(toks, kinds, strict=True):
        out += tok if kind == "F" else f" {tok}"
    return out.strip(" ,.;:")


def _is_name(text: str) -> bool:
    """A person's name: 2-6 capitalized syllables, none a roman numeral ("Chương I" is not one);
    the first may be a lone capital ("Y Thanh Hà Niê Kđăm")."""
    words = text.split()
    if not words or any(_ROMAN.match(w) for w in words):
        return False
    return is_person_name(text) or (len(words[0]) == 1 and len(words) > 2 and is_person_name(" ".join(words[1:])))


def _head_parts(head: str, offset: int, index: int, digits: bool) -> list[Part]:
    """An upper-case run cut at its authority prefixes and at the signer's own title."""
    cuts = sorted({0, *(m.start() for m in _AUTHORITY_CUT.finditer(head))})
    parts = []
    for a, b in zip(cuts, [*cuts[1:], len(head)], strict=True):
        for text, at in _split_positions(head[a:b]):
            kind = _classify(text)
            if kind and not (kind == "org" and digits):
                parts.append(Part(kind, text, offset + a + at, offset + a + at + len(text), index))
    return parts


def _classify(text: str) -> str | None:
    """authority, title or org for a piece of an upper-case run (None for a long heading)."""
    if _AUTHORITY.match(text):
        return "authority"
    if _is_title(text):
        return "title"
    return "org" if len(text) < 90 else None


def _split_positions(piece: str) -> list[tuple[str, int]]:
    """"KT. BỘ TRƯỞNG THỨ TRƯỞNG" -> the authority and the own title; "TM. CHÍNH PHỦ THỦ TƯỚNG" too.

    The own title is the last title of the piece, with its "PHÓ"; one after a comma is a second
    office of the same person ("BỘ TRƯỞNG, CHỦ NHIỆM"). After TM. the collective needs two words,
    so "T/M BAN BÍ THƯ" stays whole. Without a prefix, the piece must open with a title.
    """
    lead = len(piece) - len(piece.lstrip())
    text = piece.strip()
    if not text:
        return []
    m = _AUTHORITY.match(text)
    body = m.end() if m else 0
    folded = fold_keep_offsets(text)
    titles = [t.start() for t in TITLE_RE.finditer(folded, body)]
    if m is None and not (titles[:1] == [0] or folded.startswith("pho ")):
        return [(text, lead)]
    starts = sorted({*titles, *(p.start() for p in _PHO.finditer(folded, body))})
    for s in reversed(starts):
        if folded[max(0, s - 4):s] == "pho ":
            s -= 4
        if s <= body or folded[:s].rstrip().endswith(","):
            continue
        if authority_code(text) == "TM" and len(text[body:s].split()) < 2:
            continue
        head = [(t, lead + at) for t, at in _split_positions(text[:s])]
        return [*head, (text[s:].strip(), lead + s)]
    return [(text, lead)]


def join_wrapped(lines: list[Line], skip: set[int]) -> tuple[list[Line], set[int]]:
    """Lines a narrow column wrapped: "KT." + "CHỦ TỊCH", "KT. BỘ TRƯỞNG," + "CHỦ NHIỆM",
    "TM. ỦY BAN" + "NHÂN DÂN", "Mai" + "Sơn"."""
    out: list[Line] = []
    new_skip: set[int] = set()
    for i, line in enumerate(lines):
        a = out[-1].text.strip("*_| ") if out else ""
        b = line.text.strip("*_| ")
        if out and i - 1 not in skip and i not in skip and _continues(a, b):
            out[-1] = Line(f"{a} {b}", out[-1].start, line.end)
            continue
        if i in skip:
            new_skip.add(len(out))
        out.append(line)
    return out, new_skip


def _continues(a: str, b: str) -> bool:
    """Whether line ``b`` finishes line ``a`` (see :func:`join_wrapped`)."""
    if not b:
        return False
    if _BARE_AUTHORITY.match(a):
        return True
    if is_upper(a) and is_upper(b) and not re.search(r"\d", b):
        wrapped_body = _AUTHORITY.match(a) and not is_signature_title(b) and len(b.split()) <= 3
        return a.endswith(",") or bool(wrapped_body)
    return bool(re.fullmatch(rf"[{UPPER}][{LOWER}]+", a)) and _is_name(f"{a} {b}")


def opens_signature(lines: list[Line], i: int) -> bool:
    """Line ``i`` opens a signature: a title with a name on it or a few lines below (placeholders,
    stacked titles between), or a name signed in place ("Nguyễn Văn An (Đã ký)")."""
    kinds = {p.kind for p in explode(lines[i])}
    if not kinds & {"authority", "title"}:
        return "name" in kinds and bool(SIGNED.search(lines[i].text))
    if "name" in kinds:
        return True
    for line in lines[i + 1:i + 5]:
        kinds = {p.kind for p in explode(line)}
        if "name" in kinds:
            return True
        if not kinds and _blank(line.text).strip(" .,;:-"):
            return False
    return False
