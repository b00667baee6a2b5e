"""The last steps of a corpus run: unique study labels, duplicate patients, figures, summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from extract.dataset.duplicates import PATIENT, Pair, StudyFacts, find_pairs
from extract.dataset.labels import unique_labels
from extract.export.summary import PooledFigures

if TYPE_CHECKING:
    from extract.corpus.assemble import Pooled

TextReader = Callable[[str], str | None]


def _reader(max_bytes: int | None, max_pages: int | None) -> TextReader:
    """Read a paper's text again (for institutions and study period), None when it fails."""

    def read(path: str) -> str | None:
        from extract.reading import read_document

        kwargs = {k: v for k, v in (("max_bytes", max_bytes), ("max_pages", max_pages)) if v}
        try:
            return read_document(path, **kwargs).text
        except Exception:  # noqa: BLE001 - a paper that no longer reads only loses these facts
            return None

    return read


def _labels(pooled: Pooled) -> None:
    """Make study labels unique across the run (2025a, 2025b) in every table."""
    by_study: dict[str, str] = {}
    for row in pooled.rows:
        by_study.setdefault(row["study_id"], row["study_label"])
    for row in pooled.studies:
        if row.get("status") == "ok" and row.get("study_id") not in by_study:
            by_study[row["study_id"]] = row.get("study_label") or row["study_id"]
    ids = list(by_study)
    unique = dict(zip(ids, unique_labels([by_study[i] for i in ids]), strict=True))
    for row in [*pooled.rows, *pooled.studies]:
        if row.get("study_id") in unique and row.get("status", "ok") == "ok":
            row["study_label"] = unique[row["study_id"]]


def finish(
    pooled: Pooled,
    keep_duplicates: bool = False,
    max_bytes: int | None = None,
    max_pages: int | None = None,
    read_text: TextReader | None = None,
) -> list[Pair]:
    """Labels, duplicate pairs (merged unless ``keep_duplicates``) and the figures, in place."""
    _labels(pooled)
    read = read_text or _reader(max_bytes, max_pages)
    facts = [
        StudyFacts.of(study_id, result, lambda path=result.source.path: read(path))
        for study_id, _, result in pooled.results
    ]
    pairs = find_pairs(facts)
    if keep_duplicates:
        for pair in pairs:
            if pair.merged:
                pair.merged = False
                pair.reasons.append("not merged (--keep-duplicates)")
    merged = {(p.study_b, p.patient_b): p for p in pairs if p.kind == PATIENT and p.merged}
    for row in pooled.rows:
        pair = merged.get((row["study_id"], row["patient_id"]))
        row["duplicate_of"] = pair.study_a if pair else None
        row["duplicate_of_patient"] = pair.patient_a if pair else None
    pooled.figures = PooledFigures()
    for study_id, _, result in pooled.results:
        for patient in result.patients:
            if (study_id, patient.patient_id) not in merged:
                pooled.figures.add(patient)
    pooled.pairs = pairs
    return pairs


def summary_data(pooled: Pooled, outputs: dict[str, str], found: int) -> dict[str, Any]:
    """The run's summary figures as plain JSON data (pooled_summary.json)."""
    f = pooled.figures
    ci = f.major_ci
    merged = [p for p in pooled.pairs if p.merged]
    plan = pooled.corrections
    return {
        "files": outputs,
        "papers": {
            "found": found,
            "read": pooled.read,
            "no_patients": sum(1 for _, _, r in pooled.results if not r.patients),
            "failed": [{"file": rel, "reason": why} for rel, why in pooled.failed],
            "duplicate_files": [
                {"file": rel, "duplicate_of": first, "why": why}
                for rel, first, why in pooled.duplicates
            ],
        },
        "patients": {
            "rows": len(pooled.rows),
            "counted": f.patients,
            "reported_by_papers": _reported(pooled),
            "merged_duplicates": [p.row() for p in merged],
        },
        "major_amputation": {
            "events": f.major,
            "known": f.amputation_known,
            "rate": f.major_rate,
            "wilson_95ci": list(ci) if ci else None,
        },
        "limb_salvage": f.limb_salvage,
        "amputation_free": f.amputation_free,
        "deaths": {"events": f.deaths, "known": f.death_known},
        "duplicate_pairs": {
            "patient": sum(1 for p in pooled.pairs if p.kind == PATIENT),
            "cohort": sum(1 for p in pooled.pairs if p.kind != PATIENT),
            "merged": len(merged),
        },
        "corrections": None if plan is None else _corrections(plan),
    }


def _reported(pooled: Pooled) -> int | None:
    reported = [r.study.n_patients for _, _, r in pooled.results]
    return sum(reported) if reported and all(n is not None for n in reported) else None


def _corrections(plan: Any) -> dict[str, Any]:
    return {
        "folder": str(plan.folder),
        "applied": [
            {
                "file": a.file,
                "paper": rel,
                "matched_by": a.matched_by,
                "corrected": a.n_corrected,
                "not_reported": a.n_not_reported,
                "patients_dropped": a.dropped,
                "patients_added": a.added,
            }
            for rel, a in plan.applied
        ],
        "not_applied": [{"file": name, "reason": why} for name, why in plan.problems],
    }


def summary_lines(pooled: Pooled) -> list[str]:
    """Extra lines of the printed summary: corrections, duplicate patients and cohorts."""
    lines = []
    plan = pooled.corrections
    if plan is not None:
        lines.append(
            f"{'corrections':<16}{len(plan.applied)} applied, {len(plan.problems)} not applied"
        )
        for rel, a in plan.applied:
            dropped = f", {len(a.dropped)} patient(s) left out" if a.dropped else ""
            lines.append(
                f"    {a.file} -> {rel} (by {a.matched_by}): {a.n_corrected} corrected, "
                f"{a.n_not_reported} not reported{dropped}"
            )
        lines += [f"    NOT APPLIED {name}: {why}" for name, why in plan.problems]
    patient_pairs = [p for p in pooled.pairs if p.kind == PATIENT]
    merged = [p for p in patient_pairs if p.merged]
    cohorts = [p for p in pooled.pairs if p.kind != PATIENT]
    if pooled.pairs:
        lines.append(
            f"{'same patient?':<16}{len(patient_pairs)} pair(s), {len(merged)} counted once; "
            f"{len(cohorts)} overlapping cohort pair(s)"
        )
        lines += [
            f"    merged {p.study_b} #{p.patient_b} = {p.study_a} #{p.patient_a} "
            f"(score {p.score:.2f})"
            for p in merged
        ]
    return lines
