"""Flattening hand-built results into pooled and evidence rows (no extraction involved)."""

from __future__ import annotations

from extract.export.columns import names
from extract.export.flatten import (
    evidence_rows,
    normalize_doi,
    patient_cells,
    pooled_rows,
    stent_size,
    study_id_of,
    value_text,
)
from schemas.models import Evidence, ExtractionResult, Patient, Source, Stent, Study
from schemas.vocab import load

TEXT = (
    "A 70-year-old man with diabetes and hypertension underwent deep vein arterialization "
    "from the posterior tibial artery with two Viabahn stent grafts (5 x 150 mm and "
    "6 x 100 mm). A below-knee amputation was performed at 3 months."
)


def _ev(quote: str, section: str = "Case report", page: int | None = None) -> Evidence:
    start = TEXT.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote), section=section, page=page)


def _result(doi: str | None = "https://doi.org/10.1000/DVA.0001") -> ExtractionResult:
    patient = Patient(
        patient_id="1",
        age_years=70,
        sex="male",
        risk_factors=["hypertension", "diabetes"],
        indication="CLTI",
        rutherford_presentation="5",
        donor_artery="posterior_tibial",
        target_vein="posterior_tibial",
        stents=[
            Stent(
                device="Viabahn", manufacturer="Gore", covered=True, diameter_mm=5, length_mm=150
            ),
            Stent(device="Viabahn", covered=True, diameter_mm=6.0, length_mm=100.0),
        ],
        amputation="BKA",
        reintervention=False,
        follow_up_days=182.4,
        evidence={
            "age_years": [_ev("70-year-old", page=2)],
            "risk_factors": [_ev("diabetes"), _ev("hypertension")],
            "stents": [_ev("two Viabahn stent grafts")],
            "amputation": [_ev("below-knee amputation")],
        },
    )
    unknown = Patient(patient_id="2")
    study = Study(
        title="Deep vein arterialization for the desert foot",
        authors=["Okafor MT", "Whitcombe DR"],
        year=2025,
        doi=doi,
        design="case_series",
        indication="CLTI",
        n_patients=2,
        evidence={"doi": [_ev("deep vein arterialization", section="Title")]},
    )
    source = Source(path="papers/okafor.txt", sha256="0" * 64, format="text")
    return ExtractionResult(source=source, study=study, patients=[patient, unknown])


def test_flatten_doi_normalised_is_study_id():
    assert normalize_doi("https://doi.org/10.1000/DVA.0001.") == "10.1000/dva.0001"
    assert normalize_doi("doi: 10.9998/JLPCR.2025.0147") == "10.9998/jlpcr.2025.0147"
    assert normalize_doi("  ") is None
    assert study_id_of(_result(), "okafor") == "10.1000/dva.0001"
    assert study_id_of(_result(doi=None), "okafor") == "okafor"


def test_flatten_one_row_per_patient_in_documented_order():
    rows = pooled_rows(_result(), "10.1000/dva.0001", "okafor.txt")
    assert len(rows) == 2
    for row in rows:
        assert list(row) == names("pooled")
        assert row["study_id"] == "10.1000/dva.0001"
        assert row["title"] == "Deep vein arterialization for the desert foot"
        assert row["first_author"] == "Okafor"  # the surname, for labels
        assert row["study_label"] == "Okafor 2025"
        assert row["year"] == 2025 and row["n_patients"] == 2
        assert row["design"] == "case_series" and row["study_indication"] == "CLTI"
        assert row["source_file"] == "okafor.txt"
    assert [r["patient_id"] for r in rows] == ["1", "2"]


def test_flatten_risk_factors_as_indicator_columns_and_joined_in_vocab_order():
    cells = patient_cells(_result().patients[0])
    assert cells["rf_hypertension"] is True and cells["rf_diabetes"] is True
    others = [k for k in load("risk_factors").keys() if k not in ("hypertension", "diabetes")]
    assert all(cells[f"rf_{k}"] is False for k in others)
    assert cells["risk_factors"] == "hypertension;diabetes"


def test_flatten_unknown_lists_stay_empty_not_zero():
    cells = patient_cells(Patient(patient_id="2"))
    assert all(cells[f"rf_{k}"] is None for k in load("risk_factors").keys())
    assert cells["risk_factors"] is None
    assert cells["n_stents"] is None and cells["stent_sizes"] is None
    assert cells["n_prior_dva"] is None and cells["n_covered_stents"] is None
    assert cells["major_amputation"] is None


def test_flatten_no_stents_with_evidence_is_zero():
    patient = Patient(patient_id="1", evidence={"stents": [_ev("two Viabahn stent grafts")]})
    assert patient_cells(patient)["n_stents"] == 0


def test_flatten_stents_joined_with_aligned_unknown_parts():
    cells = patient_cells(_result().patients[0])
    assert cells["n_stents"] == 2
    assert cells["stent_devices"] == "Viabahn;Viabahn"
    assert cells["stent_manufacturers"] == "Gore;?"
    assert cells["stent_sizes"] == "5x150;6x100"
    assert cells["n_covered_stents"] == 2
    assert stent_size(Stent(diameter_mm=6.5)) == "6.5x?"
    assert stent_size(Stent(device="Covera")) == "?"


def test_flatten_covered_count_unknown_when_any_stent_unknown():
    patient = Patient(patient_id="1", stents=[Stent(covered=True), Stent(covered=None)])
    assert patient_cells(patient)["n_covered_stents"] is None


def test_flatten_major_amputation_derived_from_level_when_not_given():
    cells = patient_cells(_result().patients[0])
    assert cells["amputation"] == "below_knee"
    assert cells["major_amputation"] is True
    assert patient_cells(Patient(patient_id="x", amputation="TMA"))["major_amputation"] is False
    given = Patient(patient_id="y", amputation="none", major_amputation=False)
    assert patient_cells(given)["major_amputation"] is False


def test_flatten_evidence_long_rows_carry_value_quote_and_page():
    rows = evidence_rows(_result(), "10.1000/dva.0001")
    assert len(rows) == 6  # 1 study item + 5 patient items
    assert list(rows[0]) == names("evidence")
    study = rows[0]
    assert study["patient_id"] is None and study["field"] == "doi"
    assert study["value"] == "https://doi.org/10.1000/DVA.0001"
    age = next(r for r in rows if r["field"] == "age_years")
    assert (age["patient_id"], age["value"], age["page"]) == ("1", "70", 2)
    assert age["quote"] == "70-year-old"
    assert TEXT[age["start"] : age["end"]] == age["quote"]
    rfs = [r for r in rows if r["field"] == "risk_factors"]
    assert [r["quote"] for r in rfs] == ["diabetes", "hypertension"]
    assert {r["value"] for r in rfs} == {"hypertension;diabetes"}
    stents = next(r for r in rows if r["field"] == "stents")
    assert stents["value"] == "Viabahn 5x150;Viabahn 6x100"


def test_flatten_value_text_follows_dotted_and_indexed_paths():
    patient = _result().patients[0]
    assert value_text(patient, "stents.1.diameter_mm") == "6"
    assert value_text(patient, "stents[0].manufacturer") == "Gore"
    assert value_text(patient, "stents.5.device") is None
    assert value_text(patient, "reintervention") == "0"
    assert value_text(_result().study, "reported.mean_age_years") is None
    assert value_text(_result().study, "authors") == "Okafor MT;Whitcombe DR"
