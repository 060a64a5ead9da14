"""Document types (tên loại) and their official abbreviations, state and Party."""

from __future__ import annotations

import re

from pipeline.textnorm import fold, fold_keep_offsets

# code -> name. Longest names are tried first when matching a title line.
STATE_KINDS: dict[str, str] = {
    "CV": "Công văn", "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình",
    "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản",
    "TTr": "Tờ trình", "HĐ": "Hợp đồng", "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền", "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo", "SY": "Bản sao y", "TrS": "Bản trích sao",
    "SL": "Bản sao lục", "TCT": "Thư công",
    # legal normative documents
    "HP": "Hiến pháp", "BL": "Bộ luật", "L": "Luật", "PL": "Pháp lệnh", "LT": "Lệnh", "NĐ": "Nghị định",
    "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "NQLT": "Nghị quyết liên tịch",
    "VBHN": "Văn bản hợp nhất",
}
PARTY_KINDS: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "KL": "Kết luận", "QC": "Quy chế",
    "QĐi": "Quy định", "TT": "Thông tri", "HD": "Hướng dẫn", "TB": "Thông báo", "BC": "Báo cáo",
    "KH": "Kế hoạch", "CTr": "Chương trình", "TTr": "Tờ trình", "ĐA": "Đề án", "PA": "Phương án",
    "CV": "Công văn", "BB": "Biên bản", "TC": "Thông cáo", "QyĐ": "Quy định",
}
# Spellings of official codes seen in real symbols (no Đ in ASCII crawls, other casing) -> official spelling.
SPELLINGS: dict[str, str] = {"QD": "QĐ", "ND": "NĐ", "CD": "CĐ", "QYĐ": "QyĐ", "QĐI": "QĐi", "Ctr": "CTr", "CTR": "CTr"}
# Older codes (Thông tư 01/2011/TT-BNV) -> today's code: they name the type, the symbol keeps them as issued.
OLD_CODES: dict[str, str] = {"GN": "BGN", "TTH": "BTT", "UQ": "GUQ", "NP": "GNP", "GT": "GGT", "TS": "TrS"}
_NAME_TO_CODE = {fold(name): code for code, name in STATE_KINDS.items()}
_NAME_TO_CODE.update({fold("Kết luận"): "KL", fold("Thông tri"): "TT", fold("Chương trình hành động"): "CTr",
                      fold("Chương trình phối hợp"): "CTr", fold("Chương trình hợp tác"): "CTr",
                      fold("Điều lệ"): "ĐL", fold("Quy hoạch"): "QH", fold("Tuyên bố"): "TBo"})
_EXTRA_NAMES = {"ĐL": "Điều lệ", "QH": "Quy hoạch", "TBo": "Tuyên bố"}
_NAMES_LONGEST_FIRST = sorted(_NAME_TO_CODE, key=len, reverse=True)
# Letter-spaced or OCR-split type lines ("Q U Y Ế T  Đ Ị N H", "K ÉT LUẬN") compared without spaces.
_SPACELESS_TO_CODE = {name.replace(" ", ""): code for name, code in _NAME_TO_CODE.items()}
#: Every type name as written in running text ("Nghị định", "Chương trình hành động"), longest first.
TYPE_NAMES = sorted({*STATE_KINDS.values(), *PARTY_KINDS.values(), *_EXTRA_NAMES.values(), "Kết luận", "Thông tri",
                     "Chương trình hành động", "Chương trình phối hợp", "Chương trình hợp tác"}, key=len, reverse=True)
_NAMES = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in _NAMES_LONGEST_FIRST)
_TITLE_LINE = re.compile(rf"^(?:{_NAMES})(?=$|[\s:(]|\s*(?:khan|hoa toc|thuong khan))")
_NAME_AT_END = re.compile(rf"(?<![a-z])(?:{_NAMES})\W*$")


def spell_code(code: str) -> str:
    """Official spelling of a type code as written in a symbol: "Ctr" -> "CTr", "QD" -> "QĐ", "UQ" stays."""
    if code in STATE_KINDS or code in PARTY_KINDS:
        return code
    if code in SPELLINGS:
        return SPELLINGS[code]
    upper = code.upper()
    for known in (*STATE_KINDS, *PARTY_KINDS):
        if known.upper() == upper:
            return known
    return SPELLINGS.get(upper, code)


def normalize_code(code: str) -> str:
    """Today's type code of a written one: spelling fixed ("QD" -> "QĐ"), older codes mapped ("UQ" -> "GUQ")."""
    spelled = spell_code(code)
    return OLD_CODES.get(spelled, OLD_CODES.get(spelled.upper(), spelled))


def is_kind_code(code: str) -> bool:
    """Is this a type code (as found before the issuer in a symbol)?"""
    c = normalize_code(code)
    return c in STATE_KINDS or c in PARTY_KINDS


def kind_name(code: str | None, *, party: bool = False) -> str | None:
    """Full type name of a code; Party meanings where they differ (TT = Thông tri)."""
    if code is None:
        return None
    table = PARTY_KINDS if party and code in PARTY_KINDS else STATE_KINDS
    return table.get(code) or PARTY_KINDS.get(code) or _EXTRA_NAMES.get(code)


def kind_from_name(text: str) -> str | None:
    """Code of a type name written at the start of ``text`` ("QUYẾT ĐỊNH", "Nghị định số ...")."""
    m = _TITLE_LINE.match(fold(text).strip())
    return _NAME_TO_CODE[" ".join(m.group(0).split())] if m else None


def kind_prefix(text: str) -> tuple[str, int] | None:
    """Code and length of the type name opening ``text`` ("Công văn số 17809/BTC-CTK" -> ("CV", 8))."""
    m = _TITLE_LINE.match(fold_keep_offsets(text.lower()))
    return (_NAME_TO_CODE[" ".join(m.group(0).split())], m.end()) if m else None


def title_prefix_kind(text: str) -> tuple[str, int] | None:
    """Like :func:`kind_prefix` for an upper-case type name only: "CHỈ THỊ VỀ CÔNG TÁC ..." -> ("CT", 7).

    A flattened header runs the type line into its trích yếu; running text ("Chỉ thị số ...") is not a title.
    """
    found = kind_prefix(text)
    return found if found and not any(c.islower() for c in text[:found[1]]) else None


def ends_with_kind_name(text: str) -> bool:
    """Whether ``text`` ends with a type name ("... KẾ HOẠCH", "theo Quyết định"): a citation follows."""
    return bool(_NAME_AT_END.search(fold(text)))


def title_line_kind(line: str) -> str | None:
    """Code when ``line`` is a type-name title line (the whole line, upper case, maybe "KHẨN")."""
    stripped = line.strip()
    if not stripped or stripped.endswith(":") or stripped != stripped.upper():
        return None
    folded = fold(stripped)
    folded = re.sub(r"\s+(khan|hoa toc|thuong khan)$", "", folded)
    return _NAME_TO_CODE.get(folded) or _SPACELESS_TO_CODE.get(folded.replace(" ", ""))
