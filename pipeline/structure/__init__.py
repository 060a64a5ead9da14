"""Stage 2: text -> documents. Header fields, recipients, section tree, closing, signers.

``split`` finds the documents of a file; ``parse_document`` reads one of them;
``link_attachments`` ties a covering letter to the documents it attaches.
Organizations are found here as written; stage 3 resolves them to canonical ids.
"""

from __future__ import annotations

import dataclasses
import re

from pipeline.conventions.casing import TITLE_RE, position_case, sentence_case
from pipeline.conventions.citations import Citation, attached_to, summary_of
from pipeline.conventions.dates import period
from pipeline.conventions.kinds import kind_name
from pipeline.conventions.symbols import Symbol, number_in_file_name, symbol_in_file_name
from pipeline.model import Document, OrgRef, Signer, Source, Span
from pipeline.structure.closing_parts import is_authority_line, is_signature_title, opens_signature, split_authority
from pipeline.structure.header import Header, certification, parse_header
from pipeline.structure.issuers import group_issuers
from pipeline.structure.lines import Line, is_upper, lines_of
from pipeline.structure.recipients import find_distribution, find_recipients, split_archive_tail
from pipeline.structure.sections import parse_sections
from pipeline.structure.signature import parse_signatures, position_text
from pipeline.structure.split import split
from pipeline.textnorm import fold

__all__ = ["link_attachments", "parse_document", "split"]

_BODY_END = re.compile(r"(?:\./\.?|/\.)\s*\**$")
_APPENDIX = re.compile(r"^(?:phu luc|danh muc|\(?\s*(?:ban hanh\s+)?kem theo|quy (?:che|dinh)$|bieu mau)")
_KEM_THEO = re.compile(r"\b(?:gui kem|kem theo|dinh kem)\b")


def parse_document(text: str, file_name: str | None = None) -> Document:
    """Parse one document's text (as cut by :func:`split`) into a record without ids or NLP.

    Without a Số line, the document is identified by an appendix line naming it as the parent
    ("(Kèm theo Công văn số ... ngày ... của ...)"), else by the archive ``file_name``: a site
    summary line that agrees with the name, or the name alone (symbol, kind, issuer; never a
    date). ``file_name`` also supplies a symbol's number the text lost (a handwritten number
    on a scan). The record's warnings say where such fields came from.
    """
    h = parse_header(text)
    doc = Document(doc_id="", source=Source(path="", sha256=""), text=text)
    _fill_header(doc, h)
    if h.symbol is None and (certified := certification(text)) is not None:
        _fill_consolidation(doc, certified)
        h = certified
    if h.number_unreadable:
        _number_from_file_name(doc, h.symbol, file_name)
    elif h.symbol is None:
        _identity_without_symbol(doc, h, symbol_in_file_name(file_name) if file_name else None)
    recipients, body_start = find_recipients(text, h.body_start, min(len(text), h.body_start + 4000))
    doc.recipients = [OrgRef(name=t, text=t, span=Span(a, b)) for t, a, b in recipients]
    if not recipients:
        body_start = h.body_start
    lines = lines_of(text, body_start)
    closing = _closing_index(lines)
    doc.sections = parse_sections(lines[:closing], lines[closing].start if closing < len(lines) else len(text))
    closing_lines = _closing_lines(lines[closing:])
    doc.distribution, used = find_distribution(closing_lines)
    for draft in parse_signatures(closing_lines, used):
        authority, on_behalf = draft.authority_parts()
        org = draft.org or _collective(draft.chain)
        doc.signers.append(Signer(
            name=draft.name, position=position_text(draft), authority=authority, on_behalf_of=on_behalf,
            org=position_case(org) if org else (doc.issuers[0].name if doc.issuers else None),
            span=Span(draft.start, draft.end or draft.start),
        ))
    if doc.kind in ("CTr", "HĐ", "BGN", "BTT", "QC") and len(doc.issuers) > 1:
        doc.parties = [OrgRef(name=i.name, text=i.text, span=i.span) for i in doc.issuers]
    return doc


