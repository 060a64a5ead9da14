"""Hand-made records shaped like the seed file (cantho_3645_UBND-KGVX): a công văn, part 0,
attaching a draft cooperation programme, part 1. Strings are from the seed text and gold."""

from __future__ import annotations

from pipeline.model import Deadline, Document, Entity, Obligation, OrgRef, Reference, Signer, Source, Span

SHA = "a" * 64
UBND = "org:ubnd-tp-can-tho"
BKHCN = "org:bo-khcn"
SO_KHCN = "org:so-khcn-can-tho"
BCT = "org:bo-chinh-tri"

CV_TEXT = """ỦY BAN NHÂN DÂN
THÀNH PHỐ CẦN THƠ
Số: 3645 /UBND-KGVX
Cần Thơ, ngày 31 tháng 8 năm 2021
V/v đề nghị ký kết Chương trình hợp tác hoạt động khoa học và công nghệ giữa Bộ Khoa học và Công nghệ \
và Ủy ban nhân dân thành phố Cần Thơ giai đoạn 2021-2025
Kính gửi: Bộ Khoa học và Công nghệ.
Nhằm đẩy mạnh phát triển khoa học và công nghệ phục vụ phát triển kinh tế - xã hội thành phố Cần Thơ theo \
tinh thần Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị về xây dựng và phát triển thành \
phố Cần Thơ đến năm 2030, tầm nhìn đến năm 2045 và Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, \
nhiệm kỳ 2020 - 2025, phấn đấu xây dựng thành phố Cần Thơ trở thành thành phố sinh thái.
Ủy ban nhân dân thành phố Cần Thơ kính đề nghị Bộ Khoa học và Công nghệ xem xét thống nhất chủ trương ký kết \
Chương trình hợp tác hoạt động khoa học và công nghệ giai đoạn 2021-2025. Thời gian ký kết dự kiến trong quý IV \
năm 2021; đồng thời, phân công đơn vị thuộc Bộ làm đầu mối để phối hợp với Sở Khoa học và Công nghệ thành phố \
Cần Thơ xây dựng nội dung Chương trình hợp tác./
Nơi nhận:
- Như trên;
- TT. Thành ủy;
- Sở KH&CN;
- Lưu: VT, T(Q)
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Ngọc Hà
"""

CTR_TEXT = """BỘ KHOA HỌC VÀ CÔNG NGHỆ - UBND TP. CẦN THƠ
Số: /CTHT-BKH-CN-UBND
Cần Thơ, ngày tháng năm 2021
(DỰ THẢO)
CHƯƠNG TRÌNH
HỢP TÁC HOẠT ĐỘNG KHOA HỌC VÀ CÔNG NGHỆ GIỮA BỘ KHOA HỌC VÀ CÔNG NGHỆ VÀ ỦY BAN NHÂN DÂN THÀNH PHỐ \
CẦN THƠ GIAI ĐOẠN 2021 – 2025
Nhằm đẩy mạnh phát triển khoa học và công nghệ theo Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của \
Bộ Chính trị về xây dựng và phát triển thành phố Cần Thơ và Nghị quyết đại hội Đảng bộ thành phố Cần Thơ \
lần thứ XIV, nhiệm kỳ 2020 – 2025.
II. NỘI DUNG HỢP TÁC
1. Hỗ trợ thành phố xây dựng và triển khai các Chương trình, Đề án, Chiến lược, Kế hoạch phát triển khoa học \
và công nghệ, đổi mới sáng tạo giai đoạn 2021-2025.
3. Hỗ trợ tiếp tục triển khai Dự án giai đoạn 2 tại Vườn ươm công nghệ công nghiệp Việt Nam – Hàn Quốc.
III. TỔ CHỨC THỰC HIỆN
1. Bộ KH&CN:
- Phối hợp với Bộ Tài chính, Bộ Kế hoạch và Đầu tư xem xét bố trí tăng kinh phí sự nghiệp khoa học và công nghệ.
2. Ủy ban nhân dân thành phố Cần Thơ:
- Đảm bảo bố trí đủ nguồn kinh phí sự nghiệp khoa học và công nghệ hàng năm để đối ứng thực hiện các nhiệm vụ.
Căn cứ các nội dung trong Chương trình hợp tác này, hai bên triển khai xây dựng, tổ chức thực hiện kế hoạch \
hoạt động cụ thể và định kỳ đánh giá hàng năm; tổng kết khi Chương trình kết thúc (cuối năm 2025).
UBND THÀNH PHỐ CẦN THƠ
CHỦ TỊCH
BỘ KHOA HỌC VÀ CÔNG NGHỆ
BỘ TRƯỞNG
Trần Việt Trường
Huỳnh Thành Đạt
"""


