"""Kaplan-Meier curves from the individual patients (lifelines): amputation-free survival and
freedom from major amputation.

Time is days from the index DVA. A patient's event time is ``days_to_major_amputation`` /
``days_to_death`` where the paper states it; an event without its own time is placed at
``follow_up_days`` (the last contact, so at or after the real event: the curve then runs late).
A patient without an event is censored at ``follow_up_days``. Amputation-free survival: the
event is major amputation or death, whichever comes first; a patient whose amputation status is
unknown is left out, and a death the paper does not report counts as no death. Freedom from
major amputation: death censors. Patients without any usable time are left out and counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

KM_COLUMNS = ["time_days", "survival", "ci_low", "ci_high", "at_risk"]
AFS = "amputation_free_survival"
FREEDOM = "freedom_from_major_amputation"
TITLES = {AFS: "Amputation-free survival", FREEDOM: "Freedom from major amputation"}


def _get(row: pd.Series, name: str) -> Any:
    value = row.get(name)
    return None if value is None or value is pd.NA or pd.isna(value) else value


def _flag(row: pd.Series, name: str) -> bool | None:
    value = _get(row, name)
    return None if value is None else bool(value)


@dataclass
class SurvivalData:
    """Durations and event flags of the patients who enter one curve."""

    endpoint: str
    durations: list[float] = field(default_factory=list)
    events: list[bool] = field(default_factory=list)
    groups: list[str | None] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)
    timed_by: Counter[str] = field(default_factory=Counter)

    @property
    def n(self) -> int:
        """Patients on the curve."""
        return len(self.durations)

    @property
    def n_events(self) -> int:
        """Events on the curve."""
        return sum(self.events)


def _event_time(row: pd.Series, flags: list[tuple[str, str]], data: SurvivalData) -> float | None:
    """Earliest stated time of the events in ``flags`` that happened; else follow-up."""
    stated = [_get(row, days) for flag, days in flags if _flag(row, flag) is True]
    stated = [t for t in stated if t is not None]
    if stated:
        data.timed_by["the stated day of the event"] += 1
        return float(min(stated))
    follow_up = _get(row, "follow_up_days")
    if follow_up is not None:
        data.timed_by["follow-up (event day not stated)"] += 1
        return float(follow_up)
    return None


def survival_data(patients: pd.DataFrame, endpoint: str) -> SurvivalData:
    """Who enters the ``endpoint`` curve (AFS or FREEDOM), at what time, with what outcome."""
    data = SurvivalData(endpoint)
    flags = [("major_amputation", "days_to_major_amputation")]
    if endpoint == AFS:
        flags.append(("death", "days_to_death"))
    for _, row in patients.iterrows():
        major = _flag(row, "major_amputation")
        happened = any(_flag(row, flag) is True for flag, _ in flags)
        if happened:
            time = _event_time(row, flags, data)
        elif major is None:
            data.left_out["amputation status unknown"] += 1
            continue
        else:
            time = _get(row, "follow_up_days")
            if time is None and endpoint == FREEDOM and _flag(row, "death") is True:
                time = _get(row, "days_to_death")
        if time is None:
            data.left_out["no follow-up time"] += 1
            continue
        if not 0 <= float(time) < float("inf"):
            data.left_out["a negative or infinite time"] += 1
            continue
        data.durations.append(float(time))
        data.events.append(happened)
        data.groups.append(_get(row, "indication"))
    return data


def fit(durations: list[float], events: list[bool], label: str = "all"):
    """A fitted lifelines KaplanMeierFitter (log-log 95% CI)."""
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter(label=label)
    fitter.fit(durations, event_observed=events)
    return fitter


def km_table(fitter) -> pd.DataFrame:
    """The step curve: one row per time (0 and each event or censoring time)."""
    survival = fitter.survival_function_.iloc[:, 0]
    ci = fitter.confidence_interval_survival_function_
    at_risk = fitter.event_table["at_risk"]
    frame = pd.DataFrame(
        {
            "time_days": survival.index.astype(float),
            "survival": survival.to_numpy(),
            "ci_low": ci.iloc[:, 0].to_numpy(),
            "ci_high": ci.iloc[:, 1].to_numpy(),
            "at_risk": at_risk.reindex(survival.index).fillna(0).astype(int).to_numpy(),
        }
    )
    return frame[KM_COLUMNS]


def fitters_by_group(data: SurvivalData, groups: tuple[str, ...]) -> list:
    """One fitter per group with at least one patient (the caller draws them together)."""
    fitters = []
    for group in groups:
        picked = [i for i, g in enumerate(data.groups) if g == group]
        if picked:
            fitters.append(
                fit([data.durations[i] for i in picked], [data.events[i] for i in picked], group)
            )
    return fitters
