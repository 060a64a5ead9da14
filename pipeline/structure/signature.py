"""Signature blocks: TM./KT./TL./TUQ./Q. chains, positions, names; joint signing in columns.

Each closing line is cut into parts: authority, title, organization, name. Titles open
signers; a run of names goes to the signers opened since the previous run, in order, so the
flattened columns "title A, title B, name A, name B" give two signers. One name under several
titles is one signer whose titles were stacked ("KT. BỘ TRƯỞNG, / CHỦ NHIỆM / PHÓ CHỦ NHIỆM").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.conventions.casing import TITLE_RE, TITLE_WORDS, name_case, position_case
from pipeline.conventions.syllables import is_syllable
from pipeline.structure.lines import Line, is_person_name, is_upper
from pipeline.textnorm import LOWER, UPPER, fold, fold_keep_offsets

_CODES = r"TM|KT|TL|TUQ|T/M|K/T|T/L|T\.M|K\.T|T\.L|Q(?=\s*\.)"
# "KT. BỘ TRƯỞNG", "KT.BỘ TRƯỞNG" and, from OCR, "KT BỘ TRƯỞNG".
_AUTHORITY = re.compile(rf"^({_CODES})\s*(?:[.:]\s*|\s+)(?=[^\W\d_])")
_AUTHORITY_CUT = re.compile(rf"(?<!\S)(?:{_CODES})\s*(?:[.:]\s*|\s+)(?=[^\W\d_])")
_BARE_AUTHORITY = re.compile(rf"^({_CODES})\s*[.:]?$")
# "(Đã ký)", "(đã kí và đóng dấu)", "[daky]", "(Ký, ghi rõ họ tên)", "(dấu)", a bare "Đã ký".
_SIGNED_WORDS = r"\bđã\s+k[ýí]\b|\bdaky\b"
_BRACKETED = r"[(\[][^()\[\]]{0,60}?\b(?:k[ýí]|daky|dấu)\b[^()\[\]]{0,60}?[)\]]"
_PLACEHOLDER = re.compile(rf"{_BRACKETED}|{_SIGNED_WORDS}", re.I)
_SIGNED = re.compile(_SIGNED_WORDS, re.I)
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
class SignerDraft:
    """A signature being assembled from its parts; fields as written (upper case)."""

    chain: list[str] = field(default_factory=list)
    org: str | None = None
    positions: list[str] = field(default_factory=list)
    name: str | None = None
    start: int = 0
    end: int = 0

    def authority_parts(self) -> tuple[str | None, str | None]:
        """(authority, on_behalf_of) in running-text case: ("KT. Chủ tịch", "TM. Ủy ban nhân dân")."""
        tm = [c for c in self.chain if _code(c) == "TM"]
        other = [c for c in self.chain if c not in tm]
        on_behalf = position_case(_normalize_prefix(tm[0])) if tm else None
        authority = " / ".join(position_case(_normalize_prefix(c)) for c in other) or None
        return authority, on_behalf


@dataclass
class _Part:
    """A piece of a closing line with its offsets and the index of its line."""

    kind: str  # authority, title, org, name
    text: str
    start: int
    end: int
    line: int


def _code(text: str) -> str | None:
    """"T/M BAN BÍ THƯ" -> "TM"; None when ``text`` has no authority prefix."""
    m = _AUTHORITY.match(text) or _BARE_AUTHORITY.match(text)
    return m.group(1).replace("/", "").replace(".", "") if m else None


def _normalize_prefix(text: str) -> str:
    """"KT.BỘ TRƯỞNG" -> "KT. BỘ TRƯỞNG"; Party "T.M" -> "T/M" (state codes keep their dot)."""
    m = _AUTHORITY.match(text)
    if not m:
        return text
    code = m.group(1).replace(".", "/")
    return (f"{code} " if "/" in code else f"{code}. ") + text[m.end():].strip()


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


def _explode(line: Line, index: int = 0) -> list[_Part]:
    """Parts of a line, flattened or not: "KT. BỘ TRƯỞNG THỨ TRƯỞNG (Đã ký) Đỗ Hoàng Anh Tuấn".

    An upper-case run gives authority, title and org parts; a run of 2-6 capitalized syllables
    right after it (or alone on the line) is a name; anything else ends what the line can say.
    """
    clean = _blank(line.text)
    toks = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(clean)]
    kinds = [_kind(t) for t, _, _ in toks]
    parts: list[_Part] = []
    digits = bool(re.search(r"\d", clean))  # "CVD 19619", "PL.(300)": drafter codes, no organization
    prev, i, n = "", 0, len(toks)
    while i < n:
        if _starts_name(toks, kinds, i):
            j = _name_end(toks, kinds, i)
            text = _glue(toks[i:j], kinds[i:j])
            ok = prev in ("", "U") and (j == n or kinds[j] == "U") and _is_name(text)
            if ok:
                parts.append(_Part("name", text, line.start + toks[i][1], line.start + toks[j - 1][2], index))
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


def _head_parts(head: str, offset: int, index: int, digits: bool) -> list[_Part]:
    """An upper-case run cut at its authority prefixes and at the signer's own title."""
    cuts = sorted({0, *(m.start() for m in _AUTHORITY_CUT.finditer(head))})
    parts = []
    for a, b in zip(cuts, [*cuts[1:], len(head)], strict=True):
        for text, at in _split_positions(head[a:b]):
            kind = _classify(text)
            if kind and not (kind == "org" and digits):
                parts.append(_Part(kind, text, offset + a + at, offset + a + at + len(text), index))
    return parts


