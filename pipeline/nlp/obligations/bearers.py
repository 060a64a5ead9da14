"""Bearers: the bodies an obligation binds, read from the words that name them.

A bearer phrase is a list of elements separated by ",", ";", "và": an organization the gazetteer found
("Bộ Quốc phòng", "các Bộ: Quốc phòng, Tài chính"), or a collective ("các sở, ban, ngành", "bộ, ngành, địa
phương"), each after an optional post ("Chánh Văn phòng UBND tỉnh" is the Văn phòng, "Giám đốc Công an tỉnh" the
Công an, "Chủ tịch UBND các huyện" the UBND; "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ" are "các bộ, cơ quan ngang
Bộ") and qualifiers ("có liên quan", "cấp tỉnh", "theo chức năng, nhiệm vụ"). Catch-alls ("các cơ quan, đơn vị có
liên quan") bind no one in particular and are dropped. Generic addressees ("các đơn vị", "bộ, ngành, địa
phương") are the document's recipients when it has them.

Names are completed from the document: a ministry's unit with its ministry ("Văn phòng Bộ" is "Văn phòng Bộ Văn
hóa, Thể thao và Du lịch", a trailing "VHTTDL" too), a body of "tỉnh" with its province ("Liên đoàn Lao động
tỉnh Kon Tum"), and a name the gazetteer cut short is extended to the words that follow it when the resolver
takes them ("Ban Quản lý Khu Kinh" + "tế tỉnh").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pipeline.model import OrgRef
from pipeline.nlp.obligations.layout import skip_blank
from pipeline.nlp.organizations import Gazetteer, ResolveContext
from pipeline.textnorm import LOWER, UPPER, fold

Mention = tuple[int, int, OrgRef]

_HONORIFIC = r"(?:(?:các\s+)?(?:đồng\s+chí|ông\s*\(bà\)|đ/c)\s*:?\s+)"
_POST = (
    r"(?:Phó\s+)?(?:Chánh(?=\s+(?:Văn\s+phòng|Thanh\s+tra))|Giám\s+đốc|Thủ\s+trưởng|Chủ\s+tịch(?!\s+nước)|Bí\s+thư|"
    r"Bộ\s+trưởng|Tổng\s+cục\s+trưởng|Cục\s+trưởng|Vụ\s+trưởng|Viện\s+trưởng|Trưởng(?=\s+[" + UPPER + r"])|"
    r"Chủ\s+nhiệm|Tổng\s+Giám\s+đốc|Chỉ\s+huy\s+trưởng|Hiệu\s+trưởng|Người\s+đứng\s+đầu|Lãnh\s+đạo)"
)
_PREFIX = re.compile(rf"(?i:(?:các\s+)?{_HONORIFIC}?(?P<post>{_POST})\s*|{_HONORIFIC})")
_COMMITTEE = r"(?:tỉnh|thành|huyện|quận|thị|đảng)\s+ủy"  # a Party committee: "các tỉnh ủy", "trực thuộc Tỉnh ủy"
_NOUN = (
    r"(?:cơ\s+quan(?:\s+(?:ngang\s+bộ|(?:trực\s+)?thuộc\s+Chính\s+phủ|chuyên\s+môn|chức\s+năng|báo\s+chí|nhà\s+nước|"
    r"hành\s+chính))*|đơn\s+vị(?:\s+sự\s+nghiệp(?:\s+công\s+lập)?|\s+trực\s+thuộc)?|địa\s+phương|bộ|ngành|sở|"
    rf"{_COMMITTEE}|ban\s+(?:cán\s+sự\s+)?đảng|đảng\s+(?:đoàn|bộ)|chi\s+bộ|ban|"
    r"tổ\s+chức(?:\s+chính\s+trị\s*-?\s*xã\s+hội(?:\s*-\s*nghề\s+nghiệp)?|\s+đoàn\s+thể|\s+hội|\s+đảng)?|đoàn\s+thể|"
    r"cá\s+nhân|doanh\s+nghiệp|cấp\s+ủy(?:\s+đảng)?|chính\s+quyền(?:\s+địa\s+phương)?|tập\s+đoàn|tổng\s+công\s+ty|"
    r"lực\s+lượng(?:\s+chức\s+năng)?)(?![\w-])"
)
_DETERMINER = r"(?:các|mọi|mỗi|những|từng)\s+"
_COLLECTIVE = re.compile(rf"(?i)(?P<det>{_DETERMINER})?{_NOUN}(?P<more>(?:\s*(?:,|và|/)\s*(?:{_DETERMINER})?{_NOUN})*)")
_QUALIFIER_WORDS = (
    r"(?:có\s+)?liên\s+quan|cấp\s+(?:tỉnh|huyện|xã|trung\s+ương|trên|dưới)|thành\s+viên|các\s+cấp|cùng\s+cấp|"
    r"trung\s+ương|"
    r"(?:ở|tại)\s+địa\s+phương|trên\s+địa\s+bàn(?:\s+(?:tỉnh|thành\s+phố|huyện|xã))?|"
    rf"(?:trực\s+)?thuộc\s+(?:{_COMMITTEE}|Bộ|tỉnh|thành\s+phố|Chính\s+phủ|Trung\s+ương)|"
    r"trực\s+thuộc(?![ \t\n]+(?-i:[" + UPPER + r"]))|"
    r"theo\s+chức\s+năng(?:\s*,\s*nhiệm\s+vụ)?(?:\s*,\s*thẩm\s+quyền)?(?:\s+được\s+giao)?|tỉnh|thành\s+phố"
)
_QUALIFIER = re.compile(rf"(?i)[ \t\n]+(?:{_QUALIFIER_WORDS})(?![\w-])")
_BY_FUNCTION = re.compile(r"(?i)\s+theo\s+chức\s+năng.*$")  # a qualifier, not part of the name
_UNDER = re.compile(r"(?i)[ \t\n]+(?:trực\s+)?thuộc[ \t\n]+")  # "... trực thuộc UBND tỉnh": a mention follows
_SEPARATOR = re.compile(r"[ \t\n]*[,;][ \t\n]*(?:và[ \t\n]+)?|[ \t\n]+(?:và|cùng(?:[ \t\n]+với)?)[ \t\n]+|"
                        r"[.;,]?[ \t]*\n[ \t]*[-+•][ \t]*")  # a list of bodies, one per dash line
_LIST_HEAD = re.compile(rf"[{UPPER}{LOWER}][^:;.]{{0,80}}?[ \t]*:[ \t\n]*")
_PARTY_HEAD = re.compile(r"(?i)(?<![\w])(?P<level>tỉnh|thành)\s+ủy(?![\w])")
_LIST_NOUN = re.compile(r"(?i)(?:^|\s)(?P<noun>Bộ|Sở|Ban|Cục|Vụ)\s*:\s*$")
_CATCH_ALL = re.compile(r"(?i)liên\s+quan|tổ\s+chức,?\s+cá\s+nhân")
_GENERIC = re.compile(
    r"(?i)^(?:các\s+)?(?:đồng\s+chí|đơn\s+vị|cơ\s+quan,\s*đơn\s+vị|quý\s+(?:cơ\s+quan|bộ|sở|ủy\s+ban)|"
    r"bộ,\s*ngành,\s*địa\s+phương|bộ,\s*ngành|địa\s+phương)$"
)
_NAME_WORDS = re.compile(
    rf"[ \t]+(?P<words>[{LOWER}]+(?:[ \t]+[{LOWER}]+)?)(?=[ \t]+(?:tỉnh|thành\s+phố)\b|[,;:.\n]|$)"
)
_VERBISH = re.compile(r"(?i)^(?:chủ|phối|thực|có|chịu|tổ|xây|triển|tham|hướng|chỉ|báo|đôn|theo|kiểm|rà|nghiên|"
                      r"tăng|đẩy|bảo|đảm|tiếp|khẩn|căn|làm|là|và|được|đã|phải|cần)\b")
_PLACE_END = re.compile(r"(?<!,)(?<!cấp)[ \t]+(?P<level>tỉnh|Tỉnh|Thành\s+phố|TP\.?)$")
# The head of an organization's name, then a capitalized word: "Vụ Tổ chức cán bộ", "Cục Di sản văn hóa".
HEAD_WORD = re.compile(
    r"(?:Bộ|Sở|Ban|Cục|Vụ|Văn\s+phòng|Thanh\s+tra|Trung\s+tâm|Ủy\s+ban|Uỷ\s+ban|Công\s+an|Viện|Tổng\s+cục|Liên\s+đoàn|"
    r"Liên\s+hiệp|Hội\s+đồng|Hội|Đài|Kho\s+bạc|Chi\s+cục|Phòng|Mặt\s+trận|Đoàn|Quỹ|Tập\s+đoàn|Tổng\s+công\s+ty|"
    r"Công\s+ty|Cơ\s+quan|Cảnh\s+sát|Bảo\s+hiểm|Ngân\s+hàng|Kiểm\s+toán|Tòa\s+án|Học\s+viện|Đại\s+học|Trường)"
    rf"[ \t\n]+[{UPPER}]"
)
_INITIALS_SKIP = {"bộ", "và"}
_UNIT = re.compile(r"(?:Vụ|Cục|Văn\s+phòng|Thanh\s+tra|Trung\s+tâm|Tổng\s+cục|Viện)(?![\w])")


@dataclass
class Phrase:
    """A bearer phrase: where it ends and whom it names (catch-alls dropped)."""

    start: int
    end: int
    bearers: list[OrgRef]


class Bearers:
    """Reads bearer phrases in one document: its organization mentions, gazetteer and context."""

    def __init__(self, text: str, mentions: list[Mention], gazetteer: Gazetteer, context: ResolveContext,
                 recipients: list[OrgRef]):
        self.text = text
        self.gazetteer = gazetteer
        self.context = context
        self.by_start: dict[int, Mention] = {}
        for a, b, org in mentions:
            if a not in self.by_start or self.by_start[a][1] < b:
                self.by_start[a] = (a, b, org)
        self.starts = sorted(self.by_start)
        national = [r for r in context.issuers if r.id and gazetteer.get(r.id)]
        self.ministry = next((r for r in national if r.id.startswith("bo-")), None)
        self.province = gazetteer.province(context.province) if context.province and not national else None
        self.recipients = [r for org in recipients for r in self._recipient(org)]

    # ----------------------------------------------------------------------------- phrases

    def scan(self, pos: int, limit: int) -> Phrase | None:
        """The longest bearer phrase starting at ``pos`` (leading spaces skipped), or None."""
        start = skip_blank(self.text, pos)
        elements: list[tuple[int, int, list[OrgRef], bool]] = []
        i = start
        while i < limit:
            k = i
            joint = ""
            if elements:
                sep = _SEPARATOR.match(self.text, i, limit)
                if not sep:
                    break
                k, joint = sep.end(), sep.group(0)
            element = self._element(k, limit)
            if element is None:
                break
            elements.append((*element, ";" in joint))
            i = element[1]
        if not elements:
            return None
        return Phrase(start, elements[-1][1], self._merge(elements))

    def parse(self, start: int, end: int, strict: bool = False) -> list[OrgRef]:
        """The bearers a whole span names (a heading, a table cell, a "Cơ quan thực hiện" value); ``strict``: none
        unless every element names someone (a heading cut by a line break: "Chánh Văn phòng UBND tỉnh, Giám đốc")."""
        out: list[tuple[int, int, list[OrgRef], bool]] = []
        for a, b, hard in self._split(start, end):
            refs = self._part(a, b)
            if refs is None and strict:
                return []
            if refs is not None:
                out.append((a, b, refs, hard))
        return self._merge(out)

    def recipients_for(self, phrase: Phrase) -> list[OrgRef]:
        """Generic addressees ("các đơn vị", "bộ, ngành, địa phương") are the recipients when those are groups too
        ("Các bộ, cơ quan ngang bộ", "UBND các tỉnh"); with named recipients they stay as written."""
        words = " ".join(self.text[phrase.start:phrase.end].split())
        groups = all(r.id and "*" in r.id or re.search(r"(?i)(?<![\w])các\s", r.name) for r in self.recipients)
        if self.recipients and groups and _GENERIC.match(words):
            return list(self.recipients)
        return phrase.bearers

    def post_at(self, pos: int) -> bool:
        """Whether a post stands at ``pos`` before the body it heads ("Giám đốc Công an tỉnh", "Thủ trưởng các sở")."""
        m = _PREFIX.match(self.text, pos)
        body = m.end() if m else pos
        return bool(m and m.group("post")) and bool(
            self.mention_at(body) or HEAD_WORD.match(self.text, body) or _COLLECTIVE.match(self.text, body))

    def named(self, start: int, end: int, posts: bool = False) -> bool:
        """Whether every element of a span is a name: a mention, or the head of an organization's name (``posts``:
        or a post, or a collective, as a list of subjects has them)."""
        parts = self._split(start, end)
        return bool(parts) and all(
            self.mention_at(a := skip_blank(self.text, a0)) or HEAD_WORD.match(self.text, a)
            or posts and (self.post_at(a) or bool(_COLLECTIVE.match(self.text, a))) for a0, _b, _hard in parts)

    def mention_at(self, pos: int) -> Mention | None:
        """The organization mention starting at ``pos``, extended when the gazetteer cut its name short."""
        hit = self.by_start.get(pos)
        if hit is None:
            return None
        a, b, org = hit
        m = _NAME_WORDS.match(self.text, b)
        if m and org.name.split()[-1][:1].isupper() and not _VERBISH.match(m.group("words")):
            longer = self.resolve(self.text[a:m.end()])
            if longer and fold(" ".join(longer.name.split())).startswith(fold(" ".join(self.text[a:m.end()].split()))):
                return a, m.end(), longer
        return hit

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that lie within ``text[start:end]``."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.starts) and self.starts[i] < end:
            hit = self.mention_at(self.starts[i])
            if hit and hit[1] <= end:
                out.append(hit)
            i += 1
        return out

    def _inside(self, pos: int) -> bool:
        """Whether ``pos`` falls inside an organization mention."""
        i = bisect.bisect_left(self.starts, pos)
        return any(self.by_start[a][1] > pos for a in self.starts[max(0, i - 5):i])

    def resolve(self, words: str) -> OrgRef | None:
        """The gazetteer's organization for ``words``, in the document's context."""
        return self.gazetteer.resolve(" ".join(words.split()), context=self.context)

    # ----------------------------------------------------------------------------- elements

    def _element(self, pos: int, limit: int) -> tuple[int, int, list[OrgRef]] | None:
        """One element at ``pos``: (start, end, bearers); None when no bearer is named there."""
        text = self.text
        prefix = _PREFIX.match(text, pos, limit)
        body = prefix.end() if prefix else pos
        post = prefix.group("post") if prefix else None
        hit = self.mention_at(body)
        if hit:
            end = self._qualified(hit[1], limit)
            refs = [self.complete(hit[2], text[hit[0]:end])]
        elif (listed := self._listed(body, limit)) is not None:
            end, refs = listed
        elif (c := _COLLECTIVE.match(text, body, limit)) and (c.group("det") or c.group("more") or post):
            end = self._qualified(c.end(), limit)
            refs = self._collective(body, end)
        elif post and fold(post).startswith("bo truong"):  # "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ"
            end, refs = pos + len(prefix.group(0).rstrip()), [OrgRef(name="bộ")]
        else:
            return None
        return pos, end, refs

    def _listed(self, pos: int, limit: int) -> tuple[int, list[OrgRef]] | None:
        """"các Bộ: Quốc phòng, Tài chính", "UBND các tỉnh: Gia Lai, Đắk Lắk": a head, then the bodies it lists."""
        head = _LIST_HEAD.match(self.text, pos, limit)
        if not head or not (self.mention_at(head.end()) or _LIST_NOUN.search(self.text[pos:head.end()])):
            return None
        noun = _LIST_NOUN.search(self.text[pos:head.end()])
        party = _PARTY_HEAD.search(self.text, pos, head.end())  # "Bí thư tỉnh ủy và Chủ tịch UBND các tỉnh: ..."
        refs: list[OrgRef] = []
        i = head.end()
        while True:
            hit = self.mention_at(i)
            if hit:
                refs.append(self.complete(hit[2], self.text[hit[0]:hit[1]]))
                committee = self.resolve(f"{party.group('level')} ủy {self.text[hit[0]:hit[1]]}") if party else None
                if committee and committee.id:
                    refs.append(committee)
                i = hit[1]
            elif noun and (entry := self._entry(noun.group("noun"), i, limit)):
                i, ref = entry
                refs.append(ref)
            else:
                break
            sep = _SEPARATOR.match(self.text, i, limit)
            if not sep or not (self.mention_at(sep.end()) or noun):
                break
            i = sep.end()
        return (i, refs) if refs else None

    def _entry(self, noun: str, pos: int, limit: int) -> tuple[int, OrgRef] | None:
        """A list entry the gazetteer missed ("Xây dựng" after "các Bộ:"): the longest run of words it resolves."""
        words = list(re.finditer(r"[^\s,;:.()]+", self.text[pos:min(limit, pos + 80)]))
        best = None
        for n in range(1, min(len(words), 8) + 1):
            last = words[n - 1]
            if re.search(r"[,;:.()\n]", self.text[pos:pos + last.start()]):
                break
            end = pos + last.end()
            written = f"{noun} {self.text[pos:end]}"
            ref = self.resolve(written)
            if ref and ref.id and fold(" ".join(ref.name.split())).startswith(fold(" ".join(written.split()))):
                best = end, self.complete(ref, written)
        return best

    def _qualified(self, end: int, limit: int) -> int:
        """The end of an element with its qualifiers ("có liên quan", "cấp tỉnh", "trực thuộc UBND tỉnh")."""
        while True:
            q = _QUALIFIER.match(self.text, end, limit)
            u = None if q else _UNDER.match(self.text, end, limit)
            hit = self.mention_at(u.end()) if u else None
            if not (q or hit):
                return end
            end = q.end() if q else hit[1]

    def _collective(self, start: int, end: int) -> list[OrgRef]:
        """A collective as written ("các sở, ban, ngành"), or as the gazetteer names it ("UBND các huyện")."""
        written = self.text[start:end]
        for a, b, org in reversed(self.mentions_in(start, end)):  # "trực thuộc UBND tỉnh": the body's full name
            written = written[:a - start] + org.name + written[b - start:]
        words = _BY_FUNCTION.sub("", " ".join(written.split()))
        if _CATCH_ALL.search(words):
            return []
        ref = self.resolve(words)
        if ref and ref.id and "*" in ref.id:
            return [self.complete(ref, words)]
        return [self.complete(OrgRef(name=words, text=words), words)]

    def _merge(self, elements: list[tuple[int, int, list[OrgRef], bool]]) -> list[OrgRef]:
        """Bearers of the elements; neighbouring collectives joined by "," are one ("Bộ trưởng, Thủ trưởng cơ quan
        ngang Bộ" are "các bộ, cơ quan ngang Bộ")."""
        out: list[OrgRef] = []
        run: list[str] = []
        for _a, _b, refs, hard in [*elements, (0, 0, [], True)]:
            single = refs[0] if len(refs) == 1 else None
            collective = single is not None and single.id is None and single.name[:1].islower()
            if run and (hard or not collective):
                name = ", ".join(run)
                out.append(OrgRef(name=name if len(run) == 1 or name.startswith("các ") else f"các {name}", text=name))
                run = []
            if collective:
                run.append(re.sub(r"^các\s+", "", single.name) if run else single.name)
            else:
                out.extend(refs)
        return out

    def _split(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        """A span cut into elements (start, end, after a ";"): at ";" always, at "," and "và" before a post, a
        mention or "các"; never inside a mention."""
        parts, pos, hard = [], start, False
        for m in _SEPARATOR.finditer(self.text, start, end):
            if self._inside(m.start()):
                continue
            nxt, strong = m.end(), ";" in m.group(0) or "\n" in m.group(0) and m.group(0).strip(" \t\n.;,")
            conjunction = "và" in m.group(0)  # "... cấp xã và tổ chức, cá nhân có liên quan"
            if strong or _PREFIX.match(self.text, nxt, end) or self.mention_at(nxt) \
                    or re.match(r"(?i)các\s", self.text[nxt:end]) or conjunction and _COLLECTIVE.match(self.text, nxt):
                parts.append((pos, m.start(), hard))
                pos, hard = nxt, strong
        parts.append((pos, end, hard))
        return parts

    def _part(self, start: int, end: int) -> list[OrgRef] | None:
        """The bearers of one element of a span: an element as in a phrase, else the name the gazetteer makes of
        it, else the mentions it starts with, else its words as written."""
        text = self.text
        while start < end and text[start] in " \t\n-+•*":  # a cell's list lines
            start += 1
        words = " ".join(text[start:end].split()).strip(" .:;,")
        if not words or _CATCH_ALL.search(words):
            return [] if words else None
        element = self._element(start, end)
        if element and not text[element[1]:end].strip(" .:;,"):
            return element[2]
        prefix = _PREFIX.match(text, start, end)
        plain = " ".join(text[prefix.end() if prefix else start:end].split()).strip(" .:;,")
        if not plain:  # a post cut from its body by a line break
            return None
        ref = self.resolve(plain)
        if ref:
            return [self.complete(ref, plain)]
        mentions = self.mentions_in(prefix.end() if prefix else start, end)
        if mentions and mentions[0][0] == (prefix.end() if prefix else start):
            return [self.complete(org, text[a:b]) for a, b, org in mentions]
        return [self.complete(OrgRef(name=plain, text=plain), plain)]

    def _recipient(self, org: OrgRef) -> list[OrgRef]:
        """A recipient as a bearer: its post dropped ("Thủ trưởng các cơ quan ..."); none for a cut-off name."""
        words = " ".join((org.name or "").split())
        prefix = _PREFIX.match(words)
        words = words[prefix.end():] if prefix else words
        if len(words.split()) < 2:
            return []
        return [self.complete(OrgRef(name=words, id=org.id, text=org.text), words)]

    # ----------------------------------------------------------------------------- names

    def complete(self, org: OrgRef, written: str) -> OrgRef:
        """``org`` with the ministry or province its name leaves out, as the document implies it."""
        name = " ".join(org.name.split())
        ministry = self._ministry_of(org)
        if ministry and fold(ministry) not in fold(name):
            name = f"{re.sub(r'[ ]+Bộ$', '', name)} {ministry}"
        elif self.ministry and re.search(r"(?<!ngang)(?<!các) Bộ$", name):  # "Văn phòng Bộ", "thuộc Bộ"
            name = f"{name[:-3].rstrip()} {self.ministry.name}"
        elif self.ministry and (code := re.search(r"[ ](?P<code>[A-ZĐ&]{3,})$", name)) \
                and code.group("code") == _initials(self.ministry.name):
            name = f"{name[:code.start()]} {self.ministry.name}"
        place = self.province
        if place and fold(place.name) not in fold(name):
            own = _PLACE_END.search(name)  # "Ban Quản lý Khu kinh tế tỉnh", or "tỉnh" only as written
            level = own or _PLACE_END.search(" ".join(written.split()))
            if level:
                base = name[:own.start()] if own else name
                name = f"{base} {'tỉnh' if fold(level.group('level')) == 'tinh' else 'Thành phố'} {place.name}"
        if name == org.name:
            return org
        return OrgRef(name=name, id=org.id, parent=org.parent, text=org.text or written, span=org.span)

    def _ministry_of(self, org: OrgRef) -> str | None:
        """The ministry a unit of it ("Vụ ...", "Cục ...", "Văn phòng") belongs to, by its gazetteer id."""
        if not org.id or "/" not in org.id or not _UNIT.match(org.name):
            return None
        head = org.id.split("/")[0]
        return self.gazetteer.canonical_name(head) if head.startswith("bo-") else None


def _initials(name: str) -> str:
    """"VHTTDL" for "Bộ Văn hóa, Thể thao và Du lịch"."""
    return "".join(w[0] for w in re.findall(r"\w+", name) if w.lower() not in _INITIALS_SKIP).upper()


