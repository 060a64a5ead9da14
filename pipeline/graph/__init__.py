"""Stage 4: records -> archive graph (identity, build, export, queries)."""

from pipeline.graph.build import build_graph, build_store
from pipeline.graph.export import read_graph, write_graph
from pipeline.graph.identity import document_key, org_id, person_id

__all__ = ["build_graph", "build_store", "document_key", "org_id", "person_id", "read_graph", "write_graph"]