def _classify(text: str) -> str | None:
    """authority, title or org for a piece of an upper-case run (None for a long heading)."""
    if _AUTHORITY.match(text):
        return "authority"
    if _is_title(text):
        return "title"
    return "org" if len(text) < 90 else None


def _is_title(text: str) -> bool:
    """A position: a title word ("THỨ TRƯỞNG", "PHÓ CHỦ TỊCH") or any "PHÓ ..." / "TRƯỞNG ..." office."""
    return bool(_POSITION_START.match(fold(text)) or _DEPUTY_OR_HEAD.match(text))


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
        if _code(text) == "TM" and len(text[body:s].split()) < 2:
            continue
        head = [(t, lead + at) for t, at in _split_positions(text[:s])]
        return [*head, (text[s:].strip(), lead + s)]
    return [(text, lead)]


def parse_signatures(lines: list[Line], skip: set[int]) -> list[SignerDraft]:
    """Signers from the closing lines (``skip``: indices already used, e.g. the Nơi nhận list)."""
    lines, skip = _join_wrapped(lines, skip)
    parts = [p for i, line in enumerate(lines) if i not in skip for p in _explode(line, i)]
    titled = any(p.kind in ("authority", "title") for p in parts)
    signers: list[SignerDraft] = []
    block: list[SignerDraft] = []  # opened since the last run of names
    names: list[_Part] = []
    for part in [*parts, None]:
        if part is not None and part.kind == "name":
            names.append(part)
            continue
        if names:
            signers += _assign(block, names, titled, lines)
            block, names = [], []
        if part is not None:
            _open(block, part)
    return signers


def _open(block: list[SignerDraft], part: _Part) -> None:
    """Add an authority, title or org part to the open signer, or open a new one."""
    cur = block[-1] if block else None
    if part.kind == "authority":
        new = cur is None or bool(cur.positions) or _code(part.text) in {_code(c) for c in cur.chain}
    elif part.kind == "title":
        new = cur is None or bool(cur.positions)
    else:  # an organization line stands above the titles it heads, never below them
        new = cur is None or bool(cur.positions or cur.chain) or cur.org is not None
    if new:
        cur = SignerDraft(start=part.start)
        block.append(cur)
    if part.kind == "authority":
        cur.chain.append(part.text)
    elif part.kind == "title":
        cur.positions.append(part.text)
    else:
        cur.org = part.text
    cur.end = part.end


