"""Outcome counts an aggregate paper reports: events out of a total, with their evidence.

Read from the paper's own results (abstract, results, body) and from the first value column of a
results table when that column is the whole cohort ("All", "Overall", "Total"). A count is
"26 of 28", "22/23", "8 (25%)" (the total is the one the percentage gives: 7 (25.0) -> 7 of 28),
or a bare count of the study's patients. A percentage alone becomes a count only where the
study's n makes it a whole number; Kaplan-Meier estimates are percentages, never counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from extract.cuetable import CueTable
from extract.fields.candidates import FieldValues
from extract.fields.study.counts import NUMBER, hedged
from extract.fields.study.percent import total_from, whole
from extract.measures import parse_number
from extract.sections import SectionKind as K
from schemas.models import Evidence, ReportedOutcome
from schemas.vocab import load

CUES = CueTable(Path(__file__).parent / "cues.toml")
_READ = (K.ABSTRACT, K.RESULTS, K.BODY, K.FRONT)
_PERCENT = "|".join(f"(?:{p})" for p in CUES.data["outcomes"]["percent_sign"])
_COUNTS = re.compile(
    rf"\b(?P<e>{NUMBER})\s*(?:of|out of|/)\s*(?:the\s+)?(?P<t>{NUMBER})\b"
    rf"|\b(?P<pe>{NUMBER})(?:\s+(?:[a-z]+\s+){{0,2}}?(?:patients|limbs|legs|cases|subjects))?"
    r"\s*\((?P<p>\d+(?:\.\d+)?)\s*%?\)"
    rf"|\b(?P<po>\d+(?:\.\d+)?)(?:{_PERCENT})"
    rf"|\b(?P<be>{NUMBER})\s+(?:[a-z]+\s+){{0,2}}?(?:patients?|limbs?|legs?|cases?|subjects?)\b",
    re.IGNORECASE,
)
# how far a percentage of n may fall from a whole number and still be a count (33% of 3)
_WHOLE = CUES.data["outcomes"]["whole_tolerance"][0]
_CLAUSE = re.compile(r";|,\s+(?=[a-z]*\s*\d)|\s+and\s+(?=\d|[a-z]+ (?:patients|limbs))|\.\s")


@dataclass
class Count:
    """A count read beside an outcome; ``rank`` orders how it was read (lower is surer)."""

    events: int
    total: int
    rank: int
    evidence: Evidence


@cache
def _mentions() -> list[tuple[str, re.Pattern]]:
    vocab = load("outcomes")
    return [
        (key, re.compile("|".join(f"(?:{p})" for p in vocab.attr(key, "mentions")), re.I))
        for key in vocab.keys()
    ]


_ASIDE = re.compile(r"\([^()]*\)")


def _outcome(text: str) -> tuple[str, re.Match] | None:
    """The first outcome a text names (and where), unless it speaks of a minor amputation."""
    if CUES.regex("outcomes", "not_a_count").search(_ASIDE.sub("", text)):
        return None  # "(mean age 58 years)" is an aside, not what the clause counts
    if CUES.regex("outcomes", "comparison").search(text):
        return None
    for key, pattern in _mentions():
        match = pattern.search(text)
        if match:
            return key, match
    return None


def _count(
    match: re.Match, n: int | None, limbs: int | None = None, key: str = ""
) -> tuple[int, int, int] | None:
    """(events, total, rank) of one count match: rank 1 for a total that is the study's n (or
    its limbs), 2 for another stated or implied total, 4 for a percentage made a count."""
    known = {n, limbs} - {None}
    if match.group("e"):
        events, total = parse_number(match.group("e")), parse_number(match.group("t"))
        if events is None or total is None or events > total:
            return None
        if not match.group("t").isdigit() and total not in known:
            return None  # "two of three patients" in words: a ratio unless it is the cohort
        return int(events), int(total), 1 if total in known else 3
    if match.group("pe"):
        events = parse_number(match.group("pe"))
        if events is None:
            return None
        for total in sorted(known):
            if whole(match.group("p"), total) == events:
                return int(events), total, 1
        total = total_from(int(events), match.group("p"))
        return (int(events), total, 2) if total else None
    if match.group("po"):
        if not n or key not in CUES.data["outcomes"]["percent_made_count"]:
            return None
        events = whole(match.group("po"), n)
        if events is None or abs(float(match.group("po")) * n / 100 - events) > _WHOLE:
            return None  # 97% of 32 is 31.04: no whole number of patients
        return events, n, 4
    noun = match.group(0).lower()
    total = limbs if limbs and re.search(r"\b(?:limbs?|legs?)\b", noun) else n
    events = parse_number(match.group("be"))
    if total and events is not None and 0 < events <= total:
        return int(events), total, 2
    return None


def _limbs(doc: Doc) -> int | None:
    """The number of limbs the paper treated ("Forty-three limbs in 41 patients"), if stated."""
    patterns = [re.compile(p, re.I) for p in CUES.data["outcomes"]["limb_total"]]
    for unit in doc._.units:
        if unit.source == "text" and unit.section_kind in _READ:
            for pattern in patterns:
                match = pattern.search(unit.text)
                if match:
                    value = parse_number(match.group("limbs"))
                    return int(value) if value else None
    return None


def _from_text(doc: Doc, n: int | None, found: dict[str, Count]) -> None:
    paper = doc._.paper
    limbs = _limbs(doc)
    for unit in doc._.units:
        if unit.source != "text" or unit.section_kind not in _READ:
            continue
        for sent, text in zip(unit.sents, unit.sent_texts(), strict=True):
            if CUES.regex("outcomes", "not_own").search(text):
                continue
            if CUES.regex("outcomes", "subgroup").search(text):
                continue
            base = unit.rel(sent.start_char)
            for clause in _clauses(text):
                named = _outcome(clause[1])
                if named is None or CUES.regex("outcomes", "time_point").search(clause[1]):
                    continue
                for match in _COUNTS.finditer(clause[1]):
                    if CUES.regex("outcomes", "fraction").match(clause[1][match.end() :]):
                        continue
                    if match.group("po") and hedged(clause[1][: match.start()]):
                        continue
                    read = _count(match, n, limbs, named[0])
                    if read:
                        s = base + clause[0] + match.start()
                        ev = unit.evidence(paper, s, base + clause[0] + match.end())
                        _keep(found, named[0], Count(read[0], read[1], read[2], ev))
                        break


def _clauses(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the clauses of a sentence."""
    out, start = [], 0
    for match in _CLAUSE.finditer(text):
        out.append((start, text[start : match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    return out


def _from_tables(doc: Doc, n: int | None, found: dict[str, Count]) -> None:
    """The whole-cohort column of results tables: "Major amputation | 8 (25) | 5 (26) | ..."."""
    paper = doc._.paper
    whole = CUES.regex("outcomes", "whole_cohort")
    for table in doc._.tables or []:
        if table.orientation != "none" or len(table.header) < 2:
            continue
        if not whole.search(table.header[1].text):
            continue
        for row in table.rows:
            if len(row) < 2 or not row[1].text:
                continue
            named = _outcome(row[0].text)
            if named is None:
                continue
            match = _COUNTS.match(row[1].text.strip())
            read = _count(match, n, None, named[0]) if match else None
            if read:
                ev = paper.evidence(row[1].start, row[1].end, "table", "table")
                _keep(found, named[0], Count(read[0], read[1], 0, ev))


def _keep(found: dict[str, Count], key: str, count: Count) -> None:
    """One count per outcome: the surest reading, then the first."""
    if key not in found or count.rank < found[key].rank:
        found[key] = count


def reported_outcomes(doc: Doc, n: int | None, out: FieldValues) -> None:
    """Fill ``reported.outcomes`` for a paper that reports pooled figures only."""
    found: dict[str, Count] = {}
    _from_tables(doc, n, found)
    _from_text(doc, n, found)
    if not found:
        return
    items = [ReportedOutcome(outcome=k, events=c.events, total=c.total) for k, c in found.items()]
    out.put("reported.outcomes", items, [c.evidence for c in found.values()])
