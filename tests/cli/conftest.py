"""Run the CLI in-process and check the shape of its errors."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

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