def _number_from_file_name(doc: Document, symbol: Symbol, file_name: str | None) -> None:
    number = number_in_file_name(file_name, symbol) if file_name else None
    if number is None:
        doc.warnings.append("the number of the symbol is unreadable in the text")
        return
    symbol = dataclasses.replace(symbol, number=number)
    doc.number, doc.symbol = number, symbol.render()
    doc.warnings.append(f"the number of the symbol is unreadable in the text; {number} taken from the file name")


def _identity_without_symbol(doc: Document, h: Header, named: Symbol | None) -> None:
    """Symbol, kind, date and issuer of a document whose text has no Số line (see :func:`parse_document`)."""
    if not doc.text.strip():
        doc.warnings.append("the file holds no document text (crawl-site pages only)")
    cite, at = _appendix_citation(doc.text, h, doc.kind)
    if cite is None and named is not None:
        cite, at = _summary_citation(doc.text, named)
    if cite is not None:
        _set_identity(doc, cite.symbol, cite.kind)
        doc.issued_date = doc.issued_date or cite.date
        if cite.issuer and not doc.issuers:
            a, b = cite.issuer_span
            doc.issuers = [OrgRef(name=cite.issuer, text=cite.issuer, span=Span(at + a, at + b))]
        phrase = " ".join(doc.text[at:at + 400].split(")", 1)[0].split())[:160].strip("*_( ")
        doc.warnings.append(f"no Số line: symbol, kind, date and issuer read from '{phrase}'")
    elif named is not None:
        _set_identity(doc, named, named.implied_kind)
        if not doc.issuers:
            codes = named.issuer_codes if named.kind else named.groups[:1]
            doc.issuers = [OrgRef(name=c, text=c) for c in codes]  # codes, no span: stage 3 names them
        doc.warnings.append(f"no Số line: symbol, kind and issuer taken from the file name ({named.render()})")


def _appendix_citation(text: str, h: Header, kind: str | None) -> tuple[Citation | None, int]:
    """An appendix after the closing that names this document: "(Kèm theo Công văn số ... của ...)"."""
    if h.attached_to_text or h.state or h.party or h.issuer_lines:
        return None, 0  # issued with another document, or a letterhead of its own (a form of an appendix)
    closing = re.search(r"(?i)\bnơi\s+nhận\b|\./\.", text)
    for line in lines_of(text, closing.end()) if closing else []:
        close = text.find(")", line.start, line.start + 400)
        cite = attached_to(text[line.start:close + 1]) if close > 0 else None
        if cite and kind in (None, cite.kind):
            return cite, line.start
    return None, 0


def _summary_citation(text: str, named: Symbol) -> tuple[Citation | None, int]:
    """A crawl site's summary line at the top announcing the document the file is named after."""
    for line in lines_of(text)[:3]:
        cite = summary_of(line.text)
        if cite and cite.symbol.render() == named.render():
            return cite, line.start
    return None, 0


def _set_identity(doc: Document, sym: Symbol, code: str | None) -> None:
    doc.number, doc.symbol, doc.party = sym.number, sym.render(), sym.party
    if doc.kind is None:
        doc.kind, doc.kind_name = code, kind_name(code, party=sym.party)


def _fill_consolidation(doc: Document, h: Header) -> None:
    """A văn bản hợp nhất: kind, symbol, date and agency from its closing certification block."""
    doc.kind, doc.kind_name = "VBHN", kind_name("VBHN")
    if h.symbol is not None:
        doc.number, doc.symbol = h.symbol.number, h.symbol.render()
    doc.issued_date, doc.place = h.issued_date or doc.issued_date, h.place or doc.place
    if not doc.issuers:
        doc.issuers = [OrgRef(name=sentence_case(i.text), text=i.text, span=Span(i.start, i.end))
                       for i in group_issuers(h.issuer_lines)]
    found = [name for name, value in (("symbol", h.symbol), ("date", h.issued_date), ("agency", h.issuer_lines))
             if value]
    doc.warnings.append(f"văn bản hợp nhất: {', '.join(found) or 'nothing'} read from its XÁC THỰC block")


