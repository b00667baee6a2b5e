"""The whole pipeline on every corpus paper: schema-valid, evidence points at its quote."""

import json
from pathlib import Path

import pytest

from extract.pipeline import extract_paper
from extract.reading import read_document
from schemas.models import ExtractionResult

REPO = Path(__file__).resolve().parent.parent
PAPERS = sorted(p for p in (REPO / "corpus").rglob("*.txt") if "tools" not in p.parts)


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.stem[:30])
def test_pipeline_every_value_has_evidence_that_matches_the_text(paper):
    result = extract_paper(paper)
    ExtractionResult.model_validate(json.loads(result.model_dump_json()))
    text = read_document(paper).text
    for patient in result.patients:
        filled = {
            k
            for k, v in patient.model_dump().items()
            if v not in (None, [], {}) and k not in ("patient_id", "evidence")
        }
        assert filled <= set(patient.evidence), f"no evidence for {filled - set(patient.evidence)}"
        for items in patient.evidence.values():
            assert items
            for ev in items:
                assert ev.quote == text[ev.start : ev.end]
    for items in result.study.evidence.values():
        for ev in items:
            assert ev.quote == text[ev.start : ev.end]


def test_pipeline_seed_paper_three_patients_with_study_facts():
    result = extract_paper(REPO / "corpus" / "hasanli-2026-dva-ali-case-series.txt")
    assert [p.patient_id for p in result.patients] == ["1", "2", "3"]
    assert result.study.design == "case_series" and result.study.indication == "ALI"
    assert result.study.n_patients == 3 and result.study.year == 2026
    fields = {c.field for c in result.conflicts if c.patient_id == "1"}
    assert "rutherford_presentation" in fields


def test_pipeline_japanese_text_is_split_into_characters_and_numbers():
    from extract.pipeline import load_pipeline

    words = [t.text for t in load_pipeline().make_doc("68歳の女性, a 5-mm stent")]
    assert words[:5] == ["68", "歳", "の", "女", "性"]
    assert words[-4:] == ["5", "-", "mm", "stent"]
