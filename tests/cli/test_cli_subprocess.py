"""`extract` as a real process: exit code 2 and one stderr line, no traceback, on bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("EXTRACT_DEBUG", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def _assert_one_line_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("extract: error: "), lines
    for word in words:
        assert word.lower() in lines[0].lower()


def test_cli_process_missing_path_exits_2_without_traceback(tmp_path):
    proc = _run([sys.executable, "-m", "extract.cli", "absent.txt"], cwd=tmp_path)
    _assert_one_line_error(proc, "absent.txt", "no such file")


def test_cli_process_binary_input_leaves_existing_out_untouched(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"\x00\x89PNG" * 64)
    out = tmp_path / "result.json"
    out.write_text("{}\n")
    proc = _run(
        [sys.executable, "-m", "extract.cli", "scan.txt", "--out", "result.json"], cwd=tmp_path
    )
    _assert_one_line_error(proc, "binary")
    assert out.read_text() == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json", "scan.txt"]


def test_cli_process_out_in_missing_folder_exits_2(tmp_path):
    (tmp_path / "case.txt").write_text("A 64-year-old woman underwent DVA.\n")
    proc = _run(
        [sys.executable, "-m", "extract.cli", "case.txt", "--out", "missing/result.json"],
        cwd=tmp_path,
    )
    _assert_one_line_error(proc, "does not exist")


@pytest.mark.skipif(shutil.which("extract") is None, reason="console script not installed")
def test_cli_console_script_empty_file_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"\n\n")
    proc = _run([shutil.which("extract"), "empty.txt"], cwd=tmp_path)
    _assert_one_line_error(proc, "empty")