def span(text: str, needle: str) -> Span:
    """The span of the first occurrence of ``needle`` in ``text``."""
    start = text.index(needle)
    return Span(start, start + len(needle))


def org(text: str, name: str, id_: str | None, needle: str | None = None) -> OrgRef:
    return OrgRef(name=name, id=id_, text=needle or name, span=span(text, needle or name))


def cong_van() -> Document:
    t = CV_TEXT
    ubnd, bkhcn = "Ủy ban nhân dân thành phố Cần Thơ", "Bộ Khoa học và Công nghệ"
    return Document(
        doc_id="seed-0",
        source=Source(path="seed/cantho_3645_UBND-KGVX.txt", sha256=SHA, part=0),
        text=t,
        kind="CV",
        kind_name="Công văn",
        number="3645",
        symbol="3645/UBND-KGVX",
        issued_date="2021-08-31",
        place="Cần Thơ",
        issuers=[OrgRef(name=ubnd, id=UBND, text="ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ",
                        span=span(t, "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ"))],
        subject="đề nghị ký kết Chương trình hợp tác hoạt động khoa học và công nghệ giữa Bộ Khoa học và "
        "Công nghệ và Ủy ban nhân dân thành phố Cần Thơ giai đoạn 2021-2025",
        recipients=[OrgRef(name=bkhcn, id=BKHCN, text=bkhcn, span=span(t, "Bộ Khoa học và Công nghệ."))],
        distribution=["Như trên", "TT. Thành ủy", "Sở KH&CN", "Lưu: VT, T(Q)"],
        signers=[Signer(name="Nguyễn Ngọc Hà", position="Phó Chủ tịch", authority="KT. Chủ tịch",
                        on_behalf_of="TM. Ủy ban nhân dân", org=ubnd, org_id=UBND, span=span(t, "Nguyễn Ngọc Hà"))],
        references=[
            Reference(text="Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị",
                      span=span(t, "Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị"),
                      kind="NQ", kind_name="Nghị quyết", number="59", symbol="59-NQ/TW", date="2020-08-05",
                      issuer="Bộ Chính trị", issuer_id=BCT,
                      subject="về xây dựng và phát triển thành phố Cần Thơ đến năm 2030, tầm nhìn đến năm 2045"),
            Reference(text="Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 - 2025",
                      span=span(t, "Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 - 2025"),
                      kind="NQ", issuer="Đảng bộ thành phố Cần Thơ",
                      title="Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 - 2025"),
        ],
        obligations=[
            Obligation(
                action="xem xét thống nhất chủ trương ký kết Chương trình hợp tác hoạt động khoa học và công nghệ "
                "giai đoạn 2021-2025",
                span=span(t, "xem xét thống nhất chủ trương ký kết"),
                bearer=OrgRef(name=bkhcn, id=BKHCN), bearers=[OrgRef(name=bkhcn, id=BKHCN)], modality="request",
                deadline=Deadline(text="trong quý IV năm 2021", date="2021-Q4"),
            ),
            Obligation(
                action="phân công đơn vị thuộc Bộ làm đầu mối để phối hợp với Sở Khoa học và Công nghệ thành phố "
                "Cần Thơ xây dựng nội dung Chương trình hợp tác",
                span=span(t, "phân công đơn vị thuộc Bộ làm đầu mối"),
                bearer=OrgRef(name=bkhcn, id=BKHCN), modality="request",
                coordinators=[org(t, "Sở Khoa học và Công nghệ thành phố Cần Thơ", SO_KHCN)],
            ),
        ],
        entities=[
            Entity(label="ORG", text="Bộ Chính trị", span=span(t, "Bộ Chính trị"), id=BCT),
            Entity(label="LOC", text="Cần Thơ", span=span(t, "Cần Thơ")),
        ],
        attachments=["1"],
    )


