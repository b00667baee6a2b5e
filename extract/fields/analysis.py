"""The analysed document: layout, tables and every text unit run through the nlp pipeline.

A unit is a paragraph, a figure caption or one table cell; its spaCy Doc holds the spans of the
rule components, and ``unit.start`` maps their offsets back to the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from extract.document import Document
from extract.nlp import RULE_COMPONENTS, get_pipeline
from extract.nlp.measures import TEXT_KEY
from extract.sections import Layout, narrative_kinds, runin_label, segment
from extract.tables import Table, find_tables, footnote_abbreviations, label_families
from schemas.models import Evidence

_CAPTION_START = re.compile(r"^\**\s*(?:figure|fig\.?)\s*\d+[a-z]?\.?\**\s*\**\s*", re.IGNORECASE)
_FIELD_LINE = re.compile(r"^(?P<key>[^:\n]{2,40}):\s+(?P<value>\S.*)$")


@dataclass
class Unit:
    """A piece of the document analysed as one spaCy Doc."""

    start: int
    end: int
    source: str
    section: str
    section_kind: str
    patient: str | None = None
    label: str | None = None
    families: frozenset[str] = frozenset()
    doc: Doc | None = None
    row: int = 0
    context: str = ""
    _text: str | None = field(default=None, repr=False, compare=False)
    _spans: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The unit's text (the Doc's text, built once: ``Doc.text`` joins every token)."""
        if self.doc is None:
            return ""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def spans(self, key: str, label: str | None = None) -> list[Span]:
        """Spans of group ``key`` (optionally of one label)."""
        if self.doc is None:
            return []
        found = self._spans.get((key, label))
        if found is None:  # iterating a SpanGroup makes new Span objects: do it once per key
            group = self.doc.spans.get(key, [])
            found = self._spans[key, label] = [
                s for s in group if label is None or s.label_ == label
            ]
        return list(found)

    def evidence(self, doc: Document, start: int, end: int) -> Evidence:
        """Evidence for unit-relative character offsets."""
        return doc.evidence(self.start + start, self.start + end, self.section, self.source)

    def span_evidence(self, doc: Document, span: Span) -> Evidence:
        """Evidence for a span of this unit."""
        return self.evidence(doc, span.start_char, span.end_char)


@dataclass
class Analysis:
    """Everything the field extractors read."""

    doc: Document
    layout: Layout
    tables: list[Table]
    units: list[Unit]
    abbreviations: dict[str, str] = field(default_factory=dict)

    def narrative(self) -> list[Unit]:
        """Text units in sections that describe the study's own patients."""
        kinds = narrative_kinds()
        return [u for u in self.units if u.source == "text" and u.section_kind in kinds]


def _text_units(doc: Document, layout: Layout) -> list[Unit]:
    units = []
    for block in layout.blocks:
        if block.kind not in ("paragraph", "figure", "fields"):
            continue
        section = layout.section_of(block)
        kind = "figures" if block.kind == "figure" else section.kind
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
                    start, end, "table", section, "table", block.patient, key, _label_families(key)
                )
            )
        pos += len(line)
    return units


def _table_units(tables: list[Table]) -> list[Unit]:
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
                    "table",
                    pc.patient,
                    pc.label,
                    pc.families,
                    row=pc.row,
                    context=pc.context,
                )
            )
    return units


def _pipe(nlp, texts: list[str], later: list[str]) -> list[Doc]:
    """Run the pipeline without the ``later`` components over ``texts``.

    The abbreviation detector runs only on texts with a "(": it finds definitions by their
    parentheses, so on other texts it does nothing (and costs a Matcher pass).
    """
    detector = "abbreviation_detector"
    if detector not in nlp.pipe_names:
        return list(nlp.pipe(texts, disable=later))
    docs = list(nlp.pipe(texts, disable=[*later, detector]))
    run = nlp.get_pipe(detector)
    return [run(d) if "(" in t else d for d, t in zip(docs, texts, strict=True)]


def expand_abbreviations(label: str, abbreviations: dict[str, str]) -> str:
    """A table label with the paper's abbreviations spelled out ("RC" -> "RC Rutherford
    category"), so that its field family can be recognised."""
    return re.sub(
        r"[A-Za-z][\w/-]*",
        lambda m: f"{m.group()} {abbreviations.get(m.group(), '')}".strip(),
        label,
    )


# A column's label is read once per cell: remember the answers (a pure function of the label).
_label_families = lru_cache(maxsize=4096)(label_families)


def analyse(doc: Document, model: str | None = None) -> Analysis:
    """Segment, parse tables and run the nlp pipeline over every unit of ``doc``."""
    layout = segment(doc.text)
    tables = find_tables(layout.blocks)
    units = _text_units(doc, layout) + _table_units(tables)
    nlp = get_pipeline(model)
    texts = [doc.text[u.start : u.end] for u in units]
    rules = set(RULE_COMPONENTS)
    first = [name for name in nlp.pipe_names if name in rules]
    docs = _pipe(nlp, texts, first)
    abbreviations: dict[str, str] = {}
    for table in tables:
        if table.footnote is not None:
            abbreviations.update(footnote_abbreviations(table.footnote.text))
    for block in layout.blocks:
        if block.kind == "footnote":
            abbreviations.update(footnote_abbreviations(block.text))
    for spacy_doc in docs:
        for abbrev in getattr(spacy_doc._, "abbreviations", []) or []:
            short = abbrev["short_text"] if isinstance(abbrev, dict) else abbrev.text
            long = abbrev["long_text"] if isinstance(abbrev, dict) else abbrev._.long_form.text
            abbreviations.setdefault(short, long)
    for unit in units:
        if unit.source == "table" and unit.label:
            # a label with no known words may be an abbreviation the paper defines ("RC")
            unit.families = unit.families or _label_families(
                expand_abbreviations(unit.label, abbreviations)
            )
    for unit, spacy_doc, text in zip(units, docs, texts, strict=True):
        spacy_doc.user_data["abbreviations"] = abbreviations
        spacy_doc.user_data[TEXT_KEY] = unit._text = text  # Doc.text would re-join the tokens
        for name in first:
            spacy_doc = nlp.get_pipe(name)(spacy_doc)
        unit.doc = spacy_doc
    return Analysis(doc, layout, tables, units, abbreviations)
