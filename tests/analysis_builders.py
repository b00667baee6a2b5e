"""Hand-built extraction results written as the pooled and studies tables corpus mode writes
(shared by tests/analysis and tests/evaluation)."""

from __future__ import annotations

from pathlib import Path

from extract.export.flatten import pooled_rows
from extract.export.summary import other_row, study_row
from extract.export.writers import write_table
from schemas.models import ExtractionResult, Patient, Reported, ReportedOutcome, Source, Study


def result(study: Study, patients: list[Patient] | None = None) -> ExtractionResult:
    """An extraction result for a made-up file."""
    source = Source(path="paper.txt", sha256="0" * 64, format="text")
    return ExtractionResult(source=source, study=study, patients=patients or [])


def write_tables(folder: Path, papers: list[tuple[str, ExtractionResult]], others=()) -> Path:
    """pooled.csv + pooled_studies.csv for ``papers`` (study_id, result); ``others`` are
    extra studies-table rows (failed or duplicate files). Returns the pooled table's path."""
    rows, studies = [], []
    for study_id, res in papers:
        source_file = f"{study_id}.txt"
        rows += pooled_rows(res, study_id, source_file)
        studies.append(study_row(res, study_id, source_file, "0" * 64, 0.1))
    studies += list(others)
    pooled = folder / "pooled.csv"
    write_table(rows, "pooled", pooled)
    write_table(studies, "studies", folder / "pooled_studies.csv")
    return pooled


def series(**overrides) -> ExtractionResult:
    """A CLTI case series of four patients by "Anna K. Moreau" (2023): one BKA then death, one
    toe amputation, one healed, one whose outcome the paper does not give."""
    study = Study(
        title="Percutaneous deep vein arterialization in four patients",
        authors=["Anna K. Moreau", "Li Wen"],
        year=2023,
        design="case_series",
        relevance="dva",
        indication="CLTI",
        n_patients=4,
    )
    patients = [
        Patient(
            patient_id="1",
            indication="CLTI",
            amputation="below_knee",
            major_amputation=True,
            reintervention=True,
            death=True,
            follow_up_days=150.0,
            days_to_major_amputation=40.0,
            days_to_death=150.0,
        ),
        Patient(
            patient_id="2",
            indication="CLTI",
            amputation="toe",
            reintervention=False,
            death=False,
            follow_up_days=365.0,
        ),
        Patient(
            patient_id="3",
            indication="CLTI",
            amputation="none",
            death=False,
            follow_up_days=240.0,
        ),
        Patient(patient_id="4", indication="CLTI"),
    ]
    return result(study.model_copy(update=overrides), patients)


def cohort(outcomes: list[ReportedOutcome], **overrides) -> ExtractionResult:
    """An aggregate CLTI cohort of 20 patients reporting ``outcomes``, no individual patients."""
    study = Study(
        title="Outcomes of deep vein arterialization: a retrospective cohort",
        first_author="Tomasz Nowak",
        year=2024,
        design="cohort",
        relevance="dva_no_patients",
        indication="CLTI",
        n_patients=20,
        reported=Reported(outcomes=outcomes),
    )
    return result(study.model_copy(update=overrides))


def ali_case(**overrides) -> ExtractionResult:
    """An ALI case report: above-knee amputation at day 9, alive at 6 months."""
    study = Study(authors=["Sofia Lind"], year=2025, design="case_report", indication="ALI")
    patient = Patient(
        patient_id="1",
        indication="ALI",
        amputation="above_knee",
        reintervention=False,
        death=False,
        follow_up_days=182.4,
        days_to_major_amputation=9.0,
    )
    return result(study.model_copy(update=overrides), [patient])


def failed_row(name: str, reason: str) -> dict:
    """A studies-table row for a file that could not be read."""
    return other_row(name, None, "failed", reason)
