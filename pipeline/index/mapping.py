"""Index settings and mappings for Elasticsearch / OpenSearch, one create-index body per index.

Vietnamese text fields use the ``vi`` analyzer (standard tokenizer + lowercase: syllables, tone
marks kept) with a ``.folded`` subfield analyzed by ``vi_folded`` (+ ``asciifolding``), so
"nghi quyet" matches "Nghị quyết". Lucene's ``asciifolding`` maps every Vietnamese letter,
đ included, to ASCII and is built in: no plugin is needed. (With the ``analysis-icu`` plugin,
``icu_folding`` does the same.) Symbols, kinds and ids are keywords; symbols and issuer names use
a folding normalizer so "59-nq/tw" finds "59-NQ/TW" and "QD" finds "QĐ". Dates are ``date`` with
the partial forms the records use ("2021", "2021-08").
"""

from __future__ import annotations

from typing import Any

from pipeline.index.bulk import DOCUMENTS_INDEX, SECTIONS_INDEX

SETTINGS: dict[str, Any] = {
    "analysis": {
        "analyzer": {
            "vi": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
            "vi_folded": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
        },
        "normalizer": {
            "folded_keyword": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
        },
    }
}

_TEXT = {"type": "text", "analyzer": "vi", "fields": {"folded": {"type": "text", "analyzer": "vi_folded"}}}
_KEYWORD = {"type": "keyword"}
_FOLDED_KEYWORD = {"type": "keyword", "normalizer": "folded_keyword"}
_DATE = {"type": "date", "format": "strict_date||yyyy-MM||yyyy", "ignore_malformed": True}

_METADATA: dict[str, Any] = {
    "doc_id": _KEYWORD,
    "kind": _KEYWORD,
    "kind_name": _FOLDED_KEYWORD,
    "symbol": _FOLDED_KEYWORD,
    "number": _KEYWORD,
    "issued_date": _DATE,
    "issuers": {"properties": {
        "name": {**_TEXT, "fields": {**_TEXT["fields"], "keyword": _FOLDED_KEYWORD}},
        "id": _KEYWORD,
    }},
    "title": _TEXT,
    "subject": _TEXT,
    "draft": {"type": "boolean"},
    "source_path": _KEYWORD,
    "part": {"type": "integer"},
}

DOCUMENT_PROPERTIES: dict[str, Any] = {
    **_METADATA,
    "content_hash": {"type": "keyword", "index": False},
    "reference_symbols": _FOLDED_KEYWORD,
    "text": _TEXT,
}

SECTION_PROPERTIES: dict[str, Any] = {
    **_METADATA,
    "chunk_id": _KEYWORD,
    "section_id": _KEYWORD,
    "label": _KEYWORD,
    "heading": _TEXT,
    "level": {"type": "integer"},
    "path": {"properties": {"id": _KEYWORD, "heading": _TEXT}},
    "start": {"type": "integer"},
    "end": {"type": "integer"},
    "text": _TEXT,
}


def index_bodies() -> dict[str, dict[str, Any]]:
    """Create-index request bodies (settings + mappings) by index name."""
    return {
        DOCUMENTS_INDEX: {"settings": SETTINGS, "mappings": {"dynamic": False, "properties": DOCUMENT_PROPERTIES}},
        SECTIONS_INDEX: {"settings": SETTINGS, "mappings": {"dynamic": False, "properties": SECTION_PROPERTIES}},
    }
