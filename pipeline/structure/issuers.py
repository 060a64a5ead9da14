"""Issuing bodies from the letterhead lines: wrapped names joined, parents and joint issuers told apart.

"ỦY BAN NHÂN DÂN / THÀNH PHỐ CẦN THƠ" is one name wrapped over two lines; "UBND TỈNH
QUẢNG BÌNH / SỞ NỘI VỤ" is a parent and the issuer; "BỘ KHOA HỌC VÀ CÔNG NGHỆ - / UBND TP.
CẦN THƠ" is two joint issuers. A line starts a new body when it opens with an
organization head word; a trailing or inner " - " before a head word joins issuers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.conventions.casing import sentence_case
from pipeline.model import OrgRef, Span
from pipeline.structure.lines import Line
from pipeline.textnorm import fold

_HEADS = (
    "bo", "so", "ban", "uy ban", "ubnd", "hdnd", "hoi dong", "van phong", "cuc", "tong cuc", "vu", "phong",
    "trung tam", "tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy", "dang bo", "dang doan",
    "chi cuc", "kho bac", "thanh tra", "truong", "vien", "cong ty", "tap doan", "tong cong ty", "benh vien",
    "dai hoi", "toa an", "vien kiem sat", "thu tuong", "chinh phu", "quoc hoi", "chu tich", "ngan hang",
    "bao hiem", "doan", "hoi", "mat tran", "liem doan", "lien doan", "kiem toan", "bch", "bcd", "ubkt",
    "uy ban kiem tra", "chi bo", "cong an", "bo chi huy", "bo tu lenh", "hoc vien", "dai hoc", "dai su quan",
)
_HEAD_RE = re.compile(r"^(?:" + "|".join(sorted(_HEADS, key=len, reverse=True)) + r")\b")
# Words that cannot end a complete name: the line wraps ("ỦY" / "BAN NHÂN DÂN").
_OPEN_ENDINGS = re.compile(r"\b(?:uy|hoi|tong|van|trung|chi|kho|thanh|uy ban|va|cua|thuoc|truc)$")
_JOINT = re.compile(r"\s[-–]\s+(?=\S)")
# Blanks of a form: no body's name starts with "Tên"; "cơ quan trình / thẩm định / phê duyệt" are roles.
_PLACEHOLDER = re.compile(r"^(?:ten\s|co quan (?:trinh|tham dinh|phe duyet)\b|hoi dong\s*(?:tham dinh\s*)?/)")


@dataclass
class IssuerName:
    """One issuing body as written in the letterhead (upper case), with its offsets."""

    text: str
    start: int
    end: int
    parent: str | None = None


def _clean(text: str) -> str:
    return " ".join(text.replace("*", " ").replace("_", " ").split()).strip(" -–")


def group_issuers(lines: list[Line]) -> list[IssuerName]:
    """The issuers named by letterhead lines; several for a joint document, each with its parent."""
    names: list[list] = []  # [text, start, end, joint_with_previous]
    joint_next = False
    for line in lines:
        text = _clean(line.text)
        if not text:
            continue
        pieces = _split_joint(line)
        for k, (piece, start, end) in enumerate(pieces):
            folded = fold(piece)
            continues = (
                names
                and not joint_next
                and k == 0
                and (not _HEAD_RE.match(folded) or _OPEN_ENDINGS.search(fold(names[-1][0])))
            )
            if continues:
                names[-1][0] = f"{names[-1][0]} {piece}"
                names[-1][2] = end
            else:
                names.append([piece, start, end, joint_next or k > 0])
            joint_next = False
        joint_next = bool(re.search(r"[-–]\s*\**\s*$", line.text))
    issuers: list[IssuerName] = []
    parent: str | None = None
    for text, start, end, joint in names:
        if issuers and not joint:
            parent = issuers[-1].text
            issuers.pop()
        issuers.append(IssuerName(text, start, end, parent if not joint else issuers[-1].parent))
    return issuers


def issuer_refs(lines: list[Line]) -> tuple[list[OrgRef], list[str]]:
    """The issuing bodies of letterhead lines as records (names as written, sentence-cased, with spans), and the
    placeholders a blank form has in their place ("TÊN CƠ QUAN, TỔ CHỨC", "CƠ QUAN THẨM ĐỊNH")."""
    refs = [
        OrgRef(name=sentence_case(i.text), text=i.text, span=Span(i.start, i.end),
               parent=sentence_case(i.parent) if i.parent else None)
        for i in group_issuers(lines)
    ]
    return [r for r in refs if not is_placeholder(r.name)], [r.name for r in refs if is_placeholder(r.name)]


def is_placeholder(name: str) -> bool:
    """A form's blank for a body: "Tên tổ chức, cá nhân", "Tên UBND cấp tỉnh", "Cơ quan trình"."""
    return bool(_PLACEHOLDER.match(fold(name)))


def _split_joint(line: Line) -> list[tuple[str, int, int]]:
    """Split "BỘ TÀI CHÍNH - BỘ Y TẾ" at dashes followed by a head word; "LAO ĐỘNG - THƯƠNG BINH" stays."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in _JOINT.finditer(line.text):
        if _HEAD_RE.match(fold(line.text[m.end():])):
            out.append((line.text[pos:m.start()], pos, m.start()))
            pos = m.end()
    out.append((line.text[pos:], pos, len(line.text)))
    return [(_clean(t), line.start + a, line.start + b) for t, a, b in out if _clean(t)]
