"""Run papers in-process (``--workers 1``) or in a pool of worker processes.

Each worker builds the spaCy pipeline once (initializer) and ignores Ctrl-C: the main process
catches it, stops its workers and keeps what the journal already holds. At most ``workers``
papers are in flight, so when a worker dies (crash, out of memory) the papers that may have
killed it are known: each is retried once in a new pool, then reported as failed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from extract.corpus.discovery import Paper
from extract.corpus.worker import KIND_INTERNAL, STATUS_FAILED, init_worker, process_paper
from extract.processes import cap_memory, die_with_parent, supported

Record = dict[str, Any]
MAX_ATTEMPTS = 2


@dataclass(frozen=True)
class Settings:
    """What every worker needs to extract a paper."""

    model: str | None
    max_bytes: int
    max_pages: int
    max_chars: int = 1_000_000
    max_memory: int = 1 << 30  # bytes a worker may take beyond what it holds after set-up

    @property
    def limits(self) -> tuple[int, int, int, int]:
        """The per-paper limits, in the order ``process_paper`` takes them."""
        return self.max_bytes, self.max_pages, self.max_chars, self.max_memory


def _pool_initializer(
    init: Callable[[str | None], None], model: str | None, parent: int, max_memory: int
) -> None:
    """A worker: ignores Ctrl-C, dies with the run (even ``kill -9``), is capped after set-up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if supported():
        die_with_parent(parent)
    init(model)
    if supported():
        cap_memory(max_memory)


def _submit(pool: ProcessPoolExecutor, paper: Paper, s: Settings, work: Callable) -> Future:
    return pool.submit(work, str(paper.path), paper.sha256, s.model, *s.limits)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued work and end this pool's worker processes now."""
    pool.shutdown(wait=False, cancel_futures=True)
    terminate = getattr(pool, "terminate_workers", None)  # Python >= 3.14
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()


def _died(paper: Paper) -> Record:
    return {
        "sha256": paper.sha256,
        "path": str(paper.path),
        "status": STATUS_FAILED,
        "kind": KIND_INTERNAL,
        "error": "internal error: the worker process died (crash or out of memory)",
    }


def run_in_process(papers: Iterable[Paper], s: Settings, on_record: Callable[[Record], None]):
    """Extract the papers one after another in this process."""
    init_worker(s.model)
    for paper in papers:
        on_record(process_paper(str(paper.path), paper.sha256, s.model, *s.limits))


def run_pool(
    papers: list[Paper],
    s: Settings,
    workers: int,
    on_record: Callable[[Record], None],
    work: Callable[..., Record] = process_paper,
    init: Callable[[str | None], None] = init_worker,
) -> None:
    """Extract the papers in ``workers`` processes; ``on_record`` runs in this process.

    After a worker dies, the papers that were in flight are retried one at a time, so a paper
    that kills its worker twice is reported and the others finish normally. ``work`` and
    ``init`` are module-level functions (worker processes import them by name).
    """
    pending = deque(papers)
    suspects: deque[Paper] = deque()
    attempts: dict[int, int] = {}
    context = multiprocessing.get_context("spawn")
    while pending or suspects:
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_pool_initializer,
            initargs=(init, s.model, os.getpid(), s.max_memory),
        )
        in_flight: dict[Future, Paper] = {}
        try:
            broken = False
            while (pending or suspects or in_flight) and not broken:
                solo = bool(suspects) or any(id(p) in attempts for p in in_flight.values())
                while (suspects or pending) and len(in_flight) < (1 if solo else workers):
                    paper = suspects.popleft() if suspects else pending.popleft()
                    in_flight[_submit(pool, paper, s, work)] = paper
                    solo = solo or id(paper) in attempts
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        record = future.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    on_record(record)
                    del in_flight[future]
            for paper in in_flight.values() if broken else ():
                attempts[id(paper)] = attempts.get(id(paper), 0) + 1
                if attempts[id(paper)] >= MAX_ATTEMPTS:
                    on_record(_died(paper))
                else:
                    suspects.append(paper)
        finally:
            _stop(pool)


def run_papers(
    papers: list[Paper], s: Settings, workers: int, on_record: Callable[[Record], None]
) -> None:
    """Extract ``papers``, calling ``on_record`` as each finishes (in this process)."""
    if not papers:
        return
    if workers <= 1 or len(papers) == 1:
        run_in_process(papers, s, on_record)
    else:
        run_pool(papers, s, min(workers, len(papers)), on_record)
