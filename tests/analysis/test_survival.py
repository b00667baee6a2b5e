"""Kaplan-Meier input rules (event times, censoring, exclusions) and the curve itself."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from extract.analysis.survival import AFS, FREEDOM, KM_COLUMNS, fit, km_table, survival_data


def _patients(*rows: dict) -> pd.DataFrame:
    columns = [
        "major_amputation",
        "death",
        "follow_up_days",
        "days_to_major_amputation",
        "days_to_death",
        "indication",
    ]
    frame = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)
    for name in ("major_amputation", "death"):
        frame[name] = frame[name].astype("boolean")
    for name in ("follow_up_days", "days_to_major_amputation", "days_to_death"):
        frame[name] = frame[name].astype("Float64")
    return frame


def test_survival_afs_event_is_the_first_of_amputation_and_death():
    patients = _patients(
        {
            "major_amputation": True,
            "death": True,
            "follow_up_days": 150,
            "days_to_major_amputation": 40,
            "days_to_death": 150,
        },
        {"major_amputation": False, "death": True, "follow_up_days": 90, "days_to_death": 90},
    )
    data = survival_data(patients, AFS)
    assert data.durations == [40.0, 90.0] and data.events == [True, True]
    assert data.timed_by["the stated day of the event"] == 2


def test_survival_event_without_its_day_is_placed_at_last_follow_up_and_counted():
    data = survival_data(_patients({"major_amputation": True, "follow_up_days": 200}), AFS)
    assert data.durations == [200.0] and data.events == [True]
    assert data.timed_by["follow-up (event day not stated)"] == 1


def test_survival_no_event_is_censored_at_follow_up_and_unknowns_are_left_out():
    patients = _patients(
        {"major_amputation": False, "death": False, "follow_up_days": 365},
        {"major_amputation": False, "follow_up_days": 120},  # death not reported: no event
        {"death": False, "follow_up_days": 300},  # amputation status unknown
        {"major_amputation": False, "death": False},  # no time at all
    )
    data = survival_data(patients, AFS)
    assert data.durations == [365.0, 120.0] and data.events == [False, False]
    assert data.left_out == {"amputation status unknown": 1, "no follow-up time": 1}


def test_survival_freedom_from_major_amputation_is_censored_by_death():
    patients = _patients(
        {"major_amputation": False, "death": True, "follow_up_days": 150, "days_to_death": 150},
        {
            "major_amputation": True,
            "death": True,
            "days_to_major_amputation": 30,
            "days_to_death": 80,
            "follow_up_days": 80,
        },
    )
    data = survival_data(patients, FREEDOM)
    assert data.durations == [150.0, 30.0] and data.events == [False, True]


def test_km_table_matches_the_product_limit_by_hand():
    table = km_table(fit([10, 20, 30, 40], [True, False, True, False]))
    assert list(table.columns) == KM_COLUMNS
    assert list(table["time_days"]) == [0.0, 10.0, 20.0, 30.0, 40.0]
    assert list(table["survival"]) == pytest.approx([1.0, 0.75, 0.75, 0.375, 0.375])
    assert list(table["at_risk"]) == [4, 4, 3, 2, 1]


def test_km_curve_never_rises_and_its_band_holds_it():
    rng = random.Random(16)
    durations = [rng.randint(1, 720) for _ in range(60)]
    events = [rng.random() < 0.4 for _ in range(60)]
    table = km_table(fit(durations, events))
    steps = table["survival"].diff().dropna()
    assert (steps <= 1e-12).all()
    assert (table["ci_low"] <= table["survival"] + 1e-12).all()
    assert (table["survival"] <= table["ci_high"] + 1e-12).all()
    assert table["survival"].between(0, 1).all() and table["at_risk"].is_monotonic_decreasing


def test_survival_negative_time_from_a_hand_edit_is_left_out():
    data = survival_data(_patients({"major_amputation": False, "follow_up_days": -3}), AFS)
    assert data.n == 0 and data.left_out == {"a negative or infinite time": 1}
