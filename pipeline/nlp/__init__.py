"""Stage 3: what the text says. Organizations resolved, references, entities, obligations, tasks.

``annotate`` fills a structured :class:`~pipeline.model.Document` in place: the text goes once through the
spaCy pipeline of :mod:`pipeline.nlp.language` (underthesea words; organizations, references, dates,
positions), the rest works from the record. Resources (the gazetteer, the pipeline) load once per worker process.
"""

from __future__ import annotations

import re

from pipeline.model import Document, Obligation, OrgRef, Span
from pipeline.nlp.language import process
from pipeline.nlp.obligations import ObligationFinder
from pipeline.nlp.organizations import Gazetteer, ResolveContext, load_gazetteer
from pipeline.textnorm import fold

__all__ = ["annotate"]

_TASK_SECTIONS = re.compile(r"^(?:noi dung|nhiem vu)")


def annotate(doc: Document) -> None:
    """Resolve organizations and find references, entities, obligations and tasks of ``doc``."""
    g = load_gazetteer()  # built once per process
    _resolve_letterhead(doc, g)
    context = ResolveContext(issuers=list(doc.issuers), province=doc.place, recipients=list(doc.recipients))
    _resolve_orgs(doc, g, context)
    parsed = process(doc.text, context, symbol=doc.symbol)
    orgs = parsed._.organizations
    doc.subject = _recase(doc.subject, g, context)
    doc.title = _recase(doc.title, g, context)
    doc.references = parsed._.references
    joint = doc.parties or (doc.issuers if len(doc.issuers) > 1 else [])
    doc.obligations = ObligationFinder(doc, lambda _t: orgs, joint).find()
    doc.tasks = _tasks(doc)
    doc.entities = parsed._.entities


def _resolve_letterhead(doc: Document, g: Gazetteer) -> None:
    for i, org in enumerate(doc.issuers):
        context = ResolveContext(issuers=doc.issuers[:i], province=doc.place)
        resolved = _unit_of_parent(org, g, context) or g.resolve(org.text or org.name, context=context)
        if resolved is None and org.span is None and org.text:  # a symbol's issuer code from the file name
            resolved = g.from_symbol_code(org.text, context=context) or _spelled_out(org.text, doc.text)
        if resolved:
            org.name, org.id = resolved.name, resolved.id
            org.parent = org.parent if org.parent else resolved.parent
            org.span = org.span or resolved.span


_COMMITTEE = re.compile(r"^(?:(?:tinh|thanh|huyen|quan|thi|dang) uy|ban chap hanh)\b")
_ORGAN = re.compile(r"^(?:ban thuong vu|ban chap hanh|thuong truc)$")  # a committee's organs, named without it
_DEPARTMENT = re.compile(r"^(?:ban|van phong|uy ban kiem tra)\b")  # a Party committee's departments
_OWN_UNIT = re.compile(r"^(?:van phong|thanh tra)$")  # every agency has one, named with the agency


def _unit_of_parent(org: OrgRef, g: Gazetteer, context: ResolveContext) -> OrgRef | None:
    """A unit named by its full name, under the body on the line above it: "BỘ TÀI CHÍNH / VĂN PHÒNG" is the Văn
    phòng Bộ Tài chính; Party departments under their committee: "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG" is the
    Văn phòng Trung ương Đảng, "TỈNH ỦY QUẢNG NINH / BAN TUYÊN GIÁO" the Ban Tuyên giáo Tỉnh ủy Quảng Ninh."""
    if not org.parent:
        return None
    unit, parent = fold(org.name), fold(org.parent)
    if not (_OWN_UNIT.match(unit) or (_DEPARTMENT.match(unit) and _COMMITTEE.match(parent))):
        return None
    above = g.resolve(org.parent, context=context)
    under = "Trung ương" if above and above.id == "bchtw" else above.name if above else org.parent
    name = re.sub(r"^(Ban \w)", lambda m: m.group(1).upper(), org.name)  # "Ban tuyên giáo" -> "Ban Tuyên giáo"
    full = f"{name} {under}"
    if above:  # a national body above: the place of issue is not the unit's province
        context = ResolveContext(issuers=[above, *context.issuers], province=context.province)
    return g.resolve(full, context=context) or OrgRef(name=full, parent=above.id if above else None)


def _committee_organ(org: str, issuer: OrgRef | None) -> OrgRef | None:
    """"T/M BAN THƯỜNG VỤ" of the Tỉnh ủy Bình Định signs for the Ban Thường vụ Tỉnh ủy Bình Định."""
    if issuer is None or not _ORGAN.match(fold(org)) or not _COMMITTEE.match(fold(issuer.name)):
        return None
    return OrgRef(name=f"{org} {issuer.name}", parent=issuer.id)


def _spelled_out(code: str, text: str) -> OrgRef | None:
    """The first words of ``text`` whose initials spell ``code`` ("BCĐ" -> "Ban chỉ đạo"), as an unresolved org."""
    letters = [c for c in code if c.isalpha()]
    if len(letters) < 2 or not code.isupper():
        return None
    pattern = r"\s+".join(rf"{re.escape(c)}\w*" for c in letters)
    m = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)
    if m is None or not m.group(0)[0].isupper():
        return None
    return OrgRef(name=" ".join(m.group(0).split()), text=code, span=Span(m.start(), m.end()))


def _resolve_orgs(doc: Document, g: Gazetteer, context: ResolveContext) -> None:
    for org in [*doc.recipients, *doc.parties]:
        resolved = g.resolve(org.text or org.name, context=context)
        if resolved:
            org.name, org.id = resolved.name, resolved.id
    for signer in doc.signers:
        if signer.org:  # "T/M HUYỆN ỦY" of the Huyện ủy Đồng Văn is its issuer
            issuer = doc.issuers[0] if doc.issuers else None
            own = issuer is not None and f"{fold(issuer.name)} ".startswith(f"{fold(signer.org)} ")
            resolved = issuer if own else _committee_organ(signer.org, issuer) or g.resolve(signer.org, context=context)
            if resolved:
                signer.org, signer.org_id = resolved.name, resolved.id


def _recase(text: str | None, g: Gazetteer, context: ResolveContext) -> str | None:
    """Give organization names inside a lower-cased title their canonical capitals."""
    if not text:
        return text
    for a, b, org in reversed(g.find_all(text, context)):
        if fold(text[a:b]) == fold(org.name):
            text = text[:a] + org.name + text[b:]
    return text


def _tasks(doc: Document) -> list[Obligation]:
    """Items of a "NỘI DUNG ..." / "NHIỆM VỤ ..." section: the work a programme or plan commits to."""
    out = []
    for parent in doc.sections:
        if parent.kind not in ("roman", "part") or not parent.heading:
            continue
        if not _TASK_SECTIONS.match(fold(parent.heading)):
            continue
        for s in doc.sections:
            if s.parent == parent.id:
                body = doc.text[s.span.start + len(s.label) : s.span.end]
                action = " ".join(body.split())
                out.append(Obligation(action=action, span=Span(s.span.start, s.span.end), section=s.id))
    return out
