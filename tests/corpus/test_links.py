"""Corpus mode and symbolic links: links leaving the folder are skipped and named; loops named."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from extract.cli import main

RUN = ["--workers", "1"]


@pytest.fixture
def texts(corpus_dir) -> tuple[str, str]:
    """Two papers the stand-in extractor knows (by 'smith' and 'jones' in the file name)."""
    return (
        (corpus_dir / "a-smith-2023.txt").read_text(encoding="utf-8"),
        (corpus_dir / "b-jones-2024.md").read_text(encoding="utf-8"),
    )


@pytest.fixture
def linked(tmp_path, texts) -> Path:
    """A corpus with one real paper, a link to a 'system file' outside, and one inside."""
    smith, jones = texts
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-smith.txt").write_text(smith, encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "passwd-jones.txt").write_text(jones + "\nroot:x:0:0:root:/root:/bin/bash\n")
    (folder / "link-jones.txt").symlink_to(outside / "passwd-jones.txt")
    (folder / "inside-smith.txt").symlink_to(folder / "a-smith.txt")
    return folder


def _studies(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["source_file"]: row for row in csv.DictReader(handle)}


def test_links_leaving_the_folder_are_skipped_and_named(linked, fake_extractor, in_tmp, capsys):
    assert main([str(linked), "--html-dir", "pages", *RUN]) == 0
    summary = capsys.readouterr().out
    assert "skipped" in summary and "link-jones.txt: symbolic link to a file outside" in summary
    assert "--follow-links" in summary
    assert "passwd-jones.txt" not in fake_extractor and "link-jones.txt" not in fake_extractor
    rows = _studies(in_tmp / "pooled_studies.csv")
    assert rows["link-jones.txt"]["status"] == "skipped"
    assert rows["inside-smith.txt"]["status"] == "duplicate"  # a link inside: same bytes
    pages = "".join(p.read_text(encoding="utf-8") for p in (in_tmp / "pages").iterdir())
    assert "root:x:0:0" not in pages and "root:x:0:0" not in (in_tmp / "pooled.csv").read_text()


def test_links_follow_links_reads_them(linked, fake_extractor, in_tmp):
    assert main([str(linked), "--follow-links", *RUN, "--quiet"]) == 0
    assert "passwd-jones.txt" in fake_extractor  # read through the link's resolved target
    assert _studies(in_tmp / "pooled_studies.csv")["link-jones.txt"]["status"] == "ok"


def test_links_folder_link_leaving_the_folder_is_skipped(tmp_path, texts, fake_extractor, in_tmp):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-smith.txt").write_text(texts[0], encoding="utf-8")
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "b-jones.txt").write_text(texts[1], encoding="utf-8")
    (folder / "shared").symlink_to(tmp_path / "etc")
    assert main([str(folder), "-r", *RUN, "--quiet"]) == 0
    rows = _studies(in_tmp / "pooled_studies.csv")
    assert rows["shared/"]["status"] == "skipped"
    assert "a folder outside" in rows["shared/"]["reason"]
    assert fake_extractor == ["a-smith.txt"]


def test_links_loop_and_broken_link_are_named_as_such(
    tmp_path, texts, fake_extractor, in_tmp, capsys
):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-smith.txt").write_text(texts[0], encoding="utf-8")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    assert main([str(folder), *RUN]) == 1
    summary = capsys.readouterr().out
    assert "loop1.txt: symbolic link loop" in summary
    assert "gone.txt: broken symbolic link" in summary
    assert "no such file" not in summary


def test_links_fifo_named_like_a_paper_is_skipped_not_waited_for(
    tmp_path, texts, fake_extractor, in_tmp
):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-smith.txt").write_text(texts[0], encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    assert main([str(folder), *RUN, "--quiet"]) == 0
    assert _studies(in_tmp / "pooled_studies.csv")["pipe.txt"]["status"] == "skipped"


def test_links_single_paper_loop_and_broken_link(tmp_path, capsys):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    assert main([str(tmp_path / "a.txt")]) == 2
    assert "symbolic link loop" in capsys.readouterr().err
    assert main([str(tmp_path / "gone.txt")]) == 2
    assert "broken symbolic link" in capsys.readouterr().err
