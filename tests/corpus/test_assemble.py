"""Assembling journal records into tables: study ids, DOI duplicates, unusable records."""

from __future__ import annotations

from pathlib import Path

from extract.corpus.assemble import assemble
from extract.corpus.discovery import Paper
from schemas.models import ExtractionResult, Patient, Source, Study


def _record(sha: str, doi: str | None, n: int) -> dict:
    result = ExtractionResult(
        source=Source(path=f"{sha}.txt", sha256=sha * 64, format="text"),
        study=Study(doi=doi, n_patients=n),
        patients=[Patient(patient_id=str(i + 1), amputation="none") for i in range(n)],
    )
    return {"sha256": sha * 64, "status": "ok", "result": result.model_dump(mode="json")}


def _paper(rel: str, sha: str) -> Paper:
    return Paper(path=Path("/corpus") / rel, rel=rel, sha256=sha * 64)


def test_assemble_same_stem_in_two_folders_gets_distinct_study_ids():
    papers = [_paper("a/case-report.txt", "1"), _paper("b/case-report.txt", "2")]
    records = {"1" * 64: _record("1", None, 1), "2" * 64: _record("2", None, 2)}
    pooled = assemble(papers, records)
    assert [s["study_id"] for s in pooled.studies] == ["case-report", "b/case-report"]
    assert [r["study_id"] for r in pooled.rows] == ["case-report", "b/case-report", "b/case-report"]


def test_assemble_doi_duplicate_counts_once_in_rows_and_figures():
    papers = [_paper("z-journal.txt", "2"), _paper("a-preprint.txt", "1")]
    records = {
        "1" * 64: _record("1", "10.1000/ABC", 2),
        "2" * 64: _record("2", "https://doi.org/10.1000/abc", 2),
    }
    pooled = assemble(papers, records)
    assert len(pooled.rows) == 2 and pooled.figures.patients == 2
    assert pooled.duplicates == [("z-journal.txt", "a-preprint.txt", "same DOI")]
    assert {r["source_file"] for r in pooled.rows} == {"a-preprint.txt"}


def test_assemble_unusable_or_missing_record_is_a_reported_failure():
    papers = [_paper("bad.txt", "1"), _paper("never.txt", "2")]
    records = {"1" * 64: {"sha256": "1" * 64, "status": "ok", "result": {"patients": "x"}}}
    pooled = assemble(papers, records)
    assert [s["status"] for s in pooled.studies] == ["failed", "failed"]
    assert "journal record invalid" in pooled.failed[0][1]
    assert pooled.failed[1] == ("never.txt", "not processed (run interrupted)")
    assert pooled.rows == []
