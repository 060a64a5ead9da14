"""A unit under the body named on the letterhead line above it is named in full ("BỘ TÀI CHÍNH / VĂN PHÒNG")."""

from __future__ import annotations

import pytest

from pipeline.nlp import annotate
from pipeline.structure import parse_document

STATE = "{agency}\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n" \
        "Số: 12/{code}\n{place}, ngày 02 tháng 3 năm 2025\nV/v báo cáo tình hình thực hiện\n" \
        "Kính gửi: Các đơn vị trực thuộc.\nĐề nghị các đơn vị báo cáo trước ngày 15/3/2025.\n"
PARTY = "{agency}\n*\nSố 12-{code}\nĐẢNG CỘNG SẢN VIỆT NAM\n{place}, ngày 02 tháng 3 năm 2025\n" \
        "HƯỚNG DẪN\nvề công tác tuyên truyền năm 2025\nCác cấp ủy tổ chức tuyên truyền.\n"


@pytest.mark.parametrize(("template", "agency", "code", "place", "name", "org_id"), [
    (STATE, "BỘ TÀI CHÍNH\nVĂN PHÒNG", "VP-TH", "Hà Nội", "Văn phòng Bộ Tài chính", "van-phong-bo-tai-chinh"),
    (STATE, "BỘ Y TẾ\nTHANH TRA", "TTrB-P1", "Hà Nội", "Thanh tra Bộ Y tế", "thanh-tra-bo-y-te"),
    (STATE, "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH\nVĂN PHÒNG", "VP-KT", "Đồng Hới",
     "Văn phòng Ủy ban nhân dân tỉnh Quảng Bình", "vp-ubnd:quang-binh"),
    (PARTY, "BAN CHẤP HÀNH TRUNG ƯƠNG\nVĂN PHÒNG", "HD/VPTW", "Hà Nội", "Văn phòng Trung ương Đảng", "vptw"),
    (PARTY, "TỈNH ỦY QUẢNG NINH\nBAN TUYÊN GIÁO", "HD/BTGTU", "Hạ Long",
     "Ban Tuyên giáo Tỉnh ủy Quảng Ninh", "btg-tu:quang-ninh"),
])
def test_unit_named_with_its_parent(template, agency, code, place, name, org_id):
    doc = parse_document(template.format(agency=agency, code=code, place=place))
    annotate(doc)
    assert [(i.name, i.id) for i in doc.issuers] == [(name, org_id)]
