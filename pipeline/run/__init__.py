"""Batch runner: discover files, process each in a worker, cache, write the outputs."""

from pipeline.run.runner import STAGES, RunSummary, StageInputMissing, run

__all__ = ["STAGES", "RunSummary", "StageInputMissing", "run"]
