"""The same patient, or the same cohort, in two papers: candidate pairs and who is counted once.

Patients are compared across papers on age, sex, indication, vessels, risk factors, stents and
Rutherford class; papers on authors, institutions and publication years (weights and limits in
``duplicates.toml``). A pair that scores high enough and shares authors or an institution is
merged: the patient described more fully is counted, the other keeps its row with
``duplicate_of``. Series from one centre whose periods overlap are flagged as study pairs.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import combinations
from pathlib import Path
from typing import Any

from extract.dataset.frontmatter import Period, fold, institutions, period, period_text
from extract.export.flatten import stent_size
from schemas.models import ExtractionResult, Patient
from schemas.names import surname

PATIENT = "patient"
COHORT = "cohort"


@cache
def settings() -> dict[str, Any]:
    """The weights and limits of ``duplicates.toml``."""
    with open(Path(__file__).with_name("duplicates.toml"), "rb") as handle:
        return tomllib.load(handle)


def author_key(name: str) -> str | None:
    """An author as surname and first initial, folded ("Hiro Tanaka-Ruiz" -> "tanaka ruiz h")."""
    last = surname(name)
    if not last:
        return None
    family = fold(last)
    rest = fold(name).replace(family, " ", 1).split()
    given = [w for w in rest if w.isalpha()]
    return f"{family} {given[0][0]}" if given else family


@dataclass
class StudyFacts:
    """What the duplicate finder knows of one paper (its text is read only when needed)."""

    study_id: str
    year: int | None
    authors: dict[str, str]  # author key -> name as printed
    patients: list[Patient]
    n_reported: int | None
    text: Callable[[], str | None] = lambda: None

    @classmethod
    def of(
        cls, study_id: str, result: ExtractionResult, text: Callable[[], str | None] | None = None
    ) -> StudyFacts:
        """Facts of one paper; ``text()`` gives the paper's text for institutions and period."""
        keys: dict[str, str] = {}
        for name in result.study.authors:
            key = author_key(name)
            if key:
                keys.setdefault(key, name)
        return cls(
            study_id=study_id,
            year=result.study.year,
            authors=keys,
            patients=list(result.patients),
            n_reported=result.study.n_patients,
            text=text or (lambda: None),
        )

    @cached_property
    def _text(self) -> str:
        return self.text() or ""

    @cached_property
    def institutions(self) -> set[str]:
        """Institutions named in the paper's affiliation lines."""
        return institutions(self._text)

    @cached_property
    def period(self) -> Period | None:
        """The study period the paper states."""
        return period(self._text)

    @property
    def is_series(self) -> bool:
        """Two or more patients described or reported."""
        return len(self.patients) >= 2 or (self.n_reported or 0) >= 2


@dataclass
class Pair:
    """A candidate pair: two patients (kind patient) or two studies (kind cohort)."""

    kind: str
    study_a: str
    patient_a: str | None
    study_b: str
    patient_b: str | None
    score: float
    reasons: list[str] = field(default_factory=list)
    merged: bool = False

    def row(self) -> dict[str, Any]:
        """The pair as a row of pooled_duplicates.csv."""
        return {
            "kind": self.kind,
            "study_a": self.study_a,
            "patient_a": self.patient_a,
            "study_b": self.study_b,
            "patient_b": self.patient_b,
            "score": round(self.score, 3),
            "reasons": "; ".join(self.reasons),
            "merged": self.merged,
        }


def _links(a: StudyFacts, b: StudyFacts) -> tuple[list[str], list[str]]:
    shared = sorted(a.authors.keys() & b.authors.keys())
    return [a.authors[k] for k in shared], sorted(a.institutions & b.institutions)


def _years_ok(a: StudyFacts, b: StudyFacts, limit: int) -> bool | None:
    if a.year is None or b.year is None:
        return None
    return abs(a.year - b.year) <= limit


