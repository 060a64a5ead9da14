"""The exceptions of stage 1: their message is the reason written to the manifest."""

from __future__ import annotations


class ExtractionError(Exception):
    """The file cannot be read (empty, corrupt, encrypted, too large, ...): ``str(e)`` says why."""


class UnsupportedFormat(ExtractionError):
    """The file's extension is not one stage 1 handles."""
