"""Components of the stage-3 spaCy pipeline: the stage's extractors, their results on the Doc and as spans.

Before the pipeline runs, set ``doc._.context`` (a ResolveContext: issuers, province) and ``doc._.symbol`` (the
document's own symbol, which is no reference). The components then fill, with exact character offsets:

- ``doc._.organizations``: [(start, end, OrgRef)] from the gazetteer;
- ``doc._.references``: [Reference], issuers resolved;
- ``doc._.dates``: [(start, end, ISO date or what is known of it)];

and ``doc._.entities`` gives ORG, DATE and POSITION entities. Each also writes a span group over whole tokens
(a match inside a token widens to it): ``doc.spans["organizations"]`` (ORG, ``kb_id_`` the organization id,
``span._.org``), ``doc.spans["references"]`` (REF, ``id_`` the symbol or title, ``span._.reference``),
``doc.spans["dates"]`` (DATE, ``id_`` the ISO date) and ``doc.spans["positions"]`` (POSITION, ``id_`` the post).
spaCy keys span extension values by character offsets, so two matches widened to the same tokens would share
them: the Doc keeps the matches, and ``span._.org`` / ``span._.reference`` look theirs up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import model
from pipeline.conventions.dates import NUMERIC_DATE, WRITTEN_DATE, find_periods, iso
from pipeline.conventions.references import find_references
from pipeline.nlp.organizations import load_gazetteer
from pipeline.nlp.people import find_people
from pipeline.nlp.places import find_places

ORGANIZATIONS, REFERENCES, DATES, POSITIONS = "organizations", "references", "dates", "positions"
PEOPLE, PLACES, PERIODS = "people", "places", "periods"


def _inside(span: Span, start: int, end: int) -> bool:
    return span.start_char <= start and end <= span.end_char


def _ref_id(ref: model.Reference) -> str:
    return ref.symbol or ref.title or ""


def _org(span: Span) -> model.OrgRef | None:
    """The organization of an ORG span: found within its tokens, with its id."""
    if span.label_ != "ORG":
        return None
    found = span.doc._.organizations or ()
    return next((org for a, b, org in found if _inside(span, a, b) and (org.id or "") == span.kb_id_), None)


def _reference(span: Span) -> model.Reference | None:
    """The reference of a REF span: found within its tokens, with its symbol or title."""
    if span.label_ != "REF":
        return None
    found = span.doc._.references or ()
    return next((r for r in found if _inside(span, r.span.start, r.span.end) and _ref_id(r) == span.id_), None)


def _entities(doc: Doc) -> list[model.Entity]:
    """ORG, DATE, PER, POSITION, LOC and PERIOD entities in text order.

    A post the people finder tied to a person and an organization stands for the bare post found at the same place.
    """
    text = text_of(doc)
    out = [
        model.Entity("ORG", text[a:b], model.Span(a, b), id=org.id, value=org.name)
        for a, b, org in doc._.organizations or ()
    ]
    out += [model.Entity("DATE", text[a:b], model.Span(a, b), value=value) for a, b, value in doc._.dates or ()]
    people = doc._.people or []
    linked = [e.span for e in people if e.label == "POSITION"]
    out += [
        model.Entity("POSITION", s.text, model.Span(s.start_char, s.end_char), value=s.id_)
        for s in doc.spans.get(POSITIONS, ())
        if not any(p.start < s.end_char and s.start_char < p.end for p in linked)
    ]
    out += [*people, *(doc._.places or ()), *(doc._.periods or ())]
    return sorted(out, key=lambda e: (e.span.start, e.span.end))


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once: spaCy joins the tokens again on every access (7 s over the corpus)."""
    if doc._.text is None:
        doc._.text = doc.text
    return doc._.text


for _name in ("context", "symbol", "text", "organizations", "references", "dates", "people", "places", "periods"):
    Doc.set_extension(_name, default=None, force=True)
Doc.set_extension("entities", getter=_entities, force=True)
Span.set_extension("org", getter=_org, force=True)
Span.set_extension("reference", getter=_reference, force=True)


def _span(doc: Doc, start: int, end: int, label: str, kb_id: str = "", span_id: str = "") -> Span:
    """The span over the tokens that characters ``start:end`` touch."""
    return doc.char_span(start, end, label=label, kb_id=kb_id, span_id=span_id, alignment_mode="expand")


