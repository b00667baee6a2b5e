"""Per-study outcome counts: one row per study and outcome, ready for metafor's escalc.

A study's count comes from its patient rows when it has any patient whose outcome is known
(``source = patients``: events among the patients whose column is filled, total = those patients;
unknowns are left out of the total and counted in ``n_unknown``), otherwise from the count the
paper reports (``source = reported``). Nothing is dropped silently: every study and count that
cannot be used is listed in :attr:`Counts.left_out` with the reason.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from extract.analysis.inputs import Tables
from extract.analysis.labels import study_label, unique_labels
from schemas.vocab import load

OUTCOME_COLUMNS = [
    "study_id",
    "study_label",
    "indication",
    "outcome",
    "events",
    "total",
    "source",
    "time_days",
    "n_unknown",
]
INDICATIONS = ("ALI", "CLTI")
MIXED = "mixed"


@dataclass(frozen=True)
class OutcomeSpec:
    """An outcome's display name and, for patient-level outcomes, how a row counts."""

    key: str
    label: str
    column: str | None = None
    event: str | None = None

    def is_event(self, value: Any) -> bool:
        """Whether a known cell of :attr:`column` is an event."""
        if self.event == "not_none":
            return str(value) != "none"
        return bool(value)


@cache
def outcome_specs() -> dict[str, OutcomeSpec]:
    """Every outcome of the vocabulary, in its order, with the analysis's settings."""
    with open(Path(__file__).with_name("outcomes.toml"), "rb") as handle:
        spec = tomllib.load(handle)
    out = {}
    for key in load("outcomes").keys():
        entry = spec.get(key, {})
        label = entry.get("label", key.replace("_", " ").capitalize())
        out[key] = OutcomeSpec(key, label, entry.get("column"), entry.get("event"))
    return out


@dataclass
class StudyInfo:
    """One study kept for the analysis."""

    study_id: str
    label: str
    indication: str | None
    source_file: str | None
    n_rows: int
    design: str | None = None


@dataclass
class LeftOut:
    """Something not used in the analysis, and why."""

    kind: str
    what: str
    reason: str


@dataclass
class Counts:
    """The per-study table and everything it had to leave out."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    studies: list[StudyInfo] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    patients: pd.DataFrame | None = None

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame with the documented columns."""
        return pd.DataFrame(self.rows, columns=OUTCOME_COLUMNS)


def _value(row: pd.Series | None, name: str) -> Any:
    if row is None or name not in row.index:
        return None
    value = row[name]
    return None if value is pd.NA or (not isinstance(value, str) and pd.isna(value)) else value


def _first_row(frame: pd.DataFrame) -> pd.Series | None:
    return frame.iloc[0] if len(frame) else None


def _indication(patients: pd.DataFrame, study: pd.Series | None, first: pd.Series | None) -> Any:
    """The patients' common indication, "mixed" when they differ, else the study's."""
    known = set(patients["indication"].dropna()) if len(patients) else set()
    if len(known) == 1:
        return known.pop()
    if len(known) > 1:
        return MIXED
    return _value(study, "indication") or _value(first, "study_indication")


def _status(row: pd.Series) -> str:
    return str(_value(row, "status") or "ok").strip().lower()


def _study_rows(tables: Tables, out: Counts) -> list[tuple[str, pd.Series | None]]:
    """(study_id, its studies-table row) for every study to analyse, in table order."""
    studies, patients = tables.studies, tables.patients
    chosen: list[tuple[str, pd.Series | None]] = []
    seen: set[str] = set()
    for _, row in studies.iterrows():
        sid = _value(row, "study_id")
        name = _value(row, "source_file") or sid or "?"
        status = _status(row)
        if status == "failed":
            out.left_out.append(LeftOut("failed", name, _value(row, "reason") or "failed"))
        elif status == "duplicate":
            first = _value(row, "duplicate_of") or "another file"
            why = _value(row, "reason") or "duplicate"
            out.left_out.append(LeftOut("duplicate", name, f"{why} (kept: {first})"))
        elif status != "ok":
            out.left_out.append(LeftOut("failed", name, f"status {status!r}"))
        elif sid and sid not in seen:
            seen.add(sid)
            if _value(row, "relevance") == "not_dva":
                out.left_out.append(LeftOut("off_topic", name, "not a DVA paper (relevance)"))
                continue
            chosen.append((sid, row))
    for sid in patients["study_id"].dropna().unique():
        if sid not in seen:
            seen.add(sid)
            first = _first_row(patients[patients["study_id"] == sid])
            if _value(first, "relevance") == "not_dva":
                name = _value(first, "source_file") or sid
                out.left_out.append(LeftOut("off_topic", name, "not a DVA paper (relevance)"))
                continue
            chosen.append((sid, None))
    return chosen


