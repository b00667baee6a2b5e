"""Outcomes during follow-up: amputation level, major amputation, reintervention, death, follow-up.

Amputation is the most proximal level reached; "none" only where the paper says so. A procedure
on the circuit counts as reintervention only after the index DVA (a time cue such as "on day 19",
"3 weeks later", "at 1-month follow-up" in its sentence or the two before).
"""

from __future__ import annotations

import re
from functools import cache

from extract.context.component import flags_at
from extract.document import Document
from extract.fields.candidates import Candidate, FieldValues
from extract.fields.cues import cues, regex, search
from extract.initials import with_lookahead
from extract.patients import PatientScope
from extract.units import Unit
from schemas.models import Evidence
from schemas.vocab import load


def _sentences(unit: Unit) -> list[tuple[int, int, str]]:
    """(start, end, text) of the unit's sentences, offsets relative to the unit."""
    text = unit.text
    return [(a, b, text[a:b]) for a, b in unit.sent_chars] or [(0, len(text), text)]


def _readable(scope: PatientScope) -> list[Unit]:
    return [u for u in scope.units if u.section_kind != "figures"]


@cache
def _amputation_patterns() -> list[tuple[str, re.Pattern]]:
    """(level, compiled regex) of the amputations told in words (``amputation_regex``)."""
    return [
        (key, re.compile(with_lookahead(source), re.IGNORECASE))
        for key, source in cues()["outcome"]["amputation_regex"]
    ]


def _amputations(unit: Unit, doc: Document) -> tuple[list[Candidate], list[Candidate]]:
    """Positive levels and "none" statements in one unit."""
    levels, nones = [], []
    vocab = load("amputation_levels")
    for span in unit.spans("vocab", "amputation_levels"):
        if unit.source == "text" and regex("outcome", "before_index").search(
            _sentence_at(unit, unit.rel(span.start_char))
        ):
            continue  # "A fifth-ray amputation had been performed in 2021"
        if not (span._.negated or span._.hypothetical):
            levels.append(Candidate(span.kb_id_, [unit.span_evidence(doc, span)], unit.source))
    for key, pattern in _amputation_patterns():
        for match in pattern.finditer(unit.text):
            levels.append(Candidate(key, [unit.evidence(doc, *match.span())], unit.source))
    if unit.source == "table" and not levels:
        head = re.split(r"[,;(]", unit.text, maxsplit=1)[0].strip()
        keys = [vocab.normalize(head)] + [
            vocab.normalize(w) for w in re.findall(r"[A-Za-z]+", head)
        ]
        keys = [k for k in keys if k]
        if re.search(r"\bmajor\b", head, re.IGNORECASE):  # "No major amputation": level unknown
            keys = [k for k in keys if k != "none"]
        if keys:
            key = max(keys, key=lambda k: vocab.attr(k, "rank", 0))
            target = nones if key == "none" else levels
            target.append(Candidate(key, [unit.evidence(doc, 0, len(head))], "table"))
    for match in regex("outcome", "no_amputation").finditer(unit.text):
        nones.append(Candidate("none", [unit.evidence(doc, *match.span())], unit.source))
    return levels, nones


def _most_proximal(cands: list[Candidate]) -> Candidate | None:
    vocab = load("amputation_levels")
    return max(cands, key=lambda c: vocab.attr(c.value, "rank", 0), default=None)


