"""Signature blocks: TM./KT./TL./TUQ./Q. chains, positions, names; joint signing in columns.

Flattened two-column signatures come as "title A, title B, name A, name B": titles open
signers, names are handed to the open signers in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.conventions.casing import TITLE_RE, TITLE_WORDS, name_case, position_case
from pipeline.structure.lines import Line, is_person_name, is_upper
from pipeline.textnorm import LOWER, UPPER, fold

_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|T/M|K/T|T/L|T\.M|K\.T|T\.L)\s*[.:]?\s+(?=\S)")
_PLACEHOLDER = re.compile(
    r"\(?\[?\s*(?:đã ký|Đã ký|ĐÃ KÝ|ký tên[^)]*|đã ký và đóng dấu|chữ ký[^)]*|dấu)\s*\]?\)?", re.I
)
_POSITION_START = re.compile(
    r"^(?:pho |q\. |quyen )?(?:" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + r")\b"
)
_NAME_TAIL = re.compile(rf"((?:\s+[{UPPER}][{LOWER}]+){{2,6}})\s*$")


@dataclass
class SignerDraft:
    """A signature being assembled from its lines; fields as written (upper case)."""

    chain: list[str] = field(default_factory=list)
    org: str | None = None
    position: str | None = None
    name: str | None = None
    start: int = 0
    end: int = 0

    def authority_parts(self) -> tuple[str | None, str | None]:
        """(authority, on_behalf_of) in running-text case: ("KT. Chủ tịch", "TM. Ủy ban nhân dân")."""
        tm = [c for c in self.chain if c.upper().startswith(("TM", "T/M", "T.M"))]
        other = [c for c in self.chain if c not in tm]
        on_behalf = position_case(_normalize_prefix(tm[0])) if tm else None
        authority = " / ".join(position_case(_normalize_prefix(c)) for c in other) or None
        return authority, on_behalf


def _normalize_prefix(text: str) -> str:
    """"KT.BỘ TRƯỞNG" -> "KT. BỘ TRƯỞNG"; Party "T.M" -> "T/M" (state codes keep their dot)."""
    m = _AUTHORITY.match(text)
    if not m:
        return text
    code = m.group(1).replace(".", "/")
    return (f"{code} " if "/" in code else f"{code}. ") + text[m.end():].strip()


def _explode(line: Line) -> list[tuple[str, int, int]]:
    """Split a flattened line "KT. BỘ TRƯỞNG THỨ TRƯỞNG (Đã ký) Đỗ Hoàng Anh Tuấn" into its parts."""
    text = line.text
    parts: list[tuple[str, int, int]] = []
    clean = _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text).replace("*", " ")
    name = _NAME_TAIL.search(clean)
    head_end = len(clean)
    if name and is_upper(clean[: name.start()]) and clean[: name.start()].strip():
        head_end = name.start()
    head = clean[:head_end]
    # authority prefixes inside the head start new parts
    cuts = [m.start() for m in re.finditer(r"(?:^|\s)(?:TM|KT|TL|TUQ|T/M|K/T|T/L)\s*\.?\s+", head)]
    cuts = sorted({0, *(c if head[c] != " " else c + 1 for c in cuts)})
    for a, b in zip(cuts, [*cuts[1:], head_end], strict=True):
        piece = head[a:b]
        parts.extend(_split_positions(piece, line.start + a))
    if head_end < len(clean):
        n = clean[head_end:]
        lead = len(n) - len(n.lstrip())
        parts.append((n.strip(), line.start + head_end + lead, line.start + head_end + lead + len(n.strip())))
    return [p for p in parts if p[0]]


def _split_positions(piece: str, offset: int) -> list[tuple[str, int, int]]:
    """"BỘ TRƯỞNG THỨ TRƯỞNG" (no prefix) -> two title parts; "KT. BỘ TRƯỞNG" stays one."""
    stripped = piece.strip()
    lead = len(piece) - len(piece.lstrip())
    if _AUTHORITY.match(stripped):
        m = _AUTHORITY.match(stripped)
        rest = stripped[m.end():]
        titles = list(TITLE_RE.finditer(fold(rest)))
        if len(titles) >= 2 and titles[-1].start() > 0 and fold(rest)[titles[-1].start() - 1] == " ":
            own = titles[-1].start()
            if fold(rest)[max(0, own - 4):own] == "pho ":
                own -= 4
            first = stripped[: m.end() + own].strip()
            second = rest[own:].strip()
            return [(first, offset + lead, offset + lead + len(first)),
                    (second, offset + lead + m.end() + own, offset + lead + m.end() + own + len(second))]
    return [(stripped, offset + lead, offset + lead + len(stripped))] if stripped else []


def parse_signatures(lines: list[Line], skip: set[int]) -> list[SignerDraft]:
    """Signers from the closing lines (``skip``: indices already used, e.g. the Nơi nhận list)."""
    lines, skip = _join_wrapped_names(lines, skip)
    signers: list[SignerDraft] = []
    open_signers: list[SignerDraft] = []  # titled, waiting for a name
    current: SignerDraft | None = None
    for i, line in enumerate(lines):
        if i in skip:
            continue
        for text, start, end in _explode(line):
            folded = fold(text)
            if _AUTHORITY.match(text):
                if current is None or current.position or current.name:
                    current = SignerDraft(start=start)
                    signers.append(current)
                current.chain.append(text)
            elif is_person_name(text) and (open_signers or current or _looks_signed(lines, i)):
                target = open_signers.pop(0) if open_signers else current
                if target is None or target.name:
                    target = SignerDraft(start=start)
                    signers.append(target)
                target.name, target.end = name_case(text), end
                if target is current:
                    current = None
            elif is_upper(text) and len(text) < 90 and _POSITION_START.match(folded):
                if current is None or current.position or current.name:
                    current = SignerDraft(start=start)
                    signers.append(current)
                current.position, current.end = text, end
                open_signers.append(current)
            elif is_upper(text) and len(text) < 90 and not re.search(r"\d", text):
                if current is None or current.position or current.org or current.name:
                    current = SignerDraft(start=start)
                    signers.append(current)
                current.org = text
    return [s for s in signers if s.name or s.position]


def _join_wrapped_names(lines: list[Line], skip: set[int]) -> tuple[list[Line], set[int]]:
    """"Vũ" + "Chiến Thắng" on two lines is one name."""
    out: list[Line] = []
    new_skip: set[int] = set()
    for i, line in enumerate(lines):
        prev = out[-1] if out else None
        word = line.text.strip("* ")
        if (prev is not None and i - 1 not in skip and i not in skip
                and re.fullmatch(rf"[{UPPER}][{LOWER}]+", prev.text.strip("* "))
                and is_person_name(word)):
            out[-1] = Line(f"{prev.text.strip('* ')} {word}", prev.start, line.end)
            continue
        if i in skip:
            new_skip.add(len(out))
        out.append(line)
    return out, new_skip


def _looks_signed(lines: list[Line], i: int) -> bool:
    """A lone name counts as a signer only near the end, after a placeholder or title."""
    return i >= len(lines) - 3 or (i > 0 and bool(_PLACEHOLDER.search(lines[i - 1].text)))


def position_text(draft: SignerDraft) -> str | None:
    """The signer's own position in running-text case."""
    return position_case(draft.position) if draft.position else None


def is_authority_line(text: str) -> bool:
    """A line opening with TM./KT./TL./TUQ./Q. (or T/M, K/T, T/L)."""
    return bool(_AUTHORITY.match(text))


def is_signature_title(text: str) -> bool:
    """An authority ("KT. BỘ TRƯỞNG") or position ("THỨ TRƯỞNG") line of a signature block."""
    return is_authority_line(text) or bool(is_upper(text) and _POSITION_START.match(fold(text)))
