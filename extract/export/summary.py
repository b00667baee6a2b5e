"""Per-study summary rows (extracted vs reported) and the pooled figures with a Wilson CI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.export.flatten import first_author_of, major_of, number_text
from schemas.models import ExtractionResult, Patient, ReportedOutcome
from schemas.vocab import load


def wilson_ci(successes: int, n: int, alpha: float = 0.05) -> tuple[float, float] | None:
    """Wilson score interval for ``successes / n`` (statsmodels; None when n == 0)."""
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError(f"successes {successes} not in 0..{n}")
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(successes, n, alpha=alpha, method="wilson")
    return max(0.0, float(low)), min(1.0, float(high))


def headline_outcome(items: list[ReportedOutcome]) -> ReportedOutcome | None:
    """The count a one-row-per-study table keeps: the whole-follow-up one, else the latest."""
    if not items:
        return None
    overall = [o for o in items if o.time_days is None]
    if overall:
        return overall[0]
    return max(items, key=lambda o: o.time_days or 0.0)


def outcome_text(item: ReportedOutcome) -> str:
    """``death 6/23`` or ``death 0/23 @30d``."""
    text = f"{item.outcome} {item.events}/{item.total}"
    return text if item.time_days is None else f"{text} @{number_text(item.time_days)}d"


def reported_cells(result: ExtractionResult) -> dict[str, Any]:
    """The reported_<outcome>_events/_total/_time_days columns and the reported_outcomes text."""
    items = result.study.reported.outcomes
    cells: dict[str, Any] = {}
    for key in load("outcomes").keys():
        chosen = headline_outcome([o for o in items if o.outcome == key])
        cells[f"reported_{key}_events"] = chosen.events if chosen else None
        cells[f"reported_{key}_total"] = chosen.total if chosen else None
        cells[f"reported_{key}_time_days"] = chosen.time_days if chosen else None
    cells["reported_outcomes"] = "; ".join(outcome_text(o) for o in items) or None
    return cells


def study_row(
    result: ExtractionResult, study_id: str, source_file: str, sha256: str, seconds: float | None
) -> dict[str, Any]:
    """The per-study summary row of a paper that was read."""
    study, patients = result.study, result.patients
    ages = [p.age_years for p in patients if p.age_years is not None]
    n_reported = study.n_patients
    return {
        "study_id": study_id,
        "source_file": source_file,
        "sha256": sha256,
        "status": "ok",
        "reason": None,
        "duplicate_of": None,
        "title": study.title,
        "first_author": first_author_of(result),
        "study_label": study.study_label,
        "year": study.year,
        "design": study.design,
        "relevance": study.relevance,
        "indication": study.indication,
        "n_patients_reported": n_reported,
        "n_patients_extracted": len(patients),
        "n_patients_match": None if n_reported is None else n_reported == len(patients),
        "mean_age_reported": study.reported.mean_age_years,
        "mean_age_recomputed": round(sum(ages) / len(ages), 1) if ages else None,
        "n_with_age": len(ages),
        "n_female_reported": study.reported.n_female,
        "n_female_extracted": sum(1 for p in patients if p.sex == "female"),
        "n_male_reported": study.reported.n_male,
        "n_male_extracted": sum(1 for p in patients if p.sex == "male"),
        **reported_cells(result),
        "n_conflicts": len(result.conflicts),
        "n_warnings": len(result.warnings),
        "warnings": " | ".join(result.warnings) or None,
        "seconds": None if seconds is None else round(seconds, 2),
    }


def other_row(
    source_file: str,
    sha256: str | None,
    status: str,
    reason: str,
    duplicate_of: str | None = None,
    study_id: str | None = None,
    seconds: float | None = None,
) -> dict[str, Any]:
    """The per-study row of a paper that failed or is a duplicate."""
    return {
        "study_id": study_id,
        "source_file": source_file,
        "sha256": sha256,
        "status": status,
        "reason": reason,
        "duplicate_of": duplicate_of,
        "seconds": None if seconds is None else round(seconds, 2),
    }


@dataclass
class PooledFigures:
    """The figures a pooled analysis starts from, over the patients kept in the table."""

    patients: int = 0
    amputation_known: int = 0
    major: int = 0
    limb_salvage: int = 0
    amputation_free: int = 0
    deaths: int = 0
    death_known: int = 0

    def add(self, patient: Patient) -> None:
        """Count one patient."""
        self.patients += 1
        major = major_of(patient)
        if major is not None:
            self.amputation_known += 1
            self.major += int(major)
            self.limb_salvage += int(not major)
        if patient.amputation == "none":
            self.amputation_free += 1
        if patient.death is not None:
            self.death_known += 1
            self.deaths += int(patient.death)

    @property
    def major_rate(self) -> float | None:
        """Major amputations over patients with a known amputation outcome."""
        return self.major / self.amputation_known if self.amputation_known else None

    @property
    def major_ci(self) -> tuple[float, float] | None:
        """Wilson 95% CI of :attr:`major_rate`."""
        return wilson_ci(self.major, self.amputation_known)
