"""Obligations: who must do what, with whom, by when.

Frames covered: "(kính) đề nghị / rất mong / yêu cầu X <action>", "giao (cho) X <action>",
"X có trách nhiệm / chịu trách nhiệm <action>", "hai bên <action>", and a section whose
heading names an organization ("1. Bộ Khoa học và Công nghệ:") followed by dash items,
each an obligation of that organization. Coordinators come from "phối hợp với A, B";
deadlines from "trước ngày", "chậm nhất", "trong quý IV năm 2021", "cuối năm 2025" ...
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.conventions.dates import NUMERIC_DATE, WRITTEN_DATE, iso, quarter
from pipeline.model import Deadline, Document, Obligation, OrgRef, Section, Span
from pipeline.structure.lines import lines_of
from pipeline.structure.sections import section_at
from pipeline.textnorm import LOWER, UPPER

OrgFinder = Callable[[str], list[tuple[int, int, OrgRef]]]

_TRIGGERS = [
    ("request", re.compile(r"(?:kính\s+)?đề\s+nghị\s+|rất\s+mong\s+|kính\s+mong\s+", re.I)),
    ("obligation", re.compile(r"yêu\s+cầu\s+", re.I)),
    ("assignment", re.compile(r"(?<![\w])giao\s+(?:cho\s+)?", re.I)),
]
_RESPONSIBLE = re.compile(r"\s*(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|phải|chủ\s+trì)\s+", re.I)
_JOINT = re.compile(r"(?<![\w])(hai\s+bên|các\s+bên|mỗi\s+bên)\s+(?=[" + LOWER + "])", re.I)
_COORD = re.compile(r"phối\s+hợp\s+(?:chặt\s+chẽ\s+)?với\s+", re.I)
_DEADLINE = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót|đến\s+hết|hoàn\s+thành\s+trước|trong)\s+(?:ngày\s+)?"
    r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|quý\s+[IV1-4]+"
    r"(?:\s*(?:năm|/)\s*\d{4})?)|cuối\s+năm\s+\d{4}|quý\s+[IV]+\s+năm\s+\d{4}",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s|\n\s*\n|\./\.?|;\s*đồng\s+thời,?\s*")
_ORG_HEADING = re.compile(rf"^[{UPPER}].{{2,120}}:$")


def normalize_deadline(text: str) -> str | None:
    """"2021-Q4", "2025-12-31", "2025-11-26" from deadline wording."""
    q = quarter(text)
    if q:
        return q
    m = re.search(r"cuối\s+năm\s+(\d{4})", text, re.I)
    if m:
        return f"{m.group(1)}-12-31"
    for rx in (WRITTEN_DATE, NUMERIC_DATE):
        d = rx.search(text)
        if d:
            return iso(d.group("d"), d.group("m"), d.group("y"))
    d = re.search(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text)
    return iso(*d.groups()) if d else None


def _deadline(text: str, start: int, end: int) -> Deadline | None:
    m = _DEADLINE.search(text, start, end)
    if not m:
        return None
    return Deadline(text=m.group(0), date=normalize_deadline(m.group(0)), span=Span(m.start(), m.end()))


def _sentence_end(text: str, pos: int, limit: int) -> int:
    m = _SENTENCE_END.search(text, pos, limit)
    return m.start() if m else limit


def _coordinators(text: str, start: int, end: int, orgs: list[tuple[int, int, OrgRef]]) -> list[OrgRef]:
    m = _COORD.search(text, start, end)
    if not m:
        return []
    stop = re.compile(rf"\s+(?!và\b)[{LOWER}]{{2,}}\s+(?:[{LOWER}]+\s+)?(?!và)").search(text, m.end(), end)
    limit = stop.start() if stop else end
    out = [o for a, b, o in orgs if m.end() <= a < max(limit, m.end() + 1)]
    return out


class ObligationFinder:
    """Finds obligations in one document, given an organization finder for its text."""

    def __init__(self, doc: Document, find_orgs: OrgFinder, joint: list[OrgRef]):
        self.doc = doc
        self.text = doc.text
        self.orgs = find_orgs(doc.text)
        self.joint = joint

    def _org_at(self, pos: int) -> tuple[int, OrgRef] | None:
        for a, b, org in self.orgs:
            if a == pos or (a > pos and not self.text[pos:a].strip(" ,:")):
                return b, org
        return None

    def _make(self, modality: str, bearers: list[OrgRef], start: int, action_start: int, end: int,
              deadline_scope: tuple[int, int] | None = None) -> Obligation | None:
        action = " ".join(self.text[action_start:end].split()).strip(" ,;:.-/")
        if len(action) < 4 or not bearers:
            return None
        scope = deadline_scope or (start, end)
        section = section_at(self.doc.sections, start)
        return Obligation(
            action=action, span=Span(start, end), bearer=bearers[0], bearers=bearers, modality=modality,
            coordinators=_coordinators(self.text, action_start, end, self.orgs),
            deadline=_deadline(self.text, *scope), section=section.id if section else None,
        )

    def find(self) -> list[Obligation]:
        found: list[Obligation] = []
        covered: list[tuple[int, int]] = []
        for heading, items in self._heading_items():
            for a, b in items:
                ob = self._make("obligation", [heading], a, a, b)
                if ob:
                    found.append(ob)
                    covered.append((a, b))
        for modality, rx in _TRIGGERS:
            for m in rx.finditer(self.text):
                if any(a <= m.start() < b for a, b in covered):
                    continue
                hit = self._org_at(m.end())
                if not hit:
                    continue
                org_end, org = hit
                action_start = org_end
                resp = re.match(r"\s*(?:sẽ\s+)?", self.text[org_end:])
                action_start += resp.end() if resp else 0
                end = _sentence_end(self.text, action_start, len(self.text))
                para_end = self._paragraph_end(end)
                ob = self._make(modality, [org], m.start(), action_start, end, (m.start(), para_end))
                if ob:
                    ob.assigned_by = self._assigner(m.start()) if modality == "assignment" else None
                    found.append(ob)
                    covered.append((m.start(), end))
                    found.extend(self._continuations(end, org, modality, m.start(), para_end))
        for a, b, org in self.orgs:
            r = _RESPONSIBLE.match(self.text, b)
            if r and not any(x <= a < y for x, y in covered):
                end = _sentence_end(self.text, r.end(), len(self.text))
                ob = self._make("obligation", [org], a, r.end(), end)
                if ob:
                    found.append(ob)
                    covered.append((a, end))
        if self.joint:
            for m in _JOINT.finditer(self.text):
                before = self.text[max(0, m.start() - 3):m.start()]
                if any(a <= m.start() < b for a, b in covered) or not re.search(r"(?:^|[,.;:\n])\s*$", before):
                    continue
                end = _sentence_end(self.text, m.end(), len(self.text))
                ob = self._make("obligation", list(self.joint), m.start(), m.end(), end,
                                (m.start(), self._paragraph_end(end)))
                if ob:
                    found.append(ob)
        return sorted(found, key=lambda o: o.span.start)

    def _paragraph_end(self, pos: int) -> int:
        m = re.compile(r"\n\s*\n").search(self.text, pos)
        return m.start() if m else len(self.text)

    def _continuations(self, end: int, org: OrgRef, modality: str, start: int, para_end: int) -> list[Obligation]:
        """"...; đồng thời, phân công ..." continues the same request with a second action."""
        m = re.compile(r";\s*đồng\s+thời,?\s*", re.I).match(self.text, end)
        if not m:
            return []
        nxt = _sentence_end(self.text, m.end(), len(self.text))
        ob = self._make(modality, [org], m.end(), m.end(), nxt, (start, para_end))
        return [ob] if ob else []

    def _assigner(self, pos: int) -> OrgRef | None:
        before = [o for a, b, o in self.orgs if b <= pos and not self.text[b:pos].strip(" ,").count(".")]
        return before[-1] if before else None

    def _heading_items(self) -> list[tuple[OrgRef, list[tuple[int, int]]]]:
        """Sections headed by an organization name, with the dash items beneath them."""
        out = []
        for s in self.doc.sections:
            if not s.heading or not _ORG_HEADING.match(self.text[s.span.start:s.span.end].split("\n")[0]
                                                       .split(" ", 1)[-1].strip("*_ ")):
                continue
            head = self._org_at(s.span.start + len(s.label) + 1)
            if head is None:
                continue
            items = _dash_items(self.text, s)
            if items:
                out.append((head[1], items))
        return out


def _dash_items(text: str, section: Section) -> list[tuple[int, int]]:
    lines = lines_of(text, section.span.start, section.span.end)[1:]
    items: list[list[int]] = []
    for ln in lines:
        if ln.text.startswith(("-", "+", "•")):
            items.append([ln.start + 1, ln.end])
        elif items and ln.text[:1].islower():
            items[-1][1] = ln.end  # a wrapped item
        elif items:
            break
    return [(a, b) for a, b in items]
