"""Capped children: the answer comes back, memory past the cap fails, crashes are contained."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.processes import ChildFailure, run_capped, supported

pytestmark = pytest.mark.skipif(not supported(), reason="capped children need Linux and fork")
MB = 1 << 20
REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _double(x: int) -> int:
    return 2 * x


def _allocate(n: int) -> int:
    return len(bytearray(n))


def _bad_paper() -> None:
    raise InputError("paper.txt: file is empty")


def _bug() -> None:
    raise KeyError("oops")


def _die(sig: int) -> None:
    os.kill(os.getpid(), sig)


def test_processes_child_answer_comes_back():
    assert run_capped(_double, (21,), 64 * MB) == 42


def test_processes_memory_past_the_cap_is_a_memory_error_here():
    assert run_capped(_allocate, (8 * MB,), 64 * MB) == 8 * MB
    with pytest.raises(MemoryError, match="64 MB"):
        run_capped(_allocate, (512 * MB,), 64 * MB)


def test_processes_our_errors_keep_their_class_others_become_runtime_errors():
    with pytest.raises(InputError, match="file is empty"):
        run_capped(_bad_paper, (), 64 * MB)
    with pytest.raises(RuntimeError, match="KeyError"):
        run_capped(_bug, (), 64 * MB)


def test_processes_abort_counts_as_out_of_memory_a_segfault_as_a_crash():
    with pytest.raises(ChildFailure) as aborted:
        run_capped(_die, (signal.SIGABRT,), 64 * MB)
    assert aborted.value.out_of_memory and "SIGABRT" in aborted.value.reason
    with pytest.raises(ChildFailure) as crashed:
        run_capped(_die, (signal.SIGSEGV,), 64 * MB)
    assert not crashed.value.out_of_memory and "SIGSEGV" in crashed.value.reason


def test_processes_cap_memory_limits_this_process():
    code = (
        "from extract.processes import cap_memory\n"
        "cap_memory(64 << 20)\n"
        "try:\n    bytearray(512 << 20)\nexcept MemoryError:\n    print('refused')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=ENV
    )
    assert done.stdout.strip() == "refused", done.stderr


def test_processes_child_dies_with_its_parent_after_kill_9():
    """A parent that arms die_with_parent in its child, then is killed: the child follows."""
    code = (
        "import os, sys, time\n"
        "from extract.processes import die_with_parent\n"
        "parent = os.getpid()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    die_with_parent(parent)\n"
        "    time.sleep(120)\n"
        "    os._exit(0)\n"
        "print(pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=REPO, env=ENV
    )
    child = int(proc.stdout.readline())
    time.sleep(0.5)  # the child has armed its death signal
    proc.kill()
    proc.wait()
    assert _gone(child, within=10), f"child {child} outlived its parent"


def _gone(pid: int, within: float) -> bool:
    """Whether process ``pid`` ended (or is a zombie waiting for init) within ``within`` s."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False
