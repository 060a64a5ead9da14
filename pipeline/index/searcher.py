"""Query the embedded index: ranked documents with snippets, as a DataFrame.

Ranking: documents whose own symbol is a queried symbol first; then those with the query's words in a
row, then near each other (``match``: phrase, near, text); within each, FTS5 bm25 (title, subject,
issuer names and text weighted 4, 3, 2, 1); then the newest. Snippets are FTS5 snippet() of the
folded text mapped back to the original characters, matches between « and ».
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.index.index import INDEX_FILE, SEARCH_DIR, TEXT_COLUMN
from pipeline.index.query import Query, SearchError, date_bounds, parse_query, resolve_kind
from pipeline.textnorm import fold

HIGHLIGHT = ("«", "»")
ELLIPSIS = "…"
SNIPPET_TOKENS = 24
MAX_LIMIT = 2**63 - 1
_MARKS = ("\x02", "\x03", "\x1f")  # start, end, ellipsis inside FTS5 snippets: never in normalized text
_FIELDS = ("rowid", "doc_id", "symbol", "kind", "kind_name", "issued_date", "issuer_names", "issuer_ids", "title",
           "subject", "source_path", "part")
COLUMNS = ["rank", "doc_id", "symbol", "kind", "kind_name", "issued_date", "issuers", "issuer_ids", "title",
           "subject", "snippet", "score", "match", "source_path", "part"]


def search(
    out_dir: str | Path,
    query: str = "",
    *,
    kind: str | None = None,
    issuer: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 20,
) -> pd.DataFrame:
    """Search a build's index; one row per document, best first (see :data:`COLUMNS`).

    ``query``: words (accents optional: "nghi quyet 59"), "quoted phrases", ``prefix*`` and symbols
    ("59-NQ/TW": documents with that symbol or referencing it). Filters: ``kind`` (code or name),
    ``issuer`` (id, or part of a name), ``date_from`` / ``date_to`` (YYYY[-MM[-DD]], inclusive; partial
    issued dates count when their period overlaps). Raises :class:`SearchError` with a readable message
    on a malformed query or filter, or when the build has no index.
    """
    path = Path(out_dir) / SEARCH_DIR / INDEX_FILE
    if not path.is_file():
        raise SearchError(f"no search index at {path}: run `vanban run ... --out {out_dir}` first")
    if limit < 1:
        raise SearchError(f"limit must be at least 1, not {limit}")
    limit = min(limit, MAX_LIMIT)  # SQLite integers are 64-bit: a larger limit means "all"
    parsed = parse_query(query)
    conditions, params = _filters(kind, issuer, date_from, date_to)
    match = parsed.match_expression()
    if match is None and not conditions:
        raise SearchError(f"nothing to search for in {query!r}: give words, a \"phrase\" or a symbol like 59-NQ/TW")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        rows = _ranked(db, parsed, match, conditions, params, limit)
        snippets = _snippets(db, match, [r["rowid"] for r in rows if r["score"] is not None])
    except sqlite3.DatabaseError as exc:  # a damaged or locked index
        raise SearchError(f"cannot run query {query!r} on {path}: {exc}") from exc
    finally:
        db.close()
    return pd.DataFrame([_result(i, r, parsed, snippets) for i, r in enumerate(rows, 1)], columns=COLUMNS)


def _filters(kind: str | None, issuer: str | None, date_from: str | None,
             date_to: str | None) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``d`` (documents) for the filters given, and their parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    if kind:
        conditions.append("d.kind = ?")
        params.append(resolve_kind(kind))
    if issuer:
        conditions.append("d.rowid IN (SELECT doc FROM issuers WHERE id = ? OR instr(name_key, ?) > 0)")
        params += [issuer.strip(), fold(issuer.strip())]
    for value, column, op, side in ((date_from, "date_end", ">=", 0), (date_to, "date_start", "<=", 1)):
        if value:
            bounds = date_bounds(value)
            if bounds is None:
                raise SearchError(f"bad date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
            conditions.append(f"d.{column} {op} ?")
            params.append(bounds[side])
    return conditions, params


def _ranked(db: sqlite3.Connection, parsed: Query, match: str | None, conditions: list[str], params: list[Any],
            limit: int) -> list[sqlite3.Row]:
    """The top documents: full-text hits (all words required; symbols alone only rank), symbol and filters."""
    conditions = list(conditions)
    params = list(params)
    for key in parsed.symbols:
        conditions.append("d.rowid IN (SELECT doc FROM symbols WHERE key = ?)")
        params.append(key)
    marks = ", ".join("?" * len(parsed.symbols))
    own = (f"EXISTS (SELECT 1 FROM symbols s WHERE s.doc = d.rowid AND s.own = 1 AND s.key IN ({marks}))"
           if parsed.symbols else "0")
    stricter = parsed.proximity_expressions()  # tier 2: words in a row, 1: near each other, 0: anywhere
    tier = " + ".join("(d.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?))" for _ in stricter) or "0"
    source, score = "documents d", "NULL"
    if match:
        join = "JOIN" if parsed.terms else "LEFT JOIN"  # a symbol phrase only ranks: the lookup decides
        source += f" {join} (SELECT rowid, rank AS score FROM fts WHERE fts MATCH ?) h ON h.rowid = d.rowid"
        score = "h.score"
    sql = (
        f"SELECT {', '.join('d.' + f for f in _FIELDS)}, {score} AS score, {own} AS own, {tier} AS tier FROM {source}"
        f" WHERE {' AND '.join(conditions) or '1'}"
        " ORDER BY own DESC, tier DESC, score IS NULL, score, d.issued_date DESC LIMIT ?"
    )
    head = [*parsed.symbols, *stricter, *([match] if match else [])]
    return db.execute(sql, [*head, *params, limit]).fetchall()


def _snippets(db: sqlite3.Connection, match: str | None, rowids: list[int]) -> dict[int, str]:
    """Snippets of the text of the given hits, in the original characters."""
    if not match or not rowids:
        return {}
    start, end, ellipsis = _MARKS
    sql = (f"SELECT rowid, snippet(fts, {TEXT_COLUMN}, ?, ?, ?, {SNIPPET_TOKENS}), text,"
           " (SELECT d.text FROM documents d WHERE d.rowid = fts.rowid)"
           f" FROM fts WHERE fts MATCH ? AND rowid IN ({', '.join('?' * len(rowids))})")
    rows = db.execute(sql, [start, end, ellipsis, match, *rowids]).fetchall()
    return {rowid: restore_snippet(snippet, original, folded) for rowid, snippet, folded, original in rows}


def _result(rank: int, row: sqlite3.Row, parsed: Query, snippets: dict[int, str]) -> dict[str, Any]:
    if row["own"]:
        match = "symbol"
    elif parsed.symbols:
        match = "reference"
    else:
        match = ("text", "near", "phrase")[row["tier"]] if parsed.terms else None
    return {
        "rank": rank, "doc_id": row["doc_id"], "symbol": row["symbol"], "kind": row["kind"],
        "kind_name": row["kind_name"], "issued_date": row["issued_date"], "issuers": row["issuer_names"],
        "issuer_ids": row["issuer_ids"], "title": row["title"], "subject": row["subject"],
        "snippet": snippets.get(row["rowid"]),
        "score": None if row["score"] is None else -row["score"],
        "match": match, "source_path": row["source_path"], "part": row["part"],
    }


def restore_snippet(snippet: str, original: str, folded: str) -> str:
    """An FTS5 snippet of ``folded`` (the indexed :func:`~pipeline.textnorm.fold_keep_offsets` of ``original``,
    same length) in the original characters; matches in «», blanks squashed."""
    start, end, ellipsis = _MARKS
    body = snippet.strip(ellipsis)
    at = folded.find(body.replace(start, "").replace(end, ""))
    out, pos = [], at
    for piece in re.split(f"([{start}{end}])", body):
        if piece in (start, end):
            out.append(HIGHLIGHT[piece == end])
        else:
            out.append(original[pos:pos + len(piece)] if at >= 0 else piece)
            pos += len(piece)
    text = " ".join("".join(out).split()).replace(f"{HIGHLIGHT[1]} {HIGHLIGHT[0]}", " ")  # «a» «b» -> «a b»
    lead = ELLIPSIS if snippet.startswith(ellipsis) else ""
    tail = ELLIPSIS if snippet.endswith(ellipsis) else ""
    return f"{lead}{text}{tail}"