def _fill_header(doc: Document, h: Header) -> None:
    sym = h.symbol
    doc.party = h.party or bool(sym and sym.party)
    # The type line decides; then "V/v" (a công văn); then the symbol: its type code, or a công văn's shape.
    code = h.kind or ("CV" if h.vv else None) or (sym.implied_kind if sym else None)
    doc.kind, doc.kind_name = code, kind_name(code, party=doc.party)
    if sym is not None:
        doc.number = sym.number
        doc.symbol = sym.render()
    doc.issued_date, doc.place = h.issued_date, h.place
    doc.draft = h.draft or bool(sym and not sym.number and doc.issued_date and len(doc.issued_date) == 4)
    doc.urgency, doc.secrecy = h.urgency, h.secrecy
    for issuer in group_issuers(h.issuer_lines):
        doc.issuers.append(OrgRef(
            name=sentence_case(issuer.text), text=issuer.text, span=Span(issuer.start, issuer.end),
            parent=sentence_case(issuer.parent) if issuer.parent else None,
        ))
    if h.subject:
        subject = sentence_case(h.subject) if is_upper(h.subject) else h.subject
        doc.subject = subject[:1].lower() + subject[1:] if h.kind and subject[:2].lower() in ("về",) else subject
        if doc.kind_name and (h.kind or not h.vv):
            doc.title = f"{doc.kind_name} {subject[:1].lower() + subject[1:]}"
        doc.period = period(h.subject) if re.search(r"giai đoạn|GIAI ĐOẠN", h.subject) else None
    if h.attached_to_text:
        doc.warnings.append(f"issued with: {h.attached_to_text}")


def _closing_index(lines: list[Line]) -> int:
    """Index of the first closing line: Nơi nhận, a TM./KT./TL. signature, the line after "./.",
    or, in the last two thirds, a title with the signer's name below it ("CHỦ TỊCH QUỐC HỘI /
    (Đã ký) / Trần Thanh Mẫn" closes a Luật, which has neither Nơi nhận nor "./.")."""
    n = len(lines)
    for i, line in enumerate(lines):
        t = line.text.strip("*_ ")
        folded = fold(t)
        if folded.startswith("noi nhan"):
            return _titles_above(lines, i)
        near = lines[i + 1:i + 7]
        if _BODY_END.search(line.text) and any(
            fold(x.text.strip("*_ ")).startswith("noi nhan") or is_signature_title(x.text.strip("*_ ")) for x in near
        ):
            return i + 1
        if i >= n // 3 and (is_authority_line(t) or opens_signature(lines, i)):
            return i
    return n


def _titles_above(lines: list[Line], i: int) -> int:
    """Back from Nơi nhận over the signature titles read just above it (a scan of side-by-side columns)."""
    start = i
    while start > max(0, i - 3) and is_signature_title(lines[start - 1].text.strip("*_ ")):
        start -= 1
    return start


def _closing_lines(lines: list[Line]) -> list[Line]:
    """The closing block, cut before an appendix that follows the signature; a signature run on
    after the Lưu item of a flattened copy gets its own line."""
    out: list[Line] = []
    for line in lines[:40]:
        if out and _APPENDIX.match(fold(line.text.strip("*_ "))):
            break
        out.extend(split_archive_tail(line))
    return out


def _collective(chain: list[str]) -> str | None:
    """The body a signature speaks for: the collective after TM. ("T/M Bộ Chính trị"), else the body
    named after the head's title in a KT./TL. line ("KT. BỘ TRƯỞNG BỘ TÀI CHÍNH", joint documents)."""
    bodies = [split_authority(c) for c in chain]
    for code, body in bodies:
        if code == "TM" and body:
            return body
    for code, body in bodies:
        title = TITLE_RE.match(fold(body))
        rest = body[title.end():].strip() if title else ""
        if code != "TM" and len(rest.split()) >= 2 and rest[0].isalpha():
            return rest
    return None


def link_attachments(documents: list[Document]) -> None:
    """Later documents of a file are attachments of the first when the first says it sends them."""
    if len(documents) < 2:
        return
    cover = documents[0]
    says_attached = bool(_KEM_THEO.search(fold(cover.text)))
    for doc in documents[1:]:
        if says_attached or doc.draft or any(w.startswith("issued with") for w in doc.warnings):
            doc.attached_to = cover.doc_id
            cover.attachments.append(doc.doc_id)
