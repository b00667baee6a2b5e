"""Properties of generated case reports: no crash, valid output, true evidence, planted values."""

from __future__ import annotations

from fuzz_strategies import CaseReport, case_reports, fuzz_settings, paper_like_text
from hypothesis import given
from hypothesis import strategies as st

from extract.errors import InputError
from extract.pipeline import extract_document
from extract.reading.text import read_text
from schemas.models import ExtractionResult


def _extract(text: str) -> tuple[ExtractionResult, str]:
    doc = read_text("generated.txt", text.encode("utf-8", "surrogatepass"))
    return extract_document(doc), doc.text


def _evidence(result: ExtractionResult):
    yield from (e for items in result.study.evidence.values() for e in items)
    for patient in result.patients:
        yield from (e for items in patient.evidence.values() for e in items)
    for conflict in result.conflicts:
        yield from conflict.evidence


def _assert_valid(result: ExtractionResult, text: str) -> None:
    """Schema-valid after a JSON round trip, and every quote is the text at its offsets."""
    assert ExtractionResult.model_validate_json(result.model_dump_json()) == result
    for item in _evidence(result):
        assert 0 <= item.start <= item.end <= len(text)
        assert item.quote == text[item.start : item.end], item
    ids = [p.patient_id for p in result.patients]
    assert len(ids) == len(set(ids)), ids


@fuzz_settings()
@given(case_reports())
def test_fuzz_generated_case_report_gives_valid_output_with_true_evidence(case: CaseReport):
    result, text = _extract(case.text)
    _assert_valid(result, text)


@fuzz_settings()
@given(case_reports())
def test_fuzz_planted_values_are_found_in_one_patient(case: CaseReport):
    result, _ = _extract(case.text)
    assert len(result.patients) == 1, case.text
    patient = result.patients[0]
    found = {
        "age_years": patient.age_years,
        "sex": patient.sex,
        "risk_factors": set(patient.risk_factors),
        "donor_artery": patient.donor_artery,
        "target_vein": patient.target_vein,
        "stent_sizes": sorted((s.diameter_mm, s.length_mm) for s in patient.stents),
        "amputation": patient.amputation,
        "follow_up_days": patient.follow_up_days,
        "death": patient.death,
    }
    assert found == case.planted, case.text
    assert patient.evidence.get("age_years"), "a found value carries its evidence"


@st.composite
def mutated_reports(draw) -> str:
    """A generated report with slices cut out, doubled, and noise spliced in."""
    text = draw(case_reports()).text
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 80)))
        action = draw(st.sampled_from(["cut", "double", "splice"]))
        if action == "cut":
            text = text[:i] + text[j:]
        elif action == "double":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + draw(paper_like_text) + text[i:]
    return text


@fuzz_settings()
@given(mutated_reports())
def test_fuzz_mutated_case_report_never_crashes(text: str):
    try:
        result, decoded = _extract(text)
    except InputError:
        return  # e.g. the mutation left only blanks or control bytes: a clean refusal is fine
    _assert_valid(result, decoded)


@fuzz_settings()
@given(paper_like_text)
def test_fuzz_arbitrary_paper_like_text_is_extracted_or_refused(text: str):
    try:
        result, decoded = _extract(text)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    _assert_valid(result, decoded)
