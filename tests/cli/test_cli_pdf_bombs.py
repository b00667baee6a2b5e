"""`extract` on decompression bombs: one line, exit 2, memory bounded (builders: pdfbytes.py)."""

from __future__ import annotations

import time

import pytest
from pdfbytes import BYPASSES, escaped_name


@pytest.mark.parametrize("build", BYPASSES, ids=lambda f: f.__name__)
def test_cli_bomb_each_bypass_is_a_one_line_error_exit_2(build, run_cli, tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(build(512))
    assert path.stat().st_size < 2_000_000
    started = time.monotonic()
    line = run_cli(path, "--max-memory", 128).assert_one_line_error("bomb.pdf", "--max-memory 128")
    assert "decompression bomb" in line
    assert time.monotonic() - started < 60


def test_cli_bomb_1_5_gb_bomb_default_settings_memory_bounded(run_measured, tmp_path):
    """The reported case: 1.5 MB that inflates to 1.5 GB, the real command, default limits."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(escaped_name(1500))
    assert path.stat().st_size < 2_000_000
    done, peak_mb = run_measured(path)
    done.assert_one_line_error("bomb.pdf", "--max-memory 1024 MB", "decompression bomb")
    assert peak_mb < 1500  # the 1.5 GB never lands in memory (the cap is 1 GB above start)
