"""Canonical node ids: when two mentions are the same document, organization or person.

Merge rules for documents (:func:`document_key`), after :func:`normalize_symbol`
(NFC, lower case, no spaces, one kind of dash; ``Đ`` stays ``đ``, never ``d``):

1. A legal symbol with a year (``30/2020/NĐ-CP``, ``64/2025/QH15``) is numbered per type
   and year by one national issuer, so the symbol alone is the identity:
   ``doc:30/2020/nđ-cp``. Exception: local councils and people's committees of every
   province write the same codes (``52/2018/QĐ-UBND``, ``215/2020/NQ-HĐND``), so a symbol
   naming ``UBND`` or ``HĐND`` also needs the issuer: ``doc:52/2018/qđ-ubnd@<issuer>``.
2. A Party symbol (``59-NQ/TW``: number, hyphen, type, slash, committee) is numbered per
   type and per term (nhiệm kỳ) of its committee. The key is the symbol, the committee and
   the term: ``doc:59-nq/tw@tw@2016-2021``. Symbols of central bodies (``/TW``,
   ``/VPTW``, ``/BTCTW``: ending in ``TW``) name their committee themselves, whichever of
   Ban Chấp hành, Bộ Chính trị or Ban Bí thư is given as issuer (they share the series);
   any other committee (``/TU``, ``/HU``, ``/BCSĐ``) needs the issuer id. Unknown date:
   symbol and committee only (``doc:59-nq/tw@tw``).
3. An administrative symbol without year (``3645/UBND-KGVX``, ``127/QĐ-TTg``) restarts every
   year in every agency: the key is symbol, issuer and year
   (``doc:3645/ubnd-kgvx@<issuer>@2021``). Without both, it is not identifiable.
4. A document without a number (no symbol, or a blank number like ``/CTHT-BKH-CN-UBND``)
   but with a name (``Luật Doanh nghiệp``, ``Nghị quyết Đại hội Đảng bộ thành phố Cần Thơ
   lần thứ XIV, nhiệm kỳ 2020 - 2025``) is keyed by kind, folded title and issuer when
   known: ``doc:nq:nghi quyet dai hoi ...@<issuer>``.
5. Anything else returns ``None``: the caller keeps one node per record or per citation.

Issuer ids are organization node ids (:func:`org_id`), dates ISO strings (a bare year is
enough for rules 3 and 2). Organizations use ``OrgRef.id`` when resolved, else
``org:`` + :func:`pipeline.textnorm.key` of the name; people are ``person:`` + name (case
and tone placement normalized, diacritics kept: Hà is not Hạ) + ``@`` + org id when known.
"""

from __future__ import annotations

import re

from pipeline.textnorm import key, nfc, normalize_tone_marks, squash

_LEGAL = re.compile(r"^\d+[a-z]*/(?:19|20)\d\d/")
_PARTY = re.compile(r"^\d+[a-z]*-[^/]+/(?P<committee>[^/]+)$")
_ADMIN = re.compile(r"^\d+[a-z]*/[^/]+")
_LOCAL_CODES = re.compile(r"(?:^|[-/])(?:ubnd|hđnd)(?:$|[-/])")
_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?")


def normalize_symbol(symbol: str) -> str:
    """``3645 /UBND–KGVX`` -> ``3645/ubnd-kgvx``: case, spaces and dashes only."""
    return re.sub(r"\s+", "", squash(nfc(symbol))).lower().strip(".;,:")


def document_key(
    kind: str | None,
    symbol: str | None,
    issued_date: str | None,
    issuer_id: str | None,
    title: str | None = None,
) -> str | None:
    """The node id a document gets wherever it is mentioned, or ``None`` (module rules 1-5)."""
    sym = normalize_symbol(symbol) if symbol else ""
    year, month = _year_month(issued_date)
    if _LEGAL.match(sym):
        if not _LOCAL_CODES.search(sym.split("/", 2)[2]):
            return f"doc:{sym}"
        return f"doc:{sym}@{issuer_id}" if issuer_id else None
    party = _PARTY.match(sym)
    if party:
        committee = party["committee"]
        if not committee.endswith("tw"):
            if not issuer_id:
                return None
            committee = issuer_id
        term = party_term(year, month, central=party["committee"].endswith("tw"))
        return f"doc:{sym}@{committee}" + (f"@{term}" if term else "")
    if _ADMIN.match(sym):
        return f"doc:{sym}@{issuer_id}@{year}" if issuer_id and year else None
    if title and title.strip():
        kind_part = normalize_symbol(kind) if kind else ""
        name = re.sub(r"\s*-\s*", " - ", key(title))
        return f"doc:{kind_part}:{name}" + (f"@{issuer_id}" if issuer_id else "")
    return None


def party_term(year: int | None, month: int | None = None, *, central: bool = True) -> str | None:
    """The five-year term (``"2016-2021"``) of a Party committee on a date.

    National congresses close in January or February of 1991, 1996, ..., 2021, 2026; local
    congresses meet in the year before (2020, 2025), by mid-year at the latest in most
    provinces. Approximate at the edges, but the same date always gives the same term.
    """
    if year is None:
        return None
    first, start_month = (1991, 2) if central else (1990, 7)
    start = year - (year - first) % 5
    if year == start and (month or start_month) < start_month:
        start -= 5
    return f"{start}-{start + 5}"


def org_id(name: str | None, resolved: str | None = None) -> str | None:
    """An organization node id: the resolved id (``OrgRef.id``), else ``org:`` + the folded name."""
    if resolved:
        return resolved
    if name and key(name):
        return "org:" + key(name)
    return None


def person_id(name: str | None, org: str | None = None) -> str | None:
    """A person node id: ``person:`` + normalized name, ``@`` + org node id when known."""
    if not name or not name.strip():
        return None
    norm = squash(normalize_tone_marks(nfc(name))).lower()
    return f"person:{norm}" + (f"@{org}" if org else "")


def place_id(name: str, resolved: str | None = None) -> str:
    """A place node id: the resolved id (``Entity.id``), else ``place:`` + the folded name."""
    return resolved or "place:" + key(name)


def task_id(doc_id: str, category: str, index: int) -> str:
    """The node id of obligation or task number ``index`` (0-based) of a record."""
    return f"task:{doc_id}:{category}:{index}"


def _year_month(date: str | None) -> tuple[int | None, int | None]:
    m = _DATE.match(date or "")
    if not m:
        return None, None
    return int(m["year"]), int(m["month"]) if m["month"] else None
