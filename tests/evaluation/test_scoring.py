"""Scoring rules on tiny hand-made prediction/gold pairs."""

from __future__ import annotations

from extract.evaluation.scoring import score_document


def counts(score, name):
    c = score.fields[name]
    return (c.tp, c.fp, c.fn)


def test_scoring_equal_value_is_true_positive(prediction, gold):
    score = score_document(
        prediction([{"patient_id": "1", "age_years": 65}]),
        gold([{"patient_id": "1", "age_years": 65}]),
    )
    assert counts(score, "age_years") == (1, 0, 0)
    assert score.fields["age_years"].exact_rate == 1.0


def test_scoring_value_where_gold_is_null_is_false_positive(prediction, gold):
    score = score_document(
        prediction([{"patient_id": "1", "age_years": 65, "death": True}]),
        gold([{"patient_id": "1", "age_years": 65}]),
    )
    assert counts(score, "death") == (0, 1, 0)
    assert [e.kind for e in score.errors] == ["extra"]


def test_scoring_null_where_gold_has_value_is_false_negative(prediction, gold):
    score = score_document(
        prediction([{"patient_id": "1", "age_years": 65}]),
        gold([{"patient_id": "1", "age_years": 65, "sex": "F"}]),
    )
    assert counts(score, "sex") == (0, 0, 1)
    assert score.errors[0].expected == "female"


def test_scoring_wrong_value_is_one_false_positive_and_one_false_negative(prediction, gold):
    score = score_document(
        prediction([{"patient_id": "1", "age_years": 65, "amputation": "TMA"}]),
        gold([{"patient_id": "1", "age_years": 65, "amputation": "BKA"}]),
    )
    assert counts(score, "amputation") == (0, 1, 1)
    error = score.errors[0]
    assert (error.kind, error.got, error.expected) == ("wrong", "transmetatarsal", "below_knee")


def test_scoring_both_null_counts_nothing_but_is_an_exact_match(prediction, gold):
    score = score_document(
        prediction([{"patient_id": "1", "age_years": 65}]),
        gold([{"patient_id": "1", "age_years": 65}]),
    )
    assert counts(score, "death") == (0, 0, 0)
    assert score.fields["death"].exact_rate == 1.0
    assert score.fields["death"].f1 is None


def test_scoring_numbers_equal_within_tolerance_and_written_forms_normalised(prediction, gold):
    score = score_document(
        prediction(
            [
                {
                    "patient_id": "1",
                    "follow_up_days": 182.0,
                    "rutherford_presentation": "Ila",
                    "donor_artery": "PTA",
                }
            ]
        ),
        gold(
            [
                {
                    "patient_id": "1",
                    "follow_up_days": 182.4,
                    "rutherford_presentation": "IIa",
                    "donor_artery": "posterior tibial artery",
                }
            ]
        ),
    )
    assert counts(score, "follow_up_days") == (1, 0, 0)
    assert counts(score, "rutherford_presentation") == (1, 0, 0)
    assert counts(score, "donor_artery") == (1, 0, 0)


def test_scoring_swapped_patient_order_is_aligned_by_content_not_position(prediction, gold):
    a = {"patient_id": "1", "age_years": 65, "sex": "female", "amputation": "BKA"}
    b = {"patient_id": "2", "age_years": 72, "sex": "male", "amputation": "TMA"}
    score = score_document(prediction([b, a]), gold([a, b]))
    assert score.n_matched == 2
    assert score.total().fp == 0 and score.total().fn == 0
    assert score.total().tp == 6


def test_scoring_alignment_prefers_agreeing_fields_over_patient_id(prediction, gold):
    pred = [
        {"patient_id": "1", "age_years": 72, "sex": "male"},
        {"patient_id": "2", "age_years": 65, "sex": "female"},
    ]
    truth = [
        {"patient_id": "1", "age_years": 65, "sex": "female"},
        {"patient_id": "2", "age_years": 72, "sex": "male"},
    ]
    score = score_document(prediction(pred), gold(truth))
    assert score.total().tp == 4 and score.total().fp == 0


def test_scoring_extra_predicted_patient_is_false_positive_for_every_value(prediction, gold):
    a = {"patient_id": "1", "age_years": 65, "sex": "female"}
    extra = {"patient_id": "X", "age_years": 40, "sex": "male", "risk_factors": ["smoking"]}
    score = score_document(prediction([a, extra]), gold([a]))
    assert score.n_pred_patients == 2 and score.n_matched == 1
    assert counts(score, "age_years") == (1, 1, 0)
    assert counts(score, "sex") == (1, 1, 0)
    assert counts(score, "risk_factors") == (0, 1, 0)


def test_scoring_missing_gold_patient_is_false_negative_for_every_value(prediction, gold):
    a = {"patient_id": "1", "age_years": 65, "sex": "female"}
    b = {
        "patient_id": "2",
        "age_years": 72,
        "stents": [{"device": "Viabahn", "diameter_mm": 5, "length_mm": 150}],
    }
    score = score_document(prediction([a]), gold([a, b]))
    assert counts(score, "age_years") == (1, 0, 1)
    assert counts(score, "stents") == (0, 0, 1)
    assert score.total().fp == 0