def _patient_rows(sid: str, label: str, indication: Any, rows: pd.DataFrame) -> list[dict]:
    out = []
    for spec in outcome_specs().values():
        if spec.column is None or spec.column not in rows.columns:
            continue
        known = rows[spec.column].dropna()
        if known.empty:
            continue
        events = sum(1 for value in known if spec.is_event(value))
        out.append(
            {
                "study_id": sid,
                "study_label": label,
                "indication": indication,
                "outcome": spec.key,
                "events": events,
                "total": len(known),
                "source": "patients",
                "time_days": None,
                "n_unknown": len(rows) - len(known),
            }
        )
    return out


def _reported_rows(
    sid: str, label: str, indication: Any, row: pd.Series | None, have: dict, out: Counts
) -> list[dict]:
    rows = []
    for spec in outcome_specs().values():
        events = _value(row, f"reported_{spec.key}_events")
        total = _value(row, f"reported_{spec.key}_total")
        if events is None and total is None:
            continue
        if events is None or total is None or total < 1 or not 0 <= events <= total:
            why = "no total" if total is None else "no events" if events is None else "invalid"
            out.left_out.append(
                LeftOut("missing_total", f"{label}: {spec.key}", f"{why} ({events}/{total})")
            )
            continue
        if spec.key in have:
            mine = have[spec.key]
            if (mine["events"], mine["total"]) != (events, total):
                out.checks.append(
                    f"{label}: {spec.label.lower()} {mine['events']}/{mine['total']} from the "
                    f"patient rows, {events}/{total} as the paper reports it (patient rows used)"
                )
            continue
        rows.append(
            {
                "study_id": sid,
                "study_label": label,
                "indication": indication,
                "outcome": spec.key,
                "events": int(events),
                "total": int(total),
                "source": "reported",
                "time_days": _value(row, f"reported_{spec.key}_time_days"),
                "n_unknown": None,
            }
        )
    return rows


def count_outcomes(tables: Tables) -> Counts:
    """The per-study outcome table of a pooled run, with what was left out and why."""
    out = Counts()
    patients = tables.patients
    chosen = _study_rows(tables, out)
    labels = []
    for sid, row in chosen:
        first = _first_row(patients[patients["study_id"] == sid])
        labels.append(
            study_label(
                _value(row, "study_label") or _value(first, "study_label"),
                _value(row, "first_author") or _value(first, "first_author"),
                _value(row, "year") or _value(first, "year"),
                sid,
            )
        )
    kept_ids = []
    for (sid, row), label in zip(chosen, unique_labels(labels), strict=True):
        rows = patients[patients["study_id"] == sid]
        first = _first_row(rows)
        indication = _indication(rows, row, first)
        info = StudyInfo(
            sid,
            label,
            indication,
            _value(row, "source_file") or _value(first, "source_file"),
            len(rows),
            _value(row, "design") or _value(first, "design"),
        )
        out.studies.append(info)
        kept_ids.append(sid)
        mine = _patient_rows(sid, label, indication, rows)
        have = {r["outcome"]: r for r in mine}
        found = mine + _reported_rows(sid, label, indication, row, have, out)
        order = list(outcome_specs())
        found.sort(key=lambda r: order.index(r["outcome"]))
        out.rows.extend(found)
        if not found:
            why = (
                "patient rows without any known outcome"
                if len(rows)
                else "no patient rows and no outcome counts extracted"
            )
            out.left_out.append(LeftOut("no_outcome_data", info.source_file or label, why))
    out.patients = patients[patients["study_id"].isin(kept_ids)].copy()
    return out
