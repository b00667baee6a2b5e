"""The rule components skip Introduction, Discussion and References text that names no patient
(its values are never attributed), and still read such text when it names one."""

import pytest

from extract.pipeline import load_pipeline
from extract.sections import SectionKind

SERIES = """Deep vein arterialization in two patients

Introduction

Earlier reports used 8 x 120 mm stents in a 51-year-old man.

Results

Patient 1. A 67-year-old man with diabetes underwent deep vein arterialization. Two 5 x 100 mm \
Viabahn stents were placed.

Patient 2. A 72-year-old woman underwent deep vein arterialization with one 6 x 150 mm Viabahn \
stent.

Discussion

Earlier series used 7 x 150 mm Viabahn stents in a 45-year-old man followed for 24 months. \
Most ulcers healed.

Patient 2 required a below-knee amputation at 3 months. She walks with a prosthesis.

References

1. Smith A. A 59-year-old man treated with 6 x 100 mm stents. J Vasc. 2020;1:1-2.
"""


@pytest.fixture(scope="module")
def doc():
    return load_pipeline()(SERIES)


def _unit(doc, start: str):
    return next(u for u in doc._.units if u.text.startswith(start))


def test_a_discussion_value_that_names_no_patient_is_not_read(doc):
    unit = _unit(doc, "Earlier series")
    assert unit.section_kind == SectionKind.DISCUSSION
    assert not unit.read
    assert unit.spans("measures") == []
    assert unit.spans("vocab") == []


def test_introduction_and_reference_values_are_not_read(doc):
    for start in ("Earlier reports", "1. Smith"):
        unit = _unit(doc, start)
        assert not unit.read
        assert unit.spans("measures") == []


def test_a_discussion_sentence_naming_patient_2_is_still_read(doc):
    unit = _unit(doc, "Patient 2 required")
    assert unit.section_kind == SectionKind.DISCUSSION
    assert unit.patient == "2" and unit.read
    assert [s.label_ for s in unit.spans("measures")] == ["DURATION"]
    assert "amputation_levels" in {s.label_ for s in unit.spans("vocab")}


def test_values_of_unread_text_reach_no_patient(run):
    result = run(SERIES)
    first, second = result.patients
    assert (first.age_years, second.age_years) == (67, 72)
    assert [(s.diameter_mm, s.length_mm) for s in first.stents] == [(5, 100), (5, 100)]
    assert [(s.diameter_mm, s.length_mm) for s in second.stents] == [(6, 150)]
    assert first.amputation is None and first.follow_up_days is None
    assert second.amputation == "below_knee"  # told in the Discussion, naming Patient 2


def test_unread_text_is_not_cut_into_sentences_and_read_text_is(doc):
    assert len(_unit(doc, "Earlier series").sents) == 1
    assert [s.text for s in _unit(doc, "Patient 2 required").sents] == [
        "Patient 2 required a below-knee amputation at 3 months.",
        "She walks with a prosthesis.",
    ]
