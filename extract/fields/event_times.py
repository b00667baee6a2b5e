"""Time to event: days from the index DVA to the major amputation and to death.

Read only where the paper states it, beside the event itself: in the sentence (or the table
cell) the event was read from, the time nearest to it ("BKA at 2 months", "died 11 weeks after
surgery", "knee disarticulation on day 9", "Died (4 mo)"). A time told as before the DVA ("two
years earlier") is history, not an event time.
"""

from __future__ import annotations

import re

from extract.document import Document
from extract.fields.candidates import FieldValues
from extract.fields.cues import regex
from extract.measures import to_days
from extract.patients import PatientScope
from extract.sections import SectionKind
from extract.units import Unit
from schemas.models import Evidence
from schemas.vocab import load

_DAY = re.compile(
    r"\b(?:on\s+)?(?:post-?operative\s+|post-?procedure\s+|post-?DVA\s+|hospital\s+)?"
    r"day\s+(?P<n>\d{1,4})\b|\bPOD\s*(?P<pod>\d{1,4})\b|\b(?:day|d)\s*\+\s*(?P<plus>\d{1,4})\b",
    re.IGNORECASE,
)
_NTH = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
_ORDINAL = re.compile(  # "week 7", "month 3", "in the seventh week"
    rf"\b(?P<unit>week|wk|month)\s+(?P<n>\d{{1,3}})\b|\b(?P<ord>{_NTH}|\d{{1,2}}(?:st|nd|rd|th))"
    r"\s+(?:post-?operative\s+)?(?P<ounit>week|month)\b",
    re.IGNORECASE,
)
_SHORT = re.compile(  # "4 mo", "9 wk", "19 d" in a table cell
    r"\b(?P<n>\d{1,3}(?:\.\d)?)\s*(?P<unit>mo|mos|wk|wks|d|m|w|y|yr)\b\.?", re.IGNORECASE
)
_UNITS = {"m": "month", "mo": "month", "mos": "month", "w": "week", "wk": "week", "wks": "week"}
_UNITS |= {"d": "day", "y": "year", "yr": "year"}


def _unit_of(scope: PatientScope, ev: Evidence) -> Unit | None:
    return next((u for u in scope.units if u.start <= ev.start < u.end), None)


def _times(unit: Unit, start: int, end: int) -> list[tuple[int, float, int, int]]:
    """(position, days, match start, match end) of the times stated in ``unit.text[start:end]``."""
    text = unit.text[start:end]
    found = []
    for span in unit.spans("measures", "DURATION"):
        a, b = unit.rel(span.start_char), unit.rel(span.end_char)
        if start <= a and b <= end and not regex("outcome", "history_time").match(unit.text[b:]):
            found.append((a, span._.value, a, b))
    for match in _DAY.finditer(text):
        n = match.group("n") or match.group("pod") or match.group("plus")
        found.append((start + match.start(), float(n), start + match.start(), start + match.end()))
    for match in _ORDINAL.finditer(text):
        if match.group("n"):
            number, unit_word = float(match.group("n")), match.group("unit")
        else:
            word = match.group("ord").lower()
            number = float(_NTH.split("|").index(word) + 1) if word.isalpha() else float(word[:-2])
            unit_word = match.group("ounit")
        days = to_days(number, "month" if unit_word.lower().startswith("mo") else "week")
        found.append((start + match.start(), days, start + match.start(), start + match.end()))
    if unit.source == "table" and not found:
        for match in _SHORT.finditer(text):
            days = to_days(float(match.group("n")), _UNITS[match.group("unit").lower()])
            found.append((start + match.start(), days, start + match.start(), start + match.end()))
    return found


def _time_of(scope: PatientScope, doc: Document, ev: Evidence) -> tuple[float, Evidence] | None:
    """The time stated beside the event read at ``ev``: nearest after it, else before it."""
    unit = _unit_of(scope, ev)
    return None if unit is None else _time_at(unit, doc, ev.start)


def _time_at(unit: Unit, doc: Document, char: int) -> tuple[float, Evidence] | None:
    """The time stated beside Doc offset ``char`` of ``unit``."""
    ev_start = char
    at = ev_start - unit.start
    sent = next((s for s in unit.sents if s.start_char <= ev_start < s.end_char), unit.span)
    start, end = unit.rel(sent.start_char), unit.rel(sent.end_char)
    times = _times(unit, start, end)
    if not times:
        return None
    after = [t for t in times if t[0] >= at]
    pos, days, a, b = min(after or times, key=lambda t: abs(t[0] - at))
    if days <= 0 or days > 3650:
        return None
    return days, unit.evidence(doc, a, b)


def extract_event_times(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Fill ``days_to_major_amputation`` and ``days_to_death`` where the paper states them."""
    if out.values.get("major_amputation") is True:
        found = _first_major(scope, doc) or next(
            filter(None, (_time_of(scope, doc, ev) for ev in out.evidence.get("amputation", []))),
            None,
        )  # else the time beside the level as it was read ("Amputation: through-knee (day 61)")
        if found:
            out.put("days_to_major_amputation", found[0], [found[1]])
    if out.values.get("death") is True:
        for ev in out.evidence.get("death", [])[:2]:
            found = _time_of(scope, doc, ev)
            if found:
                out.put("days_to_death", found[0], [found[1]])
                break


def _first_major(scope: PatientScope, doc: Document) -> tuple[float, Evidence] | None:
    """The earliest time stated beside a major amputation of the patient ("BKA (day 22),
    revised to AKA (day 61)" -> 22)."""
    vocab = load("amputation_levels")
    times = []
    for unit in scope.units:
        if unit.section_kind == SectionKind.FIGURES:
            continue
        for span in unit.spans("vocab", "amputation_levels"):
            if span._.negated or span._.hypothetical or not vocab.attr(span.kb_id_, "major"):
                continue
            found = _time_at(unit, doc, span.start_char)
            if found:
                times.append(found)
    return min(times, key=lambda t: t[0], default=None)
