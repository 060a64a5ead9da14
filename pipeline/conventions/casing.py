"""Putting upper-case letterhead text back into the case running text uses.

"PHÓ CHỦ TỊCH" -> "Phó Chủ tịch"; "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" -> "Ủy ban nhân dân
thành phố Cần Thơ"; "NGUYỄN NGỌC HÀ" -> "Nguyễn Ngọc Hà".
"""

from __future__ import annotations

import re

from pipeline.textnorm import fold

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
    "Chi cục trưởng", "Trưởng khoa", "Chủ trì", "Thành viên",
]
TITLE_WORDS = [fold(t).lower() for t in TITLES]
_TITLE_CAPITALS = {fold(t).lower(): [i for i, c in enumerate(t) if c.isupper()] for t in TITLES}
TITLE_RE = re.compile(r"\b(?:" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + r")\b")
# Words after which the next words are a proper name (place or unit name).
_PLACE_LEADS = re.compile(
    r"(?<!\w)(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường|thị trấn|việt nam|đồng bằng sông|sông)\s+$"
)


ABBREVIATIONS = {"UBND", "HĐND", "TP", "KH&CN", "MTTQ", "BCH", "TW", "UBKT", "BCĐ", "CP", "VN", "ĐBSCL", "TX",
                 "CHXHCN", "KT-XH", "QP-AN", "CNTT", "BHXH", "BHYT", "ĐH", "THPT", "THCS", "GD&ĐT", "VH-TT-DL"}
# Words that end a place name, compared with their marks: "đoạn" ends one, "Đoàn" may be part of a name.
_NOT_NAME = {"giai", "đoạn", "năm", "về", "và", "của", "trên", "trong", "theo", "đến", "tại", "với", "nhằm", "để",
             "giữa", "nhiệm", "kỳ", "tầm", "nhìn", "thuộc", "các", "khóa", "lần", "thứ"}


def sentence_case(text: str) -> str:
    """Lower-case all but the first letter and the names of places that follow "tỉnh", "thành phố"..."""
    out: list[str] = []
    proper = 0  # words left in a place name
    for i, original in enumerate(text.split()):
        w = original.lower()
        if original.rstrip(".,;:") in ABBREVIATIONS:
            w = original
        elif w in ("-", "–"):
            pass
        elif w in _NOT_NAME or not w[:1].isalpha():
            proper = 0
        elif proper or i == 0:
            w = w[:1].upper() + w[1:]
            proper = max(0, proper - 1)
        out.append(w)
        if _PLACE_LEADS.search(" ".join(out[-3:]).lower() + " "):  # with diacritics: "quận", not "quản"
            proper = 4
    return " ".join(out)


def position_case(text: str) -> str:
    """"PHÓ CHỦ TỊCH" -> "Phó Chủ tịch"; "KT. BỘ TRƯỞNG" -> "KT. Bộ trưởng"; keeps prefixes upper."""
    text = " ".join(text.split())
    m = re.match(r"^((?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\.?\s+)?(.*)$", text)
    prefix, rest = (m.group(1) or ""), m.group(2)
    cased = sentence_case(rest)
    folded = fold(cased)
    chars = list(cased)
    for t in TITLE_RE.finditer(folded):
        for i in _TITLE_CAPITALS[t.group(0)]:
            chars[t.start() + i] = chars[t.start() + i].upper()
    return prefix + "".join(chars)


def name_case(text: str) -> str:
    """A person's name with each syllable capitalized."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())
