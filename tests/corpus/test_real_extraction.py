"""Corpus mode with the real extractor: the pooled table is exactly the flattening of what
``extract_paper`` returns for each file, in-process and in worker processes alike."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

import pytest

from extract.cli import main
from extract.errors import ExtractError
from extract.export.flatten import normalize_doi, pooled_rows
from extract.export.writers import csv_bytes, read_table
from extract.pipeline import extract_paper
from extract.reading import read_document

QUIET = ["--quiet", "--evidence", "evidence.csv"]
HAVE_PDF_READER = importlib.util.find_spec("extract.reading.pdf") is not None


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _as_csv_rows(rows: list[dict]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(csv_bytes(rows, "pooled").decode("utf-8"))))


def _check_against_extract_paper(folder: Path, out: Path, copies: dict[str, str]) -> int:
    """Compare pooled and studies files with direct ``extract_paper`` calls; patients kept."""
    studies = {row["source_file"]: row for row in _csv(out.with_name(f"{out.stem}_studies.csv"))}
    pooled = _csv(out)
    seen: dict[str, str] = {}
    kept = 0
    for rel in sorted(studies):
        row = studies[rel]
        if rel in copies:
            assert (row["status"], row["duplicate_of"]) == ("duplicate", copies[rel])
            continue
        try:
            result = extract_paper(folder / rel)
        except ExtractError as exc:
            assert row["status"] == "failed" and row["reason"] and row["reason"] in str(exc)
            continue
        except Exception as exc:  # an extractor bug: reported, never fatal
            assert row["status"] == "failed"
            assert row["reason"].startswith(f"internal error: {type(exc).__name__}")
            continue
        doi = normalize_doi(result.study.doi)
        if doi in seen:
            assert (row["status"], row["duplicate_of"]) == ("duplicate", seen[doi])
            assert not [r for r in pooled if r["source_file"] == rel]
            continue
        if doi:
            seen[doi] = rel
        assert row["status"] == "ok"
        assert row["n_patients_extracted"] == str(len(result.patients))
        study_id = doi or Path(rel).stem
        expected = _as_csv_rows(pooled_rows(result, study_id, rel))
        assert [r for r in pooled if r["source_file"] == rel] == expected
        kept += len(expected)
    assert len(pooled) == kept
    return kept


def test_real_pooled_rows_are_the_flattened_results(corpus_dir, in_tmp):
    code = main([str(corpus_dir), "-r", "--out", "pooled.csv", "--workers", "1", *QUIET])
    assert code == 1  # the empty and the garbled file fail; the run finishes
    _check_against_extract_paper(
        corpus_dir, in_tmp / "pooled.csv", {"d-jones-copy.md": "b-jones-2024.md"}
    )
    studies = {r["source_file"]: r for r in _csv(in_tmp / "pooled_studies.csv")}
    assert (studies["e-empty.txt"]["status"], studies["e-empty.txt"]["reason"]) == (
        "failed",
        "file is empty",
    )
    assert studies["f-garbled.pdf"]["status"] == "failed"
    evidence = read_table(in_tmp / "evidence.csv", "evidence")
    texts = {}
    for item in evidence.itertuples():
        rel = next(r["source_file"] for r in studies.values() if r["study_id"] == item.study_id)
        texts.setdefault(rel, read_document(corpus_dir / rel).text)
        assert texts[rel][item.start : item.end] == item.quote


def test_real_worker_processes_give_the_same_tables(corpus_dir, in_tmp):
    main([str(corpus_dir), "-r", "--out", "one.csv", "--workers", "1", "--quiet"])
    main([str(corpus_dir), "-r", "--out", "two.csv", "--workers", "2", "--quiet"])
    assert (in_tmp / "one.csv").read_text() == (in_tmp / "two.csv").read_text()
    drop = lambda rows: [{k: v for k, v in r.items() if k != "seconds"} for r in rows]  # noqa: E731
    assert drop(_csv(in_tmp / "one_studies.csv")) == drop(_csv(in_tmp / "two_studies.csv"))


@pytest.mark.skipif(
    not HAVE_PDF_READER, reason="extract/reading/pdf.py (the PDF reader) is not written yet"
)
def test_real_pdf_paper_pooled_with_text_papers(corpus_dir, pdf_paper, in_tmp):
    pdf_paper(corpus_dir / "h-nguyen-2020.pdf")
    main([str(corpus_dir), "--out", "pooled.csv", "--workers", "1", *QUIET])
    _check_against_extract_paper(
        corpus_dir, in_tmp / "pooled.csv", {"d-jones-copy.md": "b-jones-2024.md"}
    )
    studies = {r["source_file"]: r for r in _csv(in_tmp / "pooled_studies.csv")}
    assert studies["h-nguyen-2020.pdf"]["status"] == "ok"
    evidence = read_table(in_tmp / "evidence.csv", "evidence")
    pages = evidence[evidence.study_id == studies["h-nguyen-2020.pdf"]["study_id"]]["page"]
    assert pages.notna().all() and set(pages) <= {1}