def _patient_points(p: Patient, q: Patient) -> tuple[float, float, list[str]] | None:
    """Shared weight, stated weight and reasons of two patients; None when they cannot match."""
    w = settings()["patient"]
    if p.age_years is None or q.age_years is None:
        return None
    if abs(p.age_years - q.age_years) > settings()["max_age_apart"]:
        return None
    if p.sex and q.sex and p.sex != q.sex:
        return None
    if p.indication and q.indication and p.indication != q.indication:
        return None
    same_age = p.age_years == q.age_years
    got, total = (w["age"] if same_age else w["age"] / 2), w["age"]
    why = [f"age {p.age_years}" if same_age else f"ages {p.age_years}/{q.age_years}"]
    checks = [
        ("sex", p.sex, q.sex, lambda v: f"sex {v}"),
        ("indication", p.indication, q.indication, lambda v: v),
        (
            "rutherford",
            p.rutherford_presentation,
            q.rutherford_presentation,
            lambda v: f"Rutherford {v}",
        ),
    ]
    if p.donor_artery and p.target_vein and q.donor_artery and q.target_vein:
        pv, qv = (p.donor_artery, p.target_vein), (q.donor_artery, q.target_vein)
        checks.append(("vessels", pv, qv, lambda v: f"vessels {v[0]} to {v[1]} vein"))
    for name, x, y, say in checks:
        if x is None or y is None:
            continue
        total += w[name]
        if x == y:
            got += w[name]
            why.append(say(x))
    if p.risk_factors and q.risk_factors:
        total += w["risk_factors"]
        mine, theirs = set(p.risk_factors), set(q.risk_factors)
        both, either = mine & theirs, mine | theirs
        if both == either:
            got += w["risk_factors"]
            why.append("same risk factors")
        elif len(both) * 2 >= len(either):
            got += w["risk_factors"] / 2
    if p.stents and q.stents:
        total += w["stents"]
        if sorted(map(stent_size, p.stents)) == sorted(map(stent_size, q.stents)):
            got += w["stents"]
            why.append("stents " + ";".join(sorted(map(stent_size, p.stents))))
    return got, total, why


def _study_points(a: StudyFacts, b: StudyFacts) -> tuple[float, float, list[str], bool]:
    """Shared weight, total weight, reasons and whether the papers are linked by people or place."""
    w = settings()["study"]
    authors, places = _links(a, b)
    got, why = 0.0, []
    if authors:
        got += w["authors"]
        why.append("authors " + ", ".join(authors))
    if places:
        got += w["institution"]
        why.append("institution " + ", ".join(places))
    if _years_ok(a, b, settings()["max_years_apart"]):
        got += w["years"]
        why.append("published {}/{}".format(*sorted((a.year, b.year))))
    total = w["authors"] + w["institution"] + w["years"]
    return got, total, why, bool(authors or places)


def _known(p: Patient) -> int:
    dumped = p.model_dump(exclude={"evidence", "patient_id"})
    return sum(1 for v in dumped.values() if v not in (None, []))


def _by_age(studies: list[StudyFacts]) -> dict[int, list[tuple[int, Patient]]]:
    index: dict[int, list[tuple[int, Patient]]] = {}
    for n, study in enumerate(studies):
        for patient in study.patients:
            if patient.age_years is not None:
                index.setdefault(patient.age_years, []).append((n, patient))
    return index


def _patient_pair(
    a: StudyFacts, p: Patient, b: StudyFacts, q: Patient, linked: dict, key: tuple[int, int]
) -> Pair | None:
    """The pair of patient ``p`` of ``a`` and ``q`` of ``b`` if they score as candidates."""
    cfg = settings()
    if _years_ok(a, b, cfg["max_years_apart"]) is False:
        return None
    shared = _patient_points(p, q)
    if shared is None:
        return None
    if key not in linked:
        linked[key] = _study_points(a, b)
    s_got, s_total, s_why, link = linked[key]
    got, total, why = shared
    score = (got + s_got) / (total + s_total)
    if score < cfg["candidate"]:
        return None
    if not link and (got / total < cfg["unlinked"] or total < cfg["unlinked_min_weight"]):
        return None
    pair = Pair(PATIENT, a.study_id, p.patient_id, b.study_id, q.patient_id, score, why + s_why)
    pair.merged = link and score >= cfg["merge"]
    if pair.merged and (_known(q), b.year or 0) > (_known(p), a.year or 0):
        pair.study_a, pair.patient_a = b.study_id, q.patient_id
        pair.study_b, pair.patient_b = a.study_id, p.patient_id
    return pair


