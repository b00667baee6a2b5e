"""Finding papers, byte-identical copies, and the resume journal."""

from __future__ import annotations

import json

import pytest

from extract.corpus.discovery import find_papers, hash_and_dedupe
from extract.corpus.journal import Journal, is_done, journal_path
from extract.errors import InputError


def test_discovery_top_level_only_unless_recursive(corpus_dir):
    top = [p.rel for p in find_papers(corpus_dir)]
    assert top == [
        "a-smith-2023.txt",
        "b-jones-2024.md",
        "c-smith-preprint.txt",
        "d-jones-copy.md",
        "e-empty.txt",
        "f-garbled.pdf",
    ]
    deep = [p.rel for p in find_papers(corpus_dir, recursive=True)]
    assert deep == [*top, "sub/g-park-2021.txt"]


def test_discovery_skips_hidden_other_formats_and_outputs(corpus_dir):
    (corpus_dir / ".cache").mkdir()
    (corpus_dir / ".cache" / "x.txt").write_text("DVA", encoding="utf-8")
    (corpus_dir / "UPPER.PDF").write_bytes(b"%PDF-1.4")
    rels = [p.rel for p in find_papers(corpus_dir, recursive=True)]
    assert ".hidden.txt" not in rels and "notes.docx" not in rels
    assert ".cache/x.txt" not in rels and "UPPER.PDF" in rels
    excluded = find_papers(corpus_dir, exclude={corpus_dir / "a-smith-2023.txt"})
    assert "a-smith-2023.txt" not in [p.rel for p in excluded]


def test_discovery_a_folders_readme_is_not_a_paper(corpus_dir):
    (corpus_dir / "sub" / "README.md").write_text("# Papers of this folder\n", encoding="utf-8")
    rels = [p.rel for p in find_papers(corpus_dir, recursive=True)]
    assert "sub/README.md" not in rels and "sub/g-park-2021.txt" in rels


def test_discovery_not_a_folder_is_input_error(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        find_papers(tmp_path / "nowhere")


def test_discovery_same_bytes_processed_once(corpus_dir):
    papers = find_papers(corpus_dir)
    todo = hash_and_dedupe(papers, max_bytes=10**6)
    assert "d-jones-copy.md" not in [p.rel for p in todo]
    copy = next(p for p in papers if p.rel == "d-jones-copy.md")
    assert copy.duplicate_of == "b-jones-2024.md"
    assert copy.sha256 == next(p.sha256 for p in papers if p.rel == "b-jones-2024.md")
    assert len({p.sha256 for p in todo}) == len(todo)


def test_discovery_over_limit_file_fails_without_reading(corpus_dir):
    papers = find_papers(corpus_dir)
    todo = hash_and_dedupe(papers, max_bytes=200)
    big = next(p for p in papers if p.rel == "a-smith-2023.txt")
    assert big.error and "over --max-bytes 200" in big.error and big not in todo


def test_journal_path_beside_output(tmp_path):
    assert journal_path(tmp_path / "pooled.csv") == tmp_path / "pooled.partial.jsonl"


def test_journal_appends_durably_and_reloads_last_record(tmp_path):
    journal = Journal(tmp_path / "j.partial.jsonl")
    journal.open(fresh=True)
    journal.append({"sha256": "aa", "status": "failed", "kind": "internal", "model": None})
    journal.append({"sha256": "aa", "status": "ok", "result": {}, "model": None})
    journal.append({"sha256": "bb", "status": "failed", "kind": "input", "model": None})
    journal.close()
    records = Journal(journal.path).load()
    assert records["aa"]["status"] == "ok" and records["bb"]["kind"] == "input"


def test_journal_torn_last_line_is_skipped_and_ended_before_appending(tmp_path):
    path = tmp_path / "j.partial.jsonl"
    path.write_text(json.dumps({"sha256": "aa", "status": "ok"}) + "\n" + '{"sha256": "b')
    journal = Journal(path)
    assert list(journal.load()) == ["aa"] and journal.torn_lines == 1
    journal.open(fresh=False)
    journal.append({"sha256": "cc", "status": "ok"})
    journal.close()
    again = Journal(path)
    assert list(again.load()) == ["aa", "cc"] and again.torn_lines == 1


def test_journal_done_means_same_model_and_not_an_internal_error():
    ok = {"status": "ok", "model": None}
    assert is_done(ok, None) and not is_done(ok, "en_core_sci_sm")
    assert is_done({"status": "failed", "kind": "input", "model": None}, None)
    assert not is_done({"status": "failed", "kind": "internal", "model": None}, None)
