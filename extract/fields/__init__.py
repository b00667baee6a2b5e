"""Field extractors: per patient and per study, each value with its evidence."""

from __future__ import annotations

from extract.document import Document
from extract.fields.analysis import analyse
from extract.fields.anatomy import extract_anatomy
from extract.fields.candidates import FieldValues
from extract.fields.demographics import extract_demographics
from extract.fields.outcomes import extract_outcomes
from extract.fields.patients import PatientScope, find_patients
from extract.fields.risk_factors import extract_risk_factors
from extract.fields.rutherford import extract_rutherford
from extract.fields.stents import extract_stents
from extract.fields.study import extract_study
from extract.vocab import load
from schemas.models import ExtractionResult, Patient, Reported, Study

PATIENT_EXTRACTORS = (
    extract_demographics,
    extract_risk_factors,
    extract_rutherford,
    extract_anatomy,
    extract_stents,
    extract_outcomes,
)


def _patient(scope: PatientScope, doc: Document, study_indication: str | None) -> FieldValues:
    out = FieldValues(patient_id=scope.patient_id)
    for extractor in PATIENT_EXTRACTORS:
        extractor(scope, doc, out)
    klass = out.values.get("rutherford_presentation") or out.values.get("rutherford_pre_dva")
    indication = load("rutherford").attr(klass, "indication") if klass else None
    if indication:
        field = (
            "rutherford_presentation"
            if "rutherford_presentation" in out.values
            else "rutherford_pre_dva"
        )
        out.put("indication", indication, out.evidence[field][:1])
    elif study_indication:
        out.put("indication", study_indication, [])
    return out


def _design(n: int, title: str | None) -> str:
    if n == 1:
        return "case_report"
    if n >= 2:
        return "case_series"
    if title and any(w in title.lower() for w in ("randomized", "randomised", "trial")):
        return "trial"
    return "cohort"


def build_result(doc: Document, model: str | None = None) -> ExtractionResult:
    """Run every extractor over ``doc`` and assemble the output document."""
    from extract.pipeline import source_of

    analysis = analyse(doc, model)
    scopes = find_patients(analysis)
    study_values = extract_study(analysis, len(scopes))
    warnings: list[str] = []
    patients, conflicts = [], []
    for scope in scopes:
        values = _patient(scope, doc, study_values.values.get("indication"))
        patients.append(
            Patient(
                patient_id=scope.patient_id,
                **values.values,
                evidence={k: v for k, v in values.evidence.items() if v},
            )
        )
        conflicts.extend(values.conflicts)
    sv = study_values.values
    reported = {k.split(".", 1)[1]: v for k, v in sv.items() if k.startswith("reported.")}
    n_reported = reported.pop("n_reported", None)
    n = len(patients) or n_reported
    if not patients:
        warnings.append(
            "no individually described patients found"
            + (f"; the paper reports pooled figures for {n_reported}" if n_reported else "")
        )
    evidence = {k: v for k, v in study_values.evidence.items() if v}
    if patients:
        evidence["n_patients"] = [
            p.evidence["age_years"][0] for p in patients if p.evidence.get("age_years")
        ][:3]
    elif n_reported:
        evidence["n_patients"] = study_values.evidence.get("reported.n_reported", [])
    evidence.pop("reported.n_reported", None)
    study = Study(
        title=sv.get("title"),
        authors=sv.get("authors", []),
        journal=sv.get("journal"),
        year=sv.get("year"),
        doi=sv.get("doi"),
        design=_design(len(patients), sv.get("title")),
        indication=sv.get("indication"),
        n_patients=n,
        reported=Reported(**reported),
        evidence={k: v for k, v in evidence.items() if v},
    )
    return ExtractionResult(
        source=source_of(doc),
        study=study,
        patients=patients,
        conflicts=conflicts,
        warnings=warnings,
    )
