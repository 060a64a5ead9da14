"""Property fuzzing of the parsers: random Unicode and mutated real header lines never break them.

Targets: ``structure.split`` / ``parse_document``, the reference grammar, symbols and dates, and stages 2+3
(``run.worker.analyse``) on the plain-text extractor's output. Properties: no exception, spans inside the text
(and quoting it where the model says so), the same output twice, valid ISO dates, time linear in the input.

Example counts are small and derandomized for CI; ``VANBAN_FUZZ_SCALE=20`` runs 20 times as many random ones.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from fuzzcheck import assert_linear, check_documents, check_spans, valid_partial_date, valid_period
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.conventions.dates import adoption_date, date_after, find_periods, parse_date, parse_place_date, quarter
from pipeline.conventions.references import attached_to, find_references, summary_of
from pipeline.conventions.symbols import find_symbols, parse_symbol, symbol_in_file_name
from pipeline.extract.plain import extract_text_file
from pipeline.model import Extraction, Page
from pipeline.run.worker import analyse
from pipeline.structure import parse_document, split
from tests.conftest import SEED, SHARED_CORPUS

SCALE = int(os.environ.get("VANBAN_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    """Hypothesis settings: ``examples`` (times the scale), reproducible unless scaled up, a generous deadline."""
    return settings(
        max_examples=examples * SCALE, derandomize=SCALE == 1, deadline=timedelta(seconds=5), database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ----------------------------------------------------------------------------- inputs

# Header, reference and closing lines as real documents write them: the kinds the parsers key on.
_WANTED = re.compile(
    r"^\W*(?:số|cộng hòa|cộng hoà|độc lập|đảng cộng sản|v/v|kính gửi|nơi nhận|tm\.|kt\.|tl\.|tuq\.|t/m|k/t|q\.|"
    r"căn cứ|chủ tịch|phó chủ tịch|- lưu)|, ngày \d|\d+[-/][A-ZĐ]+[-/]|ngày \d+ tháng",
    re.I,
)


def _real_lines() -> list[str]:
    """Header-like lines of the seed and, when present, of ../shared/corpus/text (read in place)."""
    files = [SEED]
    if (SHARED_CORPUS / "text").is_dir():
        files += sorted((SHARED_CORPUS / "text").iterdir())[:40]
    lines: list[str] = []
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip(" |*#")
            if 3 <= len(line) <= 700 and _WANTED.search(line) and line not in lines:
                lines.append(line)
    return lines


REAL_LINES = _real_lines()
SEED_LINES = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
_VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_COMBINING = "\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b"
_STRUCTURAL = ["\n", " ", "/", "-", ".", ",", ":", ";", "(", ")", "*", "|", "#", "_", "…", "–", "\t", "\r", "\f",
               "\u00a0", "\u2028", "\u200b", "\ufeff", "\x00", "\x1b", "\ufffd", "İ", "ß", "ﬁ", "\U0001f600"]
_TOKENS = ["số ", "Số: ", "ngày ", "tháng ", "năm ", "2020", "59-NQ/TW", "30/2020/NĐ-CP", "Luật ", "Căn cứ ",
           "Kính gửi:", "Nơi nhận:", "TM. ", "KT. ", "Điều 1.", "Chương I", "quý IV", "giai đoạn 2021 - 2025",
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "./.", "V/v ", "của ", "UBND", "Bộ Chính trị", "Hà Nội, "]

# Any text: Vietnamese letters and combining marks, controls, odd code points (no surrogates), markup,
# long lines and many line breaks.
random_text = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30),
        st.text(alphabet=_VIETNAMESE + _COMBINING + "".join(_STRUCTURAL) + "0123456789", max_size=60),
        st.sampled_from(_TOKENS),
        st.sampled_from(_STRUCTURAL).flatmap(lambda c: st.integers(1, 400).map(lambda n: c * n)),
    ),
    max_size=40,
).map("".join)


def _strip_diacritics(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").replace("đ", "d")


@st.composite
def mutated_lines(draw: st.DrawFn, pool: list[str]) -> str:
    """A few real lines, each edited: characters inserted, deleted, swapped, digits changed, diacritics
    stripped, case changed; lines spliced and duplicated."""
    lines = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8))
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        s = lines[i]
        p = draw(st.integers(0, len(s)))
        op = draw(st.sampled_from(["insert", "delete", "swap", "digit", "strip", "upper", "lower", "split",
                                   "join", "duplicate", "repeat"]))
        if op == "insert":
            s = s[:p] + draw(st.sampled_from([*_STRUCTURAL, *_COMBINING, *_VIETNAMESE[:12], "1", "0"])) + s[p:]
        elif op == "delete":
            s = s[:p] + s[p + draw(st.integers(1, 5)):]
        elif op == "swap" and p + 1 < len(s):
            s = s[:p] + s[p + 1] + s[p] + s[p + 2:]
        elif op == "digit":
            s = re.sub(r"\d", lambda m: draw(st.sampled_from("0123456789")), s, count=draw(st.integers(1, 3)))
        elif op == "strip":
            s = _strip_diacritics(s)
        elif op in ("upper", "lower"):
            s = getattr(s, op)()
        elif op == "split":
            s = s[:p] + "\n" + s[p:]
        elif op == "join" and i + 1 < len(lines):
            s = s + " " + lines.pop(i + 1)
        elif op == "duplicate":
            s = s + "\n" + s
        elif op == "repeat":
            s = s[:p] + s[p:p + 8] * draw(st.integers(2, 200)) + s[p:]
        lines[i] = s
    return "\n".join(lines)


header_text = mutated_lines(REAL_LINES)
any_text = st.one_of(random_text, header_text, mutated_lines(SEED_LINES))


def _twice(fn, *args):
    """``fn(*args)`` run twice: the results, which must be equal (no hidden state, no set-order output)."""
    first, second = fn(*args), fn(*args)
    assert repr(first) == repr(second)
    return first


# ----------------------------------------------------------------------------- properties


def test_real_lines_are_found():
    """The seed alone gives a dozen and more header lines; ../shared/corpus, when beside us, many more."""
    enough = 20 if (SHARED_CORPUS / "text").is_dir() else 10
    assert len(REAL_LINES) >= enough and any("59-NQ/TW" in line for line in REAL_LINES)


@fuzz(120)
@given(any_text)
def test_split_gives_ordered_ranges_inside_the_text(text):
    ranges = _twice(split, text)
    ends = [0]
    for start, end in ranges:
        assert ends[-1] <= start <= end <= len(text)
        ends.append(end)


@fuzz(120)
@given(any_text)
def test_parse_document_spans_and_dates(text):
    doc = _twice(parse_document, text)
    check_documents([doc])


@fuzz(150)
@given(any_text)
def test_reference_grammar(text):
    refs = _twice(find_references, text)
    check_spans(refs, text)
    for ref in refs:
        assert ref.date is None or valid_partial_date(ref.date), ref
    for fn in (attached_to, summary_of):
        ref = fn(text)
        assert ref is None or ref.span.end <= len(text)


@fuzz(150)
@given(any_text)
def test_symbols(text):
    for start, end, symbol in _twice(find_symbols, text):
        assert 0 <= start < end <= len(text)
        again = parse_symbol(symbol.render())  # the canonical text reads back as the same symbol
        assert again is not None and again.render() == symbol.render(), (text[start:end], symbol.render())
    for piece in text.split()[:20]:
        parse_symbol(piece)
        symbol_in_file_name(piece)


@fuzz(150)
@given(any_text)
def test_dates(text):
    for value in (parse_date(text), adoption_date(text), date_after(text, 0)[0], _twice(parse_place_date, text)):
        if isinstance(value, tuple):
            value = value[1]
        assert value is None or valid_partial_date(value), value
    q = quarter(text)
    assert q is None or valid_period(q)
    periods = _twice(find_periods, text)
    check_spans(periods, text)
    assert all(p.value is None or valid_period(p.value) for p in periods)


def _analyse_text(text: str):
    extraction = Extraction(pages=[Page(number=1, text=text, method="text")], method="text")
    return analyse(extraction, "fuzz/input.txt", "0" * 64)


@fuzz(60)
@given(any_text)
def test_stages_2_and_3_on_text(text):
    docs = _analyse_text(text)
    check_documents(docs)
    assert [d.to_dict() for d in docs] == [d.to_dict() for d in _analyse_text(text)]


@fuzz(40)
@given(st.one_of(random_text, header_text).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_plain_text_extractor_then_analyse(data):
    """Bytes as a .txt file holds them, through the extractor's decoding and markup removal, then stages 2+3."""
    from pipeline.extract import ExtractionError

    try:
        extraction = extract_text_file(Path("fuzz.txt"), data)
    except ExtractionError:
        return  # binary junk is refused with a reason: the expected outcome
    check_documents(analyse(extraction, "fuzz.txt", "0" * 64))


# ----------------------------------------------------------------------------- time

# Inputs that make a backtracking regex or a scan per match super-linear: runs of what the patterns repeat.
PATHOLOGICAL = [
    "số ", "/", "-", " ", "\t\n", "12-", ", ngày", "tháng ", "Luật A, ", "Luật A\n", "59-NQ/TW ",
    "Nghị định số 1/2020/NĐ-CP, ", "Kính gửi ", "TM. ",
]


@pytest.mark.parametrize("unit", PATHOLOGICAL)
@pytest.mark.parametrize("fn", [parse_document, find_references, split], ids=lambda f: f.__name__)
def test_time_is_linear_in_repeated_input(fn, unit):
    """No backtracking regex or per-match scan makes a long run of one pattern super-linear."""
    assert_linear(fn, unit)
