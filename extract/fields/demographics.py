"""Age and sex of a patient."""

from __future__ import annotations

import re

from extract.document import Document
from extract.fields.candidates import Candidate, FieldValues
from extract.fields.cues import words
from extract.measures import load_patterns, parse_match
from extract.patients import PatientScope

_NUMBER = re.compile(r"^\s*(\d{1,3})\s*(?:y|yrs?|years)?\s*$", re.IGNORECASE)


def _table_age_sex(unit, doc: Document) -> tuple[list[Candidate], list[Candidate]]:
    ages, sexes = [], []
    text = unit.text
    for pattern in load_patterns()["regex"]["SEXAGE"]:
        match = pattern.match(text)
        if match:
            value = parse_match("SEXAGE", match)
            if value:
                ev = [unit.evidence(doc, 0, len(text))]
                ages.append(Candidate(value[0], ev, "table"))
                sexes.append(Candidate(value[1], ev, "table"))
                return ages, sexes
    if "age" in unit.families:
        match = _NUMBER.match(text)
        if match and "sex" not in unit.families:
            ages.append(Candidate(int(match.group(1)), [unit.evidence(doc, 0, len(text))], "table"))
        for span in unit.spans("measures", "AGE"):
            ages.append(Candidate(span._.value, [unit.span_evidence(doc, span)], "table"))
    if "sex" in unit.families:
        sex = _sex_word(text)
        if sex:
            sexes.append(Candidate(sex, [unit.evidence(doc, 0, len(text))], "table"))
    return ages, sexes


def _sex_word(text: str) -> str | None:
    tokens = re.findall(r"[A-Za-z]+", text.lower())
    for token in tokens:
        if token in words("sex", "female") or token == "f":
            return "female"
        if token in words("sex", "male") or token == "m":
            return "male"
    return None


def _text_sex(scope: PatientScope, doc: Document) -> list[Candidate]:
    """Sex from a noun next to the age ("65-year-old woman"), else from pronouns."""
    female, male = words("sex", "female"), words("sex", "male")
    for unit in scope.text_units():
        for span in unit.spans("measures", "AGE"):
            after = unit.tokens(span.end, span.end + 4)
            for token in after:
                if token.lower_ in female or token.lower_ in male:
                    sex = "female" if token.lower_ in female else "male"
                    ev = unit.doc_evidence(doc, span.start_char, token.idx + len(token.text))
                    return [Candidate(sex, [ev])]
    counts = {"female": [], "male": []}
    for unit in scope.text_units():
        if unit.section_kind == "figures":
            continue
        for token in unit.span:
            if token.lower_ in words("sex", "female_pronouns"):
                counts["female"].append((unit, token))
            elif token.lower_ in words("sex", "male_pronouns"):
                counts["male"].append((unit, token))
    nf, nm = len(counts["female"]), len(counts["male"])
    if max(nf, nm) >= 2 and max(nf, nm) >= 3 * min(nf, nm):
        sex = "female" if nf > nm else "male"
        hits = counts[sex][:3]
        ev = [u.doc_evidence(doc, t.idx, t.idx + len(t.text)) for u, t in hits]
        return [Candidate(sex, ev)]
    return []


def extract_demographics(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Fill ``age_years`` and ``sex``."""
    ages: list[Candidate] = []
    sexes: list[Candidate] = []
    for unit in scope.table_units():
        a, s = _table_age_sex(unit, doc)
        ages += a
        sexes += s
    text_ages = [
        Candidate(span._.value, [unit.span_evidence(doc, span)])
        for unit in scope.text_units()
        if unit.section_kind != "figures"
        for span in unit.spans("measures", "AGE")
    ]
    ages += text_ages[:1]
    sexes += _text_sex(scope, doc)
    out.choose("age_years", ages)
    out.choose("sex", sexes)
