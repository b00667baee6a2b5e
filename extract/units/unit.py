"""A unit: one piece of the paper the rules read (a paragraph, a caption, a table cell).

A unit is a view of the paper's one Doc: its character range, its tokens and the spans the rule
components found inside it. Character offsets in ``Unit.text`` are relative to ``Unit.start``;
spans keep their Doc offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Span

from extract.document import Document
from extract.sections.kinds import SectionKind
from schemas.models import Evidence

T = TypeVar("T")


@dataclass(eq=False)
class Unit:
    """A piece of the paper read as one: its place, what it belongs to and its tokens."""

    start: int
    end: int
    source: str
    section: str
    section_kind: SectionKind
    patient: str | None = None
    label: str | None = None
    families: frozenset[str] = frozenset()
    row: int = 0
    context: str = ""
    doc: Doc | None = field(default=None, repr=False)
    tok_start: int = 0
    tok_end: int = 0
    index: int = 0
    read: bool = True  # the rule components read it (not an Introduction or a Discussion)
    _text: str | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The unit's text (a slice of the paper)."""
        if self._text is None:
            self._text = "" if self.doc is None else self.doc._.paper.text[self.start : self.end]
        return self._text

    @property
    def span(self) -> Span:
        """The unit's tokens as a Span of the paper's Doc."""
        return self.doc[self.tok_start : self.tok_end]

    def tokens(self, start: int, end: int) -> Span:
        """Doc tokens ``start:end`` cut to the unit (a window never reads a neighbour)."""
        return self.doc[max(start, self.tok_start) : max(min(end, self.tok_end), self.tok_start)]

    @property
    def sents(self) -> list[Span]:
        """The unit's sentences."""
        return _sentences(self)

    @property
    def sent_chars(self) -> list[tuple[int, int]]:
        """(start, end) of the unit's sentences as offsets into ``text`` (computed once)."""
        cache = _cache(self.doc).setdefault("sent_chars", {})
        found = cache.get(self.index)
        if found is None:
            idx, ends = _char_arrays(self.doc)
            found = [
                (idx[a] - self.start, ends[b - 1] - self.start) for a, b in _sentence_bounds(self)
            ]
            cache[self.index] = found
        return found

    def sent_texts(self) -> list[str]:
        """The texts of ``sents``, cut from the paper's text (no Token is made; computed once)."""
        cache = _cache(self.doc).setdefault("sent_texts", {})
        found = cache.get(self.index)
        if found is None:
            bounds = _sentence_bounds(self)
            if bounds:
                idx, ends = _char_arrays(self.doc)
                text = self.doc._.paper.text
                found = [text[idx[a] : ends[b - 1]] for a, b in bounds]
            else:
                found = [self.span.text]
            cache[self.index] = found
        return found

    def sent_text(self, span: Span) -> str:
        """``sent_of(span).text``, cut from the paper's text."""
        for (start, end), text in zip(_sentence_bounds(self), self.sent_texts(), strict=False):
            if start <= span.start < end:
                return text
        return self.span.text

    def sent_of(self, span: Span) -> Span:
        """The sentence of the unit that holds ``span``."""
        for sent in self.sents:
            if sent.start <= span.start < sent.end:
                return sent
        return self.span

    def memo(self, name: str, make: Callable[[], T]) -> T:
        """``make()``, computed once per unit and kept with the Doc (a fact several rules ask)."""
        cache = _cache(self.doc).setdefault(name, {})
        if self.index not in cache:
            cache[self.index] = make()
        return cache[self.index]

    def rel(self, char: int) -> int:
        """A Doc character offset as an offset into ``text``."""
        return char - self.start

    def spans(self, key: str, label: str | None = None) -> list[Span]:
        """The spans of group ``key`` (optionally of one label) inside this unit."""
        if self.doc is None:
            return []
        found = _bucket(self.doc, key)[self.index]
        return [s for s in found if label is None or s.label_ == label]

    def evidence(self, paper: Document, start: int, end: int) -> Evidence:
        """Evidence for offsets relative to the unit's text."""
        return paper.evidence(self.start + start, self.start + end, self.section, self.source)

    def span_evidence(self, paper: Document, span: Span) -> Evidence:
        """Evidence for a span inside this unit."""
        return self.doc_evidence(paper, span.start_char, span.end_char)

    def doc_evidence(self, paper: Document, start: int, end: int) -> Evidence:
        """Evidence for Doc character offsets inside this unit."""
        return paper.evidence(start, end, self.section, self.source)


def _cache(doc: Doc) -> dict:
    return doc.user_data.setdefault("dva_units_cache", {})


def _sentence_bounds(unit: Unit) -> list[tuple[int, int]]:
    """Token bounds of the unit's sentences (from the Doc's sentence starts, read once)."""
    cache = _cache(unit.doc).setdefault("sent_bounds", {})
    found = cache.get(unit.index)
    if found is None:
        doc = unit.doc
        if unit.tok_end <= unit.tok_start:
            found = []
        elif not doc.has_annotation("SENT_START"):
            found = [(unit.tok_start, unit.tok_end)]
        else:
            starts = _cache(doc).get("sent_start")
            if starts is None:
                starts = _cache(doc)["sent_start"] = doc.to_array(SENT_START).tolist()
            found, start = [], unit.tok_start
            for i in range(unit.tok_start + 1, unit.tok_end):
                if starts[i] == 1:
                    found.append((start, i))
                    start = i
            found.append((start, unit.tok_end))
        cache[unit.index] = found
    return found


def _char_arrays(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's start offset and end offset (without its trailing space), read once."""
    cache = _cache(doc)
    if "chars" not in cache:
        idx = doc.to_array(IDX)
        cache["chars"] = (idx.tolist(), (idx + doc.to_array(LENGTH)).tolist())
    return cache["chars"]


def _sentences(unit: Unit) -> list[Span]:
    cache = _cache(unit.doc).setdefault("sents", {})
    found = cache.get(unit.index)
    if found is None:
        found = [unit.doc[a:b] for a, b in _sentence_bounds(unit)] or [unit.span]
        cache[unit.index] = found
    return found


def _bucket(doc: Doc, key: str) -> list[list[Span]]:
    """The spans of group ``key`` sorted into the units they lie in (computed once per group)."""
    cache = _cache(doc).setdefault("spans", {})
    if key in cache:
        return cache[key]
    units = sorted(doc._.units or [], key=lambda u: u.tok_start)
    starts = [u.tok_start for u in units]
    buckets: list[list[Span]] = [[] for _ in units]
    for span in doc.spans.get(key, []):
        i = bisect.bisect_right(starts, span.start) - 1
        if i >= 0 and span.end <= units[i].tok_end:
            buckets[units[i].index].append(span)
    cache[key] = buckets
    return buckets


def unit_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of each unit the rules read; a Doc without units is read as one."""
    if doc._.units is None:
        return [(0, len(doc))] if len(doc) else []
    return [(u.tok_start, u.tok_end) for u in doc._.units if u.read and u.tok_end > u.tok_start]


def invalidate(doc: Doc, key: str | None = None) -> None:
    """Forget cached span buckets (after a component rewrites a span group)."""
    cache = _cache(doc)
    if key is None:
        cache.clear()
    else:
        cache.get("spans", {}).pop(key, None)
