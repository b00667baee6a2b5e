"""Decompression bombs that dodge a raw-bytes guard are stopped where the decoding happens.

Each bomb is built here: one page whose content stream inflates to hundreds of megabytes of
blanks, with its filter written in one of the four ways a pattern over the raw bytes misses.
The PDF reader runs in a child process capped at ``--max-memory``; the answer is one line and
exit code 2, and the memory of the process stays bounded.
"""

from __future__ import annotations

import zlib

import pytest
from pdfbytes import BLANKS, BOMB_TEXT, BYPASSES, bomb_pdf, escaped_name, flate_bomb

from extract.errors import LimitError
from extract.reading import read_document
from extract.reading.pdf_guard import check_pdf_streams


def test_pdf_guard_bomb_builder_inflates_to_what_it_says():
    assert len(zlib.decompress(flate_bomb(3))) == len(BOMB_TEXT) + 3 * len(BLANKS)
    assert len(flate_bomb(200)) < 300_000  # 200 MB of text in under 300 KB


@pytest.mark.parametrize("build", BYPASSES, ids=lambda f: f.__name__)
def test_pdf_guard_raw_bytes_fast_path_misses_each_form(build):
    # why the bound cannot be a pattern over the raw bytes: these pass the fast path
    assert check_pdf_streams(build(64), 1_000_000, "bomb.pdf") < 1_000_000


@pytest.mark.parametrize("build", BYPASSES, ids=lambda f: f.__name__)
def test_pdf_guard_each_bypass_stops_at_the_memory_cap(build, tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(build(512))
    with pytest.raises(LimitError, match="over --max-memory 128 MB"):
        read_document(path, max_memory=128 << 20)


@pytest.mark.parametrize("build", BYPASSES, ids=lambda f: f.__name__)
def test_pdf_guard_same_forms_small_are_read(build, tmp_path):
    # the same four ways of writing the filter, inflating to 1 MB: an ordinary paper
    path = tmp_path / "small.pdf"
    path.write_bytes(build(1))
    assert "deep vein arterialization" in read_document(path, max_memory=256 << 20).text


def test_pdf_guard_reading_in_the_child_gives_the_same_document(tmp_path):
    from extract.reading.pdf import read_pdf

    path = tmp_path / "paper.pdf"
    path.write_bytes(escaped_name(1))
    direct = read_pdf(path, path.read_bytes(), max_pages=10)
    guarded = read_document(path)
    assert (guarded.text, guarded.page_starts) == (direct.text, direct.page_starts)


def test_pdf_guard_plain_flate_fast_path_still_answers_at_once(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(bomb_pdf(flate_bomb(64), b"/Filter /FlateDecode"))
    with pytest.raises(LimitError, match="--max-bytes 8000000"):
        read_document(path, max_bytes=8_000_000)
