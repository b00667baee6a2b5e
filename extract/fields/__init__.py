"""Step 10 — fields: the paper's Doc to the output contract, per patient and per study, each
value with its evidence. Extractors are plain functions of the Doc and its patient scopes."""

from __future__ import annotations

from spacy.tokens import Doc

from extract.document import Document
from extract.fields.anatomy import extract_anatomy
from extract.fields.candidates import FieldValues
from extract.fields.demographics import extract_demographics
from extract.fields.event_times import extract_event_times
from extract.fields.outcomes import extract_outcomes
from extract.fields.risk_factors import extract_risk_factors
from extract.fields.rutherford import extract_rutherford
from extract.fields.stents import extract_stents
from extract.fields.study import extract_study
from extract.fields.study.design import design
from extract.fields.study.outcomes import reported_outcomes
from extract.fields.study.relevance import relevance
from extract.patients import PatientScope
from schemas.models import ExtractionResult, Patient, Reported, Source, Study
from schemas.names import first_author, study_label
from schemas.vocab import load

PATIENT_EXTRACTORS = (
    extract_demographics,
    extract_risk_factors,
    extract_rutherford,
    extract_anatomy,
    extract_stents,
    extract_outcomes,
    extract_event_times,
)


def _patient(scope: PatientScope, doc: Document) -> FieldValues:
    out = FieldValues(patient_id=scope.patient_id)
    for extractor in PATIENT_EXTRACTORS:
        extractor(scope, doc, out)
    for field in ("rutherford_presentation", "rutherford_pre_dva"):
        klass = out.values.get(field)
        if klass:
            indication = load("rutherford").attr(klass, "indication")
            out.put("indication", indication, out.evidence[field][:1])
            break
    return out


def _study_indication(study: FieldValues, patients: list[FieldValues]) -> None:
    """The title's indication; else the patients' majority; else the paper's most named."""
    if study.values.pop("indication_from_title", False):
        return
    named = [p.values["indication"] for p in patients if "indication" in p.values]
    if named:
        top = max(set(named), key=named.count)
        evidence = [
            ev
            for p in patients
            if p.values.get("indication") == top
            for ev in p.evidence.get("indication", [])[:1]
        ]
        study.put("indication", top, evidence)


_LATE = ("design", "relevance")  # study facts decided once the patients are known
DVA_FIELDS = ("donor_artery", "target_vein", "stents", "prior_dva")


def _without_dva(patient: Patient) -> Patient:
    """A patient of a paper that did no venous arterialization: no circuit fields."""
    kept = {k: v for k, v in patient.evidence.items() if k not in DVA_FIELDS}
    return patient.model_copy(
        update={
            "donor_artery": None,
            "target_vein": None,
            "stents": [],
            "prior_dva": [],
            "evidence": kept,
        }
    )


def source_of(paper: Document) -> Source:
    """The ``source`` block of a result."""
    return Source(path=paper.path, sha256=paper.sha256, format=paper.format, pages=paper.n_pages)


def build_result(doc: Doc) -> ExtractionResult:
    """Run every extractor over the paper's analysed Doc and assemble the output document."""
    paper = doc._.paper
    scopes = list(doc._.patients)
    warnings = list(doc._.warnings or [])
    study_values = extract_study(doc, len(scopes))
    patients, conflicts = [], []
    patient_values = [_patient(scope, paper) for scope in scopes]
    _study_indication(study_values, patient_values)
    for scope, values in zip(scopes, patient_values, strict=True):
        if "indication" not in values.values and study_values.values.get("indication"):
            values.put(
                "indication",
                study_values.values["indication"],
                study_values.evidence.get("indication", [])[:1],
            )
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
    authors = sv.get("authors", [])
    if authors and evidence.get("authors"):
        evidence["first_author"] = evidence["authors"][:1]
    if not patients:
        reported_outcomes(doc, n_reported, study_values)
        outcomes = study_values.values.get("reported.outcomes")
        if outcomes:
            reported["outcomes"] = outcomes
            evidence["reported.outcomes"] = study_values.evidence["reported.outcomes"]
    design(doc, len(patients), n_reported, study_values)
    circuits = [
        p.evidence["donor_artery"][0]
        for p in patients
        if p.donor_artery and p.target_vein and p.evidence.get("donor_artery")
    ]
    relevance(doc, len(patients), n_reported, study_values, circuits)
    if study_values.values.get("relevance") == "not_dva":
        patients = [_without_dva(p) for p in patients]
    sv = study_values.values
    evidence.update({k: v for k, v in study_values.evidence.items() if k in _LATE and v})
    study = Study(
        title=sv.get("title"),
        authors=authors,
        first_author=first_author(authors),
        study_label=study_label(authors, sv.get("year")),
        journal=sv.get("journal"),
        year=sv.get("year"),
        doi=sv.get("doi"),
        design=sv.get("design"),
        relevance=sv.get("relevance"),
        indication=sv.get("indication"),
        n_patients=n,
        reported=Reported(**reported),
        evidence={k: v for k, v in evidence.items() if v},
    )
    return ExtractionResult(
        source=source_of(paper),
        study=study,
        patients=patients,
        conflicts=conflicts,
        warnings=warnings,
    )
