"""`dva_vocab`: marks every mention of a vocabulary concept in ``doc.spans["vocab"]``, unit by unit.

Terms match case-insensitively (PhraseMatcher on LOWER), abbreviations case-sensitively (ORTH).
Abbreviations that mean other things too (PT, PTA, HD) count only where the paper defines them:
the defining long form, looked up in the vocabularies, decides the concept.
"""

from __future__ import annotations

import bisect
from functools import cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.docattrs import register
from extract.units.unit import invalidate, unit_bounds
from extract.vocab import fold, load

CONCEPTS = ("arteries", "veins", "risk_factors", "amputation_levels", "devices", "indications")
VEIN_WORDS = {"vein", "veins", "venous"}
ARTERY_WORDS = {"artery", "arteries", "arterial"}


@cache
def lookup_long_form(long_form: str) -> tuple[str, str] | None:
    """The (concept, key) a defined abbreviation's long form names, if any.

    An exact written form wins; else the longest vocabulary term the long form contains
    ("chronic kidney disease stage 3" -> chronic_kidney_disease).
    """
    for concept in CONCEPTS:
        key = load(concept).normalize(long_form)
        if key is not None:
            return concept, key
    folded = " " + fold(long_form) + " "
    best: tuple[int, str, str] | None = None
    for concept in CONCEPTS:
        for key, entry in load(concept).concepts.items():
            for term in entry.terms:
                if f" {fold(term)} " in folded and (best is None or len(term) > best[0]):
                    best = (len(term), concept, key)
    return (best[1], best[2]) if best else None


class VocabRuler:
    """Phrase matching of the shared vocabularies, with paper-defined abbreviations."""

    def __init__(self, nlp: Language, name: str, span_key: str) -> None:
        self.name = name
        self.span_key = span_key
        self.terms = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.abbrevs = PhraseMatcher(nlp.vocab, attr="ORTH")
        manufacturers = load("devices").extra.get("manufacturers", {})
        for concept in CONCEPTS:
            for key, entry in load(concept).concepts.items():
                match_id = f"{concept}|{key}"
                if entry.terms:
                    self.terms.add(match_id, list(nlp.tokenizer.pipe(entry.terms)))
                if entry.abbrevs:
                    self.abbrevs.add(match_id, list(nlp.tokenizer.pipe(entry.abbrevs)))
        for canonical, forms in manufacturers.items():
            self.terms.add(f"manufacturers|{canonical}", list(nlp.tokenizer.pipe(forms)))
        register()

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        bounds = unit_bounds(doc)
        matches = sorted(  # only over the runs of units read (a match must lie inside one)
            (start, end, match_id)
            for first, last in _runs(bounds)
            for matcher in (self.terms, self.abbrevs)
            for match_id, start, end in matcher(doc[first:last])
        )
        defined: dict[str, str] = doc._.abbrevs or {}
        defined_at = _defined_tokens(doc, defined)
        spans: list[Span] = []
        for first, last in bounds:
            found: list[Span] = []
            lo = bisect.bisect_left(matches, (first,))
            for start, end, match_id in matches[lo:]:
                if start >= last:
                    break
                if end <= last:
                    concept, key = strings[match_id].split("|", 1)
                    found.append(Span(doc, start, end, label=concept, kb_id=key))
            lo = bisect.bisect_left(defined_at, first)
            for i in defined_at[lo:]:
                if i >= last:
                    break
                hit = lookup_long_form(defined[doc[i].text])
                if hit:
                    found.append(Span(doc, i, i + 1, label=hit[0], kb_id=hit[1]))
            kinds = [self._vessel_kind(s, last) for s in filter_spans(found)]
            spans.extend(_coordinated_veins(kinds))
        doc.spans[self.span_key] = spans
        invalidate(doc, self.span_key)
        return doc

    @staticmethod
    def _vessel_kind(span: Span, last: int) -> Span:
        """ "PT vein", "peroneal veins": an artery name followed by a vein word is a vein."""
        nxt = span.doc[span.end] if span.end < last else None
        if span.label_ == "arteries" and nxt is not None and nxt.lower_ in VEIN_WORDS:
            if span.kb_id_ in load("veins"):
                return Span(span.doc, span.start, span.end + 1, label="veins", kb_id=span.kb_id_)
        if span.label_ == "arteries" and nxt is not None and nxt.lower_ in ARTERY_WORDS:
            return Span(span.doc, span.start, span.end + 1, label="arteries", kb_id=span.kb_id_)
        return span


def _runs(bounds: list[tuple[int, int]], gap: int = 2) -> list[tuple[int, int]]:
    """Token ranges covering the units ``bounds``: units at most ``gap`` tokens apart are one."""
    runs: list[tuple[int, int]] = []
    for first, last in sorted(bounds):
        if runs and first - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], max(runs[-1][1], last))
        else:
            runs.append((first, last))
    return runs


def _defined_tokens(doc: Doc, defined: dict[str, str]) -> list[int]:
    """Indices of tokens whose text may be a defined abbreviation (compared by ORTH hash)."""
    if not defined or not len(doc):
        return []
    wanted = {hash_string(short) for short in defined}
    return [i for i, orth in enumerate(doc.to_array(ORTH).tolist()) if orth in wanted]


def _coordinated_veins(spans: list[Span]) -> list[Span]:
    """ "posterior tibial and lateral plantar veins": the first name shares the vein word."""
    out = list(spans)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if first.label_ != "arteries" or second.label_ != "veins":
            continue  # (checked again below; first, as the words between cost more)
        between = [t.lower_ for t in first.doc[first.end : second.start]]
        joins = [w for w in between if w in ("and", "or", ",")]
        if (
            first.label_ == "arteries"
            and first[-1].lower_ not in ARTERY_WORDS  # a bare name, not "... artery"
            and second.label_ == "veins"
            and joins
            and len(between) - len(joins) <= 2
            and all(w.isalpha() for w in between if w not in joins)
            and second[-1].lower_ in VEIN_WORDS | {"veins"}
            and first.kb_id_ in load("veins")
        ):
            out[i] = Span(first.doc, first.start, first.end, label="veins", kb_id=first.kb_id_)
    return out


@Language.factory("dva_vocab", default_config={"span_key": "vocab"})
def make_vocab_ruler(nlp: Language, name: str, span_key: str) -> VocabRuler:
    """Factory of the vocabulary ruler."""
    return VocabRuler(nlp, name, span_key)
