"""Child processes: a memory cap, dying with the parent, one function run in a capped child.

``run_capped(func, args, limit)`` forks; the child lowers its address-space limit
(``RLIMIT_AS``) to what it uses now plus ``limit``, dies with its parent, silences its stderr
and sends ``func``'s answer back through a pipe. Whatever the child's code does with memory (a
PDF library inflating a stream, say) it cannot take more than ``limit``: an allocation over it
fails, and the child ends. Linux only; elsewhere the function runs in this process.
"""

from __future__ import annotations

import ctypes
import errno
import faulthandler
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from extract.errors import ExtractError

MB = 1 << 20
PR_SET_PDEATHSIG = 1
_EXIT_SEND_FAILED = 3  # the answer did not fit in memory
_EXIT_BROKEN = 4  # the child's own set-up failed


class ChildFailure(Exception):
    """The child ended without an answer (a signal, or an exit code of its own)."""

    def __init__(self, signal_number: int | None, exit_code: int | None, peak_rss: int):
        self.signal_number = signal_number
        self.exit_code = exit_code
        self.peak_rss = peak_rss
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        """How the child ended, in words."""
        if self.signal_number is not None:
            try:
                return f"killed by {signal.Signals(self.signal_number).name}"
            except ValueError:
                return f"killed by signal {self.signal_number}"
        return f"exit code {self.exit_code}"

    @property
    def out_of_memory(self) -> bool:
        """Whether the child most likely ran out of its memory limit.

        PDFium (and the C runtime) abort on a failed allocation; the kernel's OOM killer sends
        SIGKILL; a Python answer too large for the limit ends with its own exit code.
        """
        return self.signal_number in (signal.SIGABRT, signal.SIGKILL) or (
            self.exit_code == _EXIT_SEND_FAILED
        )


def supported() -> bool:
    """Whether capped children can be used here (Linux with fork)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _vm_size() -> int:
    """Address space this process uses now (``VmSize``), in bytes."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0  # pragma: no cover - every Linux has VmSize


def cap_memory(limit: int) -> None:
    """Let this process take at most ``limit`` more bytes of address space than it has now."""
    import resource  # POSIX only, like everything that calls this

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = _vm_size() + limit
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    elif wanted >= 1 << 62:  # more than any machine has: no limit
        wanted = resource.RLIM_INFINITY
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def die_with_parent(parent_pid: int, watchdog: bool = True) -> None:
    """End this process when ``parent_pid`` ends (even by ``kill -9``).

    The kernel sends SIGKILL on the parent's death (``PR_SET_PDEATHSIG``); a watchdog thread
    that polls the parent id once a second covers systems (and races) where that cannot work.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            pass
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)
    if watchdog:
        threading.Thread(target=_watch, args=(parent_pid,), daemon=True, name="watchdog").start()


def _watch(parent_pid: int) -> None:
    """Poll the parent; exit at once when it is gone (this process was re-parented)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent_pid:
            os._exit(1)


def run_capped(func: Callable[..., Any], args: tuple, limit: int) -> Any:
    """``func(*args)`` in a forked child allowed ``limit`` more bytes of memory; its value.

    An :class:`~extract.errors.ExtractError` or ``MemoryError`` raised by ``func`` is raised
    here; any other exception becomes a ``RuntimeError`` naming its type. A child that ends
    without an answer raises :class:`ChildFailure`. Not on Linux: ``func`` runs here.
    """
    if not supported():
        return func(*args)
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    rss_before = _rss()
    gc.freeze()  # the child's garbage collector leaves the parent's objects (and pages) alone
    try:
        pid = os.fork()
    finally:
        if os.getpid() == parent:
            gc.unfreeze()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        _child(func, args, limit, read_fd, write_fd, parent)
    os.close(write_fd)
    reader = Connection(read_fd, writable=False)
    try:
        try:
            reply = reader.recv()
        except (EOFError, OSError):
            reply = None
    except BaseException:  # Ctrl-C or SIGTERM while the child works: stop it too
        _kill(pid)
        raise
    finally:
        reader.close()
    status, peak = _reap(pid)
    if reply is None:
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        raise ChildFailure(sig, code, max(0, peak - rss_before))
    kind, value = reply
    if kind == "ok":
        return value
    if kind == "memory":
        raise MemoryError(f"over the limit of {limit // MB} MB")
    if kind == "extract":
        raise value
    raise RuntimeError(value)


def _child(func, args, limit, read_fd, write_fd, parent) -> None:  # pragma: no cover
    """The forked child: set up, run, answer, and leave without running any exit handler."""
    code = 0
    try:
        os.close(read_fd)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # a library's own messages must not reach the user,
        faulthandler.disable()  # nor a traceback of the abort that ends an over-limit child
        die_with_parent(parent, watchdog=False)
        cap_memory(limit)
        writer = Connection(write_fd, readable=False)
        try:
            reply: tuple[str, Any] = ("ok", func(*args))
        except MemoryError:
            reply = ("memory", None)
        except ExtractError as exc:
            reply = ("extract", exc)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent as text
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            writer.send(reply)
        except MemoryError:
            code = _EXIT_SEND_FAILED
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child
        code = _EXIT_BROKEN
    finally:
        os._exit(code)


def _rss() -> int:
    """This process's resident set size now, in bytes."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):  # pragma: no cover
        return 0


def _reap(pid: int) -> tuple[int, int]:
    """Wait for the child: its wait status and peak resident set size in bytes."""
    while True:
        try:
            _, status, usage = os.wait4(pid, 0)
            return status, usage.ru_maxrss * 1024
        except InterruptedError:  # pragma: no cover - retried by Python since 3.5
            continue
        except ChildProcessError:  # already reaped (should not happen)
            return 0, 0


def _kill(pid: int) -> None:
    """Kill and reap the child."""
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError as exc:  # pragma: no cover
        if exc.errno != errno.ESRCH:
            raise
    _reap(pid)
