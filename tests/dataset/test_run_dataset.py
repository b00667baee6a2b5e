"""Corpus mode end to end on real extraction: duplicates, corrections, labels, codebook, summary."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from extract.cli import main
from extract.export.columns import names
from extract.pipeline import extract_paper

BASE = ["--workers", "1", "--quiet"]


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def run_dir(tmp_path, monkeypatch) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    return out


def test_run_flags_the_abstract_and_case_report_and_counts_the_patient_once(papers_dir, run_dir):
    assert main([str(papers_dir), "--out", "pooled.csv", *BASE]) == 0
    (pair,) = _csv(run_dir / "pooled_duplicates.csv")
    assert (pair["kind"], pair["study_b"], pair["patient_b"]) == ("patient", "abstract-2024", "1")
    assert pair["study_a"] == "10.9999/jvcrls.2025.0144" and pair["merged"] == "1"
    assert "institution sierra foothills regional medical center" in pair["reasons"]
    rows = {(r["study_id"], r["patient_id"]): r for r in _csv(run_dir / "pooled.csv")}
    assert len(rows) == 4  # every row stays, flagged
    abstract = rows[("abstract-2024", "1")]
    assert (abstract["duplicate_of"], abstract["duplicate_of_patient"]) == (
        "10.9999/jvcrls.2025.0144",
        "1",
    )
    assert all(r["duplicate_of"] == "" for k, r in rows.items() if k[0] != "abstract-2024")
    summary = json.loads((run_dir / "pooled_summary.json").read_text(encoding="utf-8"))
    assert summary["patients"]["rows"] == 4 and summary["patients"]["counted"] == 3
    assert summary["patients"]["merged_duplicates"][0]["study_b"] == "abstract-2024"
    assert summary["major_amputation"]["known"] == 3  # the abstract's "none" is not counted twice

    assert main([str(papers_dir), "--out", "kept.csv", "--keep-duplicates", *BASE]) == 0
    kept = json.loads((run_dir / "kept_summary.json").read_text(encoding="utf-8"))
    assert kept["patients"]["counted"] == 4
    assert _csv(run_dir / "kept_duplicates.csv")[0]["merged"] == "0"


def test_run_labels_every_study_by_first_author_and_year(papers_dir, run_dir):
    assert main([str(papers_dir), "--out", "pooled.csv", *BASE]) == 0
    studies = {r["source_file"]: r for r in _csv(run_dir / "pooled_studies.csv")}
    assert {f: (r["first_author"], r["study_label"]) for f, r in studies.items()} == {
        "abstract-2024.txt": ("Oyelowo", "Oyelowo 2024"),
        "case-report-2025.txt": ("Oyelowo", "Oyelowo 2025"),
        "other-series-2024.txt": ("Ferreira", "Ferreira 2024"),
    }
    assert {r["study_label"] for r in _csv(run_dir / "pooled.csv")} == {
        "Oyelowo 2024",
        "Oyelowo 2025",
        "Ferreira 2024",
    }


def test_run_codebook_covers_every_column_and_validates(papers_dir, run_dir):
    frictionless = pytest.importorskip("frictionless")
    args = [str(papers_dir), "--out", "pooled.csv", "--evidence", "evidence.csv", *BASE]
    assert main(args) == 0
    package = json.loads((run_dir / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in package["resources"]}
    assert set(by_name) == {"pooled", "studies", "evidence", "duplicates"}
    for name, resource in by_name.items():
        header = (run_dir / resource["path"]).read_text(encoding="utf-8").splitlines()[0]
        assert [f["name"] for f in resource["schema"]["fields"]] == header.split(",") == names(name)
    report = frictionless.validate(str(run_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def _export_of(paper: Path) -> dict:
    """What a review page exports for ``paper`` when every value is accepted as extracted."""
    result = extract_paper(str(paper))
    data = result.model_dump(mode="json")
    data["_about"] = f"Review of {paper} (sha256 {result.source.sha256}) exported"
    return data


def test_run_applies_corrections_and_reports_those_that_do_not_fit(papers_dir, run_dir, capsys):
    corrections = run_dir.parent / "corrections"
    corrections.mkdir()
    series = _export_of(papers_dir / "other-series-2024.txt")
    series["patients"][0]["age_years"] = 72  # corrected
    series["patients"][0]["amputation"] = None  # not reported
    del series["patients"][1]  # "not a patient"
    (corrections / "other-series-2024.gold.json").write_text(json.dumps(series), encoding="utf-8")
    stale = _export_of(papers_dir / "case-report-2025.txt")
    stale["source"]["sha256"] = "f" * 64  # the paper changed since the review
    (corrections / "case-report-2025.gold.json").write_text(json.dumps(stale), encoding="utf-8")
    (corrections / "elsewhere.gold.json").write_text(json.dumps({"patients": []}), "utf-8")

    args = [str(papers_dir), "--out", "pooled.csv", "--evidence", "evidence.csv"]
    assert main([*args, "--corrections", str(corrections), *BASE]) == 0
    err = capsys.readouterr().err
    assert "corrections case-report-2025.gold.json not applied: no longer matches" in err
    assert "corrections elsewhere.gold.json not applied: matches no paper" in err

    rows = [r for r in _csv(run_dir / "pooled.csv") if r["source_file"] == "other-series-2024.txt"]
    assert [(r["patient_id"], r["age_years"], r["amputation"]) for r in rows] == [("1", "72", "")]
    study = next(
        r for r in _csv(run_dir / "pooled_studies.csv") if r["source_file"].startswith("other")
    )
    assert study["corrections_file"] == "other-series-2024.gold.json"
    assert (study["n_corrected"], study["n_not_reported"], study["n_patients_dropped"]) == (
        "1",
        "1",
        "1",
    )
    evidence = [r for r in _csv(run_dir / "evidence.csv") if r["study_id"] == study["study_id"]]
    origin = {(r["patient_id"], r["field"]): r for r in evidence if r["origin"] != "extracted"}
    assert origin[("1", "age_years")]["origin"] == "corrected"
    assert (origin[("1", "age_years")]["value"], origin[("1", "age_years")]["extracted_value"]) == (
        "72",
        "71",
    )
    assert origin[("1", "amputation")]["origin"] == "not_reported"
    assert all(
        r["origin"] == "extracted"
        for r in evidence
        if r["field"] != "amputation" and r["field"] != "age_years"
    )
    summary = json.loads((run_dir / "pooled_summary.json").read_text(encoding="utf-8"))
    assert [a["file"] for a in summary["corrections"]["applied"]] == ["other-series-2024.gold.json"]
    assert len(summary["corrections"]["not_applied"]) == 2
