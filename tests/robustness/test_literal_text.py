"""Nothing a document says is executed or used as a format string: template and shell syntax in a text file
comes out of the whole pipeline (``pipeline.run.run``) as literal text, in documents.jsonl and in the search index."""

from __future__ import annotations

import json
import shutil
import sqlite3

from pipeline.extract.plain import strip_emphasis
from pipeline.index import search
from pipeline.run import run
from tests.conftest import SEED

HOSTILE = "{0} {__class__} %s %(x)s ${HOME} `rm -rf` $(id) {doc.text!r} %n %%"
# The text extractor reads .txt as markdown and drops "__" emphasis marks ("{__class__}" -> "{class}"): markup
# removal, the rest stays character for character.
LITERAL = strip_emphasis(HOSTILE)
LETTER = f"""ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM
Số: 12/UBND-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thử Nghiệm, ngày 05 tháng 8 năm 2021
V/v kiểm tra {HOSTILE}
Kính gửi: Sở Nội vụ {HOSTILE}.
Nội dung: {HOSTILE}
Theo Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị về {HOSTILE}.
Sở Nội vụ chủ trì thực hiện {HOSTILE} trước ngày 30/9/2021./.
Nơi nhận:
- Như trên;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
"""


def test_template_and_shell_syntax_stay_literal(tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    shutil.copy(SEED, inp / SEED.name)
    (inp / "hostile.txt").write_text(LETTER, encoding="utf-8")
    summary = run([inp], out, workers=1, progress=False)
    assert summary.ok
    records = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    (hostile,) = [r for r in records if r["source"]["path"] == "hostile.txt"]
    assert LITERAL.startswith("{0} {class} %s %(x)s ${HOME} `rm -rf` $(id) {doc.text!r}")
    assert hostile["text"].count(LITERAL) == 5
    assert LITERAL in hostile["subject"]
    (nq59,) = [r for r in hostile["references"] if r["symbol"] == "59-NQ/TW"]
    assert nq59["subject"] == "về {0} {class} %s %"  # a subject ends at "(": the rest of the sentence, not formatted
    assert not (tmp_path / "id").exists() and inp.is_dir()  # no command ran (nor "rm -rf")
    db = sqlite3.connect(out / "search" / "index.sqlite")
    try:
        (indexed,) = db.execute("SELECT text FROM documents WHERE doc_id = ?", (hostile["doc_id"],)).fetchone()
    finally:
        db.close()
    assert indexed.count(LITERAL) == 5
    results = search(out, '"rm -rf" id home class')
    assert results["doc_id"].tolist() == [hostile["doc_id"]]
    assert "`«rm -rf»` $(«id»)" in results["snippet"][0]