@Language.factory("vanban_organizations")
def organizations(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Organizations: every one the gazetteer finds, resolved with ``doc._.context``."""
    gazetteer = load_gazetteer()

    def find(doc: Doc) -> Doc:
        doc._.organizations = gazetteer.find_all(text_of(doc), doc._.context)
        doc.spans[ORGANIZATIONS] = [_span(doc, a, b, "ORG", org.id or "") for a, b, org in doc._.organizations]
        return doc

    return find


@Language.factory("vanban_references")
def references(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """References to other documents; issuers are the organizations found, resolved by name or symbol code."""
    gazetteer = load_gazetteer()

    def find(doc: Doc) -> Doc:
        by_start = {a: (b, org) for a, b, org in reversed(doc._.organizations or [])}
        found = find_references(
            text_of(doc),
            lambda _text, pos: by_start.get(pos),
            own_symbol=doc._.symbol,
            org_of_code=lambda code: gazetteer.from_symbol_code(code, context=doc._.context),
        )
        for ref in found:
            if ref.issuer and not ref.issuer_id:
                resolved = gazetteer.resolve(ref.issuer, context=doc._.context)
                if resolved:
                    ref.issuer_id = resolved.id
        doc._.references = found
        doc.spans[REFERENCES] = [_span(doc, r.span.start, r.span.end, "REF", span_id=_ref_id(r)) for r in found]
        return doc

    return find


@Language.component("vanban_dates")
def dates(doc: Doc) -> Doc:
    """Written ("ngày 05 tháng 8 năm 2020") and numeric ("05/8/2020") dates, as ISO dates."""
    text = text_of(doc)
    doc._.dates = [
        (m.start(), m.end(), iso(m.group("d"), m.group("m"), m.group("y")))
        for rx in (WRITTEN_DATE, NUMERIC_DATE)
        for m in rx.finditer(text)
    ]
    doc.spans[DATES] = [_span(doc, a, b, "DATE", span_id=value or "") for a, b, value in doc._.dates]
    return doc


def _groupings(syllables: list[str]) -> Iterator[list[str]]:
    """Every way of grouping ``syllables`` into consecutive words: ["a", "b"] -> ["a", "b"], ["a b"]."""
    if len(syllables) == 1:
        yield syllables
        return
    for rest in _groupings(syllables[1:]):
        yield [syllables[0], *rest]
        yield [f"{syllables[0]} {rest[0]}", *rest[1:]]


@Language.factory("vanban_positions")
def positions(nlp: Language, name: str, posts: list[str]) -> Callable[[Doc], Doc]:
    """POSITION spans: the ``posts`` in any case, however underthesea groups their syllables into words.

    Longest match first ("Phó Chủ tịch", not "Chủ tịch" inside it); ``span.id_`` is the post as given.
    """
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for post in posts:
        matcher.add(post, [Doc(nlp.vocab, words=words) for words in _groupings(post.lower().split())])

    def find(doc: Doc) -> Doc:
        found = [Span(doc, start, end, label="POSITION", span_id=post) for post, start, end in matcher(doc)]
        doc.spans[POSITIONS] = filter_spans(found)
        return doc

    return find


@Language.component("vanban_people")
def people(doc: Doc) -> Doc:
    """People with their posts and organizations (after the organizations component): PER and POSITION entities;
    a signature block naming no organization takes the document's first issuer."""
    issuers = doc._.context.issuers if doc._.context else []
    doc._.people = find_people(text_of(doc), doc._.organizations or [], issuer=issuers[0] if issuers else None)
    doc.spans[PEOPLE] = [_span(doc, e.span.start, e.span.end, e.label, span_id=e.id or "") for e in doc._.people]
    return doc


@Language.component("vanban_places")
def places(doc: Doc) -> Doc:
    """Provinces and sub-provincial units outside organization names and people's names: LOC entities."""
    taken = [(a, b) for a, b, _org in doc._.organizations or ()]
    taken += [(e.span.start, e.span.end) for e in doc._.people or () if e.label == "PER"]
    province = doc._.context.province if doc._.context else None
    doc._.places = find_places(text_of(doc), skip=taken, province=province)
    doc.spans[PLACES] = [_span(doc, e.span.start, e.span.end, "LOC", kb_id=e.id or "") for e in doc._.places]
    return doc


@Language.component("vanban_periods")
def periods(doc: Doc) -> Doc:
    """Periods ("quý IV năm 2021", "giai đoạn 2021-2025", "tầm nhìn đến năm 2045"): PERIOD entities."""
    doc._.periods = find_periods(text_of(doc))
    doc.spans[PERIODS] = [_span(doc, e.span.start, e.span.end, "PERIOD", span_id=e.value or "") for e in doc._.periods]
    return doc
