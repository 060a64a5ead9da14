"""Resource limits of a run: pages, pixels and seconds per file, memory per worker process.

One frozen :class:`Limits` goes from the ``vanban run`` options (``--max-pages``,
``--max-pixels``, ``--page-timeout``, ``--file-timeout``, ``--worker-memory``) to the
executors and into :func:`~pipeline.run.worker.process_file` and stage 1. A file over a limit
is reported ``failed`` with the limit in its reason; the other files of the batch go on.

How each limit is enforced:

- pages: a PDF or TIFF with more pages than ``max_pages`` fails before any page is read
  ("too many pages: 5000 (limit 2000)"): a part of a document is not the document, and the
  failure can be redone with a higher limit and ``--retry-failed``.
- characters: only the first ``max_chars`` characters of a file's text are analysed (stages 2
  and 3, about 1 s per 40,000 characters); the file is ``partial`` with the cut as its reason.
- pixels: an image frame over ``max_pixels`` fails; a PDF page that would be over it at
  300 dpi is rendered at the resolution that fits, with a warning.
- page timeout: Tesseract is killed after ``page_timeout`` seconds on one page (that page fails).
- file timeout: checked between pages and stages (every executor), by SIGALRM in the main
  thread of a local worker process, and by the local executor, which kills a worker still busy
  ``KILL_GRACE`` seconds after the limit (stuck in native code) and starts a new one.
- worker memory: in a local worker process, an address-space cap on the heap
  (``RLIMIT_DATA``: a large allocation fails with MemoryError) and a watchdog in the parent
  that kills a worker whose resident memory (with its Tesseract children) passes the cap.
  On a Dask cluster started by vanban, the cap is the workers' ``memory_limit`` (the nanny
  restarts a worker over it) and the file timeout is only the cooperative check.

A worker that passed a limit is replaced by a fresh process: the pool keeps going.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pipeline.extract.errors import ExtractionError

KILL_GRACE = 10.0  # seconds after the file timeout before the local executor kills the worker


@dataclass(frozen=True)
class Limits:
    """What one file may cost; 0 (or a negative value) switches a limit off."""

    max_pages: int = 2000  # pages of one PDF or TIFF
    max_pixels: int = 100_000_000  # pixels of one page image (an A4 page at 300 dpi is 8.7 million)
    page_timeout: float = 120.0  # seconds of Tesseract on one page
    file_timeout: float = 3600.0  # wall-clock seconds for one file, all stages
    worker_memory: int = 4096  # MiB of memory of one worker process (local executor and Dask)
    max_chars: int = 2_000_000  # characters of one file's text analysed (stages 2 and 3)

    def memory_reason(self) -> str:
        """The manifest reason of a file that passed the memory cap."""
        return f"worker memory limit ({self.worker_memory} MiB) exceeded"

    def timeout_reason(self) -> str:
        """The manifest reason of a file that passed the file timeout."""
        return f"file took longer than {self.file_timeout:g} s (limit: --file-timeout)"


DEFAULTS = Limits()
TEXT_CUT = "text cut at"  # how the warning of a text over max_chars starts


def cut_text(text: str, max_chars: int) -> tuple[str, str | None]:
    """``text``, or its first ``max_chars`` characters (cut at a line break) and the warning that says so."""
    if max_chars <= 0 or len(text) <= max_chars:
        return text, None
    cut = text.rfind("\n", 0, max_chars) + 1 or max_chars
    return text[:cut], f"{TEXT_CUT} {cut:,} of {len(text):,} characters (limit: --max-chars): the rest is not analysed"


class LimitExceeded(ExtractionError):
    """A file passed one of the :class:`Limits`; ``str(e)`` is the manifest reason."""


class FileTimeout(LimitExceeded):
    """The file took longer than the file timeout."""


_local = threading.local()
_breached = threading.Event()  # set in a worker process once a file passed a limit: the worker should be replaced


def note_breach() -> None:
    """Record that this process ran over a limit (its memory or state may be spoiled)."""
    _breached.set()


def take_breach() -> bool:
    """Whether a limit was passed since the last call (and forget it)."""
    breached = _breached.is_set()
    _breached.clear()
    return breached


@contextmanager
def file_deadline(limits: Limits) -> Iterator[None]:
    """Within the block, :func:`check_deadline` raises :class:`FileTimeout` once the file timeout is over;
    in the main thread SIGALRM also interrupts Python code that does not reach a check."""
    seconds = limits.file_timeout
    if seconds <= 0:
        yield
        return
    _local.deadline = (time.monotonic() + seconds, limits.timeout_reason())
    alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if alarm:
        def on_alarm(_signum, _frame):
            raise FileTimeout(limits.timeout_reason())

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _local.deadline = None


def check_deadline() -> None:
    """Raise :class:`FileTimeout` when the current file is over its time (a no-op outside :func:`file_deadline`)."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline[0]:
        raise FileTimeout(deadline[1])
