"""Review pages in corpus mode: one page per paper, unique and bounded names, failures listed."""

from __future__ import annotations

import os

import pytest

from extract.cli import main
from extract.corpus.pages import MAX_NAME_BYTES, page_names

RUN = ["--workers", "1"]


@pytest.fixture
def jones(corpus_dir) -> str:
    """A paper the stand-in extractor knows ('jones' in the file name), without a DOI."""
    return (corpus_dir / "b-jones-2024.md").read_text(encoding="utf-8")


def test_pages_names_are_unique_for_paths_that_collapse_to_one_name():
    rels = ["sub/x-smith.txt", "sub__x-smith.txt", "x-smith.txt", "x-smith.pdf", "X-Smith.txt"]
    names = page_names(rels)
    assert len({n.casefold() for n in names.values()}) == len(rels)
    assert names["sub/x-smith.txt"] == "sub__x-smith.html"  # the plain name when it is free


def test_pages_names_are_bounded_and_stable():
    long_name = "a" * 245 + ".txt"
    deep = "/".join(["folder"] * 40) + "/paper.txt"  # a path of over 255 bytes
    names = page_names([long_name, deep, "new\nline.txt"])
    assert all(len(n.encode()) <= MAX_NAME_BYTES and n.endswith(".html") for n in names.values())
    assert "\n" not in names["new\nline.txt"]
    assert page_names([long_name]) == {long_name: names[long_name]}


def test_pages_colliding_papers_both_get_their_page(tmp_path, jones, fake_extractor, in_tmp):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "x-jones.txt").write_text(jones, encoding="utf-8")
    (folder / "sub__x-jones.txt").write_text(jones + "\nA second copy.\n", encoding="utf-8")
    assert main([str(folder), "-r", "--html-dir", "pages", *RUN, "--quiet"]) == 0
    assert len(list((in_tmp / "pages").iterdir())) == 2


def test_pages_245_character_and_deep_names_are_written(tmp_path, jones, fake_extractor, in_tmp):
    folder = tmp_path / "corpus"
    deep = folder.joinpath(*["section"] * 30)
    deep.mkdir(parents=True)
    (folder / ("s" * 236 + "-jones.txt")).write_text(jones, encoding="utf-8")
    (deep / "deep-jones.txt").write_text(jones + "\nDeep.\n", encoding="utf-8")
    assert main([str(folder), "-r", "--html-dir", "pages", *RUN, "--quiet"]) == 0
    assert len(list((in_tmp / "pages").iterdir())) == 2


def test_pages_a_failed_page_is_listed_and_the_others_written(
    tmp_path, jones, fake_extractor, in_tmp, monkeypatch, capsys
):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-jones.txt").write_text(jones, encoding="utf-8")
    (folder / "b-jones.txt").write_text(jones + "\nAnother.\n", encoding="utf-8")
    import extract.review as review

    real = review.write_review_dir

    def fail_for_b(result, folder, name=None, **kwargs):
        if name and name.startswith("b-"):
            raise OSError(28, "No space left on device")
        return real(result, folder, name=name, **kwargs)

    monkeypatch.setattr(review, "write_review_dir", fail_for_b)
    assert main([str(folder), "--html-dir", "pages", *RUN]) == 1
    summary = capsys.readouterr().out
    assert "1 pages; 1 failed" in summary
    assert "b-jones.txt: OSError: [Errno 28] No space left on device" in summary
    assert os.listdir(in_tmp / "pages") == ["a-jones.html"]


@pytest.mark.parametrize(
    ("option", "message"),
    [(["--html", "page.html"], "use --html-dir"), (["--gold", "g.json"], "give a paper")],
)
def test_pages_single_paper_options_in_corpus_mode_are_errors(
    corpus_dir, fake_extractor, in_tmp, capsys, option, message
):
    assert main([str(corpus_dir), *option, *RUN]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and message in err and fake_extractor == []
