"""Who a document is when its letterhead does not say, each field so taken named in its warnings.

A symbol whose number the scan lost takes it from the archive file name; a văn bản hợp nhất
without a Số on its first page is read from its closing "XÁC THỰC VĂN BẢN HỢP NHẤT" block; a
document without a Số line is named by an appendix line citing it as the parent ("(Kèm theo
Công văn số ... ngày ... của ...)"), by a crawl site's summary line that agrees with the file
name, or by the file name alone (symbol, kind and issuer codes; never a date or a signer).
"""

from __future__ import annotations

import dataclasses
import re

from pipeline.conventions.kinds import kind_name
from pipeline.conventions.references import attached_to, summary_of
from pipeline.conventions.symbols import Symbol, number_in_file_name, parse_symbol, symbol_in_file_name
from pipeline.model import Document, OrgRef, Reference, Span
from pipeline.structure.header import Header, certification
from pipeline.structure.issuers import issuer_refs
from pipeline.structure.lines import lines_of


def identify(doc: Document, h: Header, file_name: str | None) -> None:
    """Fill what the header ``h`` of ``doc`` lacks: symbol, number, kind, date, issuer (see the module)."""
    if h.symbol is None and (certified := certification(doc.text)) is not None:
        _fill_consolidation(doc, certified)
        h = certified
    if h.number_unreadable:
        _number_from_file_name(doc, h.symbol, file_name)
    elif h.symbol is None:
        _identity_without_symbol(doc, h, symbol_in_file_name(file_name) if file_name else None)


def _number_from_file_name(doc: Document, symbol: Symbol, file_name: str | None) -> None:
    number = number_in_file_name(file_name, symbol) if file_name else None
    if number is None:
        doc.warnings.append("the number of the symbol is unreadable in the text")
        return
    doc.number, doc.symbol = number, dataclasses.replace(symbol, number=number).render()
    doc.warnings.append(f"the number of the symbol is unreadable in the text; {number} taken from the file name")


def _identity_without_symbol(doc: Document, h: Header, named: Symbol | None) -> None:
    """Symbol, kind, date and issuer of a document whose text has no Số line (see :func:`parse_document`)."""
    if not doc.text.strip():
        doc.warnings.append("the file holds no document text (crawl-site pages only)")
    cite, at = _appendix_citation(doc.text, h, doc.kind)
    if cite is None and named is not None:
        cite, at = _summary_citation(doc.text, named)
    if cite is not None:
        _set_identity(doc, parse_symbol(cite.symbol), cite.kind)
        doc.issued_date = doc.issued_date or cite.date
        if cite.issuer and not doc.issuers:
            written = re.compile(r"\s+".join(map(re.escape, cite.issuer.split()))).search(doc.text, at)
            span = Span(written.start(), written.end()) if written else None
            doc.issuers = [OrgRef(name=cite.issuer, text=cite.issuer, span=span)]
        phrase = " ".join(doc.text[at:at + 400].split(")", 1)[0].split())[:160].strip("*_( ")
        doc.warnings.append(f"no Số line: symbol, kind, date and issuer read from '{phrase}'")
    elif named is not None:
        _set_identity(doc, named, named.implied_kind)
        if not doc.issuers:
            codes = named.issuer_codes if named.kind else named.groups[:1]
            doc.issuers = [OrgRef(name=c, text=c) for c in codes]  # codes, no span: stage 3 names them
        doc.warnings.append(f"no Số line: symbol, kind and issuer taken from the file name ({named.render()})")


def _appendix_citation(text: str, h: Header, kind: str | None) -> tuple[Reference | None, int]:
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


def _summary_citation(text: str, named: Symbol) -> tuple[Reference | None, int]:
    """A crawl site's summary line at the top announcing the document the file is named after."""
    for line in lines_of(text)[:3]:
        cite = summary_of(line.text)
        if cite and cite.symbol == named.render():
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
    doc.issuers = doc.issuers or issuer_refs(h.issuer_lines)[0]
    found = [name for name, value in (("symbol", h.symbol), ("date", h.issued_date), ("agency", h.issuer_lines))
             if value]
    doc.warnings.append(f"văn bản hợp nhất: {', '.join(found) or 'nothing'} read from its XÁC THỰC block")
