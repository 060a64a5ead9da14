"""What fuzzing found, one test per bug, with the minimal input. All were super-linear time (no input made a
parser raise): a text of a few hundred kilobytes of these runs took minutes or hours."""

from __future__ import annotations

from fuzzcheck import assert_linear

from pipeline.conventions.references import find_references
from pipeline.conventions.symbols import find_symbols
from pipeline.nlp.language import load_language
from pipeline.structure import parse_document, split


def test_blank_run_before_a_slash_is_linear():
    """STATE_SYMBOL opened with ``(num)?\\s*/``: tried at every blank, it scanned the rest of the run."""
    assert_linear(find_symbols, " ")
    assert_linear(find_symbols, "\t\n")


def test_blank_lines_before_the_site_panel_are_linear():
    """split's site-panel pattern opened with ``\\n[\\s*_|#]*``: every line break scanned the blank lines after it."""
    assert_linear(split, "\n")


def test_site_panel_cut_keeps_its_place_after_blank_lines():
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNội dung văn bản.\n\n \n**FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN**\nx.doc"
    assert split(text) == [(0, text.index("\n\n"))]


def test_blank_run_in_the_letterhead_is_linear():
    """The place/date marker opened with ``[,\\s]\\s*ngay`` and "Số" with ``\\s*[:.]?\\s*``: quadratic in blanks."""
    assert_linear(parse_document, " ")
    assert_linear(parse_document, "số" + " " * 50)


def test_many_numbers_on_one_line_are_linear():
    """Each "số" on a line read all the words before it to decide whether it cites another number."""
    assert_linear(parse_document, "Nghị định số 1/2020/NĐ-CP, ")


def test_many_law_names_are_linear():
    """Each named law was tested against every reference kept, and its relation read from the whole sentence."""
    assert_linear(find_references, "Luật A, ")
    assert_linear(find_references, "Luật A\n")


def test_many_symbols_are_linear():
    """Each symbol was tested against every symbol kept."""
    assert_linear(find_symbols, "59-NQ/TW ")
    assert_linear(find_references, "59-NQ/TW ")


def test_long_run_without_spaces_is_linear_in_the_tokenizer():
    """underthesea's token patterns backtrack quadratically in "1.1.1.1..." and "2020-2020-..."."""
    tokenizer = load_language().tokenizer
    assert_linear(tokenizer, "1.1.", max_chars=4000)
    assert_linear(tokenizer, "2020-", max_chars=4000)


def test_long_run_tokens_still_cover_the_text():
    """Cutting a long run for underthesea keeps every character in a token and the words after it intact."""
    text = "Số " + "1.1." * 300 + " Bộ Tài chính"
    doc = load_language().tokenizer(text)
    assert doc.text == text
    assert [t.text for t in doc][-2:] == ["Bộ", "Tài chính"]