def patient_pairs(studies: list[StudyFacts]) -> list[Pair]:
    """Candidate pairs of patients in different papers (compared only within a year of age)."""
    cfg = settings()
    index = _by_age(studies)
    linked: dict[tuple[int, int], tuple[float, float, list[str], bool]] = {}
    pairs = []
    for age, members in sorted(index.items()):
        near = [m for d in range(cfg["max_age_apart"] + 1) for m in index.get(age + d, [])]
        for n, first in members:
            for m, second in near:
                if m == n or (second.age_years == age and m < n):
                    continue
                i, j, p, q = (n, m, first, second) if n < m else (m, n, second, first)
                pair = _patient_pair(studies[i], p, studies[j], q, linked, (i, j))
                if pair is not None:
                    pairs.append(pair)
    return _one_merge_per_patient(pairs)


def _one_merge_per_patient(pairs: list[Pair]) -> list[Pair]:
    """Merge each patient at most once (the best pair), so that no one is counted zero times."""
    used: set[tuple[str, str | None]] = set()
    for pair in sorted(pairs, key=lambda x: -x.score):
        if not pair.merged:
            continue
        ends = {(pair.study_a, pair.patient_a), (pair.study_b, pair.patient_b)}
        if ends & used:
            pair.merged = False
            pair.reasons.append("not merged: one of the two is already merged with another")
            continue
        used |= ends
    return pairs


def _periods_overlap(a: Period | None, b: Period | None) -> bool | None:
    if a is None or b is None:
        return None
    return a[0] <= b[1] and b[0] <= a[1]


def cohort_pairs(studies: list[StudyFacts]) -> list[Pair]:
    """Series from one centre (shared authors or institution) whose study periods overlap."""
    cfg = settings()["cohort"]
    pairs = []
    for a, b in combinations([s for s in studies if s.is_series], 2):
        if len(a.authors.keys() & b.authors.keys()) < cfg["min_shared_authors"]:
            if not (a.institutions & b.institutions):
                continue
        authors, places = _links(a, b)
        if len(authors) < cfg["min_shared_authors"] and not places:
            continue
        overlap = _periods_overlap(a.period, b.period)
        if overlap is False:
            continue
        got, why = 0.0, []
        if len(authors) >= cfg["min_shared_authors"]:
            got += cfg["authors"]
            why.append("authors " + ", ".join(authors))
        if places:
            got += cfg["institution"]
            why.append("institution " + ", ".join(places))
        if overlap:
            got += cfg["period"]
            why.append(f"periods {period_text(a.period)} and {period_text(b.period)} overlap")
        elif _years_ok(a, b, cfg["max_years_apart_unknown_period"]):
            got += cfg["period"] / 2
            why.append(f"no stated period; published {a.year}/{b.year}")
        score = got / (cfg["authors"] + cfg["institution"] + cfg["period"])
        if score >= cfg["candidate"]:
            pairs.append(Pair(COHORT, a.study_id, None, b.study_id, None, score, why))
    return pairs


def find_pairs(studies: list[StudyFacts]) -> list[Pair]:
    """Every candidate pair, patients first, in study order."""
    order = {s.study_id: n for n, s in enumerate(studies)}
    pairs = patient_pairs(studies) + cohort_pairs(studies)
    return sorted(
        pairs,
        key=lambda p: (p.kind != PATIENT, order[p.study_a], order[p.study_b], -p.score),
    )
