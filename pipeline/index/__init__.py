"""Search: the feed for Elasticsearch/OpenSearch and the embedded SQLite FTS5 index, under DIR/search/.

``write_search`` (the last stage of ``vanban run``) writes the feed, bulk files, mappings and
index incrementally; ``search`` queries the index into a DataFrame (``vanban search``).
"""

from pipeline.index.query import SearchError
from pipeline.index.searcher import search
from pipeline.index.write import SearchUpdate, write_search

__all__ = ["SearchError", "SearchUpdate", "search", "write_search"]
