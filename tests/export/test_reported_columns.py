"""Columns the analysis needs: labels, relevance, time to event and the papers' outcome counts."""

from __future__ import annotations

from extract.export.columns import names
from extract.export.flatten import patient_cells, study_cells
from extract.export.summary import headline_outcome, outcome_text, reported_cells, study_row
from schemas.models import (
    ExtractionResult,
    Patient,
    Reported,
    ReportedOutcome,
    Source,
    Study,
)
from schemas.vocab import load


def _result(study: Study) -> ExtractionResult:
    return ExtractionResult(
        source=Source(path="a.txt", sha256="1" * 64, format="text"), study=study
    )


def test_columns_reported_outcomes_interleave_events_total_time_per_outcome():
    studies = names("studies")
    start = studies.index(f"reported_{load('outcomes').keys()[0]}_events")
    keys = load("outcomes").keys()
    expected = [f"reported_{k}_{part}" for k in keys for part in ("events", "total", "time_days")]
    assert studies[start : start + len(expected)] == expected
    assert studies[start + len(expected)] == "reported_outcomes"


def test_summary_headline_outcome_prefers_the_whole_follow_up_count_then_the_latest():
    overall = ReportedOutcome(outcome="death", events=6, total=23)
    early = ReportedOutcome(outcome="death", events=0, total=23, time_days=30)
    late = ReportedOutcome(outcome="death", events=4, total=23, time_days=365)
    assert headline_outcome([early, overall, late]) is overall
    assert headline_outcome([early, late]) is late
    assert headline_outcome([]) is None
    assert outcome_text(early) == "death 0/23 @30d" and outcome_text(overall) == "death 6/23"


def test_summary_reported_cells_one_column_triple_per_outcome_and_the_full_list():
    outcomes = [
        ReportedOutcome(outcome="major_amputation", events=5, total=20),
        ReportedOutcome(outcome="wound_healing", events=15, total=26, time_days=364.8),
    ]
    cells = reported_cells(_result(Study(reported=Reported(outcomes=outcomes))))
    assert (
        cells["reported_major_amputation_events"],
        cells["reported_major_amputation_total"],
    ) == (
        5,
        20,
    )
    assert cells["reported_major_amputation_time_days"] is None
    assert cells["reported_wound_healing_time_days"] == 364.8
    assert cells["reported_death_events"] is None and cells["reported_death_total"] is None
    assert cells["reported_outcomes"] == "major_amputation 5/20; wound_healing 15/26 @364.8d"
    assert reported_cells(_result(Study()))["reported_outcomes"] is None


def test_flatten_study_label_relevance_and_first_author_fallback():
    study = Study(authors=["Ann Smith", "Bo Li"], study_label="Smith 2023", relevance="dva")
    cells = study_cells(_result(study), "s1", "a.txt")
    assert (cells["first_author"], cells["study_label"], cells["relevance"]) == (
        "Smith",
        "Smith 2023",
        "dva",
    )
    named = Study(authors=["Ann Smith"], first_author="A. Smith")
    assert study_cells(_result(named), "s1", "a.txt")["first_author"] == "A. Smith"
    row = study_row(_result(study), "s1", "a.txt", "1" * 64, None)
    assert (row["first_author"], row["study_label"], row["relevance"]) == (
        "Smith",
        "Smith 2023",
        "dva",
    )


def test_flatten_days_to_major_amputation_and_death_pass_through():
    patient = Patient(patient_id="1", days_to_major_amputation=49.0, days_to_death=243.2)
    cells = patient_cells(patient)
    assert (cells["days_to_major_amputation"], cells["days_to_death"]) == (49.0, 243.2)
    assert patient_cells(Patient(patient_id="2"))["days_to_death"] is None
