"""Run a command as a fresh process and read its true peak memory (children included).

``wait4`` gives a child's peak resident set size, but Linux counts in it the memory of the
process it was forked from (the high-water mark is carried over at ``exec``): a child of a big
pytest process would seem big. So a small launcher process starts the command and reads its
``wait4``; the launcher's own size (~10 MB) is all that is carried over.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

LAUNCHER = """
import json, os, subprocess, sys
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
with open(sys.argv[1], "w") as handle:
    json.dump({"code": os.waitstatus_to_exitcode(status), "peak_kb": usage.ru_maxrss}, handle)
"""


def run_with_peak(argv: list[str], cwd: str | Path, env: dict | None = None):
    """``(exit code, stdout, stderr, peak MB)`` of ``argv`` run in ``cwd``."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "peak.json"
        done = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(report), *map(str, argv)],
            cwd=cwd,
            env=env or dict(os.environ),
            capture_output=True,
            text=True,
        )
        measured = json.loads(report.read_text())
    return measured["code"], done.stdout, done.stderr, measured["peak_kb"] / 1024
