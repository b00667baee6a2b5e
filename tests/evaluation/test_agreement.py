"""Double-extraction agreement: percent agreement and Cohen's kappa."""

from __future__ import annotations

import pytest

from extract.evaluation.agreement import cohen_kappa, compare


def test_agreement_kappa_matches_the_textbook_two_by_two_example():
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    # p_o = 0.70, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.50, kappa = 0.40
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.40)


def test_agreement_kappa_is_one_for_perfect_and_undefined_for_a_single_category():
    assert cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == pytest.approx(1.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None


def test_agreement_kappa_is_negative_below_chance():
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)


def test_agreement_compares_aligned_patients_field_by_field(gold):
    first = gold(
        [
            {"patient_id": "1", "sex": "female", "amputation": "BKA", "age_years": 65},
            {"patient_id": "2", "sex": "male", "amputation": "TMA", "age_years": 72},
        ],
        study={"design": "case_series"},
    )
    second = gold(
        [
            {"patient_id": "2", "sex": "male", "amputation": "AKA", "age_years": 72},
            {"patient_id": "1", "sex": "female", "amputation": "BKA", "age_years": 65},
        ],
        study={"design": "case_series"},
    )
    results = {r.spec.name: r for r in compare([(first, second)])}
    assert results["sex"].percent == 100.0
    assert results["sex"].kappa == pytest.approx(1.0)
    assert (results["amputation"].agree, results["amputation"].n) == (1, 2)
    assert results["amputation"].kappa == pytest.approx(1 / 3)
    assert results["age_years"].kappa is None  # numbers: percent agreement only
    assert results["study.design"].percent == 100.0
