"""Scoring the papers' reported outcome counts (a multiset) and the days to each event."""

from __future__ import annotations

from extract.evaluation.scoring import score_document
from extract.evaluation.values import describe

FIELD = "study.reported.outcomes"


def _counts(score, name):
    c = score.fields[name]
    return (c.tp, c.fp, c.fn)


def _study(*items):
    keys = ("outcome", "events", "total")
    return {"reported": {"outcomes": [dict(zip(keys, item, strict=True)) for item in items]}}


def test_scoring_reported_outcomes_match_on_outcome_events_and_total(prediction, gold):
    score = score_document(
        prediction([], _study(("major_amputation", 8, 32), ("death", 5, 32), ("death", 4, 32))),
        gold(
            [], _study(("death", 5, 32), ("major_amputation", 8, 32), ("technical_success", 30, 32))
        ),
    )
    assert _counts(score, FIELD) == (2, 1, 1)
    error = next(e for e in score.errors if e.field == FIELD)
    assert (error.kind, error.got, error.expected) == (
        "wrong",
        "[death 4/32]",
        "[technical_success 30/32]",
    )


def test_scoring_reported_outcomes_repeated_counts_are_a_multiset(prediction, gold):
    twice = _study(("death", 0, 23), ("death", 0, 23))
    score = score_document(prediction([], _study(("death", 0, 23))), gold([], twice))
    assert _counts(score, FIELD) == (1, 0, 1)


def test_scoring_reported_outcomes_time_point_is_not_scored(prediction, gold):
    pred = {"reported": {"outcomes": [{"outcome": "death", "events": 0, "total": 23}]}}
    expected = {
        "reported": {"outcomes": [{"outcome": "death", "events": 0, "total": 23, "time_days": 30}]}
    }
    assert _counts(score_document(prediction([], pred), gold([], expected)), FIELD) == (1, 0, 0)
    assert describe(expected["reported"]["outcomes"][0]) == "death 0/23 @30d"


def test_scoring_reported_outcomes_written_forms_normalised(prediction, gold):
    pred = {"reported": {"outcomes": [{"outcome": "AFS", "events": 11, "total": 18}]}}
    expected = _study(("amputation_free_survival", 11, 18))
    assert _counts(score_document(prediction([], pred), gold([], expected)), FIELD) == (1, 0, 0)


def test_scoring_days_to_events_are_numbers_within_tolerance(prediction, gold):
    score = score_document(
        prediction([{"patient_id": "1", "days_to_major_amputation": 49, "days_to_death": 243}]),
        gold([{"patient_id": "1", "days_to_major_amputation": 49.0, "days_to_death": 243.2}]),
    )
    assert _counts(score, "days_to_major_amputation") == (1, 0, 0)
    assert _counts(score, "days_to_death") == (1, 0, 0)  # within 1%
    missed = score_document(
        prediction([{"patient_id": "1"}]), gold([{"patient_id": "1", "days_to_death": 77}])
    )
    assert _counts(missed, "days_to_death") == (0, 0, 1)
