"""Batch runner: discover files, process each in a worker, cache, write the outputs."""

from pipeline.run.runner import RunSummary, run

__all__ = ["RunSummary", "run"]
