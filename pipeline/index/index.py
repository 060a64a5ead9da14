"""The embedded index DIR/search/index.sqlite (SQLite FTS5), updated document by document.

Tables:

- ``documents``: one row per record (metadata, original text, ``content_hash``, the first and
  last day its issued date covers);
- ``issuers`` (doc, id, folded name) and ``symbols`` (doc, folded symbol key, own: 1 for the
  record's own symbol, 0 for a symbol it references): exact lookups FTS5 cannot do;
- ``fts``: FTS5 over the folded title, subject, issuer names and text (rowid = documents.rowid).

Folded columns are :func:`pipeline.textnorm.fold_keep_offsets` of the original: lower case, no
diacritics, đ -> d, and the same length, so a snippet of the folded text maps back to the
original characters. An index of another schema version is rebuilt from scratch.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from pipeline.index.feed import FeedEntry
from pipeline.index.query import date_bounds, symbol_key
from pipeline.textnorm import fold, fold_keep_offsets

SEARCH_DIR = "search"  # under the build directory
INDEX_FILE = "index.sqlite"
SCHEMA_VERSION = 1
TEXT_COLUMN = 3  # position of ``text`` in the fts table, for snippet()
_SCHEMA = f"""
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL,
    kind TEXT, kind_name TEXT, symbol TEXT, number TEXT, issued_date TEXT, date_start TEXT, date_end TEXT,
    issuer_names TEXT, issuer_ids TEXT, title TEXT, subject TEXT, source_path TEXT, part INTEGER,
    text TEXT NOT NULL
);
CREATE INDEX documents_kind ON documents(kind);
CREATE INDEX documents_dates ON documents(date_start, date_end);
CREATE TABLE issuers (doc INTEGER NOT NULL, id TEXT, name_key TEXT NOT NULL);
CREATE INDEX issuers_doc ON issuers(doc);
CREATE INDEX issuers_id ON issuers(id);
CREATE TABLE symbols (doc INTEGER NOT NULL, key TEXT NOT NULL, own INTEGER NOT NULL);
CREATE INDEX symbols_key ON symbols(key);
CREATE INDEX symbols_doc ON symbols(doc);
CREATE VIRTUAL TABLE fts USING fts5(title, subject, issuers, text, tokenize='unicode61 remove_diacritics 2');
INSERT INTO fts(fts, rank) VALUES ('rank', 'bm25(4.0, 3.0, 2.0, 1.0)');
PRAGMA user_version = {SCHEMA_VERSION};
"""
SEPARATOR = "; "  # between issuer names (and ids) in the documents table


class IndexWriter:
    """One transaction of updates to the index; commits on success, rolls back on error."""

    def __init__(self, path: Path) -> None:
        self.db = _open_for_writing(path)

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.db.commit()
        else:
            self.db.rollback()
        self.db.close()

    def hashes(self) -> dict[str, str]:
        """Content hash of every indexed document, by doc_id."""
        return dict(self.db.execute("SELECT doc_id, content_hash FROM documents"))

    def put(self, entry: FeedEntry) -> None:
        """Index a document, replacing the version indexed before."""
        self.delete([entry.doc_id])
        row = entry.document
        names = SEPARATOR.join(i["name"] for i in row["issuers"] if i["name"])
        ids = SEPARATOR.join(i["id"] for i in row["issuers"] if i["id"])
        start, end = date_bounds(row["issued_date"]) or (None, None)
        cursor = self.db.execute(
            "INSERT INTO documents (doc_id, content_hash, kind, kind_name, symbol, number, issued_date, date_start,"
            " date_end, issuer_names, issuer_ids, title, subject, source_path, part, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row["doc_id"], row["content_hash"], row["kind"], row["kind_name"], row["symbol"], row["number"],
             row["issued_date"], start, end, names, ids, row["title"],
             row["subject"], row["source_path"], row["part"], row["text"]),
        )
        doc = cursor.lastrowid
        self.db.executemany("INSERT INTO issuers (doc, id, name_key) VALUES (?, ?, ?)",
                            [(doc, i["id"], fold(i["name"] or "")) for i in row["issuers"]])
        symbols = {symbol_key(s): 0 for s in row["reference_symbols"]}
        if row["symbol"]:
            symbols[symbol_key(row["symbol"])] = 1
        self.db.executemany("INSERT INTO symbols (doc, key, own) VALUES (?, ?, ?)",
                            [(doc, key, own) for key, own in symbols.items()])
        folded = [fold_keep_offsets(v or "") for v in (row["title"], row["subject"], names, row["text"])]
        self.db.execute("INSERT INTO fts (rowid, title, subject, issuers, text) VALUES (?, ?, ?, ?, ?)",
                        (doc, *folded))

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove documents (and their lookups and full-text rows) from the index."""
        for doc_id in doc_ids:
            found = self.db.execute("SELECT rowid FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            if found is None:
                continue
            for table, column in (("fts", "rowid"), ("issuers", "doc"), ("symbols", "doc"), ("documents", "rowid")):
                self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", found)


def _open_for_writing(path: Path) -> sqlite3.Connection:
    """The index at ``path``, created when missing and rebuilt when it is not ours (another schema, not SQLite)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return db
    except sqlite3.DatabaseError:  # "file is not a database"
        pass
    db.close()
    _remove(path)
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
    except sqlite3.OperationalError as exc:  # "no such module: fts5"
        db.close()
        _remove(path)
        raise RuntimeError(f"cannot create the search index: this Python's SQLite lacks FTS5 ({exc})") from exc
    return db


def _remove(path: Path) -> None:
    for stale in (path, path.with_name(path.name + "-journal")):
        stale.unlink(missing_ok=True)