def _amputation(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    per_source: dict[str, tuple[list, list]] = {"table": ([], []), "text": ([], [])}
    for unit in _readable(scope):
        if unit.source == "table" and "outcome" not in unit.families:
            continue
        levels, nones = _amputations(unit, doc)
        per_source[unit.source][0].extend(levels)
        per_source[unit.source][1].extend(nones)
    chosen = []
    for source in ("table", "text"):
        levels, nones = per_source[source]
        top = _most_proximal(levels)
        if top is not None:
            same = [ev for c in levels if c.value == top.value for ev in c.evidence]
            chosen.append(Candidate(top.value, same, source))
        elif nones:
            chosen.append(Candidate("none", nones[0].evidence, source))
    out.choose("amputation", chosen)
    level = out.values.get("amputation")
    yes_no = _major_column(scope, doc)
    if yes_no is not None and (level is None or level == "none"):
        out.put("major_amputation", yes_no.value, yes_no.evidence)
        return
    if level is not None:
        major = bool(load("amputation_levels").attr(level, "major", False))
        out.put("major_amputation", major, out.evidence["amputation"][:1])
        return
    for unit in _readable(scope):
        for match in regex("outcome", "major_words").finditer(unit.text):
            ev = unit.evidence(doc, *match.span())
            flags = _flags(unit, *match.span())
            if flags["hypothetical"]:
                continue  # "would have undergone major amputation"
            out.put("major_amputation", not flags["negated"], [ev])
            return
    for unit in _readable(scope):
        for match in regex("outcome", "no_major").finditer(unit.text):
            out.put("major_amputation", False, [unit.evidence(doc, *match.span())])
            return


def _major_column(scope: PatientScope, doc: Document) -> Candidate | None:
    """A "Major amputation (Y/N)" table column: Y/yes -> True, N/no -> False."""
    for unit in scope.table_units():
        if "major" not in (unit.label or "").lower() or "amputation" not in unit.label.lower():
            continue
        answer = re.match(r"^\s*(y|yes|n|no)\b", unit.text, re.IGNORECASE)
        if answer:
            value = answer.group(1).lower().startswith("y")
            if re.search(r"\bfree\b", unit.label, re.IGNORECASE):  # "Major amputation-free"
                value = not value
            return Candidate(value, [unit.evidence(doc, *answer.span(1))], "table")
    return None


def _sentence_at(unit: Unit, char: int) -> str:
    for start, end, text in _sentences(unit):
        if start <= char < end:
            return text
    return unit.text


_CREATED = re.compile(
    r"\b(?:was|were) (?:then )?(?:created|deployed|constructed|fashioned|anastomosed)\b"
)
_EXPLICIT = re.compile(r"reinterven|re-interven|revis|re-?look|re-?do\b", re.IGNORECASE)


def _flags(unit: Unit, start: int, end: int) -> dict[str, bool]:
    """The context component's flags of the phrase at ``unit.text[start:end]``."""
    return flags_at(unit.doc, unit.start + start, unit.start + end)


def _creation_point(units: list[Unit]) -> int:
    """Document offset after which the case narrative is past the index DVA (0 if unknown)."""
    for unit in units:
        if unit.source != "text" or unit.section_kind == "abstract":
            continue
        for start, _end, text in _sentences(unit):
            if _CREATED.search(text):
                return unit.start + start
    return 0


_NOT_RECORDED = re.compile(
    r"not (?:recorded|available|reported|known)|unknown|missing|n/?a\b", re.I
)


def unrecorded(unit: Unit) -> bool:
    """A cell holding a dash that the paper's footnote defines as "not recorded"."""
    mark = unit.text.strip()
    meaning = ((unit.doc._.abbrevs or {}) if unit.doc else {}).get(mark, "")
    return mark in ("-", "–", "—", "−") and bool(_NOT_RECORDED.search(meaning))


def _table_reintervention(unit: Unit, doc: Document) -> Candidate | None:
    """A reintervention column answers for itself: "No", "—" or a procedure; an outcome column
    counts only when it names a procedure."""
    explicit = not unit.families & {"outcome", "death"}
    if unrecorded(unit):
        return None
    ev = [unit.evidence(doc, 0, len(unit.text))]
    if explicit and regex("outcome", "no_cell").search(unit.text):
        return Candidate(False, ev, "table")
    if explicit or regex("outcome", "reintervention_words").search(unit.text):
        return Candidate(True, ev, "table")
    return None


def _text_reintervention(unit: Unit, doc: Document, created: int) -> list[tuple[str, Candidate]]:
    """(kind, candidate) for each telling sentence: explicit, no, inferred or no_further.

    "No further procedure was needed" after a described angioplasty does not deny it.
    """
    found = []
    sentences = _sentences(unit)
    own_creation = _creation_point([unit]) if unit.section_kind == "abstract" else created
    for i, (start, _end, text) in enumerate(sentences):
        neg = search("outcome", "reintervention_no", text)
        if neg:
            ev = unit.evidence(doc, start + neg.start(), start + neg.end())
            weak = re.search(r"\b(?:further|additional|more)\b", neg.group(), re.IGNORECASE)
            found.append(("no_further" if weak else "no", Candidate(False, [ev])))
            continue
        hit = regex("outcome", "reintervention_words").search(text)
        if not hit or unit.start + start < own_creation:
            continue
        if _flags(unit, start + hit.start(), start + hit.end())["negated"]:
            continue
        context = " ".join(s[2] for s in sentences[max(0, i - 2) : i + 1])
        if regex("outcome", "after_index").search(context):
            ev = unit.evidence(doc, start + hit.start(), start + hit.end())
            kind = "explicit" if _EXPLICIT.search(hit.group()) else "inferred"
            found.append((kind, Candidate(True, [ev])))
    return found


def _reintervention(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Table first; in text an explicit statement (either way) before an inferred procedure."""
    table = [
        c
        for u in _readable(scope)
        if u.source == "table" and "reintervention" in u.families
        for c in [_table_reintervention(u, doc)]
        if c is not None
    ]
    created = _creation_point(scope.units)
    text = [
        f
        for u in _readable(scope)
        if u.source == "text"
        for f in _text_reintervention(u, doc, created)
    ]
    order = ("explicit", "no", "inferred", "no_further")
    ranked = [c for kind in order for k, c in text if k == kind]
    out.choose("reintervention", table[:1] + ranked[:1])


def _death(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    found: dict[str, list[Candidate]] = {"table": [], "text": []}
    for unit in _readable(scope):
        if unit.source == "table" and not unit.families & {"death", "follow_up"}:
            continue
        if unit.source == "table" and regex("outcome", "alive_label").search(unit.label or ""):
            yes = regex("outcome", "yes_cell").search(unit.text)
            no = regex("outcome", "no_cell").search(unit.text)
            if yes or no:  # "Alive at last visit | yes": lived; "| no": died
                ev = unit.evidence(doc, 0, len(unit.text.rstrip()))
                found["table"].append(Candidate(bool(no), [ev], "table"))
                continue
        for start, _end, text in _sentences(unit):
            if search("outcome", "other_person", text):
                continue
            died = search("outcome", "death_yes", text)
            alive = search("outcome", "death_no", text)
            if unit.source == "table" and alive is None:
                alive = regex("outcome", "death_no_cell").search(text)
            if died and not re.search(r"\bno deaths?\b", text, re.IGNORECASE):
                ev = unit.evidence(doc, start + died.start(), start + died.end())
                found[unit.source].append(Candidate(True, [ev], unit.source))
            elif alive:
                ev = unit.evidence(doc, start + alive.start(), start + alive.end())
                found[unit.source].append(Candidate(False, [ev], unit.source))
    chosen = []
    for source in ("table", "text"):
        cands = found[source]
        if cands:
            dead = [c for c in cands if c.value]
            chosen.append(dead[0] if dead else cands[0])
    out.choose("death", chosen)


MAX_FOLLOW_UP_DAYS = 3650  # a "follow-up" of more than ten years is someone's age or history
# a column label's unit: "Follow-up (months)", "FU, d", "Follow-up (mo)"
_UNIT_IN_LABEL = re.compile(
    r"\b(days?|weeks?|wks?|months?|mos?|years?|yrs?)\b|(?:,|\()\s*(d|wk|mo)\b", re.IGNORECASE
)


def _follow_up(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    from extract.measures import to_days

    cands: list[Candidate] = []
    for unit in _readable(scope):
        if unit.source == "table":
            if "follow_up" not in unit.families:
                continue
            spans = unit.spans("measures", "DURATION")
            if spans:
                best = max(spans, key=lambda s: s._.value)
                cands.append(Candidate(best._.value, [unit.span_evidence(doc, best)], "table"))
                continue
            day = re.match(r"^\s*(?:day|POD)\s*(\d{1,4})\b", unit.text, re.IGNORECASE)
            if day:  # "Last follow-up | Day 23": the day counted from the index DVA
                cands.append(
                    Candidate(float(day.group(1)), [unit.evidence(doc, *day.span())], "table")
                )
                continue
            number = re.match(r"^\s*(\d+(?:\.\d+)?)\b", unit.text)
            label_unit = _UNIT_IN_LABEL.search(unit.label or "")
            if number and label_unit:
                unit_word = label_unit.group(1) or label_unit.group(2)
                days = to_days(float(number.group(1)), unit_word)
                cands.append(Candidate(days, [unit.evidence(doc, *number.span(1))], "table"))
            continue
        best_text: tuple[float, Evidence] | None = None
        for span in unit.spans("measures", "DURATION"):
            sentence = unit.sent_text(span)
            start, end = unit.rel(span.start_char), unit.rel(span.end_char)
            later = regex("outcome", "later_status").match(unit.text, end)
            if not later and not regex("outcome", "follow_up").search(sentence):
                continue
            if search("outcome", "other_person", sentence) or "%" in sentence:
                continue
            if span._.value > MAX_FOLLOW_UP_DAYS or re.search(
                r"\bage[ds]?\b\W*(?:of\W*)?$",
                unit.text[max(0, start - 14) : start],
            ):
                continue
            if re.match(r"\s*(?:of age|old)\b", unit.text[end : end + 8]):
                continue
            if regex("outcome", "before_telling").search(unit.text[max(0, start - 40) : start]):
                continue  # "pain that has increased for the last two weeks": before treatment
            if best_text is None or span._.value > best_text[0]:
                best_text = (span._.value, unit.span_evidence(doc, span))
        if best_text:
            cands.append(Candidate(best_text[0], [best_text[1]]))
    if not cands:
        dated = _follow_up_from_dates(scope, doc)
        if dated is not None:
            cands.append(dated)
    text = [c for c in cands if c.source == "text"]
    table = [c for c in cands if c.source == "table"]
    top_text = max(text, key=lambda c: c.value, default=None)
    out.choose("follow_up_days", table[:1] + ([top_text] if top_text else []))


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})\s+(?P<m1>[A-Z][a-z]+)\s+(?P<y1>(?:19|20)\d\d)"
    r"|(?P<m2>[A-Z][a-z]+)\s+(?P<d2>\d{1,2}),\s*(?P<y2>(?:19|20)\d\d))\b"
)
_PERFORMED = re.compile(
    r"\b(?:p?DVA|arteriali[sz]ation)\b[^.]{0,60}\b(?:was|were) (?:performed|created)|"
    r"\b(?:underwent|performed)\b[^.]{0,40}\b(?:p?DVA|arteriali[sz]ation)\b",
    re.I,
)
_LAST_SEEN = re.compile(
    r"\blast (?:seen|visit|review|follow-up|contact)|\bdied\b|\bpassed away\b", re.I
)


def _dates(text: str):
    """(date, match) for each "19 March 2024" / "March 19, 2024" in ``text``."""
    from datetime import date

    for match in _DATE.finditer(text):
        day, month, year = (match.group("d1"), match.group("m1"), match.group("y1"))
        if day is None:
            day, month, year = match.group("d2"), match.group("m2"), match.group("y2")
        if month.lower() in _MONTHS:
            try:
                yield date(int(year), _MONTHS.index(month.lower()) + 1, int(day)), match
            except ValueError:
                continue


def _follow_up_from_dates(scope: PatientScope, doc: Document) -> Candidate | None:
    """Follow-up from dates: the index DVA "performed ... on 19 March 2024" to the last one
    the patient was seen or died ("last seen on 14 November 2024")."""
    index = last = None
    for unit in _readable(scope):
        if unit.source != "text":
            continue
        for start, _end, text in _sentences(unit):
            found = list(_dates(text))
            if not found:
                continue
            if index is None and _PERFORMED.search(text):
                index = found[0][0]
            elif index is not None and _LAST_SEEN.search(text):
                when, match = found[-1]
                ev = unit.evidence(doc, start + match.start(), start + match.end())
                last = (when, ev) if last is None or when > last[0] else last
    if index is None or last is None or not 0 < (last[0] - index).days <= MAX_FOLLOW_UP_DAYS:
        return None
    return Candidate(float((last[0] - index).days), [last[1]])


def extract_outcomes(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Fill amputation, major_amputation, reintervention, death and follow_up_days."""
    _amputation(scope, doc, out)
    _reintervention(scope, doc, out)
    _death(scope, doc, out)
    _follow_up(scope, doc, out)
