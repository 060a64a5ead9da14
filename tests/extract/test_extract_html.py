"""HTML pages: main-content container, chrome removal, block structure."""

from __future__ import annotations

import re

import pytest

from pipeline.extract import extract


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("vbpl_html__doc_000001", ["CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
                                   "Số: 249/2025/NĐ-CP", "Hà Nội, ngày 19 tháng 09 năm 2025", "NGHỊ ĐỊNH"]),
        ("vbpl_html__doc_000081", ["THỦ TƯỚNG CHÍNH PHỦ\n-------",
                                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------",
                                   "Số: 29/2025/QĐ-TTg", "Hà Nội, ngày 28 tháng 8 năm 2025"]),
    ],
)
def test_vbpl_pages(corpus_file, name, head):
    ex = extract(corpus_file(f"text/{name}.html"))
    derived = corpus_file(f"text/{name}.derived.txt").read_text(encoding="utf-8")
    assert ex.method == "html" and ex.warnings == []
    blocks = ex.text.split("\n\n")
    assert blocks[: len(head)] == head
    assert "function(" not in ex.text and "Fax" not in ex.text  # scripts and site footer are gone
    words = re.findall(r"\w+", ex.text)
    derived_words = set(re.findall(r"\w+", derived))
    assert sum(w in derived_words for w in words) / len(words) > 0.99
    assert "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;" in blocks


def test_html_structure(tmp_path):
    page = """<html><head><title>Cổng</title><style>p{color:red}</style></head><body>
    <nav>Trang chủ | Văn bản</nav><script>var x = 1;</script>
    <div class="fulltext">
      <table><tr><td><b>BỘ TÀI CHÍNH</b><br/>-------</td><td>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>
         Độc lập - Tự do - Hạnh phúc</td></tr>
      <tr><td>Số: 12/2024/TT-BTC</td><td><i>Hà Nội, ngày 1 tháng 2 năm 2024</i></td></tr></table>
      <p>Điều 1. Phạm   vi&nbsp;điều chỉnh</p><p>Thông tư này quy định
      chi tiết một số điều của Luật Ngân sách nhà nước, áp dụng trên toàn quốc.</p>
    </div><footer>Bản quyền © 2024</footer></body></html>"""
    path = tmp_path / "doc.html"
    path.write_text(page, encoding="utf-8")
    ex = extract(path)
    assert ex.text.split("\n\n") == [
        "BỘ TÀI CHÍNH\n-------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Số: 12/2024/TT-BTC",
        "Hà Nội, ngày 1 tháng 2 năm 2024",
        "Điều 1. Phạm vi điều chỉnh",
        "Thông tư này quy định chi tiết một số điều của Luật Ngân sách nhà nước, áp dụng trên toàn quốc.",
    ]
    assert ex.pages[0].method == "html"


def test_html_without_container_warns(tmp_path):
    path = tmp_path / "doc.htm"
    path.write_bytes("<p>Kính gửi: Sở Tài chính</p>".encode())
    ex = extract(path)
    assert ex.text == "Kính gửi: Sở Tài chính"
    assert "main-content" in ex.warnings[0]
