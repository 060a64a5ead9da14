"""User queries and filters -> a safe FTS5 match expression, symbol keys and SQL conditions.

User input never reaches FTS5 as syntax. Words are folded (lower case, no diacritics, đ -> d)
and quoted as FTS5 strings; ``"a phrase"`` stays a phrase and ``word*`` a prefix; anything
else (AND, OR, NEAR, ``-``, ``:``, parentheses) is plain text. Several words must all match;
documents where they stand in a row, then close together, rank first. Symbols ("59-NQ/TW", "30/2020/NĐ-CP")
are found with the conventions parser and looked up exactly (own symbol or a reference),
since FTS5 would split them into loose tokens.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from pipeline.conventions.kinds import is_kind_code, kind_from_name, normalize_code
from pipeline.conventions.symbols import Symbol, find_symbols, parse_symbol
from pipeline.textnorm import fold

NEAR_DISTANCE = 5
MAX_TERMS = 64  # words, phrases and symbols of one query: thousands make FTS5 work for minutes
_PHRASE = re.compile(r'"([^"]*)"')
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")  # a NUL ends an FTS5 string early: control characters separate words


class SearchError(ValueError):
    """A query, filter or index the search cannot use; the message is for the user."""


@dataclass
class Query:
    """A parsed query: FTS5 strings to match (all of them) and symbol keys to look up."""

    terms: list[str] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)

    @property
    def symbol_phrases(self) -> list[str]:
        """The symbols as FTS5 phrases: for snippets and ranking, not for finding."""
        return [_quote(s) for s in self.symbols]

    def match_expression(self) -> str | None:
        """The FTS5 expression finding (and bm25-scoring) documents: all terms, else the symbols' phrases."""
        return " AND ".join(self.terms or self.symbol_phrases) or None

    def proximity_expressions(self) -> list[str]:
        """Stricter forms of a several-word query, ranked above plain matches: the words in a row, the words
        within :data:`NEAR_DISTANCE` tokens of each other."""
        if len(self.terms) < 2:
            return []
        return [" + ".join(self.terms), f"NEAR({' '.join(self.terms)}, {NEAR_DISTANCE})"]


def symbol_key(symbol: str) -> str:
    """The lookup key of a symbol: canonical spelling, folded ("59-NQ/TW" -> "59-nq/tw")."""
    parsed = parse_symbol(symbol)
    return _key(parsed) if parsed else fold("".join(symbol.split()))


def _key(symbol: Symbol) -> str:
    return fold(symbol.render())


def parse_query(text: str) -> Query:
    """Split a user query into FTS5 terms and symbol keys; :class:`SearchError` on unbalanced quotes."""
    if text.count('"') % 2:
        raise SearchError(f'unbalanced quote in query {text!r}: close the phrase with another "')
    text = _CONTROLS.sub(" ", text)
    query = Query()
    for phrase in _PHRASE.findall(text):
        _add_term(query, phrase)
    rest = _PHRASE.sub(" ", text)
    for start, end, symbol in reversed(find_symbols(rest)):
        query.symbols.insert(0, _key(symbol))
        rest = rest[:start] + " " + rest[end:]
    for word in rest.split():
        symbol = parse_symbol(word)
        if symbol and _key(symbol) == fold(word):  # a whole-word symbol: "169-CP", "/CTHT-BKH-CN-UBND"
            query.symbols.append(_key(symbol))
        elif word.endswith("*"):
            _add_term(query, word.rstrip("*"), prefix=True)
        else:
            _add_term(query, word)
    if len(query.terms) + len(query.symbols) > MAX_TERMS:
        raise SearchError(f"query too long: {len(query.terms) + len(query.symbols)} words, phrases and symbols;"
                          f" give at most {MAX_TERMS}")
    return query


def _add_term(query: Query, words: str, prefix: bool = False) -> None:
    if re.search(r"\w", words):
        query.terms.append(_quote(fold(words)) + ("*" if prefix else ""))


def _quote(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'


def resolve_kind(kind: str) -> str:
    """The type code of a ``--kind`` value: a code in any spelling ("qd" -> "QĐ") or a name ("kế hoạch")."""
    code = normalize_code(kind.strip()) if is_kind_code(kind.strip()) else kind_from_name(kind)
    if code is None:
        raise SearchError(f"unknown document kind {kind!r}: give a code (QĐ, KH, CV, ...) or a name (Kế hoạch)")
    return code


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """First and last day a full or partial ISO date covers ("2021" -> 2021-01-01 .. 2021-12-31); None if not one."""
    m = _DATE.match((value or "").strip())
    if not m:
        return None
    year, month, day = m.groups()
    try:
        if day:
            date.fromisoformat(m.group(0))  # 31 February raises
            return m.group(0), m.group(0)
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    except ValueError:  # month 13, 31 February
        return None
    return f"{year}-01-01", f"{year}-12-31"
