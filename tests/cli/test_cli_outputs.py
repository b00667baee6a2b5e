"""Outputs never destroy inputs or special files, and are checked before any work.

Where the order matters the input is itself bad (an empty file): an answer about the output
proves the output was checked first.
"""

from __future__ import annotations

import ctypes
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CASE = (
    "# Deep vein arterialization for a nonhealing heel ulcer\n\n## Case report\n\n"
    "A 64-year-old woman with diabetes underwent deep vein arterialization from the posterior "
    "tibial artery into the posterior tibial vein. She was alive at 12 months.\n"
)


@pytest.fixture
def paper(tmp_path) -> Path:
    path = tmp_path / "paper.txt"
    path.write_text(CASE, encoding="utf-8")
    return path


@pytest.fixture
def empty(tmp_path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_text("")
    return path


@pytest.mark.parametrize("option", ["--out", "--html"])
def test_cli_output_naming_the_input_is_refused_and_the_paper_kept(run_cli, paper, option):
    run_cli(paper, option, paper).assert_one_line_error("names the input paper", "overwritten")
    assert paper.read_text(encoding="utf-8") == CASE


def test_cli_output_naming_the_input_through_a_link_is_refused(run_cli, paper, tmp_path):
    (tmp_path / "soft.json").symlink_to(paper)
    os.link(paper, tmp_path / "hard.json")
    run_cli(paper, "--out", tmp_path / "soft.json").assert_one_line_error("names the input")
    run_cli(paper, "--out", tmp_path / "hard.json").assert_one_line_error("names the input")
    assert paper.read_text(encoding="utf-8") == CASE


def test_cli_out_and_html_naming_one_file_are_refused_before_work(run_cli, empty, tmp_path):
    target = tmp_path / "result"
    line = run_cli(empty, "--out", target, "--html", target).assert_one_line_error()
    assert "--out and --html name the same file" in line
    assert not target.exists()


def test_cli_out_naming_the_gold_file_is_refused(run_cli, paper, tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text('{"patients": []}\n')
    done = run_cli(paper, "--html", tmp_path / "r.html", "--gold", gold, "--out", gold)
    done.assert_one_line_error("--out names the gold file")
    assert gold.read_text() == '{"patients": []}\n'


def test_cli_out_dev_full_is_refused_and_stays_a_device(run_cli, empty):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    line = run_cli(empty, "--out", "/dev/full").assert_one_line_error("not a regular file")
    assert "'-' for standard output" in line
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_cli_out_fifo_is_refused_without_blocking_and_stays_a_fifo(run_cli, empty, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    run_cli(empty, "--out", fifo).assert_one_line_error("not a regular file")
    run_cli(empty, "--html", fifo).assert_one_line_error("not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_cli_out_dash_is_standard_output(run_cli, paper):
    done = run_cli(paper, "--out", "-")
    assert done.code == 0 and '"schema_version"' in done.out


def test_cli_html_dash_writes_the_page_to_standard_output(run_cli, paper, tmp_path):
    done = run_cli(paper, "--html", "-", "--out", tmp_path / "r.json")
    assert done.code == 0 and done.out.startswith("<!DOCTYPE html>")
    assert (tmp_path / "r.json").exists()
    run_cli(paper, "--html", "-", "--out", "-").assert_one_line_error("standard output")


def test_cli_out_symlink_to_a_file_writes_through_the_link(run_cli, paper, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old\n")
    (tmp_path / "link.json").symlink_to(real)
    assert run_cli(paper, "--out", tmp_path / "link.json").code == 0
    assert (tmp_path / "link.json").is_symlink() and '"patients"' in real.read_text()


def test_cli_out_name_near_the_255_byte_limit_is_written(run_cli, paper, tmp_path):
    target = tmp_path / ("r" * 250 + ".json")
    assert run_cli(paper, "--out", target).code == 0 and target.exists()


def _without_root_powers() -> None:
    """In the child: give up root's right to ignore file permissions (CAP_DAC_*)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_cli_read_only_output_folder_is_found_before_the_work(empty, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = subprocess.run(
            [sys.executable, "cli.py", str(empty), "--out", str(folder / "r.json")],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            preexec_fn=_without_root_powers,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except OSError as exc:
        pytest.skip(f"cannot run without root's file powers here: {exc}")
    finally:
        folder.chmod(0o755)
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "cannot write in folder" in lines[0] and "empty" not in lines[0].split(":")[-1]
