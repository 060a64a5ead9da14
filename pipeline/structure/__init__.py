"""Stage 2: text -> documents. Header fields, recipients, section tree, closing, signers.

``split`` finds the documents of a file; ``parse_document`` reads one of them;
``link_attachments`` ties a covering letter to the documents it attaches.
Organizations are found here as written; stage 3 resolves them to canonical ids.
"""

from __future__ import annotations

import re

from pipeline.conventions.casing import TITLE_RE, position_case, sentence_case
from pipeline.conventions.dates import period
from pipeline.conventions.kinds import kind_name
from pipeline.model import Document, OrgRef, Signer, Source, Span
from pipeline.structure.closing_parts import is_authority_line, is_signature_title, opens_signature, split_authority
from pipeline.structure.header import Header, parse_header
from pipeline.structure.identity import identify
from pipeline.structure.issuers import issuer_refs
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

    What the letterhead does not say (a lost number, no Số line) comes from the text's other
    parts or the archive ``file_name``, as :mod:`pipeline.structure.identity` describes.
    """
    h = parse_header(text)
    doc = Document(doc_id="", source=Source(path="", sha256=""), text=text)
    _fill_header(doc, h)
    identify(doc, h, file_name)
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
    doc.issuers, blanks = issuer_refs(h.issuer_lines)
    doc.warnings += [f"form template: the letterhead has a blank for the issuer ({b})" for b in blanks]
    if h.subject:
        subject = _running_case(h.subject)
        doc.subject = subject[:1].lower() + subject[1:] if h.kind and subject[:2].lower() in ("về",) else subject
        if doc.kind_name and (h.kind or not h.vv):
            doc.title = f"{doc.kind_name} {subject[:1].lower() + subject[1:]}"
        doc.period = period(h.subject) if re.search(r"giai đoạn|GIAI ĐOẠN", h.subject) else None
    if h.attached_to_text:
        doc.warnings.append(f"issued with: {h.attached_to_text}")


def _running_case(subject: str) -> str:
    """A trích yếu in running-text case: whole, or its upper-case lines before a lower-case "về ..." line
    ("CỦA BỘ CHÍNH TRỊ về ..." -> "của Bộ Chính trị về ...")."""
    if is_upper(subject):
        return sentence_case(subject)
    words = subject.split(" ")
    lead = next((i for i, w in enumerate(words) if any(c.isalpha() for c in w) and not is_upper(w)), 0)
    return " ".join([sentence_case(" ".join(words[:lead])), *words[lead:]]) if lead > 1 else subject


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
