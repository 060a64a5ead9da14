"""The record types of every stage, in one place.

Stage 1 (extract) produces an :class:`Extraction` of :class:`Page` objects.
Stage 2 (structure) turns its text into :class:`Document` records with header,
sections, signers and recipients; stage 3 (nlp) adds references, entities and
obligations; stage 4 (graph) reads the finished records.

Every extracted item carries a :class:`Span` into ``Document.text`` so that a
reader can always see where a fact came from. ``to_dict`` gives the public
JSON shape of documents.jsonl (field names are a contract: add, never rename).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Span:
    """Character offsets into ``Document.text`` (end exclusive), plus page and box when known."""

    start: int
    end: int
    page: int | None = None
    box: list[float] | None = None


# ----------------------------------------------------------------------------- stage 1


@dataclass
class Word:
    """A word of a page layout: text, box (x0, top, x1, bottom in points or pixels), confidence."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float | None = None


@dataclass
class Page:
    """One page of extracted text; ``method`` says how it was obtained."""

    number: int
    text: str
    method: str
    words: list[Word] = field(default_factory=list)
    confidence: float | None = None
    width: float | None = None
    height: float | None = None
    repairs: list[str] = field(default_factory=list)  # post-OCR corrections, "KÉẺ -> KẾ"


PAGE_SEPARATOR = "\n\n"


@dataclass
class Extraction:
    """Stage 1 output for one file: its pages, how they were read, what was repaired."""

    pages: list[Page]
    method: str
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return PAGE_SEPARATOR.join(p.text for p in self.pages)

    def page_starts(self) -> list[int]:
        """Offset in :attr:`text` at which each page begins."""
        starts, pos = [], 0
        for p in self.pages:
            starts.append(pos)
            pos += len(p.text) + len(PAGE_SEPARATOR)
        return starts

    def page_at(self, offset: int) -> int:
        """The 1-based page number holding ``offset`` of :attr:`text`."""
        starts = self.page_starts()
        if not starts:
            return 1
        return self.pages[max(0, bisect.bisect_right(starts, offset) - 1)].number

    @property
    def quality(self) -> float | None:
        scores = [p.confidence for p in self.pages if p.confidence is not None]
        return round(sum(scores) / len(scores), 2) if scores else None


# ----------------------------------------------------------------------------- stages 2-3


@dataclass
class OrgRef:
    """An organization as written (``text``) and as resolved (``name``, ``id``)."""

    name: str
    id: str | None = None
    parent: str | None = None
    text: str | None = None
    span: Span | None = None


@dataclass
class Signer:
    """A signature block: person, own position, and the TM./KT./TL./TUQ./Q. chain above it."""

    name: str | None
    position: str | None = None
    authority: str | None = None
    on_behalf_of: str | None = None
    org: str | None = None
    org_id: str | None = None
    span: Span | None = None


@dataclass
class Reference:
    """A mention of another document (cited, based on, implemented, amended, ...)."""

    text: str
    span: Span
    kind: str | None = None
    kind_name: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    issuer_id: str | None = None
    subject: str | None = None
    title: str | None = None
    relation: str = "cites"
    target_id: str | None = None


@dataclass
class Section:
    """A node of the section tree: id like "II.4", the marker as written, heading."""

    id: str
    label: str
    heading: str | None
    level: int
    span: Span
    parent: str | None = None
    kind: str | None = None


@dataclass
class Deadline:
    """A due date or period: the wording and its normalized value ("2025-12-31", "2021-Q4")."""

    text: str
    date: str | None = None
    span: Span | None = None


@dataclass
class Obligation:
    """Who must do what, with whom, by when. ``bearers`` lists joint bearers; ``bearer`` is the first."""

    action: str
    span: Span
    bearer: OrgRef | None = None
    bearers: list[OrgRef] = field(default_factory=list)
    modality: str | None = None
    coordinators: list[OrgRef] = field(default_factory=list)
    beneficiary: OrgRef | None = None
    assigned_by: OrgRef | None = None
    deadline: Deadline | None = None
    section: str | None = None


@dataclass
class Entity:
    """A named thing in the text: ORG, PER, POSITION, LOC, DATE, PERIOD.

    ``value`` is the normalized form (canonical name, ISO date or period); ``attrs`` holds the links and
    facts a label needs beyond it: a person's ``position``, ``org``, ``org_id``; a position's ``org``,
    ``org_id``, ``person``; a place's ``kind``, ``province``, ``current``; a period's ``kind``, ``start``, ``end``.
    """

    label: str
    text: str
    span: Span
    id: str | None = None
    value: str | None = None
    attrs: dict[str, Any] | None = None


@dataclass
class Source:
    path: str
    sha256: str
    part: int = 0
    pages: list[int] = field(default_factory=lambda: [1, 1])
    method: str = "text"


@dataclass
class Document:
    """One record of documents.jsonl."""

    doc_id: str
    source: Source
    text: str
    kind: str | None = None
    kind_name: str | None = None
    draft: bool = False
    party: bool = False
    number: str | None = None
    symbol: str | None = None
    issued_date: str | None = None
    place: str | None = None
    issuers: list[OrgRef] = field(default_factory=list)
    title: str | None = None
    subject: str | None = None
    urgency: str | None = None
    secrecy: str | None = None
    period: dict[str, str] | None = None
    recipients: list[OrgRef] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    parties: list[OrgRef] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    tasks: list[Obligation] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    attached_to: str | None = None
    quality: float | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return from_jsonable(cls, data)


@dataclass
class ManifestEntry:
    """One line of manifest.jsonl: what happened to one input file."""

    path: str
    sha256: str | None
    status: str  # ok | partial | failed | skipped
    error: str | None = None
    documents: list[str] = field(default_factory=list)
    seconds: float = 0.0
    method: str | None = None
    pages: int = 0
    warnings: list[str] = field(default_factory=list)


STATUSES = ("ok", "partial", "failed", "skipped")


# ----------------------------------------------------------------------------- (de)serialization


def to_jsonable(obj: Any) -> Any:
    """Dataclasses to plain JSON values; ``None`` inside spans is dropped to keep lines short."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, Span):
            out = {k: v for k, v in out.items() if v is not None}
        return out
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def from_jsonable(cls: Any, data: Any) -> Any:
    """Inverse of :func:`to_jsonable` for the record types above."""
    if data is None or not dataclasses.is_dataclass(cls):
        return data
    return cls(**{name: _convert(hint, data[name]) for name, hint in _field_hints(cls) if name in data})


@functools.cache
def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(field name, resolved type) of a record type; resolving annotations is slow, so once per type."""
    import typing

    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _convert(hint: Any, value: Any) -> Any:
    import typing

    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is list and args and dataclasses.is_dataclass(args[0]):
        return [from_jsonable(args[0], v) for v in value]
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for a in args:
            if dataclasses.is_dataclass(a):
                return from_jsonable(a, value)
        return value
    if dataclasses.is_dataclass(hint):
        return from_jsonable(hint, value)
    return value
