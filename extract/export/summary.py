"""Per-study summary rows (extracted vs reported) and the pooled figures with a Wilson CI."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from extract.export.flatten import major_of
from schemas.models import ExtractionResult, Patient

Z_95 = 1.959963984540054


def wilson_ci(successes: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval for a proportion ``successes / n`` (None when n == 0)."""
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError(f"successes {successes} not in 0..{n}")
    p = successes / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


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
        "year": study.year,
        "design": study.design,
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
