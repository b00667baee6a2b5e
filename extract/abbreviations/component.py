"""`dva_abbreviations`: abbreviations the paper defines anywhere, for use everywhere.

Definitions come from footnotes ("Abbreviations: HTN, hypertension; ...") and from the text,
"deep vein arterialization (DVA)", by scispaCy's Schwartz–Hearst algorithm
(``scispacy.abbreviation.find_abbreviation``). Candidates are looked for inside each unit only,
which keeps the cost linear in the paper's length (scispaCy's own detector pairs every "(" with
every later ")" of a Doc). ``doc._.abbrevs`` maps each short form to its long form; table
labels that name no known field are read again through it ("RC" -> "Rutherford category").
"""

from __future__ import annotations

import re

from scispacy.abbreviation import (
    find_abbreviation,
    short_form_filter,
    span_contains_unbalanced_parentheses,
)
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.abbreviations.footnotes import footnote_abbreviations
from extract.docattrs import register
from extract.errors import ExtractError
from extract.units.component import cached_families
from extract.units.unit import Unit, invalidate

MAX_INSIDE = 8  # tokens inside the parentheses, as scispaCy


def expand_abbreviations(label: str, abbreviations: dict[str, str]) -> str:
    """A table label with the paper's abbreviations spelled out ("RC" -> "RC Rutherford
    category"), so that its field family can be recognised."""
    return re.sub(
        r"[A-Za-z][\w/-]*",
        lambda m: f"{m.group()} {abbreviations.get(m.group(), '')}".strip(),
        label,
    )


def _candidates(
    doc: Doc, first: int, last: int, words: list[int] | None = None
) -> list[tuple[Span, Span]]:
    """(long form, short form) candidates of the parentheses in tokens ``first:last``, in the
    order and with the filters of scispaCy's ``filter_matches`` (the unit is the document);
    ``words``: the Doc's ORTH array, when the caller has read it already."""
    found = []
    orth = (words if words is not None else doc.to_array(ORTH).tolist())[first:last]
    opening, closing = doc.vocab.strings.add("("), doc.vocab.strings.add(")")
    opens = [first + k for k, o in enumerate(orth) if o == opening]
    for i in opens:
        for j in range(i + 2, min(last, i + MAX_INSIDE + 2)):
            if orth[j - first] != closing:
                continue
            start, end = i + 1, j
            if start - first == 1:
                continue  # a parenthesis opening the unit
            if end - start > 3:  # the long form is inside: "DVA (deep vein arterialization)"
                short = doc[start - 2 : start - 1]
                long = doc[start:end]
                if span_contains_unbalanced_parentheses(long):
                    continue
            else:
                short = doc[start:end]
                length = sum(len(t) for t in short)
                max_words = min(length + 5, length * 2)
                long = doc[max(start - max_words - 1, first) : start - 1]
            if short_form_filter(short):
                found.append((long, short))
    return found


def _definitions(
    doc: Doc, unit: Unit, words: list[int] | None = None
) -> list[tuple[str, str, Span]]:
    """(short, long, short span) defined in one unit; each short and long form once."""
    seen_long: set[str] = set()
    seen_short: set[str] = set()
    out = []
    for long_candidate, short_candidate in _candidates(doc, unit.tok_start, unit.tok_end, words):
        short, long = find_abbreviation(long_candidate, short_candidate)
        if long is None or long.text in seen_long or short.text in seen_short:
            continue
        seen_long.add(long.text)
        seen_short.add(short.text)
        out.append((short.text, long.text, short))
    return out


class Abbreviations:
    """Footnote and in-text definitions on ``doc._.abbrevs``; short forms as spans."""

    def __init__(self, name: str, span_key: str) -> None:
        self.name = name
        self.span_key = span_key
        register()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.units is None:
            raise ExtractError(f"{self.name} needs dva_units before it in the pipeline")
        found: dict[str, str] = {}
        for table in doc._.tables or []:
            if table.footnote is not None:
                found.update(footnote_abbreviations(table.footnote.text))
        for block in doc._.layout.blocks:
            if block.kind == "footnote":
                found.update(footnote_abbreviations(block.text))
        spans = []
        words: list[int] | None = None  # the Doc's ORTH array, read once if any unit needs it
        for unit in doc._.units:
            if "(" not in unit.text:
                continue
            if words is None:
                words = doc.to_array(ORTH).tolist()
            for short, long, span in _definitions(doc, unit, words):
                found.setdefault(short, long)
                spans.append(Span(doc, span.start, span.end, label="ABBR"))
        doc._.abbrevs = found
        doc.spans[self.span_key] = spans
        invalidate(doc, self.span_key)
        for unit in doc._.units:
            if unit.source == "table" and unit.label and not unit.families:
                # a label with no known words may be an abbreviation the paper defines ("RC")
                unit.families = cached_families(expand_abbreviations(unit.label, found))
        return doc


@Language.factory(
    "dva_abbreviations",
    assigns=["doc._.abbrevs"],
    requires=["doc._.units"],
    default_config={"span_key": "abbreviations"},
)
def make_abbreviations(nlp: Language, name: str, span_key: str) -> Abbreviations:
    """Factory of the abbreviations component."""
    return Abbreviations(name, span_key)
