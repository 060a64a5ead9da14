"""The spaCy Language of stage 3: ``spacy.blank("vi")`` on underthesea's words, with the stage's components.

spaCy's own ``vi`` tokenizer needs pyvi; this one (``vanban.underthesea_tokenizer.v1``) takes the words of
``underthesea.word_tokenize`` ("Bộ", "Khoa học", "và", "Công nghệ") and aligns them back to the text, so every
token's ``idx`` and ``text`` are the original characters and ``doc.text`` is the input, whitespace runs, line
breaks and any Unicode included. A word stays one token where its syllables are written with one space (or
none) between them; a line break inside it splits it. Characters underthesea changed beyond recognition become
tokens of their own.

The packaged pipeline is ``models/vanban_vi`` (``$VANBAN_MODELS`` honoured): its config names the tokenizer and
the components of :mod:`pipeline.nlp.components`, with the posts the positions component looks for.
Importing this module registers them, so ``spacy.load("models/vanban_vi")`` works after it; ``load_language``
loads it once per process. ``package()`` rebuilds the package from code:

    .venv/bin/python -c "from pipeline.nlp.language import package; package()"
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry
from spacy.vocab import Vocab
from underthesea import word_tokenize
from underthesea.pipeline.text_normalize import token_normalize
from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text

from pipeline.conventions.casing import TITLES
from pipeline.nlp.components import DATES, ORGANIZATIONS, PEOPLE, PERIODS, PLACES, POSITIONS, REFERENCES
from pipeline.nlp.organizations import ResolveContext
from pipeline.nlp.places import models_dir

__all__ = [
    "MODEL",
    "POSTS",
    "UndertheseaTokenizer",
    "align",
    "build_language",
    "load_language",
    "package",
    "process",
    "token_spans",
]

MODEL = "vanban_vi"
TOKENIZER = "vanban.underthesea_tokenizer.v1"

_SPACE = re.compile(r"\s*")
_RUNS = re.compile(r"\s+|\S+")
_JOINS = ("", " ")  # what may separate two syllables of one token
_LOOKAHEAD = 32  # how far past the expected place a syllable underthesea changed is looked for
# underthesea's token patterns backtrack quadratically in a long run without spaces ("1.1.1.1...", "2020-2020-...");
# such runs are given to it in pieces of this many characters (no real word is that long).
_MAX_RUN = 200
_LONG_RUN = re.compile(rf"\S{{{_MAX_RUN + 1},}}")
# Posts for the positions component: the titles of running text and their deputies ("Phó Chủ tịch"), less two
# roles of assignment tables ("Chủ trì", "Thành viên").
POSTS = [post for title in TITLES if title not in ("Chủ trì", "Thành viên") for post in (title, f"Phó {title}")]


def _normalized(raw: str) -> str:
    """What underthesea makes of ``raw`` before segmenting it: NFC, "ð" -> "đ", respelled short syllables."""
    return token_normalize(normalize_characters_in_text(raw))


def _find(text: str, syllable: str, pos: int) -> tuple[int, int] | None:
    """Where ``syllable`` of underthesea's output is written in ``text`` at or after ``pos``."""
    start = _SPACE.match(text, pos).end()
    if text.startswith(syllable, start):
        return start, start + len(syllable)
    for end in range(start + 1, min(len(text), start + 3 * len(syllable) + 1) + 1):  # a letter: up to 3 code points
        if _normalized(text[start:end]) == syllable:
            return start, end
    at = text.find(syllable, start, start + _LOOKAHEAD + len(syllable))
    return (at, at + len(syllable)) if at >= 0 else None


