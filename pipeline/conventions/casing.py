"""Putting upper-case letterhead text back into the case running text uses.

"PHÓ CHỦ TỊCH" -> "Phó Chủ tịch"; "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" -> "Ủy ban nhân dân
thành phố Cần Thơ"; "NGUYỄN NGỌC HÀ" -> "Nguyễn Ngọc Hà".
"""

from __future__ import annotations

import re

from pipeline.textnorm import fold, fold_keep_offsets

# Vietnamese family names (Kinh, Tày, Nùng, Thái, Mông, Hoa ...). The common ones are safe to read as the start of a
# name anywhere, even in upper-case text ("NGUYỄN VĂN HÒA" is not "văn hóa"); the rest only where a name is expected.
# Left out: family names that are far more often a word or a place ("Văn", "Đồng", "Giang", "Hoa", "Yên").
COMMON_SURNAMES = frozenset({
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Đinh", "Trương", "Lưu", "Đoàn", "Trịnh", "Mai", "Lâm", "Tạ", "Cao", "Quách", "Lương", "Châu", "Tô",
    "Phùng", "Tăng", "Vương", "Kiều", "Thái", "Đào", "Chu", "Hà"
})
SURNAMES = COMMON_SURNAMES | frozenset({
    "Lại", "Triệu", "Mạc", "Tôn", "Hứa", "La", "Đàm", "Âu", "Thân", "Nông", "Lò", "Hầu", "Giàng", "Sùng", "Vi",
    "Doãn", "Chẩu", "Khổng", "Khúc", "Lục", "Lữ", "Lã", "Mã", "Ninh", "Ông", "Phí", "Quan", "Tiêu", "Tống", "Từ",
    "Ứng", "Giáp",
    "Hàn", "Kim", "Diệp", "Nghiêm", "Bạch", "Cù", "Cấn", "Lăng", "Lạc", "Nhữ", "Ôn", "Sầm", "Thạch", "Thiều",
    "Trình", "Vy", "Bế", "Thào", "Vàng", "Mùa", "Cầm", "Quàng", "Điêu", "Tòng", "Khương", "Kha", "Dư", "Tiết",
    "Nhan", "Mẫn", "Bành", "Biện", "Lỗ", "Viên", "Đậu", "Trang", "Mạnh", "Ngọ", "Tất", "Đổng", "Trưng"
})

# Titles whose parts are each capitalized ("Phó Thủ tướng"); matched on folded text.
# Positions as written in running text: the capitals of each title are where the official spelling puts them.
TITLES = [
    "Chủ tịch nước", "Chủ tịch", "Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Giám đốc", "Tổng Giám đốc",
    "Chánh Văn phòng", "Chánh án", "Viện trưởng", "Tổng Kiểm toán", "Tổng cục trưởng", "Cục trưởng",
    "Vụ trưởng", "Trưởng ban", "Bí thư", "Tổng Bí thư", "Chủ nhiệm", "Trưởng phòng", "Hiệu trưởng",
    "Tổng Thư ký", "Thư ký", "Chánh Thanh tra", "Tổng Thanh tra", "Thống đốc", "Ủy viên", "Trưởng đoàn",
    "Chi cục trưởng", "Trưởng khoa", "Chủ trì", "Thành viên", "Thường trực Ban Bí thư", "Bí thư Thường trực",
]
TITLE_WORDS = [fold(t).lower() for t in TITLES]
TITLE_RE = re.compile(r"\b(?:" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + r")\b")
# Bodies whose names keep their capitals in running text ("của Bộ Chính trị", "T/M Ban Thường vụ").
BODIES = [
    "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Ban Thường vụ",
    "Ban Chấp hành", "Văn phòng Trung ương Đảng", "Ủy ban Kiểm tra Trung ương", "Ủy ban Kiểm tra",
    "Đảng Cộng sản Việt Nam", "Quốc hội", "Ủy ban Thường vụ Quốc hội", "Chính phủ",
    "Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc",
]
_CAPITALS = {fold(t).lower(): [i for i, c in enumerate(t) if c.isupper()] for t in [*TITLES, *BODIES]}
_BODY_RE = re.compile(r"\b(?:" + "|".join(sorted((fold(b).lower() for b in BODIES), key=len, reverse=True)) + r")\b")
# "Đảng" the Party is capitalized; "đảng viên", "đảng bộ", "đảng ủy", "đảng đoàn" ... are common nouns.
_PARTY_WORD = re.compile(
    r"(?<!can su )(?<!to chuc )(?<!cap uy )(?<!ban )(?<!chi bo )"
    r"\bdang\b(?! (?:vien|bo|uy|doan|phai|phi|tich|kinh|sam)\b)"
)
# Words after which the next words are a proper name (place or unit name).
_PLACE_LEADS = re.compile(
    r"(?<!\w)(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường|thị trấn|việt nam|đồng bằng sông|sông|"
    r"(?:tỉnh|thành|huyện|quận|thị) (?:ủy|uỷ))\s+$"
)


