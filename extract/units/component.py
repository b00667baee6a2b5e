"""`dva_units`: what the rules read — paragraphs, captions, "Key: value" lines and table cells —
as units of the paper's Doc (``doc._.units``), each its own run of sentences."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from extract.docattrs import paper_of, register
from extract.errors import ExtractError
from extract.sections import Layout, SectionKind, runin_label
from extract.tables import Table, label_families
from extract.units.unit import Unit, invalidate

_CAPTION_START = re.compile(r"^\**\s*(?:figure|fig\.?)\s*\d+[a-z]?\.?\**\s*\**\s*", re.IGNORECASE)
_FIELD_LINE = re.compile(r"^(?P<key>[^:\n]{2,40}):\s+(?P<value>\S.*)$")

# Sections whose values are never given to a patient or the study: the rule components skip
# their units (unless a unit names a patient), which keeps the work to the paper's own account.
UNREAD = ("introduction", "discussion", "conclusion", "references", "back", "keywords")

# A column's label is read once per cell: remember the answers (a pure function of the label).
cached_families = lru_cache(maxsize=4096)(label_families)


def text_units(layout: Layout) -> list[Unit]:
    """Paragraphs, figure captions and "Key: value" lines of the layout, in order."""
    units = []
    for block in layout.blocks:
        if block.kind not in ("paragraph", "figure", "fields"):
            continue
        section = layout.section_of(block)
        kind = SectionKind.FIGURES if block.kind == "figure" else section.kind
        patient = block.patient
        if block.kind == "figure":
            match = _CAPTION_START.match(block.text.strip())
            patient = runin_label(block.text.strip()[match.end() :]) if match else None
        if block.kind == "fields":
            units.extend(_field_units(block, section.title or section.kind))
            continue
        start = block.start + (len(block.text) - len(block.text.lstrip()))
        end = block.start + len(block.text.rstrip())
        units.append(Unit(start, end, "text", section.title or section.kind, kind, patient))
    return units


def _field_units(block, section: str) -> list[Unit]:
    """ "Age/sex: 61 years/male" lines under a patient: one table-like cell per line."""
    units, pos = [], block.start
    for line in block.text.splitlines(keepends=True):
        match = _FIELD_LINE.match(line.rstrip("\r\n"))
        if match:
            start, end = pos + match.start("value"), pos + match.end("value")
            key = match.group("key").strip()
            units.append(
                Unit(
                    start,
                    end,
                    "table",
                    section,
                    SectionKind.TABLE,
                    block.patient,
                    key,
                    cached_families(key),
                )
            )
        pos += len(line)
    return units


def table_units(tables: list[Table]) -> list[Unit]:
    """One unit per patient cell (or timeline cell) of every table."""
    units = []
    for number, table in enumerate(tables, 1):
        name = (
            table.caption.text.strip().split("\n")[0][:60] if table.caption else f"Table {number}"
        )
        for pc in table.cells:
            units.append(
                Unit(
                    pc.cell.start,
                    pc.cell.end,
                    "table",
                    name,
                    SectionKind.TABLE,
                    pc.patient,
                    pc.label,
                    pc.families,
                    row=pc.row,
                    context=pc.context,
                )
            )
    return units


class Units:
    """Collects the units and bounds sentences by them (spaCy's sentencizer rule inside each)."""

    def __init__(
        self, name: str, span_key: str, punct_chars: list[str] | None, unread: list[str]
    ) -> None:
        self.name = name
        self.span_key = span_key
        self.punct_chars = set(punct_chars or Sentencizer.default_punct_chars)
        self.unread = frozenset(SectionKind(kind) for kind in unread)
        register()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.layout is None or doc._.tables is None:
            raise ExtractError(f"{self.name} needs dva_sections and dva_tables before it")
        paper_of(doc)
        units = text_units(doc._.layout) + table_units(doc._.tables)
        for index, unit in enumerate(units):
            span = doc.char_span(unit.start, unit.end) or doc.char_span(
                unit.start, unit.end, alignment_mode="expand"
            )
            unit.doc, unit.index = doc, index
            unit.read = unit.section_kind not in self.unread or bool(unit.patient)
            unit.tok_start, unit.tok_end = (span.start, span.end) if span is not None else (0, 0)
        doc._.units = units
        doc.spans[self.span_key] = [u.span for u in units if u.tok_end > u.tok_start]
        invalidate(doc)
        if not doc.has_annotation("DEP") and not doc.has_annotation("SENT_START"):
            self._sentences(doc, units)
        return doc

    def _sentences(self, doc: Doc, units: list[Unit]) -> None:
        """Sentence starts: the sentencizer's rule run afresh inside each unit the rules read;
        a unit's first token and the token after it always start one (so a unit not read is
        one sentence)."""
        starts = numpy.full(len(doc), -1, dtype="int64")
        if len(doc):
            starts[0] = 1
        strings = doc.vocab.strings
        marks = {strings.add(c) for c in self.punct_chars}
        orth = doc.to_array(ORTH).tolist()
        is_punct = doc.to_array(IS_PUNCT).tolist()
        for unit in units:
            if unit.tok_end <= unit.tok_start:
                continue
            starts[unit.tok_start] = 1
            if unit.tok_end < len(doc):
                starts[unit.tok_end] = 1
            if not unit.read:
                continue
            seen_period = False
            for i in range(unit.tok_start, unit.tok_end):
                punct = orth[i] in marks
                if seen_period and not is_punct[i] and not punct:
                    starts[i] = 1
                    seen_period = False
                elif punct:
                    seen_period = True
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))


@Language.factory(
    "dva_units",
    assigns=["doc._.units", "token.is_sent_start"],
    requires=["doc._.layout", "doc._.tables"],
    default_config={"span_key": "units", "punct_chars": None, "unread": list(UNREAD)},
)
def make_units(
    nlp: Language, name: str, span_key: str, punct_chars: list[str] | None, unread: list[str]
) -> Units:
    """Factory of the units component."""
    return Units(name, span_key, punct_chars, unread)
