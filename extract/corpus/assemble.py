"""Turn the finished records of a run into the pooled, studies and evidence tables.

Papers are taken in sorted path order. A paper whose DOI was already seen is a duplicate: its
patients are left out of every table and count, so a cohort is never counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from pydantic import ValidationError

from extract.corpus.discovery import Paper
from extract.corpus.worker import STATUS_OK
from extract.dataset.corrections import Plan, origin_rows, studies_cells
from extract.export.flatten import evidence_rows, normalize_doi, pooled_rows, study_cells
from extract.export.summary import PooledFigures, other_row, study_row
from schemas.models import ExtractionResult

Row = dict[str, Any]


@dataclass
class Pooled:
    """Everything the run writes and reports."""

    rows: list[Row] = field(default_factory=list)
    evidence: list[Row] = field(default_factory=list)
    studies: list[Row] = field(default_factory=list)
    figures: PooledFigures = field(default_factory=PooledFigures)
    results: list[tuple[str, str, ExtractionResult]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    corrections: Plan | None = None
    pairs: list[Any] = field(default_factory=list)  # extract.dataset.duplicates.Pair

    @property
    def read(self) -> int:
        """Papers whose patients are in the pooled table."""
        return len(self.results)


def _unique_id(wanted: str, paper: Paper, taken: set[str]) -> str:
    """``wanted``, or the relative path without suffix when two files share a stem."""
    if wanted not in taken:
        return wanted
    candidate = str(PurePosixPath(paper.rel).with_suffix(""))
    n = 2
    while candidate in taken:
        candidate = f"{PurePosixPath(paper.rel).with_suffix('')}-{n}"
        n += 1
    return candidate


def assemble(
    papers: list[Paper], records: dict[str, dict[str, Any]], corrections: Plan | None = None
) -> Pooled:
    """Build the tables from every paper found and the records of those extracted."""
    out = Pooled(corrections=corrections)
    by_doi: dict[str, str] = {}
    taken: set[str] = set()
    for paper in sorted(papers, key=lambda p: p.rel):
        if paper.skipped:
            out.skipped.append((paper.rel, paper.skipped))
            out.studies.append(other_row(paper.rel, None, "skipped", paper.skipped))
            continue
        if paper.error:
            out.failed.append((paper.rel, paper.error))
            out.studies.append(other_row(paper.rel, None, "failed", paper.error))
            continue
        if paper.duplicate_of:
            reason = f"same file content as {paper.duplicate_of}"
            out.duplicates.append((paper.rel, paper.duplicate_of, "same file content"))
            out.studies.append(
                other_row(paper.rel, paper.sha256, "duplicate", reason, paper.duplicate_of)
            )
            continue
        record = records.get(paper.sha256 or "")
        if record is None:
            out.failed.append((paper.rel, "not processed (run interrupted)"))
            out.studies.append(other_row(paper.rel, paper.sha256, "failed", "not processed"))
            continue
        seconds = record.get("seconds")
        if record.get("status") != STATUS_OK:
            reason = record.get("error") or "failed"
            out.failed.append((paper.rel, reason))
            out.studies.append(
                other_row(paper.rel, paper.sha256, "failed", reason, seconds=seconds)
            )
            continue
        try:
            result = ExtractionResult.model_validate(record["result"])
        except (ValidationError, KeyError, TypeError) as exc:
            reason = f"journal record invalid ({type(exc).__name__}); rerun without --resume"
            out.failed.append((paper.rel, reason))
            out.studies.append(other_row(paper.rel, paper.sha256, "failed", reason))
            continue
        applied = corrections.apply_to(paper.rel, paper.sha256, result) if corrections else None
        result = applied.result if applied else result
        doi = normalize_doi(result.study.doi)
        if doi and doi in by_doi:
            first = by_doi[doi]
            out.duplicates.append((paper.rel, first, "same DOI"))
            out.studies.append(
                other_row(
                    paper.rel,
                    paper.sha256,
                    "duplicate",
                    f"same DOI as {first}",
                    duplicate_of=first,
                    study_id=doi,
                    seconds=seconds,
                )
            )
            continue
        if doi:
            by_doi[doi] = paper.rel
        study_id = _unique_id(doi or paper.stem, paper, taken)
        taken.add(study_id)
        out.results.append((study_id, paper.rel, result))
        out.rows.extend(pooled_rows(result, study_id, paper.rel))
        out.evidence.extend(evidence_rows(result, study_id))
        out.evidence.extend(origin_rows(applied, study_id) if applied else [])
        row = study_row(result, study_id, paper.rel, paper.sha256 or "", seconds)
        labels = study_cells(result, study_id, paper.rel)
        row.update({k: labels[k] for k in ("first_author", "study_label")})
        out.studies.append({**row, **studies_cells(applied)})
        for patient in result.patients:
            out.figures.add(patient)
    return out
