"""The stage-3 spaCy pipeline: underthesea tokens at exact offsets, the components, the package in models/."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from underthesea import word_tokenize

from pipeline.nlp.language import MODEL, UndertheseaTokenizer, build_language, load_language, process
from tests.conftest import SEED

PACKAGE = Path(__file__).resolve().parents[2] / "models" / MODEL
SENTENCE = "Căn cứ Nghị quyết số 59-NQ/TW ngày 05 tháng 8 năm 2020 của Bộ Chính trị"


def assert_exact(doc: Doc, text: str) -> None:
    """The tokens tile ``text``: each at its offset with its characters; only whitespace tokens hold line breaks."""
    assert doc.text == text
    pos = 0
    for token in doc:
        assert token.idx == pos
        assert text[pos : pos + len(token)] == token.text
        if not token.is_space:
            assert token.text == token.text.strip() and "\n" not in token.text
        pos += len(token.text_with_ws)
    assert pos == len(text)


def test_tokens_are_underthesea_words():
    doc = load_language().make_doc(SENTENCE)
    assert [t.text for t in doc] == word_tokenize(SENTENCE)
    assert "Bộ Chính trị" in [t.text for t in doc]


def test_offsets_exact_on_corpus_texts(shared_corpus):
    nlp = load_language()
    words = 0
    for path in sorted((shared_corpus / "text").iterdir()):
        text = path.read_text(encoding="utf-8", errors="replace")[:5000]
        doc = nlp.make_doc(text)
        assert_exact(doc, text)
        words += sum(" " in t.text for t in doc if not t.is_space)
    assert words > 1000  # multi-syllable words: underthesea's segmentation is in effect


def test_offsets_exact_on_decomposed_and_odd_spacing():
    text = unicodedata.normalize("NFD", "Bộ  Khoa học\nvà\tCông nghệ ;\n\n ngày 5/8/2020 ") + "ðộc lập 😀"
    doc = load_language().make_doc(text)
    assert_exact(doc, text)
    assert unicodedata.normalize("NFD", "Khoa học") in [t.text for t in doc]


# Single characters (any code point but lone surrogates, which no spaCy Doc can hold), and pieces that stress
# the alignment: whitespace runs, combining marks, characters underthesea respells ("ð", "nghành"), emoji,
# Vietnamese words and symbols.
_ODD = [*" \n\t\u00a0\u0300\u0301\u0323ðĐ-/.,", "  ", "\n\n", "\r\n", "😀", "🇻🇳", "oà", "nghành"]
_WORDS = ["Bộ", "Khoa học", "BỘ TRƯỞNG", "số", "59-NQ/TW", "Phó Chủ tịch"]
_PIECES = st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(_ODD + _WORDS))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_offsets_exact_on_any_text(text):
    assert_exact(load_language().make_doc(text), text)


def test_components_on_a_basis_sentence():
    doc = process(SENTENCE + ";\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nPhó Chủ tịch")
    (ref,) = doc.spans["references"]
    reference = ref._.reference
    assert (ref.label_, ref.id_, ref.start_char, reference.symbol) == ("REF", "59-NQ/TW", 7, "59-NQ/TW")
    assert (reference.date, reference.issuer_id, reference.relation) == ("2020-08-05", "bo-chinh-tri", "based_on")
    assert doc._.references == [reference]
    (org,) = doc.spans["organizations"]
    assert (org.label_, org.text, org.kb_id_, org._.org.name) == ("ORG", "Bộ Chính trị", "bo-chinh-tri", "Bộ Chính trị")
    (date,) = doc.spans["dates"]
    assert (date.label_, date.text, date.id_) == ("DATE", "ngày 05 tháng 8 năm 2020", "2020-08-05")
    positions = [(s.label_, s.text, s.id_) for s in doc.spans["positions"]]
    assert positions == [
        ("POSITION", "BỘ TRƯỞNG", "Bộ trưởng"),
        ("POSITION", "THỨ TRƯỞNG", "Thứ trưởng"),
        ("POSITION", "Phó Chủ tịch", "Phó Chủ tịch"),
    ]
    entities = [(e.label, doc.text[e.span.start : e.span.end], e.value) for e in doc._.entities]
    assert ("ORG", "Bộ Chính trị", "Bộ Chính trị") in entities
    assert ("DATE", "ngày 05 tháng 8 năm 2020", "2020-08-05") in entities
    assert ("POSITION", "Phó Chủ tịch", "Phó Chủ tịch") in entities


def test_a_match_inside_a_token_keeps_its_characters():
    text = "Ký ngày5/8/2020 tại Hà Nội"  # a missing space: underthesea's word is "ngày5"
    doc = process(text)
    assert doc._.dates == [(7, 15, "2020-08-05")]
    (span,) = doc.spans["dates"]
    assert (span.start_char, span.end_char, span.id_) == (3, 15, "2020-08-05")
    assert ("DATE", "5/8/2020", "2020-08-05") in [(e.label, e.text, e.value) for e in doc._.entities]


def test_spans_cover_their_matches_on_the_seed():
    text = SEED.read_text(encoding="utf-8")
    doc = process(text)
    assert doc._.organizations and doc._.references
    for span, (a, b, org) in zip(doc.spans["organizations"], doc._.organizations, strict=True):
        assert span.start_char <= a and b <= span.end_char and text[a:b] == org.text
        assert span._.org.id == org.id and span.kb_id_ == (org.id or "")
    for span, ref in zip(doc.spans["references"], doc._.references, strict=True):
        assert span._.reference is ref and text[ref.span.start : ref.span.end] == ref.text
        assert (span.start_char, span.end_char) == (ref.span.start, ref.span.end)


def test_package_in_models_loads_and_is_current():
    nlp = spacy.load(PACKAGE)
    built = build_language()
    components = ["organizations", "references", "dates", "positions", "people", "places", "periods"]
    assert nlp.pipe_names == built.pipe_names == components
    assert nlp.config["components"] == built.config["components"]  # the posts too: rebuild with package()
    assert nlp.config["nlp"]["tokenizer"] == {"@tokenizers": "vanban.underthesea_tokenizer.v1"}
    assert isinstance(nlp.tokenizer, UndertheseaTokenizer)
    doc = nlp(SENTENCE)
    assert [(s.label_, s.id_) for s in doc.spans["references"]] == [("REF", "59-NQ/TW")]
    assert "pyvi" not in sys.modules


def test_people_places_and_periods_reach_the_entities():
    text = ("Phó Thủ tướng Chính phủ Trần Hồng Hà chỉ đạo Ủy ban nhân dân tỉnh Quảng Ngãi hoàn thành "
            "trong quý IV năm 2021, giai đoạn 2021-2025.")
    entities = {(e.label, e.text) for e in process(text)._.entities}
    assert ("PER", "Trần Hồng Hà") in entities
    assert ("PERIOD", "quý IV năm 2021") in entities
    assert any(label == "PERIOD" and "2021-2025" in t for label, t in entities)
