"""The whole analysis of one pooled run: per-study counts, pooled proportions, curves, figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from extract.analysis import plots, survival
from extract.analysis.counts import INDICATIONS, Counts, count_outcomes, outcome_specs
from extract.analysis.inputs import Tables
from extract.analysis.pooling import SUBGROUPS, Pooled, pool, pooled_table, study_intervals

FOREST_ALWAYS = "major_amputation"
MILESTONES = {"6 months": 182.5, "12 months": 365.0}


@dataclass
class Curve:
    """One Kaplan-Meier endpoint: its data, table, table by indication and figure."""

    endpoint: str
    title: str
    data: survival.SurvivalData
    table: pd.DataFrame
    by_indication: pd.DataFrame
    svg: str
    milestones: dict[str, tuple[float, float, float] | None] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything the report folder holds, computed from the tables."""

    tables: Tables
    counts: Counts
    by_study: pd.DataFrame
    pooled: pd.DataFrame
    forests: dict[str, str]
    curves: list[Curve]

    @property
    def n_patients(self) -> int:
        """Patient rows of the studies analysed."""
        return 0 if self.counts.patients is None else len(self.counts.patients)


def _pooled_by_subgroup(rows: pd.DataFrame) -> dict[str, Pooled]:
    out = {}
    for subgroup in SUBGROUPS:
        part = rows if subgroup == "all" else rows[rows["indication"] == subgroup]
        result = pool(part["events"].to_numpy(), part["total"].to_numpy())
        if result is not None:
            out[subgroup] = result
    return out


def _forests(by_study: pd.DataFrame) -> dict[str, str]:
    """One forest plot per outcome with at least two studies (always one for major amputation)."""
    out = {}
    for key, spec in outcome_specs().items():
        rows = by_study[by_study["outcome"] == key]
        if len(rows) >= 2:
            out[key] = plots.forest_svg(
                study_intervals(rows), _pooled_by_subgroup(rows), spec.label
            )
        elif key == FOREST_ALWAYS:
            why = f"{len(rows)} study with a count: a forest plot needs at least two."
            out[key] = plots.message_svg(spec.label, why)
    return out


def _at(table: pd.DataFrame, day: float) -> tuple[float, float, float] | None:
    """Survival and its CI at ``day`` (None when follow-up does not reach it)."""
    if table.empty or table["time_days"].max() < day:
        return None
    row = table[table["time_days"] <= day].iloc[-1]
    return float(row["survival"]), float(row["ci_low"]), float(row["ci_high"])


def _curve(patients: pd.DataFrame, endpoint: str) -> Curve:
    data = survival.survival_data(patients, endpoint)
    title = survival.TITLES[endpoint]
    if data.n == 0:
        empty = pd.DataFrame(columns=survival.KM_COLUMNS)
        svg = plots.message_svg(title, "No patient with a known outcome and follow-up time.")
        return Curve(endpoint, title, data, empty, empty.assign(indication=[]), svg)
    overall = survival.fit(data.durations, data.events, "all")
    table = survival.km_table(overall)
    groups = survival.fitters_by_group(data, INDICATIONS)
    parts = [survival.km_table(f).assign(indication=str(f._label)) for f in groups]
    columns = ["indication", *survival.KM_COLUMNS]
    by_indication = pd.concat(parts)[columns] if parts else pd.DataFrame(columns=columns)
    shown = [overall, *groups] if len(groups) == 2 else [overall]
    svg = plots.km_svg(shown, f"{title} (Kaplan-Meier, individual patients)")
    milestones = {name: _at(table, day) for name, day in MILESTONES.items()}
    labels = [str(f._label) for f in groups]
    return Curve(endpoint, title, data, table, by_indication, svg, milestones, labels)


def analyze(tables: Tables) -> Analysis:
    """Compute the analysis of a pooled run."""
    counts = count_outcomes(tables)
    by_study = counts.frame()
    patients = counts.patients if counts.patients is not None else tables.patients.iloc[0:0]
    curves = [_curve(patients, survival.AFS), _curve(patients, survival.FREEDOM)]
    return Analysis(tables, counts, by_study, pooled_table(by_study), _forests(by_study), curves)


def summary_numbers(analysis: Analysis) -> dict[str, Any]:
    """The counts the report and the terminal show."""
    studies = analysis.counts.studies
    with_rows = {r for r in analysis.by_study["study_id"]}
    return {
        "files": len(analysis.tables.studies),
        "studies": len(studies),
        "with_outcomes": len(with_rows),
        "with_patients": sum(1 for s in studies if s.n_rows),
        "patients": analysis.n_patients,
        "left_out": len(analysis.counts.left_out),
        "case_reports": sum(1 for s in studies if s.design in ("case_report", "case_series")),
    }
