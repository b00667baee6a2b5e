"""Finding the patients a paper describes individually, and the units that belong to each.

Patients are found by structure: table columns or rows labelled as patients, "Case 1" /
"Patient A" sections and run-in paragraphs, or, failing those, a single-case narrative
("A 74-year-old man presented ..."). A paper of pooled figures only has no patients.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from extract.cuetable import CueTable
from extract.sections import NARRATIVE, SectionKind
from extract.units import Unit

CUES = CueTable(Path(__file__).parent / "cues.toml")
regex, words = CUES.regex, CUES.words


_SUMMARIES = (SectionKind.ABSTRACT, SectionKind.METHODS, SectionKind.RESULTS)


@dataclass
class PatientScope:
    """One patient: its id and every unit that speaks of it, table cells first."""

    patient_id: str
    units: list[Unit] = field(default_factory=list)
    single: bool = False

    def table_units(self) -> list[Unit]:
        """The patient's table cells."""
        return [u for u in self.units if u.source == "table"]

    def text_units(self) -> list[Unit]:
        """The patient's narrative units, in document order."""
        return [u for u in self.units if u.source == "text"]


def _labelled_ids(doc: Doc) -> list[str]:
    ids: list[str] = []
    for table in doc._.tables:
        ids.extend(table.patients)
    for unit in sorted(doc._.units, key=lambda u: u.start):
        if unit.patient and unit.section_kind != SectionKind.FIGURES:
            ids.append(unit.patient)
    return list(dict.fromkeys(ids))


def _introduces_patient(unit: Unit) -> bool:
    """An age that introduces the patient ("A 67-year-old man"), not one of many."""
    quantifiers = words("patients", "quantifiers")
    for span in unit.spans("measures", "AGE"):
        before = unit.tokens(span.start - 4, span.start)
        if {t.lower_ for t in before} & quantifiers or any(t.like_num for t in before):
            continue  # "the oldest", "mean", or the end of a range ("entre 12 a 98 anos")
        return True
    return False


def _is_single_case(doc: Doc) -> bool:
    """A narrative that introduces one patient by age, in a paper that is not a cohort."""
    narrative = [u for u in doc._.units if u.source == "text" and u.section_kind in NARRATIVE]
    if any(u.section_kind == SectionKind.CASE and _introduces_patient(u) for u in narrative):
        return True
    summaries = [u for u in narrative if u.section_kind in _SUMMARIES]
    if any(regex("patients", "cohort").search(u.text) for u in summaries):
        return False
    return any(_introduces_patient(u) for u in narrative) or declares_single_case(doc)


def _own_blocks(doc: Doc) -> list[str]:
    """Texts of the title, article type and the blocks of the paper's own sections."""
    layout = doc._.layout
    skip = (SectionKind.REFERENCES, SectionKind.DISCUSSION, SectionKind.BACK)
    return [
        b.text
        for b in layout.blocks
        if b.kind in ("title", "article_type", "heading", "paragraph", "fields")
        and layout.section_of(b).kind not in skip
    ]


def declares_single_case(doc: Doc) -> bool:
    """The paper says it reports one case, names one patient in its title, or tells the story
    of one named person."""
    texts = _own_blocks(doc)
    if any(regex("single", "declares").search(t) for t in texts):
        return True
    title = doc._.layout.title
    if title is not None and regex("single", "title").search(title.text):
        return True
    named = regex("single", "named")
    doctor = regex("single", "doctor")
    doctors = _doctor_names(texts)
    for text in texts:
        for match in named.finditer(text):
            around = text[max(0, match.start() - 25) : match.end() + 25]
            if doctor.search(around) or _staff_apposition(text, match.end()):
                continue
            if not set(_NAME.findall(match.group())) & doctors:
                return True
    return False


def _staff_apposition(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by a title of office in apposition."""
    apposition = regex("single", "apposition").match(text, end)
    return bool(
        apposition
        and (
            regex("single", "doctor").search(apposition.group())
            or regex("single", "staff").search(apposition.group())
        )
    )


_NAME = re.compile(r"[A-Z][a-z’'-]+")


def _doctor_names(texts: list[str]) -> set[str]:
    """Surnames the paper gives with a doctor's title ("Dr. Ann Lee", "Ann Lee, MD"): a
    speaker named by that surname alone ("Lee said") is the doctor, not the patient."""
    patterns = [re.compile(p) for p in CUES.data["single"]["doctor_name"]]
    return {m.group("name") for p in patterns for text in texts for m in p.finditer(text)}


def excluded_reason(scope: PatientScope) -> str | None:
    """The table cell by which a paper leaves a described patient out (DVA abandoned)."""
    for unit in scope.table_units():
        if regex("patients", "excluded").search(unit.text):
            return unit.text
    return None


def find_patients(doc: Doc) -> list[PatientScope]:
    """The patients of the paper with their units."""
    ids = _labelled_ids(doc)
    if ids:
        scopes = {pid: PatientScope(pid) for pid in ids}
        for unit in doc._.units:
            if unit.patient in scopes:
                scopes[unit.patient].units.append(unit)
        return [
            s
            for s in scopes.values()
            if any(u.section_kind != SectionKind.FIGURES for u in s.units)
        ]
    if _is_single_case(doc):
        timeline = [u for u in doc._.units if u.source == "table" and u.patient is None]
        narrative = [u for u in doc._.units if u.section_kind in NARRATIVE] or [
            u for u in doc._.units if u.source == "text" and u.section_kind == SectionKind.FRONT
        ]  # an excerpt that is all front matter tells the case there
        narrative = [u for u in narrative if not regex("patients", "other_patient").search(u.text)]
        units = timeline + narrative
        return [PatientScope("1", units, single=True)]
    return []
