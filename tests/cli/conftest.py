"""Run the CLI in-process and check the shape of its errors."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from peak import run_with_peak

import cli


@dataclass
class CliRun:
    """Exit code and captured output of one `extract` call."""

    code: int
    out: str
    err: str

    def assert_one_line_error(self, *words: str, code: int = 2) -> str:
        """Exit ``code``, nothing on stdout, one `extract: error:` line holding ``words``."""
        assert "Traceback" not in self.err, self.err
        assert self.code == code, (self.code, self.err)
        assert self.out == "", self.out
        lines = self.err.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("extract: error: "), lines[0]
        for word in words:
            assert word.lower() in lines[0].lower(), (word, lines[0])
        return lines[0]


@pytest.fixture
def run_cli(capsys):
    """Call ``cli.main`` with string arguments; return a :class:`CliRun`."""

    def run(*args) -> CliRun:
        code = cli.main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


REPO = Path(__file__).resolve().parents[2]


def _run_measured(*args) -> tuple[CliRun, float]:
    """Run ``python cli.py ARGS`` as a real process: its result and true peak memory in MB.

    The peak is the largest resident set of the process and of every child it waited for (the
    PDF reading child included); see ``tests/peak.py``.
    """
    argv = [sys.executable, "cli.py", *map(str, args)]
    code, out, err, peak = run_with_peak(argv, REPO, {**os.environ, "PYTHONPATH": str(REPO)})
    return CliRun(code, out, err), peak


@pytest.fixture
def run_measured():
    """Run the CLI as a real process; returns (:class:`CliRun`, peak memory in MB)."""
    return _run_measured
