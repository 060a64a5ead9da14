"""ObligationFinder: the frames of every item, put together with what the lists around them say.

An item inherits the context of the heading above it: "yêu cầu Chủ tịch UBND các tỉnh ...:", "Giao Sở X:" or a
party named alone ("1. Công an tỉnh", "1.1. Giao Sở Nông nghiệp và Môi trường" at a line's end) give the bearers
(and modality) of what follows; "Thủ tướng Chính phủ yêu cầu:", "III. TỔ CHỨC THỰC HIỆN" or a plan's "II. NỘI
DUNG" only make it a directive, whose subjects are bearers ("3. Bộ Quốc phòng, Bộ Công an chỉ đạo ..."). A heading
paragraph rules the items after it; a heading item rules its children. An item is one task: its "+" sub-items are
part of it; a frame in a later sentence starts a task of its own ("... Giao Văn phòng Bộ tổng hợp ..."); a frame
inside its first sentence is part of its content ("Rà soát ..., giao Chính phủ quy định ..."), unless the item
opens with a circumstance ("Đối với ..., giao Ủy ban nhân dân cấp tỉnh ..."). Task fields ("- Cơ quan thực hiện:
X chủ trì, phối hợp với ...", "- Thời gian thực hiện: ...") make the item a task of X; items without fields share
the next ones. A reporting clause with its own deadline ("... và báo cáo kết quả ... trước ngày 03/12/2025") is a
task of its own; a "không được ..." inside a task is a prohibition of the same bearers. Task tables give one
assignment per row; a catalogue of administrative procedures gives none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from pipeline.model import Deadline, Document, Obligation, OrgRef, Span
from pipeline.nlp.obligations.bearers import Bearers, Mention
from pipeline.nlp.obligations.deadlines import find_deadline
from pipeline.nlp.obligations.frames import Frame, Frames, intro, list_intro
from pipeline.nlp.obligations.layout import (
    Item,
    field_group,
    fields,
    outline,
    procedures,
    sentences,
    skip_blank,
)
from pipeline.nlp.obligations.tables import Table, find_tables
from pipeline.nlp.organizations import ResolveContext, load_gazetteer
from pipeline.structure.sections import section_at

_DIRECTIVE_KINDS = {"CT", "CĐ", "KL"}
# A Thông báo of conclusions or instructions ("Kết luận của Chủ tịch ...", "Ý kiến chỉ đạo của Thủ tướng ...")
# directs too.
_DIRECTING_NOTICE = re.compile(r"(?i)^\s*(?:ý\s+kiến\s+)?(?:kết\s+luận|chỉ\s+đạo)\b")
_DIRECTIVE_HEADING = r"(?i)tổ\s+chức\s+thực\s+hiện|nhiệm\s+vụ|giải\s+pháp|phân\s+công|trách\s+nhiệm|thi\s+hành"
_REPORT_KINDS = {"BC", "TTr", "BB"}  # in a report, "II. NỘI DUNG" tells what was done
_TIME_SENTENCE = re.compile(
    r"(?i)[\s*_]*(?:thời\s+(?:gian|hạn)|tiến\s+độ|hạn\s+chót|hoàn\s+thành|chậm\s+nhất|trước\s+ngày)"
)
_COORD = re.compile(r"(?i)phối\s+hợp(?:\s+(?:chặt\s+chẽ|cụ\s+thể|thường\s+xuyên|đồng\s+bộ))?(?:\s+với)?[ \t\n]+")
_BENEFIT = re.compile(r"(?i)(?:hỗ\s+trợ|giúp\s+đỡ|tạo\s+điều\s+kiện)(?:\s+cho)?[ \t\n]+")
_REPORT = re.compile(r"(?i)(?:;|\svà)[ \t\n]+(?=(?:định\s+kỳ[^.;]{0,60}?[ \t\n])?báo\s+cáo[ \t\n])")
_FORBID = re.compile(r"(?i)(?<![\w])(?:không\s+được|nghiêm\s+cấm|tuyệt\s+đối\s+không)(?![\w])")
_CLAUSE_END = re.compile(r"[,;.](?=\s)|\n[ \t]*\n|$")
_APPENDIX = re.compile(r"(?i)\(\s*phụ\s+lục[^)]{0,40}\)|theo\s+phụ\s+lục|tại\s+phụ\s+lục")
_CONTINUE = re.compile(r"(?i);[ \t\n]*đồng\s+thời,?[ \t\n]*")
OrgFinder = Callable[[str], list[Mention]]


@dataclass
class Context:
    """What the headings above an item say about it."""

    bearers: list[OrgRef] = field(default_factory=list)
    modality: str = "assignment"
    directive: bool = False  # a subject with an ordinary verb is a bearer here


class ObligationFinder:
    """Finds obligations in one document, given an organization finder for its text and its joint parties."""

    def __init__(self, doc: Document, find_orgs: OrgFinder, joint: list[OrgRef]):
        self.doc = doc
        self.text = doc.text
        self.orgs: list[Mention] = find_orgs(doc.text)
        self.joint = joint
        context = ResolveContext(issuers=list(doc.issuers), province=doc.place, recipients=list(doc.recipients))
        self.bearers = Bearers(self.text, self.orgs, load_gazetteer(), context, doc.recipients)
        self.frames = Frames(self.text, self.bearers, doc.issuers, joint)
        plan = doc.kind not in _REPORT_KINDS  # a plan's "II. NỘI DUNG" lists what is to be done
        self._directive = re.compile(_DIRECTIVE_HEADING + (r"|nội\s+dung" if plan else ""))

    def find(self) -> list[Obligation]:
        procedure = procedures(self.text)
        tables = [t for t in find_tables(self.text, self.bearers) if t.span[0] < procedure]
        roots = outline(self.text, [*(t.span for t in tables), (procedure, len(self.text))])
        found: list[Obligation] = []
        base = Context(modality="obligation" if self.joint else "assignment",  # parties bind themselves
                       directive=self._directs())
        self._walk(roots, base, found)
        for table in tables:
            found += self._table(table)
        return sorted(found, key=lambda o: (o.span.start, o.span.end))

    def _directs(self) -> bool:
        """Whether the whole document directs: subjects with an ordinary verb are bearers everywhere in it."""
        notice = self.doc.kind == "TB" and bool(_DIRECTING_NOTICE.match(self.doc.subject or ""))
        return self.doc.kind in _DIRECTIVE_KINDS or notice

    # ----------------------------------------------------------------------------- the outline

    def _walk(self, items: list[Item], ctx: Context, found: list[Obligation]) -> None:
        """Obligations of sibling items; a heading paragraph rules the list after it, up to the next paragraph."""
        rows = self._rows(items)
        outer = ctx
        for i, item in enumerate(items):
            if item.field:
                continue
            if i and (item.part != items[i - 1].part or item.kind == "paragraph"):
                ctx = outer
            children, after = self._item(item, ctx, rows.get(item), found)
            if children is not None and not self._absorbs(item):
                self._walk(item.children, children, found)
            if after is not None:
                ctx = after

    def _item(self, item: Item, ctx: Context, row: dict[str, tuple[int, int]] | None,
              found: list[Obligation]) -> tuple[Context | None, Context | None]:
        """Obligations of one item; the context of its children (None: they are part of it) and of the items
        after it (None: unchanged)."""
        own_ctx = replace(ctx, directive=ctx.directive or item.kind == "article")
        below = replace(own_ctx, directive=own_ctx.directive or (
            item.kind in ("roman", "number", "article") and bool(self._directive.search(self.text, item.body,
                                                                                        item.body + 80))))
        if row is not None:
            found += self._row(item, own_ctx, row) if row else []
            return None, None
        tasks = [c for c in item.children if not c.field and c.kind != "plus"]
        end = item.stop if self._absorbs(item) else item.end
        frames = self._frames(item, end, own_ctx)
        if item.kind != "paragraph" and (not frames or frames[0].start > skip_blank(self.text, item.body)):
            frames[:0] = filter(None, [self.frames.line_heading(item.body, end)])
        if tasks and not any(f.trigger or f.heading for f in frames):
            bearers = self.frames.heading_bearers(item.body, item.end)
            if bearers:  # "1. Thủ trưởng các cơ quan thuộc Bộ", then its tasks
                return replace(below, bearers=bearers, directive=True), None
            if not frames:  # a topic ("1. Về tổ chức bộ máy"): its items inherit what is above it
                return below, None
        lead = frames[0].start if frames else end
        if own_ctx.bearers and self.text[item.body:lead].strip(" *_\t\n-"):
            cut = self._sentence_start(item.body, lead) if frames else end
            found += self._task(own_ctx.bearers, own_ctx.modality, item.start, item.body, cut)
        for i, frame in enumerate(frames):
            stop = frames[i + 1].start if i + 1 < len(frames) else end
            if not frame.heading and self.frames.clause(frame.action, stop).endswith(":"):
                self.frames.mark_heading(frame, stop)
            content = frame.heading and frame.own and not list_intro(self.frames.clause(frame.action, stop))
            if frame.pass_on or content:
                frame.pass_on, stop = True, item.stop  # the list below is part of this task
            if frame.own:
                found += self._task(frame.bearers, frame.modality or own_ctx.modality, frame.start, frame.action,
                                    stop, continuation=frame.trigger, assigner=frame.assigner)
            elif frame.heading and not self.frames.clause(frame.action, stop).endswith(":") \
                    and self.text[frame.action:stop].strip(" *_\t\n"):  # the task on the lines below the name
                found += self._task(frame.bearers, frame.modality or own_ctx.modality, frame.action, frame.action,
                                    stop, assigner=frame.assigner)
        last = frames[-1] if frames else None
        if last is None or not last.heading:
            return below, None
        if last.pass_on:
            return None, None
        inner = Context(bearers=last.bearers, modality=last.modality or below.modality, directive=True)
        return inner, (inner if item.kind == "paragraph" and not tasks else None)

    def _frames(self, item: Item, end: int, ctx: Context) -> list[Frame]:
        """The frames of an item's text, in order; those inside the first sentence of a task that opens with
        its own action are its content."""
        sents = sentences(self.text, item.body, end)
        frames = self.frames.triggers(item.body, end)
        partners = [self.bearers.scan(m.end(), end) for m in _COORD.finditer(self.text, item.body, end)]
        for pos, comma in self.frames.clause_starts(item.body, end, sents):
            if any(f.start <= pos < f.action for f in frames) or any(p and p.start < pos <= p.end for p in partners):
                continue  # inside a frame, or in a list of partners ("phối hợp với Văn phòng UBND tỉnh; Sở Tư pháp")
            frame = self.frames.subject(pos, end, ctx.directive, comma)
            if frame is not None:
                frames.append(frame)
        frames.sort(key=lambda f: f.start)
        kept: list[Frame] = []
        for f in frames:
            if kept and f.start < kept[-1].action:
                continue
            kept.append(f)
        if ctx.bearers and sents and not intro(self.text, item.body, end):
            first, lead = sents[0][1], skip_blank(self.text, item.body)
            kept = [f for f in kept if not lead < f.start < first]
        return kept

    def _absorbs(self, item: Item) -> bool:
        """Whether the "+" sub-items of ``item`` are part of its task."""
        return any(c.kind == "plus" for c in item.children) and not any(
            not c.field and c.kind != "plus" for c in item.children)

    def _rows(self, items: list[Item]) -> dict[Item, dict[str, tuple[int, int]]]:
        """Items with task fields, and the items of the same kind before them that share those fields (one table
        row); none in an administrative procedure."""
        own = {item: f for item in items if not item.field and "bearer" in (f := fields(self.text, item))}
        if not own:
            return {}
        rows, pending = {}, []
        for item in items:
            if item.field:
                continue
            if pending and (item.kind != pending[-1].kind or item.part != pending[-1].part):
                pending = []
            if item in own:
                for p in pending if field_group(self.text, item) else [*pending, item]:
                    rows[p] = own[item]
                rows.setdefault(item, {})  # a group of fields is no task of its own
                pending = []
            elif item.kind != "paragraph":
                pending.append(item)
        return rows

    def _row(self, item: Item, ctx: Context, row: dict[str, tuple[int, int]]) -> list[Obligation]:
        """A task whose bearer and deadline are its fields."""
        a, b = row["bearer"]
        phrase = self.bearers.scan(a, b)
        bearers = phrase.bearers if phrase and phrase.end < b else self.bearers.parse(a, b)
        coords = self._coordinators(a, b)
        if "coordinators" in row:
            coords += self.bearers.parse(*row["coordinators"])
        deadline = find_deadline(self.text, *row["deadline"], field=True) if "deadline" in row else None
        ob = self._obligation(bearers, ctx.modality, item.start, item.stop if item.children else item.end,
                              item.body, deadline, coordinators=coords)
        return [ob] if ob else []

    # ----------------------------------------------------------------------------- tasks

    def _task(self, bearers: list[OrgRef], modality: str, start: int, action: int, end: int,
              continuation: bool = False, assigner: OrgRef | None = None) -> list[Obligation]:
        """The obligations of one task ``text[start:end]``: itself, a reporting clause with its own deadline,
        "; đồng thời, ..." after a trigger, and the prohibitions inside it."""
        out = []
        cut = _CONTINUE.search(self.text, action, end) if continuation else None
        if cut:
            out += self._task(bearers, modality, cut.end(), cut.end(), end, assigner=assigner)
            end = cut.start()
        report = next((m for m in _REPORT.finditer(self.text, action, end)
                       if (d := self._deadline(m.end(), end)) and d.date), None)
        if report:
            out += self._task(bearers, modality, report.end(), report.end(), end, assigner=assigner)
            end = report.start()
        ob = self._obligation(bearers, modality, start, end, action, self._deadline(action, end), assigner)
        if ob is None:
            return out
        out.append(ob)
        if modality != "prohibition":
            for m in _FORBID.finditer(self.text, action + 1, end):
                stop = _CLAUSE_END.search(self.text, m.end(), end).start()
                out += filter(None, [self._obligation(bearers, "prohibition", m.start(), stop, m.start(), None,
                                                      assigner)])
        return out

    def _obligation(self, bearers: list[OrgRef], modality: str, start: int, end: int, action: int,
                    deadline: Deadline | None, assigner: OrgRef | None = None,
                    coordinators: list[OrgRef] | None = None) -> Obligation | None:
        """The record of a task ``text[start:end]`` whose action starts at ``action``; None without a bearer."""
        words = " ".join(self.text[action:end].split()).strip(" ,;:.-/*_")
        bearers = _unique(bearers)
        if len(words) < 4 or not bearers:
            return None
        if coordinators is None:
            coordinators = self._coordinators(action, end)
        section = section_at(self.doc.sections, start)
        return Obligation(
            action=words, span=Span(start, end), bearer=bearers[0], bearers=bearers, modality=modality,
            coordinators=[c for c in _unique(coordinators) if all(c.name != b.name for b in bearers)],
            beneficiary=self._beneficiary(action, end), deadline=deadline,
            assigned_by=assigner or (self.doc.issuers[0] if self.doc.issuers else None),
            section=section.id if section else None,
        )

    def _deadline(self, start: int, end: int) -> Deadline | None:
        """The deadline of a task: in its first sentence, or in the time statements right after it."""
        sents = sentences(self.text, start, end)
        if not sents:
            return None
        scope_end = sents[0][1]
        for a, b in sents[1:]:
            if not _TIME_SENTENCE.match(self.text, a):
                break
            scope_end = b
        return find_deadline(self.text, start, scope_end)

    def _coordinators(self, start: int, end: int) -> list[OrgRef]:
        out = []
        for m in _COORD.finditer(self.text, start, end):
            phrase = self.bearers.scan(m.end(), end)
            if phrase:
                out += phrase.bearers
        return out

    def _beneficiary(self, start: int, end: int) -> OrgRef | None:
        m = _BENEFIT.search(self.text, start, end)
        hit = self.bearers.mention_at(m.end()) if m else None
        return hit[2] if hit else None

    def _sentence_start(self, start: int, pos: int) -> int:
        """The start of the sentence holding ``pos``."""
        sents = [a for a, b in sentences(self.text, start, pos + 1) if a <= pos]
        return sents[-1] if sents else start

    # ----------------------------------------------------------------------------- tables

    def _table(self, table: Table) -> list[Obligation]:
        """One assignment per row, to the bodies of its bearer cell."""
        out = []
        inherited = self._appendix_deadline(table.span[0])
        for row in table.rows:
            deadline = find_deadline(self.text, *row.deadline, field=True) if row.deadline else inherited
            coords = self.bearers.parse(*row.coordinators) if row.coordinators else []
            ob = self._obligation(self.bearers.parse(*row.bearer), "assignment", row.start, row.end,
                                  row.content[0] if row.content else row.start, deadline, coordinators=coords)
            if ob:
                ob.action = " ".join(self.text[slice(*row.content)].split()) if row.content else ob.action
                out.append(ob)
        return out

    def _appendix_deadline(self, before: int) -> Deadline | None:
        """The deadline of the sentence that sends its reader to the appendix ("(Phụ lục kèm theo), hoàn thành
        trước ngày 15/12/2025"): the rows of the table inherit it, as the document says."""
        for m in _APPENDIX.finditer(self.text, 0, before):
            for a, b in sentences(self.text, max(0, m.start() - 400), min(before, m.end() + 400)):
                if a <= m.start() < b and (deadline := find_deadline(self.text, a, b)) and deadline.date:
                    return deadline
        return None


def _unique(orgs: list[OrgRef]) -> list[OrgRef]:
    seen, out = set(), []
    for o in orgs:
        k = o.id or o.name
        if k not in seen:
            seen.add(k)
            out.append(o)
    return out
