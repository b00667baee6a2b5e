"""Run a piece of work over files in N fresh processes; wall time, peak RSS per process.

Every worker is a new (spawned) Python process: it pays its imports and set-up, waits at a
barrier, then works through its share of the files (balanced by size) while the clock runs.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Run:
    """What one harness run measured."""

    seconds: float  # from the barrier to the last worker's end (set-up excluded)
    total_seconds: float  # from launching the workers to joining them (set-up included)
    peak_rss_mb: list[float]  # per worker: VmHWM at its end
    extra: list[dict] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)  # per worker, the timed part

    @property
    def cpu_total(self) -> float:
        """CPU seconds of all workers in the timed part (what per-core figures divide by)."""
        return sum(self.cpu_seconds)


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """A process's peak resident set size (``VmHWM``) in MB, None when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def balance(files: list[str], workers: int) -> list[list[str]]:
    """Split ``files`` into ``workers`` shares of about equal bytes (largest first, greedy)."""
    shares: list[list[str]] = [[] for _ in range(workers)]
    sizes = [0] * workers
    for path in sorted(files, key=lambda p: -os.path.getsize(p)):
        k = sizes.index(min(sizes))
        shares[k].append(path)
        sizes[k] += os.path.getsize(path)
    return shares


def _worker(name: str, files: list[str], barrier, queue) -> None:  # noqa: ANN001
    from bench.work import WORK

    setup, run = WORK[name]
    state = setup(files)
    barrier.wait()
    started, cpu = time.perf_counter(), _cpu_with_children()
    extra = run(state, files)
    ended, cpu = time.perf_counter(), _cpu_with_children() - cpu
    queue.put((started, ended, peak_rss_mb(), extra, cpu))


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its ended children (a PDF is read in a child)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_work(name: str, files: list[str], workers: int = 1) -> Run:
    """Run work ``name`` (see ``bench.work.WORK``) over ``files`` in ``workers`` processes."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers)
    queue = context.Queue()
    launched = time.perf_counter()
    procs = [
        context.Process(target=_worker, args=(name, share, barrier, queue))
        for share in balance(files, workers)
    ]
    for proc in procs:
        proc.start()
    results = [queue.get() for _ in procs]
    for proc in procs:
        proc.join()
    joined = time.perf_counter()
    if any(proc.exitcode for proc in procs):
        raise RuntimeError(f"bench: a {name!r} worker failed")
    return Run(
        seconds=max(r[1] for r in results) - min(r[0] for r in results),
        total_seconds=joined - launched,
        peak_rss_mb=[r[2] for r in results if r[2] is not None],
        extra=[r[3] for r in results],
        cpu_seconds=[r[4] for r in results],
    )


class PeakSampler:
    """Samples the peak RSS of a process tree (the process and its children) until stopped."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid = pid
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [psutil.Process(self.pid)]
                procs += procs[0].children(recursive=True)
            except psutil.Error:
                procs = []
            for proc in procs:
                peak = peak_rss_mb(proc.pid)
                if peak is not None:
                    self.peaks[proc.pid] = max(peak, self.peaks.get(proc.pid, 0.0))
            self._stop.wait(self.interval)


@dataclass
class Timed:
    """A command run to its end."""

    seconds: float
    main_rss_mb: float  # peak of the command's own process
    child_rss_mb: list[float]  # peak of each of its child processes (workers)
    exit_code: int


def timed_command(argv: list[str], cwd: str | None = None) -> Timed:
    """Run a command to its end, sampling the peak RSS of its process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakSampler(proc.pid) as sampler:
        _, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"bench: {' '.join(argv)} failed: {err.decode()[-300:]}")
    main = sampler.peaks.pop(proc.pid, 0.0)
    return Timed(seconds, main, list(sampler.peaks.values()), proc.returncode)
