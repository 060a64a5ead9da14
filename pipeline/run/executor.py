"""Executors: run the per-file task over many files and stream the results back.

One interface, :class:`Executor`; two implementations, each in its own module: the local
process pool (:mod:`pipeline.run.local`, the default) and a Dask cluster
(:mod:`pipeline.run.dask`: ``--executor dask`` starts one on this machine, ``--scheduler
ADDRESS`` connects to a running one). Both keep a bounded number of files in flight, so memory
stays flat however large the archive, and yield results in the order they finish.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from pipeline.limits import DEFAULTS, Limits

Task = tuple[str, str, str]  # (path, rel, sha256)
Result = dict[str, Any]
EXECUTORS = ("local", "dask")


class Executor(Protocol):
    """Runs ``func(*task)`` for every task in worker processes."""

    def run(
        self, func: Callable[..., Result], tasks: Iterable[Task], on_crash: Callable[[Task, str], Result]
    ) -> Iterator[tuple[Task, Result]]:
        """Yield ``(task, func(*task))`` as results arrive; a task whose worker died yields ``on_crash(task, why)``."""
        ...


def make_executor(kind: str = "local", workers: int | None = None, scheduler: str | None = None,
                  limits: Limits = DEFAULTS) -> Executor:
    """The executor named ``kind`` (``dask`` when a ``scheduler`` address is given) with ``workers`` processes
    (default: the CPU count; a running Dask cluster has its own), enforcing ``limits`` on its workers."""
    workers = workers or max(1, os.cpu_count() or 1)
    if scheduler or kind == "dask":
        from pipeline.run.dask import DaskExecutor

        return DaskExecutor(workers, scheduler, limits)
    if kind != "local":
        raise ValueError(f"unknown executor {kind!r} (one of {', '.join(EXECUTORS)})")
    from pipeline.run.local import LocalExecutor

    return LocalExecutor(workers, limits)
