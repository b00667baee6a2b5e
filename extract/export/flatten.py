"""Flatten one :class:`ExtractionResult` into table rows: patients (wide) and evidence (long).

Cells are Python values (str, int, float, bool, None); the writers turn them into CSV/JSONL/
Parquet. Unknown stays None: a list field with no items and no evidence is unknown, not zero.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from extract.dataset.labels import label_or_stem, with_labels
from extract.export.columns import columns
from schemas.fields import fields as table
from schemas.models import ExtractionResult, Patient, Stent
from schemas.vocab import load

LIST_SEP = ";"
UNKNOWN_PART = "?"
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normalize_doi(doi: str | None) -> str | None:
    """A DOI in its comparable form: lower case, no resolver prefix, no trailing dot."""
    if not doi:
        return None
    text = _DOI_PREFIX.sub("", doi.strip()).rstrip(".,;").strip()
    return text.lower() or None


def study_id_of(result: ExtractionResult, stem: str) -> str:
    """The study key: the normalised DOI, else the file stem."""
    return normalize_doi(result.study.doi) or stem


def number_text(value: float | int | None) -> str:
    """A number as a short text: 5.0 -> "5", 6.5 -> "6.5", None -> "?"."""
    if value is None:
        return UNKNOWN_PART
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def stent_size(stent: Stent) -> str:
    """``diameter x length`` in mm ("5x150"); "?" for an unknown part, "?" if both unknown."""
    if stent.diameter_mm is None and stent.length_mm is None:
        return UNKNOWN_PART
    return f"{number_text(stent.diameter_mm)}x{number_text(stent.length_mm)}"


def _join(items: list[str]) -> str | None:
    return LIST_SEP.join(items) if items else None


def _known_list(patient: Patient, field: str) -> bool:
    """A list field is known when it has items or the paper gave evidence for it."""
    return bool(getattr(patient, field)) or bool(patient.evidence.get(field))


def major_of(patient: Patient) -> bool | None:
    """``major_amputation`` as given, else derived from the amputation level's ``major``."""
    if patient.major_amputation is not None:
        return patient.major_amputation
    if patient.amputation is None:
        return None
    return load("amputation_levels").attr(patient.amputation, "major")


def first_author_of(result: ExtractionResult) -> str | None:
    """The first author's surname: ``study.first_author``, else from ``authors``."""
    from schemas.names import first_author

    study = result.study
    return study.first_author or first_author(study.authors)


def study_cells(result: ExtractionResult, study_id: str, source_file: str) -> dict[str, Any]:
    """The study columns of the pooled table for one paper."""
    study = with_labels(result.study)
    cells: dict[str, Any] = {"study_id": study_id}
    cells |= {f.export: getattr(study, f.name) for f in table("study") if f.export}
    cells["first_author"] = study.first_author or first_author_of(result)
    cells["study_label"] = label_or_stem(study, PurePosixPath(source_file).stem)
    cells["source_file"] = source_file
    return cells


def patient_cells(patient: Patient) -> dict[str, Any]:
    """The patient columns of the pooled table for one patient."""
    order = load("risk_factors").keys()
    factors = sorted(set(patient.risk_factors), key=order.index)
    rf_known = _known_list(patient, "risk_factors")
    cells: dict[str, Any] = {
        f.export: getattr(patient, f.name) for f in table("patient") if f.export
    }
    for key in order:
        cells[f"rf_{key}"] = (key in factors) if rf_known else None
    stents = patient.stents
    stents_known = _known_list(patient, "stents")
    covered = [s.covered for s in stents]
    cells.update(
        {
            "risk_factors": _join(factors),
            "n_prior_dva": len(patient.prior_dva) if _known_list(patient, "prior_dva") else None,
            "prior_dva": _join([_prior_text(p) for p in patient.prior_dva]),
            "n_stents": len(stents) if stents_known else None,
            "stent_devices": _join([s.device or UNKNOWN_PART for s in stents]),
            "stent_manufacturers": _join([s.manufacturer or UNKNOWN_PART for s in stents]),
            "stent_sizes": _join([stent_size(s) for s in stents]),
            "n_covered_stents": (
                sum(1 for c in covered if c) if stents_known and None not in covered else None
            ),
            "major_amputation": major_of(patient),
        }
    )
    return cells


def _prior_text(prior: BaseModel) -> str:
    donor = getattr(prior, "donor_artery", None) or UNKNOWN_PART
    vein = getattr(prior, "target_vein", None) or UNKNOWN_PART
    return f"{donor}>{vein}"


def pooled_rows(result: ExtractionResult, study_id: str, source_file: str) -> list[dict[str, Any]]:
    """One row per patient, study columns repeated, in the documented column order."""
    study = study_cells(result, study_id, source_file)
    order = [c.name for c in columns("pooled")]
    rows = []
    for patient in result.patients:
        cells = {**study, **patient_cells(patient)}
        rows.append({name: cells.get(name) for name in order})
    return rows


def value_text(obj: Any, field: str) -> str | None:
    """The value of ``field`` (dotted path, list indices allowed) of ``obj`` as one text."""
    value: Any = obj
    for part in re.split(r"[.\[\]]+", field):
        if not part:
            continue
        if isinstance(value, list) and part.isdigit():
            index = int(part)
            value = value[index] if index < len(value) else None
        elif isinstance(value, BaseModel):
            value = getattr(value, part, None)
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            value = None
        if value is None:
            return None
    return _as_text(value)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, Stent):
        return " ".join(p for p in (value.device, stent_size(value)) if p and p != UNKNOWN_PART)
    if isinstance(value, BaseModel):
        if {"donor_artery", "target_vein"} <= set(type(value).model_fields):
            return _prior_text(value)
        return json.dumps(value.model_dump(mode="json", exclude_none=True), ensure_ascii=False)
    if isinstance(value, list):
        return _join([t for t in (_as_text(v) for v in value) if t is not None])
    return str(value)


def evidence_rows(result: ExtractionResult, study_id: str) -> list[dict[str, Any]]:
    """The long evidence table of one paper: one row per evidence item of every field."""
    rows: list[dict[str, Any]] = []
    owners: list[tuple[str | None, BaseModel]] = [(None, result.study)]
    owners += [(p.patient_id, p) for p in result.patients]
    for patient_id, owner in owners:
        for field, items in owner.evidence.items():
            value = value_text(owner, field)
            for item in items:
                rows.append(
                    {
                        "study_id": study_id,
                        "patient_id": patient_id,
                        "field": field,
                        "value": value,
                        "quote": item.quote,
                        "page": item.page,
                        "section": item.section,
                        "source": item.source,
                        "start": item.start,
                        "end": item.end,
                        "origin": "extracted",
                        "extracted_value": None,
                    }
                )
    return rows