def test_scoring_stents_are_a_multiset_matched_on_size_and_device(prediction, gold):
    truth = [
        {
            "patient_id": "1",
            "stents": [
                {"device": "Viabahn", "diameter_mm": 5, "length_mm": 100},
                {"device": "Viabahn", "diameter_mm": 5, "length_mm": 100},
                {"device": "Covera", "diameter_mm": 6, "length_mm": 60},
            ],
        }
    ]
    pred = [
        {
            "patient_id": "1",
            "stents": [
                {"device": "COVERA", "diameter_mm": 6.0, "length_mm": 60.0},
                {"device": "viabahn", "diameter_mm": 5, "length_mm": 100},
                {"device": "Supera", "diameter_mm": 5, "length_mm": 100},
            ],
        }
    ]
    score = score_document(prediction(pred), gold(truth))
    assert counts(score, "stents") == (2, 1, 1)


def test_scoring_stent_without_device_name_matches_on_size(prediction, gold):
    truth = [
        {"patient_id": "1", "stents": [{"device": "Viabahn", "diameter_mm": 7, "length_mm": 50}]}
    ]
    pred = [{"patient_id": "1", "stents": [{"diameter_mm": 7, "length_mm": 50}]}]
    assert counts(score_document(prediction(pred), gold(truth)), "stents") == (1, 0, 0)


def test_scoring_risk_factors_are_a_multiset_after_normalisation(prediction, gold):
    truth = [{"patient_id": "1", "risk_factors": ["hypertension", "diabetes", "smoking"]}]
    pred = [{"patient_id": "1", "risk_factors": ["HTN", "DM", "copd"]}]
    assert counts(score_document(prediction(pred), gold(truth)), "risk_factors") == (2, 1, 1)


def test_scoring_also_ok_value_is_accepted_as_correct(prediction, gold):
    truth = [
        {
            "patient_id": "4",
            "rutherford_presentation": "5",
            "also_ok": {"rutherford_presentation": ["6"]},
        }
    ]
    pred = [{"patient_id": "4", "rutherford_presentation": "category 6"}]
    assert counts(score_document(prediction(pred), gold(truth)), "rutherford_presentation") == (
        1,
        0,
        0,
    )


def test_scoring_conflict_value_for_that_patient_is_accepted_as_correct(prediction, gold):
    conflicts = [
        {
            "patient_id": "1",
            "field": "rutherford_presentation",
            "values": ["Ila", "IIB"],
            "chosen": "IIa",
        }
    ]
    truth = [
        {"patient_id": "1", "rutherford_presentation": "IIa"},
        {"patient_id": "2", "rutherford_presentation": "IIa"},
    ]
    pred = [
        {"patient_id": "1", "rutherford_presentation": "IIb"},
        {"patient_id": "2", "rutherford_presentation": "IIb"},
    ]
    score = score_document(prediction(pred), gold(truth, conflicts=conflicts))
    assert counts(score, "rutherford_presentation") == (1, 1, 1)


def test_scoring_list_alternative_is_used_when_it_fits_better(prediction, gold):
    stent = {"device": "Viabahn", "diameter_mm": 5, "length_mm": 150}
    other = {"device": "Viabahn", "diameter_mm": 5, "length_mm": 100}
    truth = [{"patient_id": "1", "stents": [stent], "also_ok": {"stents": [[stent, other]]}}]
    pred = [{"patient_id": "1", "stents": [other, stent]}]
    assert counts(score_document(prediction(pred), gold(truth)), "stents") == (2, 0, 0)


def test_scoring_gold_patient_indication_defaults_to_the_study_indication(prediction, gold):
    truth = gold([{"patient_id": "1", "age_years": 59}], study={"indication": "ALI"})
    pred = prediction([{"patient_id": "1", "age_years": 59, "indication": "acute limb ischemia"}])
    assert counts(score_document(pred, truth), "indication") == (1, 0, 0)


def test_scoring_study_fields_doi_prefix_and_title_case_ignored(prediction, gold):
    truth = gold([], study={"doi": "10.9998/aavc.2023.0301", "title": "A Case  Report"})
    pred = prediction(
        [],
        study={
            "doi": "https://doi.org/10.9998/AAVC.2023.0301",
            "title": "a case report",
            "journal": "J Vasc",
        },
    )
    score = score_document(pred, truth)
    assert counts(score, "study.doi") == (1, 0, 0)
    assert counts(score, "study.title") == (1, 0, 0)
    assert "study.journal" not in score.fields  # scored only where gold has it


def test_scoring_failed_extraction_counts_all_gold_as_false_negatives(prediction, gold):
    truth = gold([{"patient_id": "1", "age_years": 65, "sex": "male"}], study={"year": 2024})
    score = score_document(None, truth)
    assert (score.total().tp, score.total().fp, score.total().fn) == (0, 0, 3)


def test_scoring_every_always_scored_field_is_listed_even_without_support(prediction, gold):
    score = score_document(prediction([]), gold([]))
    assert "death" in score.fields and "study.reported.n_male" in score.fields
    assert "study.title" not in score.fields
