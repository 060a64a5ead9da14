"""The local executor: ``workers`` processes on this machine, one file each at a time, watched by the runner.

Each worker process is handed one file, returns its result and gets the next one, so the
runner always knows which file a worker holds and since when. That makes every limit of
:mod:`pipeline.limits` enforceable from outside the worker, and every fault local to
one file:

- a worker still busy ``KILL_GRACE`` seconds after the file timeout (stuck in native code,
  where its own SIGALRM cannot reach) is killed with its Tesseract children;
- a worker whose resident memory, with its children, passes the memory cap is killed (inside
  the worker, ``RLIMIT_DATA`` at the cap already turns most large allocations into a clean
  MemoryError);
- the file a killed worker held is reported failed with the limit as its reason; a worker
  that dies on its own (a native crash, the system's OOM killer) fails only its file, which
  is retried once in a fresh worker first;
- a dead worker, and one whose file passed a limit, is replaced by a fresh process: no other
  file is disturbed and the run goes on.

Workers share one limit on pages being OCR'd at once (one per CPU, machine-wide), so a long
scan is spread over every core; the slots a killed worker held are given back.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait

import psutil

from pipeline.limits import DEFAULTS, KILL_GRACE, Limits, note_breach, take_breach
from pipeline.run.executor import Result, Task

POLL_SECONDS = 0.25  # how often busy workers are checked against the limits


class _Slots:
    """A worker's hold on the machine-wide OCR semaphore, counted in shared memory so that
    the runner can give back the slots of a worker it killed."""

    def __init__(self, semaphore, held, index: int) -> None:
        self._semaphore, self._held, self._index = semaphore, held, index
        self._lock = threading.Lock()

    def __enter__(self) -> None:
        self._semaphore.acquire()
        with self._lock:
            self._held[self._index] += 1

    def __exit__(self, *_exc_info) -> None:
        with self._lock:
            self._held[self._index] -= 1
        self._semaphore.release()


def _serve(conn, func: Callable[..., Result], semaphore, held, clock, index: int, limits: Limits) -> None:
    """A worker process: run ``func(*task)`` for each task received until ``None``; send back
    ``(result or None, reason when it raised, whether a limit was passed)``. ``clock[index]`` holds
    when the current task began (0: none), for the runner's timeout."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the runner, which stops the workers
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per page
    from pipeline.extract.ocr import share_slots

    share_slots(_Slots(semaphore, held, index))
    if limits.worker_memory > 0:
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        cap = limits.worker_memory << 20
        resource.setrlimit(resource.RLIMIT_DATA, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    while (task := conn.recv()) is not None:
        clock[index] = time.monotonic()  # system-wide on Linux: the runner compares it with its own
        try:
            reply = (func(*task), None)
        except MemoryError:
            note_breach()
            reply = (None, limits.memory_reason())
        except Exception as exc:  # func should report its own failures; this is the last net
            reply = (None, f"internal error {type(exc).__name__}: {exc}")
        clock[index] = 0.0
        conn.send((*reply, take_breach()))


class _Worker:
    """One worker process, the file it holds, and why the runner killed it (if it did)."""

    def __init__(self, context, index: int, func: Callable[..., Result], shared: tuple, limits: Limits) -> None:
        self.index = index
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, func, *shared, index, limits),
                                       daemon=True, name=f"vanban-worker-{index}")
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.killed_for: str | None = None

    def give(self, task: Task) -> None:
        """Hand the worker a file (a worker that died meanwhile is found out by :meth:`LocalExecutor._collect`)."""
        self.task = task
        with contextlib.suppress(OSError):
            self.conn.send(task)

    def memory(self) -> int:
        """Resident bytes of the worker and its children (Tesseract)."""
        try:
            root = psutil.Process(self.process.pid)
            total = 0
            for proc in (root, *root.children(recursive=True)):
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            return total
        except psutil.Error:
            return 0

    def kill(self, reason: str | None = None) -> None:
        """Kill the worker and its children at once; ``reason`` becomes the failure of its file."""
        self.killed_for = self.killed_for or reason
        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(self.process.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    child.kill()
        with contextlib.suppress(OSError):
            self.process.kill()

    def death(self) -> str:
        """Why the process ended, as a manifest reason."""
        self.process.join(5)
        code = self.process.exitcode
        how = f"killed by {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
        return self.killed_for or f"worker process died ({how}: out of memory or a native crash)"


class LocalExecutor:
    """``workers`` processes on this machine, each held to ``limits``."""

    def __init__(self, workers: int, limits: Limits = DEFAULTS) -> None:
        self.workers = workers
        self.limits = limits

    def run(
        self, func: Callable[..., Result], tasks: Iterable[Task], on_crash: Callable[[Task, str], Result]
    ) -> Iterator[tuple[Task, Result]]:
        """Yield ``(task, func(*task))`` as results arrive, ``workers`` processes at a time."""
        from pipeline.extract.ocr import ocr_slots

        context = multiprocessing.get_context("forkserver")  # workers start clean, whatever the runner holds
        semaphore = context.BoundedSemaphore(ocr_slots())
        held = context.Array("i", self.workers, lock=False)  # OCR slots each worker holds
        clock = context.Array("d", self.workers, lock=False)  # when each worker began its file (0: idle)

        def start(index: int) -> _Worker:
            for _ in range(held[index]):  # given back for a worker that died holding them
                with contextlib.suppress(ValueError):
                    semaphore.release()
            held[index], clock[index] = 0, 0.0
            return _Worker(context, index, func, (semaphore, held, clock), self.limits)

        pending = iter(tasks)
        retry: deque[Task] = deque()  # files whose worker died on its own: one more try
        retried: set[Task] = set()
        workers = [start(i) for i in range(self.workers)]
        try:
            while True:
                for i, worker in enumerate(workers):
                    if worker.task is None and (task := retry.popleft() if retry else next(pending, None)):
                        if not worker.process.is_alive():
                            workers[i] = worker = start(i)
                        worker.give(task)
                busy = [w for w in workers if w.task is not None]
                if not busy:
                    return
                ready = set(wait([c for w in busy for c in (w.conn, w.process.sentinel)], timeout=POLL_SECONDS))
                for worker in busy:
                    if worker.conn in ready or worker.process.sentinel in ready:
                        yield from self._collect(worker, workers, start, on_crash, retry, retried)
                self._watch(busy, clock)
        finally:
            for worker in workers:
                worker.kill()
                worker.process.join(1)

    def _collect(self, worker: _Worker, workers: list[_Worker], start, on_crash, retry, retried):
        """The result of a worker that answered or died; replace it when it died or passed a limit."""
        task = worker.task
        try:
            result, reason, breached = worker.conn.recv()
        except (EOFError, OSError):  # died: killed by the watchdog, or on its own
            reason, result, breached = worker.death(), None, True
            if worker.killed_for is None and task not in retried:
                retried.add(task)
                retry.append(task)
                task = None
        worker.task = None
        if breached:
            worker.kill()
            worker.process.join(5)
            workers[worker.index] = start(worker.index)
        if task is not None:
            yield task, result if reason is None else on_crash(task, reason)

    def _watch(self, busy: list[_Worker], clock) -> None:
        """Kill the busy workers over the file timeout (plus grace) or the memory cap."""
        limits, now = self.limits, time.monotonic()
        grace = min(KILL_GRACE, limits.file_timeout)
        for worker in busy:
            if worker.killed_for or worker.task is None:
                continue
            began = clock[worker.index]
            if limits.file_timeout > 0 and began and now - began > limits.file_timeout + grace:
                worker.kill(limits.timeout_reason())
            elif limits.worker_memory > 0 and worker.memory() > limits.worker_memory << 20:
                worker.kill(limits.memory_reason())
