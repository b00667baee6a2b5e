"""Corrections files (review-page exports) matched to papers and applied to results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.dataset.corrections import (
    CORRECTED,
    NOT_REPORTED,
    CorrectionFile,
    apply,
    load_folder,
    match,
    origin_rows,
    plan,
)
from extract.errors import InputError
from schemas.models import Evidence, ExtractionResult, GoldDocument, Patient, Source, Study

TEXT = (
    "Case 1. A 68-year-old man underwent DVA from the peroneal artery. "
    "Case 2. A 74-year-old woman had a transmetatarsal amputation."
)
SHA = "a" * 64


def _ev(quote: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def _result() -> ExtractionResult:
    return ExtractionResult(
        source=Source(path="/papers/okoro-2024.txt", sha256=SHA, format="text"),
        study=Study(authors=["Chidi Okoro", "Lena Brandt"], year=2024, design="case_series"),
        patients=[
            Patient(
                patient_id="1",
                age_years=68,
                sex="male",
                donor_artery="peroneal",
                evidence={"age_years": [_ev("68-year-old man")], "sex": [_ev("68-year-old man")]},
            ),
            Patient(
                patient_id="2",
                age_years=74,
                amputation="transmetatarsal",
                evidence={"amputation": [_ev("transmetatarsal amputation")]},
            ),
        ],
    )


def _export(result: ExtractionResult, **changes) -> dict:
    """A review-page export: the result as gold, with the reviewer's changes."""
    data = result.model_dump(mode="json")
    data["_about"] = f"Review of {result.source.path} (sha256 {result.source.sha256}) exported"
    for path, value in changes.items():
        owner, key = data, path.split("__")
        for part in key[:-1]:
            owner = owner["patients"][int(part[1:])] if part.startswith("p") else owner[part]
        owner[key[-1]] = value
    return data


def _file(tmp_path: Path, data: dict, name: str = "okoro-2024.gold.json") -> CorrectionFile:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return CorrectionFile(path, GoldDocument.model_validate(data))


def test_corrections_replace_values_and_record_their_origin(tmp_path):
    result = _result()
    data = _export(result, p0__age_years=69, p1__amputation=None, study__year=2025)
    applied = apply(result, _file(tmp_path, data))
    one, two = applied.result.patients
    assert one.age_years == 69 and "age_years" not in one.evidence  # old evidence dropped
    assert one.sex == "male" and one.evidence["sex"][0].quote == "68-year-old man"
    assert two.amputation is None and "amputation" not in two.evidence
    assert applied.origins == {
        ("1", "age_years"): CORRECTED,
        ("2", "amputation"): NOT_REPORTED,
        (None, "year"): CORRECTED,
    }
    assert (applied.n_corrected, applied.n_not_reported) == (2, 1)
    rows = {(r["patient_id"], r["field"]): r for r in origin_rows(applied, "okoro-2024")}
    assert rows[("1", "age_years")]["value"] == "69"
    assert rows[("1", "age_years")]["extracted_value"] == "68"
    assert rows[("2", "amputation")]["value"] is None
    assert rows[("2", "amputation")]["extracted_value"] == "transmetatarsal"


def test_corrections_patient_left_out_is_dropped_and_one_added_is_kept(tmp_path):
    result = _result()
    data = _export(result)
    data["patients"] = [data["patients"][1], {"patient_id": "3", "age_years": 59, "sex": "female"}]
    applied = apply(result, _file(tmp_path, data))
    assert [p.patient_id for p in applied.result.patients] == ["2", "3"]
    assert applied.dropped == ["1"] and applied.added == ["3"]
    assert applied.origins[("3", "age_years")] == CORRECTED


def test_corrections_of_authors_renew_the_study_label(tmp_path):
    result = _result()
    result.study.first_author, result.study.study_label = "Okoro", "Okoro 2024"
    data = _export(result, study__authors=["Ngozi Adeyemi", "Chidi Okoro"])
    study = apply(result, _file(tmp_path, data)).result.study
    assert study.authors[0] == "Ngozi Adeyemi"
    assert (study.first_author, study.study_label) == (None, None)  # recomputed on export


def test_corrections_hand_written_gold_sets_only_the_fields_it_names(tmp_path):
    result = _result()
    data = {"patients": [{"patient_id": "1", "age_years": 68}, {"patient_id": "2"}]}
    applied = apply(result, _file(tmp_path, data))
    assert applied.origins == {}  # sex, donor and amputation untouched: the file does not say
    assert applied.result.patients[1].amputation == "transmetatarsal"


def test_corrections_match_by_sha256_then_by_name_and_report_the_rest(tmp_path):
    result = _result()
    by_sha = _file(tmp_path, _export(result), "renamed-by-reviewer.gold.json")
    stale = _export(result)
    stale["source"]["sha256"] = "b" * 64
    stale["_about"] = "Review of an older version"
    stale_file = _file(tmp_path, stale, "second-paper.gold.json")
    orphan = _file(tmp_path, _export(result, source=None, _about=None), "unknown-paper.json")
    papers = [("sub/okoro-2024.txt", SHA), ("second-paper.pdf", "c" * 64)]
    chosen, problems = match([by_sha, stale_file, orphan], papers)
    assert chosen == {SHA: by_sha}
    assert dict(problems) == {
        "second-paper.gold.json": "no longer matches the text of second-paper.pdf "
        "(SHA-256 differs)",
        "unknown-paper.json": "matches no paper (by SHA-256 or file name)",
    }


def test_corrections_without_sha256_are_checked_against_the_papers_quotes(tmp_path):
    result = _result()
    paper = tmp_path / "okoro-2024.txt"
    paper.write_text(TEXT, encoding="utf-8")
    result.source.path = str(paper)
    data = _export(result, source=None, _about=None, p0__age_years=70)
    folder = tmp_path / "corrections"
    folder.mkdir()
    (folder / "okoro-2024.gold.json").write_text(json.dumps(data), encoding="utf-8")
    sha = "d" * 64
    ok = plan(folder, [("okoro-2024.txt", sha)])
    applied = ok.apply_to("okoro-2024.txt", sha, result)
    assert applied is not None and applied.matched_by == "file name, quotes checked"
    assert applied.result.patients[0].age_years == 70

    paper.write_text("Revised. " + TEXT, encoding="utf-8")  # every offset moves by 9
    moved = plan(folder, [("okoro-2024.txt", sha)])
    assert moved.apply_to("okoro-2024.txt", sha, result) is None
    assert moved.problems == [
        (
            "okoro-2024.gold.json",
            "no longer matches the paper's text (3 of 3 quotes moved) (okoro-2024.txt)",
        )
    ]


def test_corrections_folder_reports_files_that_are_not_gold(tmp_path):
    (tmp_path / "notes.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "bad.gold.json").write_text('{"patients": [{"age_years": 5}]}', encoding="utf-8")
    files, problems = load_folder(tmp_path)
    assert files == []
    reasons = dict(problems)
    assert reasons["notes.json"].startswith("not valid JSON")
    assert reasons["bad.gold.json"].startswith("not in the gold format (patients.0.patient_id")
    with pytest.raises(InputError, match="not a folder"):
        load_folder(tmp_path / "missing")
