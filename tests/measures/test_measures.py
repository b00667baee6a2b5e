"""`dva_measures`: sizes, ages, durations and Rutherford classes with their values."""

import pytest

from extract.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _run(nlp, text):
    """The component(s) alone on a hand-built Doc of ``text``."""
    doc = nlp.make_doc(text)
    for name in ("dva_measures",):
        doc = nlp.get_pipe(name)(doc)
    return doc


def _measures(doc, label):
    return [(s.text, s._.value) for s in doc.spans["measures"] if s.label_ == label]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a 5 mm x 150 mm stent", (5.0, 150.0)),
        ("a 6×150-mm stent graft", (6.0, 150.0)),
        ("a 5x100 mm Viabahn", (5.0, 100.0)),
        ("a 6-mm by 80-mm Covera", (6.0, 80.0)),
        ("a 5.5 × 60 mm Supera", (5.5, 60.0)),
        ("a 7 mm x 15 cm graft", (7.0, 150.0)),
        ("5 x 150mm", (5.0, 150.0)),
    ],
)
def test_measures_sizes(nlp, text, value):
    assert _measures(_run(nlp, text), "SIZE")[0][1] == value


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("A 65-year-old woman", 65),
        ("a 77-yr-old with diabetes", 77),
        ("A seventy-year-old man", 70),
        ("a sixty-two-year-old man", 62),
        ("a man aged 81 years", 81),
        ("a 58 y/o female", 58),
        ("Joyce Dodds, 78, had a wound", 78),
        ('"I can walk again," said John, 63. He smiled.', 63),
        ("said Mrs Reed, 72.", 72),
    ],
)
def test_measures_ages(nlp, text, age):
    assert _measures(_run(nlp, text), "AGE")[0][1] == age


def test_measures_a_name_before_a_table_number_is_no_age(nlp):
    assert _measures(_run(nlp, "As shown in Table 2, 63 limbs healed."), "AGE") == []


def test_measures_durations_in_days(nlp):
    doc = _run(nlp, "At 12 months, after 6 weeks and 3 days; a 65-year-old.")
    assert [v for _, v in _measures(doc, "DURATION")] == [364.8, 42.0, 3.0]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Rutherford class IIb", "IIb"),
        ("Rutherford category 5", "5"),
        ("Rutherford Ila", "IIa"),
        ("Rutherford grade lIb", "IIb"),
    ],
)
def test_measures_rutherford_with_ocr_lookalikes(nlp, text, key):
    assert _measures(_run(nlp, text), "RUTHERFORD")[0][1] == key


def test_measures_alone_on_a_hand_built_doc(nlp):
    doc = nlp.make_doc("A 6 x 100 mm Viabahn in a 71-year-old man.")
    doc = nlp.get_pipe("dva_measures")(doc)
    assert _measures(doc, "SIZE") == [("6 x 100 mm", (6.0, 100.0))]
    assert _measures(doc, "AGE") == [("71-year-old", 71)]


def test_measures_never_join_two_table_cells(nlp):
    doc = nlp("Case\tStent\tFollow-up\n1\t6 x\t100 mm\n2\t5 x 150 mm\t6 months\n")
    assert _measures(doc, "SIZE") == [("5 x 150 mm", (5.0, 150.0))]
