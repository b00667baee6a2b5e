"""Schemas: vocabulary-checked fields, gold aliases, JSON Schema enums."""

import pytest
from pydantic import ValidationError

from schemas.models import ExtractionResult, GoldDocument, Patient


def test_models_normalise_written_forms():
    p = Patient(
        patient_id="1",
        amputation="TMA",
        rutherford_presentation="Ila",
        sex="F",
        donor_artery="fibular",
        risk_factors=["DM", "ex-smoker"],
    )
    assert (p.amputation, p.rutherford_presentation, p.sex, p.donor_artery) == (
        "transmetatarsal",
        "IIa",
        "female",
        "peroneal",
    )
    assert p.risk_factors == ["diabetes", "smoking"]


def test_models_unknown_vocabulary_value_names_the_field():
    with pytest.raises(ValidationError) as info:
        Patient(patient_id="1", target_vein="carotid")
    assert "target_vein" in str(info.value)


def test_models_gold_accepts_about_and_also_ok():
    gold = GoldDocument.model_validate(
        {
            "_about": "x",
            "study": {"n_patients": 1},
            "patients": [
                {
                    "patient_id": "1",
                    "rutherford_presentation": "5",
                    "also_ok": {"rutherford_presentation": ["6"]},
                }
            ],
        }
    )
    assert gold.about == "x" and gold.patients[0].also_ok == {"rutherford_presentation": ["6"]}


def test_models_json_schema_lists_vocabulary_enums():
    schema = ExtractionResult.model_json_schema()
    patient = schema["$defs"]["Patient"]["properties"]
    enum = patient["amputation"]["anyOf"][0]["enum"]
    assert "below_knee" in enum and "none" in enum
