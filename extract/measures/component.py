"""`dva_measures`: sizes, ages, durations and Rutherford classes as spans with parsed values.

The regular expressions are data (``patterns.json`` beside this module); this module parses their
groups. Each unit's text is searched on its own, so a match never joins two cells or paragraphs.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.docattrs import paper_of, register
from extract.initials import by_first_letter
from extract.measures.gates import TextGate
from extract.units.unit import invalidate, unit_bounds
from schemas.vocab import rutherford_key

PATTERNS = Path(__file__).parent / "patterns.json"
# Unicode hyphens, minus and no-break spaces read as their ASCII forms; one character for one,
# so match offsets stay offsets into the document text.
_SAME_LENGTH_FOLDS = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_FOLDED = tuple(chr(code) for code in _SAME_LENGTH_FOLDS)
DAYS_PER = {
    "day": 1.0,
    "week": 7.0,
    "wk": 7.0,
    "month": 30.4,
    "mo": 30.4,
    "year": 364.8,
    "yr": 364.8,
}


@cache
def _data() -> dict:
    """The patterns file, read once."""
    return json.loads(PATTERNS.read_text(encoding="utf-8"))


@cache
def number_word_regex() -> str:
    """The regex of a number in words ("seven", "sixty-two", "twenty one"): ``NUMWORD`` in
    these patterns and in any cue table."""
    words = _data()["number_words"]
    tens = [w for w, n in words.items() if n >= 20 and n % 10 == 0]
    units = "|".join(w for w, n in words.items() if n < 10 and len(w) > 2)
    others = [w for w in words if len(w) > 2]
    # the lookahead (every number word's first letter) lets a regex skip other words quickly;
    # words grouped by first letter are tried faster, with the same matches
    initials = "".join(sorted({w[0] for w in others}))
    return (
        f"(?=[{initials}])(?:(?:{by_first_letter(tens, f'(?:[- ](?:{units}))?')})"
        f"|{by_first_letter(others)})"
    )


@cache
def load_patterns() -> dict:
    """The measure patterns, compiled once."""
    data = _data()
    words = data["number_words"]
    numword = number_word_regex()
    compiled, needs = {}, {}
    for label, patterns in data.items():
        if label.startswith("_") or label in ("number_words", "needs"):
            continue
        compiled[label] = [
            re.compile(p.replace("NUMWORD", numword), re.IGNORECASE) for p in patterns
        ]
        gates = data["needs"].get(label, [])
        needs[label] = [tuple(g) if g else None for g in gates] + [None] * (
            len(patterns) - len(gates)
        )
    flat = [
        (label, pattern, gate)
        for label, patterns in compiled.items()
        for pattern, gate in zip(patterns, needs[label], strict=True)
    ]
    return {"regex": compiled, "words": words, "needs": needs, "flat": flat}


def parse_number(text: str) -> float | None:
    """ "12", "12.5", "seventy", "sixty-two", "Thirty-two" -> a number."""
    text = text.strip().lower()
    try:
        return float(text)
    except ValueError:
        pass
    words = load_patterns()["words"]
    total = 0.0
    for part in re.split(r"[- ]", text):
        if part not in words:
            return None
        total += words[part]
    return total


def to_days(number: float, unit: str) -> float:
    """A duration in days; months ×30.4 and years ×364.8, rounded to 1 decimal."""
    unit = unit.lower().rstrip("s")
    factor = DAYS_PER.get(unit, DAYS_PER.get(unit[:2], 1.0))
    return round(number * factor, 1)


def _to_mm(value: str, unit: str | None) -> float:
    number = float(value)
    return number * 10 if unit and unit.lower() == "cm" else number


def parse_match(label: str, match: re.Match) -> object | None:
    """The value a measure match carries (tuple for SIZE, int for AGE, ...)."""
    groups = match.groupdict()
    if label in ("SIZE", "SIZE_BARE", "SIZE_SLASH"):
        # a stent's diameter is in mm unless it says otherwise ("6 x 15 cm" is 6 mm x 150 mm)
        diameter = _to_mm(groups["d"].replace(",", "."), groups.get("du"))
        return (diameter, _to_mm(groups["l"], groups.get("lu")))
    if label in ("AGE", "SEXAGE"):
        number = parse_number(groups["n"])
        if number is None or not 0 < number < 120:
            return None
        if label == "AGE":
            return int(number)
        sex = groups["sex"].lower()
        return (int(number), "female" if sex.startswith(("f", "w")) else "male")
    if label == "DURATION":
        number = parse_number(groups["n"])
        return None if number is None else to_days(number, groups["unit"])
    if label == "RUTHERFORD":
        return rutherford_key(groups["cls"])
    return None


def _longest_per_label(spans: list[Span]) -> list[Span]:
    """Drop a span inside a longer one of the same label ("class IIa" in "Rutherford class IIa")."""
    spans = sorted(spans, key=lambda s: (s.label_, s.start_char, -(s.end_char - s.start_char)))
    kept: list[Span] = []
    for span in spans:
        last = kept[-1] if kept else None
        if last is not None and last.label_ == span.label_ and span.end_char <= last.end_char:
            continue
        kept.append(span)
    return sorted(kept, key=lambda s: s.start_char)


class Measures:
    """Regex measures over each unit's text, kept as spans with ``span._.value``."""

    def __init__(self, name: str, span_key: str) -> None:
        self.name = name
        self.span_key = span_key
        register()

    def __call__(self, doc: Doc) -> Doc:
        text = paper_of(doc).text
        # a word the whole paper lacks is in none of its units: those patterns are never tried
        paper = TextGate(text)
        patterns = [entry for entry in load_patterns()["flat"] if paper.may_match(entry[2])]
        spans: list[Span] = []
        for first, last in unit_bounds(doc):
            start = doc[first].idx
            end = doc[last - 1].idx + len(doc[last - 1])
            spans.extend(self._measure(doc, text[start:end], start, patterns))
        doc.spans[self.span_key] = spans
        invalidate(doc, self.span_key)
        return doc

    def _measure(self, doc: Doc, text: str, offset: int, patterns: list[tuple]) -> list[Span]:
        """The measures of one unit's text (``offset``: where it starts in the Doc)."""
        spans = []
        if any(ch in text for ch in _FOLDED):  # translate() is slow on non-ASCII text
            text = text.translate(_SAME_LENGTH_FOLDS)
        gate = TextGate(text)  # skips patterns whose required words the text lacks
        for label, pattern, words in patterns:
            if not gate.may_match(words):
                continue
            for match in pattern.finditer(text):
                value = parse_match(label, match)
                if value is None:
                    continue
                span = doc.char_span(
                    offset + match.start(),
                    offset + match.end(),
                    label=label,
                    alignment_mode="expand",
                )
                if span is None:
                    continue
                span._.value = value
                spans.append(span)
        return _longest_per_label(spans)


@Language.factory("dva_measures", default_config={"span_key": "measures"})
def make_measures(nlp: Language, name: str, span_key: str) -> Measures:
    """Factory of the measures component."""
    return Measures(name, span_key)