def align(text: str, words: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
    """For each of underthesea's ``words`` of ``text``, the character spans of its pieces, in order.

    One span when ``text`` has the word as underthesea gives it (syllables one space apart); else one per
    syllable found; an empty list for a word that cannot be placed.
    """
    pos = 0
    for word in words:
        start = _SPACE.match(text, pos).end()
        if word and text.startswith(word, start):
            pos = start + len(word)
            yield [(start, pos)]
            continue
        pieces = []
        for syllable in word.split(" "):
            found = _find(text, syllable, pos) if syllable else None
            if found:
                pieces.append(found)
                pos = found[1]
        yield pieces


def token_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text`` that underthesea's ``words`` make (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    for pieces in align(text, words):
        for i, (start, end) in enumerate(pieces):
            if i and text[spans[-1][1] : start] in _JOINS:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def _words_and_spaces(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """spaCy's words and spaces for ``text`` cut at ``spans``; what lies between becomes whitespace/other tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for start, end in [*spans, (len(text), len(text))]:
        gap = text[pos:start]
        if gap == " " and words:
            spaces[-1] = True
        elif gap:
            for run in _RUNS.findall(gap):
                if run[0] == " " and words and not spaces[-1]:
                    spaces[-1] = True
                    run = run[1:]
                if run:
                    words.append(run)
                    spaces.append(False)
        if start < end:
            words.append(text[start:end])
            spaces.append(False)
        pos = end
    return words, spaces


def _pieces(text: str) -> Iterator[str]:
    """``text`` in consecutive pieces for underthesea: cut only inside runs of more than :data:`_MAX_RUN`
    characters without a space, so ordinary text goes in whole."""
    pos = 0
    for m in _LONG_RUN.finditer(text):
        for cut in range(m.start() + _MAX_RUN, m.end(), _MAX_RUN):
            yield text[pos:cut]
            pos = cut
    yield text[pos:]


def _words(text: str) -> list[str]:
    """underthesea's words of ``text``, piece by piece (see :func:`_pieces`)."""
    return [word for piece in _pieces(text) if piece.strip() for word in word_tokenize(piece)]


class UndertheseaTokenizer(DummyTokenizer):
    """Tokens are underthesea's words at their exact places in the text."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        spans = token_spans(text, _words(text)) if text.strip() else []
        words, spaces = _words_and_spaces(text, spans)
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers(TOKENIZER)
def create_tokenizer() -> Callable[[Language], UndertheseaTokenizer]:
    """The tokenizer the packaged config names."""
    return lambda nlp: UndertheseaTokenizer(nlp.vocab)


def build_language() -> Language:
    """The stage-3 pipeline from code: blank Vietnamese on underthesea's words, then the components."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.meta.update(name=MODEL, description="vanban stage 3: organizations, references, dates, positions")
    nlp.add_pipe("vanban_organizations", name=ORGANIZATIONS)
    nlp.add_pipe("vanban_references", name=REFERENCES)
    nlp.add_pipe("vanban_dates", name=DATES)
    nlp.add_pipe("vanban_positions", name=POSITIONS, config={"posts": POSTS})
    nlp.add_pipe("vanban_people", name=PEOPLE)
    nlp.add_pipe("vanban_places", name=PLACES)
    nlp.add_pipe("vanban_periods", name=PERIODS)
    return nlp


def package(path: Path | None = None) -> Path:
    """Write the pipeline built from code to ``path`` (default ``models/vanban_vi``)."""
    path = path or models_dir() / MODEL
    build_language().to_disk(path)
    return path


@functools.cache
def load_language(path: Path | None = None) -> Language:
    """The packaged pipeline (default ``models/vanban_vi``), loaded once per process.

    No length limit: without a parser or NER, memory grows with the text, and a record is one whole document.
    """
    nlp = spacy.load(path or models_dir() / MODEL)
    nlp.max_length = sys.maxsize
    return nlp


def process(text: str, context: ResolveContext | None = None, symbol: str | None = None) -> Doc:
    """``text`` through the packaged pipeline.

    ``context`` (issuers, province, recipients) guides the organization resolver; ``symbol`` is the document's own,
    which is no reference.
    """
    nlp = load_language()
    doc = nlp.make_doc(text)
    doc._.context, doc._.symbol, doc._.text = context, symbol, text  # the tokens join back to ``text``
    return nlp(doc)
