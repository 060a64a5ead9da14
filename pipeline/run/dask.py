"""The Dask executor: the same per-file tasks on a Dask distributed cluster.

``DaskExecutor(workers)`` starts a cluster on this machine (``workers`` processes of one
thread each); ``DaskExecutor(scheduler="tcp://host:port")`` uses a running one, whose
workers must have vanban installed and see the input and output paths. Tasks are submitted
a few per worker thread ahead and their results streamed back as they finish, so memory
stays flat on both sides; a task whose worker keeps dying is reported failed.

OCR: there is no machine-wide limit shared by all workers as in the local pool. Each worker
process OCRs at most ``VANBAN_OCR_THREADS`` pages at once (default: its CPU count); the
cluster started here sets it to CPU count / workers. On a cluster of your own, set
``VANBAN_OCR_THREADS`` in the workers' environment to CPUs / worker processes per host.

Limits (:mod:`pipeline.limits`): pages, pixels and the Tesseract timeout work as in the
local pool. The file timeout is cooperative only (checked between pages and stages: tasks run
in worker threads, which cannot be interrupted). The memory cap is the ``memory_limit`` of the
workers of a cluster started here (the nanny restarts a worker over it; the file it held is
retried by Dask and reported failed when it kills workers again); a cluster of your own
keeps its own ``memory_limit``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from pipeline.limits import DEFAULTS, Limits
from pipeline.run.executor import Result, Task


class DaskExecutor:
    """Runs tasks on a Dask cluster: one started here with ``workers`` processes, or the one at ``scheduler``."""

    def __init__(self, workers: int, scheduler: str | None = None, limits: Limits = DEFAULTS) -> None:
        self.workers = workers
        self.scheduler = scheduler
        self.limits = limits

    def run(
        self, func: Callable[..., Result], tasks: Iterable[Task], on_crash: Callable[[Task, str], Result]
    ) -> Iterator[tuple[Task, Result]]:
        """Yield ``(task, func(*task))`` as results arrive from the cluster."""
        from distributed import Client, Future, KilledWorker, LocalCluster, as_completed

        cluster = None
        if self.scheduler is None:
            from pipeline.extract.ocr import ocr_slots

            memory = f"{self.limits.worker_memory}MiB" if self.limits.worker_memory > 0 else 0
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, memory_limit=memory,
                                   env={"VANBAN_OCR_THREADS": str(max(1, ocr_slots() // self.workers))})
        client = Client(self.scheduler or cluster)
        try:
            ahead = 2 * max(1, sum(client.nthreads().values()))
            pending = iter(tasks)
            in_flight: dict[Future, Task] = {}
            finished = as_completed()

            def submit() -> None:
                task = next(pending, None)
                if task is not None:
                    future = client.submit(func, *task, pure=False)
                    in_flight[future] = task
                    finished.add(future)

            for _ in range(ahead):
                submit()
            for future in finished:
                task = in_flight.pop(future)
                try:
                    result = future.result()
                except KilledWorker as exc:
                    cap = self.limits.worker_memory
                    why = f"over its memory limit ({cap} MiB)" if cap and self.scheduler is None else "out of memory"
                    result = on_crash(task, f"worker process died ({why} or a native crash): {exc}")
                future.release()
                yield task, result
                submit()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
