"""Signers from the parts of the closing lines (see ``closing_parts``): TM./KT./TL./TUQ./Q. chains,
positions, names; joint signing in columns.

Titles open signers; a run of names goes to the signers opened since the previous run, in order, so the
flattened columns "title A, title B, name A, name B" give two signers. One name under several
titles is one signer whose titles were stacked ("KT. BỘ TRƯỞNG, / CHỦ NHIỆM / PHÓ CHỦ NHIỆM").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.conventions.casing import name_case, position_case
from pipeline.structure.closing_parts import SIGNED, Part, authority_code, explode, join_wrapped, normalize_authority
from pipeline.structure.lines import Line
from pipeline.textnorm import fold


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
        tm = [c for c in self.chain if authority_code(c) == "TM"]
        other = [c for c in self.chain if c not in tm]
        on_behalf = position_case(normalize_authority(tm[0])) if tm else None
        authority = " / ".join(position_case(normalize_authority(c)) for c in other) or None
        return authority, on_behalf


def parse_signatures(lines: list[Line], skip: set[int]) -> list[SignerDraft]:
    """Signers from the closing lines (``skip``: indices already used, e.g. the Nơi nhận list)."""
    lines, skip = join_wrapped(lines, skip)
    parts = [p for i, line in enumerate(lines) if i not in skip for p in explode(line, i)]
    titled = any(p.kind in ("authority", "title") for p in parts)
    signers: list[SignerDraft] = []
    block: list[SignerDraft] = []  # opened since the last run of names
    names: list[Part] = []
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


def _open(block: list[SignerDraft], part: Part) -> None:
    """Add an authority, title or org part to the open signer, or open a new one."""
    cur = block[-1] if block else None
    if part.kind == "authority":
        new = cur is None or bool(cur.positions) or authority_code(part.text) in {authority_code(c) for c in cur.chain}
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


def _assign(block: list[SignerDraft], names: list[Part], titled: bool, lines: list[Line]) -> list[SignerDraft]:
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


def _looks_signed(lines: list[Line], i: int) -> bool:
    """A name with no title counts only near the end or next to "(Đã ký)"."""
    near = lines[max(0, i - 1):i + 1]
    return i >= len(lines) - 3 or any(SIGNED.search(x.text) for x in near)


def position_text(draft: SignerDraft) -> str | None:
    """The signer's own position in running-text case; stacked offices joined by a comma."""
    return ", ".join(position_case(p) for p in draft.positions) or None
