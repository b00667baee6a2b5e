"""A run killed from outside (SIGTERM) keeps finished papers; --resume finishes the rest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.cli import main

SCRIPT = """
import importlib.util, sys, time
spec = importlib.util.spec_from_file_location("corpus_conftest", {conftest!r})
helpers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(helpers)
import extract.pipeline

def slow_after_first(path, **kwargs):
    result = helpers.fake_extract_paper(path, **kwargs)
    if "a-smith" not in str(path):
        time.sleep(60)
    return result

extract.pipeline.extract_paper = slow_after_first
from extract.cli import main
sys.exit(main([{folder!r}, "--out", {out!r}, "--workers", "1"]))
"""


def test_kill_sigterm_keeps_journal_and_resume_finishes(corpus_dir, fake_extractor, in_tmp):
    script = in_tmp / "run.py"
    out = in_tmp / "pooled.csv"
    conftest = str(Path(__file__).with_name("conftest.py"))
    script.write_text(SCRIPT.format(conftest=conftest, folder=str(corpus_dir), out=str(out)))
    repo = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, str(script)], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    journal = in_tmp / "pooled.partial.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (journal.exists() and journal.read_text()):
        time.sleep(0.1)
    time.sleep(0.3)  # the second paper is now in its (slow) extraction
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err.decode()
    assert "--resume" in err.decode() and "Traceback" not in err.decode()
    records = [json.loads(line) for line in journal.read_text().splitlines()]
    assert [Path(r["path"]).name for r in records] == ["a-smith-2023.txt"]
    assert not out.exists()

    assert main([str(corpus_dir), "--out", str(out), "--resume", "--workers", "1", "-q"]) == 1
    assert "a-smith-2023.txt" not in fake_extractor
    assert fake_extractor == [
        "b-jones-2024.md",
        "c-smith-preprint.txt",
        "e-empty.txt",
        "f-garbled.pdf",
    ]
    assert out.read_text().count("\n") == 1 + 3  # header + 3 patients


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running (not ended, not a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_kill_9_of_the_run_ends_its_workers(tmp_path):
    """kill -9 cannot be caught: the workers must notice their parent's death themselves."""
    repo = Path(__file__).resolve().parents[2]
    folder = tmp_path / "papers"
    folder.mkdir()
    seed = (repo / "corpus" / "hasanli-2026-dva-ali-case-series.txt").read_text(encoding="utf-8")
    for n in range(40):  # distinct bytes, so that none is a duplicate of another
        (folder / f"paper-{n:02d}.txt").write_text(f"{seed}\nCopy {n}.\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(repo / "cli.py"), str(folder), "--workers", "2", "-q"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    journal = tmp_path / "pooled.partial.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (journal.exists() and journal.read_text()):
        time.sleep(0.2)
    workers = [pid for pid in _children(proc.pid) if _alive(pid)]
    assert len(workers) >= 2, "the workers should be running"
    proc.kill()  # SIGKILL: no handler runs in the parent
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    survivors = [pid for pid in workers if _alive(pid)]
    for pid in survivors:  # do not leave them behind for the next tests
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
