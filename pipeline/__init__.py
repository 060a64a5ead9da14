"""vanban: Vietnamese administrative document archives -> records, graph, search feed.

Stages: ``extract`` (file -> pages), ``structure`` (text -> documents), ``nlp``
(references, entities, obligations), ``graph`` (records -> networkx). ``run``
drives them over a folder; :func:`open` loads a finished build in a notebook.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Bump when a stage's output changes: cached per-file results of older versions are redone.
PIPELINE_VERSION = f"{__version__}+8"


def open(out_dir):  # noqa: A001 - the notebook API is pipeline.open(DIR)
    """Open a build directory written by ``vanban run``: tables, graph and records."""
    from pipeline.api import open as _open

    return _open(out_dir)
