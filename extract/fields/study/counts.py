"""Counts and pooled summaries the paper reports (n treated, mean age, sexes, follow-up)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.fields.candidates import FieldValues
from extract.measures import parse_number, to_days

_NUM = r"(?P<n>\d+|[A-Za-z]+(?:-[a-z]+)?)"
_SEX_COUNTS = re.compile(
    rf"{_NUM}\s+(?:patients\s+)?(?:\([^)]{{0,12}}\)\s+)?(?:were\s+)?"
    r"(?P<sa>women|woman|females?|men|man|males?)\b(?:\s*(?:,|and|/|;)\s*"
    r"(?P<m>\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?P<sb>women|woman|females?|men|man|males?)\b)?",
    re.IGNORECASE,
)
_MEAN_AGE = re.compile(r"\bmean age\b[^0-9]{0,12}?(?P<v>\d{2}(?:\.\d+)?)", re.IGNORECASE)
_MEDIAN_FU = re.compile(
    r"\bmedian (?:clinical )?(?:follow-?up|observation period|observation)\b[^0-9]{0,20}?"
    r"(?P<v>\d+(?:\.\d+)?)\s*"
    r"(?P<u>days?|weeks?|months?|years?)",
    re.IGNORECASE,
)
_N_PATIENTS = re.compile(rf"\b{_NUM}\s+(?:consecutive\s+)?patients\b", re.IGNORECASE)


_TREATED = re.compile(
    r"\b(?:underwent|were treated|received|had (?:a )?(?:p?DVA|arteriali[sz]ation)|were included)\b"
)


def _treated(text: str, match: re.Match) -> bool:
    """Whether a patient count is followed by its treatment in the same clause, before any
    other count ("Of 41 patients screened, 27 patients underwent pDVA": only the 27)."""
    window = re.split(r"[.;]", text[match.end() : match.end() + 80])[0]
    following = _N_PATIENTS.search(window)
    return bool(_TREATED.search(window[: following.start()] if following else window))


def reported(doc: Doc, out: FieldValues) -> None:
    paper = doc._.paper
    units = [
        u
        for u in doc._.units
        if u.source == "text" and u.section_kind in ("abstract", "results", "methods", "body")
    ]
    rep: dict = {}
    counts: list[tuple] = []
    for unit in units:
        text = unit.text
        if "mean_age_years" not in rep and (m := _MEAN_AGE.search(text)):
            rep["mean_age_years"] = (float(m.group("v")), unit.evidence(paper, *m.span()))
        if "median_follow_up_days" not in rep and (m := _MEDIAN_FU.search(text)):
            rep["median_follow_up_days"] = (
                to_days(float(m.group("v")), m.group("u")),
                unit.evidence(paper, *m.span()),
            )
        for m in _SEX_COUNTS.finditer(text):
            for num, word in ((m.group("n"), m.group("sa")), (m.group("m"), m.group("sb"))):
                value = parse_number(num) if num else None
                key = "n_female" if word and word.lower().startswith(("wom", "fem")) else "n_male"
                if value is not None and key not in rep:
                    rep[key] = (int(value), unit.evidence(paper, *m.span()))
        for m in _N_PATIENTS.finditer(text):
            value = parse_number(m.group("n")) or 0
            if value >= 2:
                counts.append((_treated(text, m), value, unit.evidence(paper, *m.span()), unit))
    if counts:  # the first count said to be treated; else the largest of the first paragraph
        treated = [c for c in counts if c[0]]
        first = [c for c in counts if c[3] is counts[0][3]]
        _, value, ev, _ = treated[0] if treated else max(first, key=lambda c: c[1])
        rep["n_reported"] = (int(value), ev)
    for key, (value, ev) in rep.items():
        out.put(f"reported.{key}", value, [ev])
