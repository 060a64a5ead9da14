"""Frames: the wordings that make an obligation, found in one item's own text.

Two kinds. A trigger names the bearer after it: "Giao Sở X chủ trì, phối hợp với ...", "yêu cầu Chủ tịch UBND
các tỉnh ...", "đề nghị bộ, ngành, địa phương ...", "Ủy quyền cho Chánh Văn phòng ...", "nghiêm cấm ...". A
subject frame names it first, at the start of a clause: "Bộ Quốc phòng, Bộ Công an chỉ đạo ...", "X có trách
nhiệm ...", "X chủ trì, phối hợp ...", "Sở Tư pháp: Phối hợp với ...", "hai bên triển khai ...". Either may end
in a colon and head the list that follows ("Thủ tướng Chính phủ yêu cầu:", "Giao Sở LĐTBXH:", "1. Công an tỉnh:").

Modality (LegalRuleML terms plus two): "giao", "yêu cầu", "phân công" and task lists give assignment; "đề nghị",
"kính đề nghị", "rất mong" request; "có trách nhiệm", "chịu trách nhiệm", "phải" obligation; "ủy quyền cho",
"cho phép", "được phép", "có quyền" permission; "không được", "nghiêm cấm", "cấm" prohibition.

Not frames: a past assignment ("đã giao cho Công an tỉnh tại Quyết định số ..."), a passive ("nhiệm vụ được
giao"), another body's own proposal ("UBND tỉnh Lào Cai đề nghị ..."), a courtesy close ("Đề nghị bộ, ngành, địa
phương quan tâm thực hiện./.") and, outside a directive context, a subject frame with an ordinary verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import OrgRef
from pipeline.nlp.obligations.bearers import HEAD_WORD, Bearers, Phrase
from pipeline.nlp.obligations.layout import skip_blank
from pipeline.textnorm import LOWER, UPPER, fold

_TRIGGERS = [
    ("request", r"(?:kính\s+|trân\s+trọng\s+)?đề\s+nghị|rất\s+mong|kính\s+mong"),
    ("assignment", r"yêu\s+cầu|giao(?:\s+cho)?|phân\s+công(?:\s+cho)?|chỉ\s+đạo"),
    ("permission", r"ủy\s+quyền\s+cho|uỷ\s+quyền\s+cho|cho\s+phép"),
    ("prohibition", r"nghiêm\s+cấm|cấm"),
]
_TRIGGER = re.compile(
    r"(?i)(?<![\w])(?:" + "|".join(f"(?P<{m}>{rx})" for m, rx in _TRIGGERS) + r")(?![\w])"
)
_HEADING_ONLY = re.compile(r"(?i)chỉ\s+đạo")  # "chỉ đạo" names no bearer after it: only "X chỉ đạo:" heads a list
_PASSIVE = re.compile(r"(?i)(?:được|đã|bàn|chuyển|từng|vừa)\s*$")
_PAST = re.compile(r"(?i)(?<![\w])(?:đã|đã\s+từng)(?![\w])[^,;:.\n]*$")
_PREDICATE = re.compile(rf"[ \t\n]*(?P<word>[{LOWER}][{LOWER}]*)")
_NOT_PREDICATE = re.compile(
    r"(?i)(?:của|về|tại|theo|trong|với|và|đã|đang|vừa|được|bị|là|thuộc|ở|do|cho|đến|từ|như|này|đó|nêu|trên|cùng|"
    r"các|những|nhằm|để|mà|thì|nếu|khi|gồm|bao|trước|sau|vào|năm|ngày|tháng|số|tham\s+dự|phường|xã|huyện|"
    r"quận|tỉnh|thị\s+trấn|đặc\s+khu|thành\s+phố|"
    r"có(?!\s+(?:trách\s+nhiệm|nghĩa\s+vụ|nhiệm\s+vụ|quyền|kế\s+hoạch|văn\s+bản|báo\s+cáo|ý\s+kiến)))(?![\w])"
)
# What a body is told to do starts with one of these (a subject followed by a noun is no frame: "Các tổ chức
# chính trị - xã hội, tổ chức xã hội ...").
_VERBS = (
    "chủ trì|chủ động|phối hợp|thực hiện|tổ chức|triển khai|xây dựng|rà soát|hướng dẫn|chỉ đạo|lãnh đạo|"
    "theo dõi|đôn đốc||kiểm tra|thanh tra|giám sát|tăng cường|đẩy mạnh|bảo đảm|đảm bảo|tiếp tục|khẩn trương|"
    "tập trung|căn cứ|nghiên cứu||tham mưu|ban hành|báo cáo|tổng hợp|tổng kết|sơ kết|đánh giá|xem xét|hỗ trợ|"
    "bố trí|nâng cao|kịp thời|quan tâm||làm|cung cấp|gửi|trình|cử|lập|quản lý|phân bổ|sử dụng|cập nhật|"
    "công bố|công khai|xử lý|quyết định|cấp||thẩm định|thẩm tra|phê duyệt|thông báo|đề xuất|kiến nghị|"
    "hoàn thiện|hoàn thành|hoàn chỉnh|nghiêm túc|sớm||thường xuyên|định kỳ|ưu tiên|duy trì|huy động|vận động|"
    "tuyên truyền|phổ biến|quán triệt|chuẩn bị|thống nhất||thành lập|kiện toàn|sắp xếp|giải quyết|tiếp nhận|"
    "lựa chọn|tiến hành|trao đổi|ứng dụng|tham gia|tạo|giúp||biên soạn|thiết lập|kết nối|bổ sung|sửa đổi|"
    "điều chỉnh|phân tích|phân công|phân cấp|cải cách|chú trọng|phát huy||phát triển|đình chỉ|bãi bỏ|"
    "miễn nhiệm|bãi nhiệm|đề cử|giới thiệu|công nhận|tạm dừng|dừng|niêm yết|hiệp thương||cân đối|đầu tư|ký|"
    "thu|chi|nộp|chuyển|trả|chấp hành|tuân thủ|tiếp thu|đăng ký|kê khai|mời|góp ý|lấy ý kiến||tư vấn|hợp tác|"
    "số hóa|vận hành|khai thác|bảo vệ|bảo quản|phòng|ngăn chặn|khắc phục|nắm|điều hành|điều tra||xác minh|"
    "xác định|xác nhận|thúc đẩy|áp dụng|cụ thể hóa|thể chế hóa|sẵn sàng|bám sát|cần|khen thưởng|biểu dương||"
    "ra|đưa|đề nghị|trình bày|tiếp|dự|phê chuẩn|bầu|lấy phiếu|bỏ phiếu|giao|yêu cầu"
)
_VERB = re.compile(
    r"(?i)(?:" + "|".join(sorted(_VERBS.split("|"), key=len, reverse=True)).replace(" ", r"\s+") + r")(?![\w])"
)
_MODAL = [
    ("prohibition", re.compile(r"(?i)(?:không\s+được|nghiêm\s+cấm|tuyệt\s+đối\s+không)(?![\w])")),
    ("permission", re.compile(r"(?i)(?:được\s+phép|được\s+quyền|có\s+quyền)(?![\w])")),
    ("obligation", re.compile(r"(?i)(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|phải|có\s+nghĩa\s+vụ|có\s+nhiệm\s+vụ)"
                              r"(?![\w])")),
    (None, re.compile(r"(?i)chủ\s+trì(?!\s+(?:cuộc|hội\s+nghị|buổi|họp))")),  # strong, modality from context
]
_JOINT = re.compile(rf"(?i)(?:hai|các|mỗi)\s+bên(?=[ \t\n]+[{LOWER}])")
_COURTESY = re.compile(r"(?i)^(?:quan\s+tâm[,\s]+)?(?:chỉ\s+đạo[,\s]+)?(?:triển\s+khai\s+)?thực\s+hiện[\s./]*$")
_PASS_ON = re.compile(r"(?i)(?<![\w])(?:chỉ\s+đạo|yêu\s+cầu|đề\s+nghị|hướng\s+dẫn|thông\s+báo(?:\s+cho)?)\s+")
_INTRO = re.compile(
    r"(?i)[\s*_]*(?:đối\s+với|trên\s+cơ\s+sở|căn\s+cứ|để|nhằm|trường\s+hợp|khi|sau\s+khi|trong|theo|về|thực\s+hiện|"
    r"qua|từ|với|tiếp\s+theo|ngoài\s+ra|đồng\s+thời)(?![\w])"
)
_LIST_INTRO = re.compile(
    r"(?i)(?:nhiệm\s+vụ|nội\s+dung|công\s+việc|việc|vấn\s+đề|yêu\s+cầu|biện\s+pháp|giải\s+pháp|trách\s+nhiệm)"
    r"(?:[ \t\n]+[^\s:]+){0,4}?[ \t\n]+(?:sau(?:\s+đây)?|như\s+sau)[ \t\n]*:$"
)
_MODAL_WORDS = re.compile(r"(?i)(?<![\w])(?:phải|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|có\s+nhiệm\s+vụ)(?![\w])")
_COLON = re.compile(r"[ \t]*:[ \t]*")
_LINE_HEAD = re.compile(rf"[ \t]*\n[ \t]*(?:[-+•*][ \t]*)?[{UPPER}]")  # a name ends its line, a task follows
_SEMICOLON = re.compile(r";[ \t\n]*(?:đồng\s+thời,?[ \t\n]*)?")
_COMPLEMENT = re.compile(r"(?i)(?:của|thuộc)[ \t\n]*$")
_CLAUSE_END = re.compile(r"[.;](?=\s|$)|\n[ \t]*\n")
_BARE_HEADING = re.compile(
    r"(?i)(?:(?:chỉ\s+đạo\s+)?(?:thực\s+hiện|triển\s+khai)(?:\s+(?:một\s+số|các))?(?:\s+(?:nội\s+dung|nhiệm\s+vụ|việc))?"
    r"(?:\s+cụ\s+thể)?\s*(?:như\s+sau|sau(?:\s+đây)?)?|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|có\s+nhiệm\s+vụ"
    r"(?:,?\s*quyền\s+hạn)?(?:\s+sau(?:\s+đây)?)?)?\s*:?"
)


@dataclass
class Frame:
    """One frame: where it starts, whom it binds, where its action starts, and how it relates to a list."""

    start: int
    action: int
    bearers: list[OrgRef]
    modality: str | None  # None: the context's
    heading: bool = False  # it ends in a colon: the list below belongs to it
    own: bool = True  # it has an action of its own (not a bare heading)
    pass_on: bool = False  # "chỉ đạo các cơ quan báo chí:": the list says what others do
    trigger: bool = False  # named after a trigger ("giao", "đề nghị", ...), not as a subject
    assigner: OrgRef | None = None  # the body named right before a trigger


class Frames:
    """Finds frames in spans of one document."""

    def __init__(self, text: str, bearers: Bearers, issuers: list[OrgRef], joint: list[OrgRef]):
        self.text = text
        self.bearers = bearers
        self.issuers = issuers
        self.joint = joint

    def triggers(self, start: int, end: int) -> list[Frame]:
        """Trigger frames in ``text[start:end]``."""
        out = []
        for m in _TRIGGER.finditer(self.text, start, end):
            modality = m.lastgroup or "assignment"
            before = self.text[max(start, m.start() - 80):m.start()]
            if _PASSIVE.search(before) or _PAST.search(before) or self._quoted(m.start(), modality):
                continue
            colon = _COLON.match(self.text, m.end())
            if colon and (self.text[colon.end():colon.end() + 1] in ("\n", "") or colon.end() >= end):
                out.append(Frame(m.start(), colon.end(), [], modality, heading=True, own=False, trigger=True,
                                 assigner=self._subject(m.start())))
                continue
            if _HEADING_ONLY.fullmatch(m.group(0)):
                continue
            frame = self._after(m.end(), end, modality) or self._colon_head(m.start(), m.end(), end, modality)
            if frame is not None:
                frame.start, frame.trigger, frame.assigner = m.start(), True, self._subject(m.start())
                if modality != "request" or not _COURTESY.match(self.clause(frame.action, end)):
                    out.append(frame)
        return out

    def subject(self, pos: int, end: int, directive: bool, comma: bool = False) -> Frame | None:
        """A frame naming its bearer first, at ``pos`` (a clause start; after a comma, a subject opens with "các", a
        post or a name); None if there is none. The issuer telling what it does itself ("Văn phòng Chính phủ thông
        báo ...") binds no one."""
        joint = _JOINT.match(self.text, skip_blank(self.text, pos), end)
        if joint and self.joint:
            return Frame(joint.start(), joint.end(), list(self.joint), "obligation")
        phrase = self.bearers.scan(pos, end)
        if comma and phrase and not re.match(rf"(?:các\s|[{UPPER}])", self.text[phrase.start:phrase.end], re.I):
            return None
        if phrase is None or not phrase.bearers:
            return self._colon_head(pos, pos, end, None) or self._modal_subject(pos, end)
        rest = phrase.end
        trigger = _TRIGGER.match(self.text, skip_blank(self.text, rest))
        if trigger and not _HEADING_ONLY.fullmatch(trigger.group(0)):
            return None  # "Ban Chỉ đạo ... yêu cầu X": the trigger frame
        colon = _COLON.match(self.text, rest, end)
        if colon:
            return self._colon_frame(phrase, colon.end(), end, None)
        pred = _PREDICATE.match(self.text, rest, end)
        if not pred or _NOT_PREDICATE.match(self.text, pred.start("word")):  # a name cut short, or no frame
            return self._colon_head(pos, pos, end, None) or self._modal_subject(pos, end)
        modal, modality = self._modal(pred.start("word"))
        if not modal and (not directive or not _VERB.match(self.text, pred.start("word"))
                          or any(_same(b, i) for b in phrase.bearers for i in self.issuers)):
            return None
        return Frame(phrase.start, pred.start("word"), self.bearers.recipients_for(phrase), modality)

    def _modal_subject(self, pos: int, end: int) -> Frame | None:
        """"Cơ quan Lao động - Thương binh và Xã hội ở địa phương có trách nhiệm ...": a subject the phrase reader
        does not take whole, before a modal verb in the same sentence; each of its elements names someone."""
        start = skip_blank(self.text, pos)
        clause = re.compile(r"[.:]\s|\n[ \t]*\n").search(self.text, start, end)
        stop = clause.start() if clause else end
        for modality, rx in _MODAL:
            if modality is None:
                continue
            m = rx.search(self.text, start, stop)
            if m and m.start() > start and len(self.text[start:m.start()].split()) <= 60 \
                    and (HEAD_WORD.match(self.text, start) or self.bearers.post_at(start)) \
                    and self.bearers.named(start, m.start(), posts=True) \
                    and not _TRIGGER.search(self.text, start, m.start()):
                refs = self.bearers.parse(start, m.start())
                if refs:
                    return Frame(start, m.start(), refs, modality)
        return None

    def line_heading(self, start: int, end: int) -> Frame | None:
        """A party named alone on the first line of an item, its task on the next ("1. Công an tỉnh\nTham mưu ...")."""
        line = _LINE_HEAD.search(self.text, start, end)
        if line is None or re.search(r":|[,;]\s*$|\svà\s*$", self.text[start:line.start()]):
            return None  # a colon, or a list the line break cuts
        refs = self.heading_bearers(start, line.start())
        return Frame(skip_blank(self.text, start), line.start(), refs, None, heading=True, own=False) if refs else None

    def heading_bearers(self, start: int, end: int, colon: bool = False) -> list[OrgRef]:
        """The bearers a party heading names ("1. Công an tỉnh", "3. Vụ Kế hoạch, Tài chính", before a colon:
        "Vụ Tổ chức cán bộ:"), else []. It opens with a post or a name; without a colon or a post, each of its
        elements is a name (a mention, or the head of an organization's name)."""
        words = self.text[start:end].strip(" *_\t\n")
        if not words or len(words.split()) > 15 or re.search(r"[.;]\s|[.;]$", words) or _INTRO.match(words):
            return []
        body = skip_blank(self.text, start)
        if not (self.bearers.mention_at(body) or HEAD_WORD.match(self.text, body) or self.bearers.post_at(body)):
            return []
        if _TRIGGER.search(self.text, body, end) or _MODAL_WORDS.search(self.text, body, end):
            return []
        if self.bearers.post_at(body) or colon and HEAD_WORD.match(self.text, body) or self.bearers.named(body, end):
            return self.bearers.parse(body, end, strict=True)
        return []

    def clause_starts(self, start: int, end: int, sentences: list[tuple[int, int]]) -> list[tuple[int, bool]]:
        """Where a subject may stand, and whether after a comma: each sentence start, after ";", and after the
        commas of an introduced sentence ("Đối với ..., các Bộ, cơ quan ngang Bộ khẩn trương ...")."""
        out: dict[int, bool] = {}
        for a, b in sentences:
            out[a] = False
            out.update((m.end(), False) for m in _SEMICOLON.finditer(self.text, a, b))
            if intro(self.text, a, b):
                out.update((m.end(), True) for m in re.compile(r",[ \t\n]*").finditer(self.text, a, b))
        return sorted((p, comma) for p, comma in out.items() if start <= p < end)

    # ----------------------------------------------------------------------------- helpers

    def _after(self, pos: int, end: int, modality: str) -> Frame | None:
        """The bearer phrase and action after a trigger ("rất mong Bộ X sẽ đồng ý ..."; "giao cho Sở X là các đơn
        vị đầu mối": a designation)."""
        phrase = self.bearers.scan(pos, end)
        if phrase is None or not phrase.bearers:
            return None
        colon = _COLON.match(self.text, phrase.end, end)
        if colon:
            return self._colon_frame(phrase, colon.end(), end, modality)
        if not self.text[phrase.end:end].strip() or _LINE_HEAD.match(self.text, phrase.end, end):
            # "1.1. Giao Sở Nông nghiệp và Môi trường", its task below
            return Frame(phrase.start, phrase.end, self.bearers.recipients_for(phrase), modality, heading=True,
                         own=False)
        pred = _PREDICATE.match(self.text, phrase.end, end)
        if pred and pred.group("word") == "sẽ":
            pred = _PREDICATE.match(self.text, pred.end(), end)
        if not pred or _NOT_PREDICATE.match(self.text, pred.start("word")) and pred.group("word") != "là":
            return None
        return Frame(phrase.start, pred.start("word"), self.bearers.recipients_for(phrase), modality)

    def _colon_frame(self, phrase: Phrase, after: int, end: int, modality: str | None) -> Frame | None:
        """"X: <action>" or "X:" heading the list below; "X: <a noun>" is a listing, not a frame."""
        frame = Frame(phrase.start, after, self.bearers.recipients_for(phrase), modality)
        if not self.text[after:end].strip() or self.clause(after, end).endswith(":"):
            self.mark_heading(frame, end, party=True)
        elif not (_VERB.match(self.text, skip_blank(self.text, after)) or self._modal(skip_blank(self.text, after))[0]):
            return None
        return frame

    def mark_heading(self, frame: Frame, end: int, party: bool = False) -> None:
        """Make ``frame`` the heading of the list after it. Its action is a task of its own unless it only announces
        the list ("thực hiện như sau:", "có trách nhiệm:"), or it follows a party's name ("Vụ Tổ chức cán bộ: Tham
        mưu Lãnh đạo Bộ:"); an action telling others what to do is one task, the list being theirs ("Cục Báo chí:
        Tham mưu Lãnh đạo Bộ chỉ đạo các cơ quan báo chí:")."""
        clause = self.clause(frame.action, end)
        frame.heading = True
        frame.pass_on = any(self.bearers.scan(frame.action + m.end(), end) for m in _PASS_ON.finditer(clause))
        frame.own = frame.pass_on or not party and not _BARE_HEADING.fullmatch(clause.strip())

    def _colon_head(self, start: int, pos: int, end: int, modality: str | None) -> Frame | None:
        """"Vụ Tổ chức cán bộ: Tham mưu ...": a heading the mention finder missed, named before its colon."""
        colon = re.compile(r"[^:.;]{2,120}?:").match(self.text, skip_blank(self.text, pos), end)
        if not colon:
            return None
        refs = self.heading_bearers(pos, colon.end() - 1, colon=True)
        if not refs:
            return None
        phrase = Phrase(skip_blank(self.text, pos), colon.end() - 1, refs)
        frame = self._colon_frame(phrase, colon.end(), end, modality)
        if frame is not None and start != pos:
            frame.start = start
        return frame

    def _modal(self, pos: int) -> tuple[bool, str | None]:
        """Whether a modal verb stands at ``pos`` ("phải", "có trách nhiệm", "chủ trì", ...), and its modality."""
        for modality, rx in _MODAL:
            if rx.match(self.text, pos):
                return True, modality
        return False, None

    def _subject(self, pos: int) -> OrgRef | None:
        """The body right before a trigger ("Ủy ban nhân dân thành phố Cần Thơ kính đề nghị"), if any; not one that
        completes another name ("Ban Chỉ đạo của Chính phủ đề nghị")."""
        for a, b, org in self.bearers.mentions_in(max(0, pos - 200), pos):
            if not self.text[b:pos].strip(" \t\n") and not _COMPLEMENT.search(self.text, max(0, a - 10), a):
                return org
        return None

    def _quoted(self, pos: int, modality: str) -> bool:
        """Another body's own proposal: "UBND tỉnh Lào Cai đề nghị ...", the body being no issuer of the document."""
        if modality != "request":
            return False
        subject = self._subject(pos)
        if subject is None or not self.issuers:
            return False
        return not any(_same(subject, issuer) for issuer in self.issuers)

    def clause(self, pos: int, end: int) -> str:
        """The clause from ``pos``: up to a full stop or a semicolon, without trailing space."""
        m = _CLAUSE_END.search(self.text, pos, end)
        return self.text[pos:m.start() if m else end].rstrip(" *_\t\n")


def list_intro(text: str) -> bool:
    """Whether an action ending in a colon announces tasks ("... các nội dung sau:", "có trách nhiệm:"), not the
    content of its own ("... các thông tin tối thiểu sau:")."""
    words = text.strip(" *_\t\n")
    return bool(_LIST_INTRO.search(words)) or len(words.split()) <= 4


def intro(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens with a circumstance ("Đối với ...", "Trên cơ sở ...", "Căn cứ ...")."""
    return bool(_INTRO.match(text, start, end))


def _same(a: OrgRef, b: OrgRef) -> bool:
    """The same body: one id, or one name the start of the other ("Ban Chỉ đạo", "Ban Chỉ đạo của Chính phủ")."""
    if a.id and a.id == b.id:
        return True
    fa, fb = fold(a.name), fold(b.name)
    return bool(fa and fb) and (fa.startswith(fb) or fb.startswith(fa))


