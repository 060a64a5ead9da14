"""The local executor: a process pool with a bounded number of files in flight.

Workers share one limit on pages being OCR'd at once (one per CPU, machine-wide, through
the pool's initializer), so a long scan is spread over every core. A worker that dies (out
of memory, a crash in native code) fails only the files it held: they are retried once in a
rebuilt pool, with a fresh OCR limit, and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from pipeline.run.executor import Result, Task


def _init_worker(ocr_slots) -> None:
    # One Tesseract thread per run, and one machine-wide limit on pages OCR'd at once.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from pipeline.extract.ocr import share_slots

    share_slots(ocr_slots)


class LocalExecutor:
    """``workers`` processes on this machine."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def run(
        self, func: Callable[..., Result], tasks: Iterable[Task], on_crash: Callable[[Task, str], Result]
    ) -> Iterator[tuple[Task, Result]]:
        """Yield ``(task, func(*task))`` as results arrive, ``workers`` processes at a time."""
        workers = self.workers
        pending = iter(tasks)
        retry: list[Task] = []  # innocent files that were in flight when a worker died
        retried: set[Task] = set()
        in_flight: dict[Future, Task] = {}

        def lost(task: Task) -> Iterator[tuple[Task, Result]]:
            """A file whose worker died: retry it once in a fresh pool, then report it failed."""
            if task in retried:
                yield task, on_crash(task, "worker process died (out of memory or a native crash)")
            else:
                retried.add(task)
                retry.append(task)

        from pipeline.extract.ocr import ocr_slots

        def new_pool() -> ProcessPoolExecutor:
            slots = multiprocessing.get_context().BoundedSemaphore(ocr_slots())  # fresh: a dead worker may hold one
            return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(slots,))

        pool = new_pool()
        try:
            while True:
                while len(in_flight) < workers * 2:
                    task = retry.pop() if retry else next(pending, None)
                    if task is None:
                        break
                    in_flight[pool.submit(func, *task)] = task
                if not in_flight:
                    return
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    task = in_flight.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        broken = True
                        yield from lost(task)
                        continue
                    yield task, result
                if broken:
                    for task in in_flight.values():
                        yield from lost(task)
                    in_flight.clear()
                    pool.shutdown(cancel_futures=True)
                    pool = new_pool()
        finally:
            pool.shutdown(cancel_futures=True)
