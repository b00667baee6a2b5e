"""Atomic output: old file or new file, never half of one; permissions as a plain write gives."""

from __future__ import annotations

import os
import stat

import pytest

from extract import atomic
from extract.atomic import atomic_write_text, check_output_path
from extract.errors import OutputError


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_atomic_new_file_gets_the_permissions_of_a_plain_write(tmp_path):
    target = tmp_path / "result.json"
    atomic_write_text(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert _mode(target) == 0o666 & ~_umask()  # not mkstemp's owner-only 0600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_atomic_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "result.json"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert _mode(target) == 0o640


def test_atomic_interrupted_write_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "result.json"
    target.write_text("old\n")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new\n" * 1000)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_atomic_unwritable_folder_is_an_output_error(tmp_path, monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", no_space)
    with pytest.raises(OutputError, match="cannot write .*No space left"):
        atomic_write_text(tmp_path / "result.json", "{}\n")


def test_atomic_check_output_path_accepts_a_bare_file_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_output_path("result.json").name == "result.json"
    atomic_write_text("result.json", "{}\n")
    assert (tmp_path / "result.json").read_text() == "{}\n"