ABBREVIATIONS = {"UBND", "HĐND", "TP", "KH&CN", "MTTQ", "BCH", "TW", "UBKT", "BCĐ", "CP", "VN", "ĐBSCL", "TX",
                 "CHXHCN", "KT-XH", "QP-AN", "CNTT", "BHXH", "BHYT", "ĐH", "THPT", "THCS", "GD&ĐT", "VH-TT-DL"}
# Words that end a place name, compared with their marks: "đoạn" ends one, "Đoàn" may be part of a name.
_NOT_NAME = {"giai", "đoạn", "năm", "về", "và", "của", "trên", "trong", "theo", "đến", "tại", "với", "nhằm", "để",
             "giữa", "nhiệm", "kỳ", "tầm", "nhìn", "thuộc", "các", "khóa", "lần", "thứ"}


# A Roman numeral after these stays upper case: "khóa XVI", "lần thứ XIII", "Chương II".
_ROMAN = re.compile(r"^\(?[IVXL]+[).,;:]*$")
_NUMBERED = {"khóa", "khoá", "(khóa", "(khoá", "thứ", "chương", "phần", "mục", "hội"}


def sentence_case(text: str) -> str:
    """Lower-case all but the first letter and the names of places that follow "tỉnh", "thành phố"..."""
    out: list[str] = []
    proper = 0  # words left in a place name
    for i, original in enumerate(text.split()):
        w = original.lower()
        if original.rstrip(".,;:") in ABBREVIATIONS or (_ROMAN.match(original) and out and out[-1] in _NUMBERED):
            w = original
        elif w in ("-", "–"):
            pass
        elif w in _NOT_NAME or not w[:1].isalpha() or (i and w in ("ủy", "uỷ")):  # "tỉnh ủy" names no place
            proper = 0
        elif proper or i == 0:
            w = w[:1].upper() + w[1:]
            proper = max(0, proper - 1)
        out.append(w)
        if _PLACE_LEADS.search(" ".join(out[-3:]).lower() + " "):  # with diacritics: "quận", not "quản"
            proper = 4
    return _capitalize(" ".join(out), _BODY_RE)


def _capitalize(cased: str, names: re.Pattern[str]) -> str:
    """Put back the official capitals of the titles or bodies ``names`` finds in lower-cased ``cased``."""
    folded = fold_keep_offsets(cased.lower())
    chars = list(cased)
    for t in names.finditer(folded):
        for i in _CAPITALS[t.group(0)]:
            chars[t.start() + i] = chars[t.start() + i].upper()
    if names is _BODY_RE:
        for t in _PARTY_WORD.finditer(folded):
            if cased[t.start():t.end()] == "đảng":  # not "đăng", "dạng" ...
                chars[t.start()] = "Đ"
    return "".join(chars)


def position_case(text: str) -> str:
    """"PHÓ CHỦ TỊCH" -> "Phó Chủ tịch"; "KT. BỘ TRƯỞNG" -> "KT. Bộ trưởng"; keeps prefixes upper."""
    text = " ".join(text.split())
    m = re.match(r"^((?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\.?\s+)?(.*)$", text)
    prefix, rest = (m.group(1) or ""), m.group(2)
    return prefix + _capitalize(sentence_case(rest), TITLE_RE)


def name_case(text: str) -> str:
    """A person's name with each syllable capitalized."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())