def _assign(block: list[SignerDraft], names: list[_Part], titled: bool, lines: list[Line]) -> list[SignerDraft]:
    """Hand a run of names to the titled signers of ``block`` in order; stacked titles merge first."""
    heads = [d for d in block if d.chain or d.positions]
    if not heads:  # untitled names count only where no title is seen at all (not drafter initials)
        signed = [] if titled else [n for n in names if _looks_signed(lines, n.line)]
        return [SignerDraft(name=name_case(n.text), start=n.start, end=n.end) for n in signed]
    while len(heads) > len(names):
        j = next((k for k in range(len(heads) - 1, 0, -1) if not heads[k].chain and heads[k].org is None), None)
        if j is None:
            break
        _merge(heads[j - 1], heads.pop(j))
    for draft, name in zip(heads, names, strict=False):
        draft.name, draft.end = name_case(name.text), name.end
    return [d for d in heads if d.name]


def _merge(a: SignerDraft, b: SignerDraft) -> None:
    """A title line under a complete title: the signer's next office, or, for "PHÓ X" under a bare
    "X" (the KT. lost), the head whose authority the deputy signs with."""
    if len(a.positions) == 1 and not a.chain and fold(b.positions[0]) == "pho " + fold(a.positions[0]):
        a.chain, a.positions = [a.positions[0]], []
    a.positions += b.positions
    a.end = b.end


def _join_wrapped(lines: list[Line], skip: set[int]) -> tuple[list[Line], set[int]]:
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
    """Whether line ``b`` finishes line ``a`` (see :func:`_join_wrapped`)."""
    if not b:
        return False
    if _BARE_AUTHORITY.match(a):
        return True
    if is_upper(a) and is_upper(b) and not re.search(r"\d", b):
        wrapped_body = _AUTHORITY.match(a) and not is_signature_title(b) and len(b.split()) <= 3
        return a.endswith(",") or bool(wrapped_body)
    return bool(re.fullmatch(rf"[{UPPER}][{LOWER}]+", a)) and _is_name(f"{a} {b}")


def _looks_signed(lines: list[Line], i: int) -> bool:
    """A name with no title counts only near the end or next to "(Đã ký)"."""
    near = lines[max(0, i - 1):i + 1]
    return i >= len(lines) - 3 or any(_SIGNED.search(x.text) for x in near)


def opens_signature(lines: list[Line], i: int) -> bool:
    """Line ``i`` opens a signature: a title with a name on it or a few lines below (placeholders,
    stacked titles between), or a name signed in place ("Nguyễn Văn An (Đã ký)")."""
    kinds = {p.kind for p in _explode(lines[i])}
    if not kinds & {"authority", "title"}:
        return "name" in kinds and bool(_SIGNED.search(lines[i].text))
    if "name" in kinds:
        return True
    for line in lines[i + 1:i + 5]:
        kinds = {p.kind for p in _explode(line)}
        if "name" in kinds:
            return True
        if not kinds and _blank(line.text).strip(" .,;:-"):
            return False
    return False


def position_text(draft: SignerDraft) -> str | None:
    """The signer's own position in running-text case; stacked offices joined by a comma."""
    return ", ".join(position_case(p) for p in draft.positions) or None


def split_authority(text: str) -> tuple[str | None, str]:
    """"T/M BAN BÍ THƯ" -> ("TM", "BAN BÍ THƯ"); (None, text) without a prefix."""
    m = _AUTHORITY.match(text)
    return (_code(text), text[m.end():].strip()) if m else (None, text)


def is_authority_line(text: str) -> bool:
    """A line opening with TM./KT./TL./TUQ./Q. (or T/M, K/T, T/L)."""
    return bool(_AUTHORITY.match(text))


def is_signature_title(text: str) -> bool:
    """An authority ("KT. BỘ TRƯỞNG") or position ("THỨ TRƯỞNG") line of a signature block."""
    return is_authority_line(text) or bool(is_upper(text) and _is_title(text))
