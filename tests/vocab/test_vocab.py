"""Vocabularies: one table per concept, written forms normalised to keys."""

import pytest

from schemas.vocab import NAMES, load, manufacturer_key, rutherford_key


@pytest.mark.parametrize("name", NAMES)
def test_vocab_loads_and_forms_are_unique_per_concept(name):
    vocab = load(name)
    assert vocab.keys()
    assert load(name) is vocab


@pytest.mark.parametrize(
    ("name", "written", "key"),
    [
        ("amputation_levels", "BKA", "below_knee"),
        ("amputation_levels", "transtibial amputation", "below_knee"),
        ("amputation_levels", "Chopart", "midfoot"),
        ("arteries", "fibular artery", "peroneal"),
        ("arteries", "PTA", "posterior_tibial"),
        ("risk_factors", "haemodialysis", "end_stage_renal_disease"),
        ("risk_factors", "ex-smoker", "smoking"),
        ("veins", "PTV", "posterior_tibial"),
        ("indications", "critical limb ischaemia", "CLTI"),
    ],
)
def test_vocab_normalize_written_forms(name, written, key):
    assert load(name).normalize(written) == key


def test_vocab_rutherford_ocr_lookalikes_and_manufacturers():
    assert [rutherford_key(x) for x in ("Ila", "lIb", "IIB", "III", "category 5")] == [
        "IIa",
        "IIb",
        "IIb",
        "III",
        "5",
    ]
    assert rutherford_key("IIc") is None
    assert manufacturer_key("W. L. Gore & Associates") == "Gore"