def chuong_trinh() -> Document:
    t = CTR_TEXT
    ubnd, bkhcn = "Ủy ban nhân dân thành phố Cần Thơ", "Bộ Khoa học và Công nghệ"
    parties = [
        OrgRef(name=bkhcn, id=BKHCN, text="BỘ KHOA HỌC VÀ CÔNG NGHỆ", span=span(t, "BỘ KHOA HỌC VÀ CÔNG NGHỆ")),
        OrgRef(name=ubnd, id=UBND, text="UBND TP. CẦN THƠ", span=span(t, "UBND TP. CẦN THƠ")),
    ]
    bkhcn_short = OrgRef(name=bkhcn, id=BKHCN, text="Bộ KH&CN", span=span(t, "Bộ KH&CN"))
    return Document(
        doc_id="seed-1",
        source=Source(path="seed/cantho_3645_UBND-KGVX.txt", sha256=SHA, part=1),
        text=t,
        kind="CTr",
        kind_name="Chương trình",
        draft=True,
        symbol="/CTHT-BKH-CN-UBND",
        issued_date="2021",
        place="Cần Thơ",
        issuers=parties,
        parties=parties,
        title="Chương trình hợp tác hoạt động khoa học và công nghệ giữa Bộ Khoa học và Công nghệ và Ủy ban nhân "
        "dân thành phố Cần Thơ giai đoạn 2021 – 2025",
        period={"start": "2021", "end": "2025"},
        attached_to="0",
        signers=[
            Signer(name="Trần Việt Trường", position="Chủ tịch", org=ubnd, org_id=UBND,
                   span=span(t, "Trần Việt Trường")),
            # no org_id: resolved by name to the Bộ's node after the last record
            Signer(name="Huỳnh Thành Đạt", position="Bộ trưởng", org=bkhcn, span=span(t, "Huỳnh Thành Đạt")),
        ],
        references=[
            Reference(text="Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị",
                      span=span(t, "Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị"),
                      kind="NQ", symbol="59-NQ/TW", date="2020-08-05", issuer="Bộ Chính trị"),
            Reference(text="Nghị quyết đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 – 2025",
                      span=span(t, "Nghị quyết đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 – 2025"),
                      kind="NQ", issuer="Đảng bộ thành phố Cần Thơ",
                      title="Nghị quyết đại hội Đảng bộ thành phố Cần Thơ lần thứ XIV, nhiệm kỳ 2020 – 2025"),
        ],
        tasks=[
            Obligation(
                action="hỗ trợ thành phố xây dựng và triển khai các Chương trình, Đề án, Chiến lược, Kế hoạch phát "
                "triển khoa học và công nghệ, đổi mới sáng tạo giai đoạn 2021-2025",
                span=span(t, "Hỗ trợ thành phố xây dựng"), section="II.1",
                bearer=OrgRef(name=bkhcn, id=BKHCN), beneficiary=OrgRef(name=ubnd, id=UBND),
            ),
            Obligation(action="hỗ trợ tiếp tục triển khai Dự án giai đoạn 2 tại Vườn ươm công nghệ công nghiệp "
                       "Việt Nam – Hàn Quốc", span=span(t, "Hỗ trợ tiếp tục triển khai"), section="II.3"),
        ],
        obligations=[
            Obligation(
                action="phối hợp với Bộ Tài chính, Bộ Kế hoạch và Đầu tư xem xét bố trí tăng kinh phí sự nghiệp "
                "khoa học và công nghệ",
                span=span(t, "Phối hợp với Bộ Tài chính"), section="III.1", modality="obligation",
                bearer=bkhcn_short, bearers=[bkhcn_short],
                coordinators=[org(t, "Bộ Tài chính", "org:bo-tai-chinh"),
                              org(t, "Bộ Kế hoạch và Đầu tư", "org:bo-khdt")],
            ),
            Obligation(
                action="đảm bảo bố trí đủ nguồn kinh phí sự nghiệp khoa học và công nghệ hàng năm để đối ứng thực "
                "hiện các nhiệm vụ",
                span=span(t, "Đảm bảo bố trí đủ nguồn"), section="III.2", modality="obligation",
                bearer=OrgRef(name=ubnd, id=UBND), bearers=[OrgRef(name=ubnd, id=UBND)],
            ),
            Obligation(
                action="xây dựng, tổ chức thực hiện kế hoạch hoạt động cụ thể và định kỳ đánh giá hàng năm; tổng "
                "kết khi Chương trình kết thúc",
                span=span(t, "hai bên triển khai xây dựng"), section="III", modality="obligation",
                bearer=parties[0], bearers=list(parties),
                deadline=Deadline(text="cuối năm 2025", date="2025-12-31"),
            ),
        ],
    )
