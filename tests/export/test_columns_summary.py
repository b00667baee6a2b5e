"""Column documentation (columns.toml), the per-study summary and the Wilson interval."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.export.columns import DTYPES, columns, markdown, names
from extract.export.summary import PooledFigures, study_row, wilson_ci
from schemas.models import ExtractionResult, Patient, Reported, Source, Study
from schemas.vocab import load


def test_columns_study_columns_first_then_patient_columns():
    levels = [c.level for c in columns("pooled")]
    first_patient = levels.index("patient")
    assert set(levels[:first_patient]) == {"study"}
    assert set(levels[first_patient:]) == {"patient"}
    assert names("pooled")[:2] == ["study_id", "doi"]


def test_columns_rf_columns_follow_the_risk_factor_vocabulary():
    rf = [n for n in names("pooled") if n.startswith("rf_")]
    assert rf == [f"rf_{k}" for k in load("risk_factors").keys()]
    assert all(c.dtype == "boolean" for c in columns("pooled") if c.name.startswith("rf_"))


def test_columns_every_column_documented_with_known_dtype():
    for table in ("pooled", "studies", "evidence"):
        for column in columns(table):
            assert column.dtype in DTYPES
            assert column.description and "{key}" not in column.description
        doc = markdown(table)
        for column in columns(table):
            if column.key is None:
                assert f"`{column.name}`" in doc
            else:  # an expanded column is documented once, as its <key> pattern
                assert f"`{column.name.replace(column.key, '<key>')}`" in doc
    assert "`rf_<key>`" in markdown("pooled")


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [(0, 10, 0.0, 0.2775), (5, 10, 0.2366, 0.7634), (10, 10, 0.7225, 1.0), (3, 12, 0.0889, 0.5323)],
)
def test_summary_wilson_ci_matches_published_values(k, n, low, high):
    lo, hi = wilson_ci(k, n)
    assert lo == pytest.approx(low, abs=1e-4) and hi == pytest.approx(high, abs=1e-4)


def test_summary_wilson_ci_empty_and_invalid():
    assert wilson_ci(0, 0) is None
    with pytest.raises(ValueError):
        wilson_ci(4, 3)


def _result(patients, n=3, reported=None) -> ExtractionResult:
    return ExtractionResult(
        source=Source(path="a.txt", sha256="1" * 64, format="text"),
        study=Study(n_patients=n, reported=reported or Reported()),
        patients=patients,
        warnings=["table and text disagree on Rutherford class"],
    )


def test_summary_study_row_compares_extracted_with_reported():
    patients = [
        Patient(patient_id="1", age_years=70, sex="male"),
        Patient(patient_id="2", age_years=65, sex="female"),
    ]
    reported = Reported(mean_age_years=68.0, n_female=1, n_male=2)
    row = study_row(_result(patients, 3, reported), "s1", "a.txt", "1" * 64, 1.234)
    assert row["n_patients_reported"] == 3 and row["n_patients_extracted"] == 2
    assert row["n_patients_match"] is False
    assert row["mean_age_reported"] == 68.0 and row["mean_age_recomputed"] == 67.5
    assert (row["n_female_extracted"], row["n_male_extracted"]) == (1, 1)
    assert row["n_warnings"] == 1 and "Rutherford" in row["warnings"]
    assert row["seconds"] == 1.23
    assert row["status"] == "ok"
    assert study_row(_result(patients, None), "s1", "a.txt", "", None)["n_patients_match"] is None


def test_summary_figures_count_major_salvage_and_amputation_free():
    figures = PooledFigures()
    for patient in [
        Patient(patient_id="1", amputation="below_knee"),
        Patient(patient_id="2", amputation="toe", death=True),
        Patient(patient_id="3", amputation="none", death=False),
        Patient(patient_id="4"),
    ]:
        figures.add(patient)
    assert figures.patients == 4 and figures.amputation_known == 3
    assert figures.major == 1 and figures.limb_salvage == 2 and figures.amputation_free == 1
    assert figures.major_rate == pytest.approx(1 / 3)
    assert figures.major_ci == wilson_ci(1, 3)
    assert (figures.deaths, figures.death_known) == (1, 2)


def test_columns_readme_tables_are_current():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Pooled dataset (corpus mode)", 1)[1]
    for table in ("pooled", "studies", "evidence"):
        assert markdown(table) in section, f"regenerate with: python -m extract.export {table}"
    assert f"of the {len(names('pooled'))} columns" in section
