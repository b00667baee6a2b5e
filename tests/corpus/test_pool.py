"""The worker pool: every paper once, and a paper that kills its worker reported, not fatal."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from extract.corpus.discovery import Paper
from extract.corpus.pool import Settings, run_pool

WORK = """
import os


def init(model):
    pass  # no spaCy pipeline to build for this stand-in


def process(path, sha256, model, *limits):
    if "segfault" in path:
        os._exit(11)  # the worker dies as in a crash in native code
    return {"sha256": sha256, "path": path, "status": "ok", "pid": os.getpid()}
"""


def test_pool_worker_death_reported_others_done_once(tmp_path, monkeypatch):
    (tmp_path / "crashy_work.py").write_text(WORK)
    monkeypatch.syspath_prepend(str(tmp_path))  # worker processes start with this sys.path
    helpers = importlib.import_module("crashy_work")
    names = ["a.txt", "b-segfault.pdf", "c.txt", "d.txt", "e.txt"]
    papers = [Paper(path=Path(n), rel=n, sha256=n) for n in names]
    records: list[dict] = []
    run_pool(papers, Settings(None, 10**6, 10), 2, records.append, helpers.process, helpers.init)
    by_sha = {r["sha256"]: r for r in records}
    assert sorted(by_sha) == sorted(names) and len(records) == len(names)
    crashed = by_sha["b-segfault.pdf"]
    assert crashed["status"] == "failed" and "worker process died" in crashed["error"]
    assert all(by_sha[n]["status"] == "ok" for n in names if n != "b-segfault.pdf")
    pids = {r["pid"] for r in records if "pid" in r}
    assert pids and os.getpid() not in pids  # done in worker processes, not in this one
