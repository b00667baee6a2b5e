"""The speed-ups in the nlp components give the same answers as the plain computations."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.fields.analysis import analyse
from extract.nlp import get_pipeline
from extract.nlp.context import classify, load_cues
from extract.nlp.gates import TextGate, required_literals
from extract.nlp.measures import load_patterns
from tests.conftest import make_document

FRAGMENTS = [
    "a 72-year-old man", "aged 64", "6 × 100 mm", "5x150mm", "5 mm/60 mm", "Rutherford IIb",
    "class 5", "category 6", "12 months", "three weeks", "one year", "F/69", "69, male",
    "71 y/o", " ", ", ", ". ", "\n", "OLD", "Mm", "ſ", "ı", "İ", "K", "–", "\u00a0", "(", ")",
    "follow-up", "day", "x", "×", "by", "cm", "Class", "the", "was", "no", "DVA",
]  # fmt: skip


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline()


def test_fast_paths_required_literals_of_simple_patterns():
    assert required_literals(re.compile(r"\b(\d+)\s*(?:years?|y)\s*old\b", re.I)) == ("old",)
    assert required_literals(re.compile(r"(?:day|week)s?")) == ("day", "week")
    assert required_literals(re.compile(r"\d+(?=\s*mm)")) == ("mm",)
    assert required_literals(re.compile(r"\d+|foo")) is None  # one branch has no literal
    assert required_literals(re.compile(r"(?:mm)?\d+")) is None  # optional literal


def test_fast_paths_gate_skips_only_texts_without_the_required_word():
    pattern = re.compile(r"\b(\d+)\s*years?\s*old\b", re.I)
    assert not TextGate("He was seen at 12 months.").may_match(pattern)
    assert TextGate("A 72-YEAR-OLD man").may_match(pattern)


def test_fast_paths_gate_runs_pattern_on_characters_that_fold_differently():
    pattern = re.compile("class", re.I)
    assert pattern.search("claſs")  # re.IGNORECASE matches the long s to "s"
    assert TextGate("claſs").may_match(pattern)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join))
def test_fast_paths_gate_never_skips_a_text_a_measure_pattern_matches(text):
    gate = TextGate(text)
    for patterns in load_patterns()["regex"].values():
        for pattern in patterns:
            if pattern.search(text):
                assert gate.may_match(pattern), (pattern.pattern, text)


def _naive_flags(span) -> dict[str, bool]:
    """Cue search as first written: span.sent bounds, every cue against every n-gram."""
    cfg = load_cues()
    sent = span.sent
    pre: list[str] = []
    i = span.start - 1
    while i >= sent.start and len(pre) < cfg["window"]:
        if span.doc[i].lower_ in cfg["terminators"]:
            break
        pre.insert(0, span.doc[i].lower_)
        i -= 1
    post: list[str] = []
    i = span.end
    while i < sent.end and len(post) < cfg["window"]:
        word = span.doc[i].lower_
        if word in cfg["terminators"] and post:
            break
        post.append(word)
        i += 1

    def grams(words, n):
        return {tuple(words[k : k + n]) for k in range(len(words) - n + 1)}

    return {
        flag: any(c in grams(pre, len(c)) for c in sides["pre"])
        or any(c in grams(post, len(c)) for c in sides["post"])
        for flag, sides in cfg["cues"].items()
    }


CONTEXT_WORDS = [
    "no", "history", "of", "diabetes", "hypertension", "was", "not", "required", "her",
    "mother", "had", "a", "below-knee", "amputation", "would", "have", "been", "considered",
    "died", "from", "sepsis", "but", ",", ".", "without", "smoking", "when", "free", "ruled",
    "out", "dialysis",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CONTEXT_WORDS), min_size=1, max_size=30).map(" ".join))
def test_fast_paths_context_flags_equal_the_naive_cue_search(nlp, text):
    doc = nlp(text)
    for span in doc.spans["vocab"]:
        assert classify(span) == _naive_flags(span), (text, span.text)


def test_fast_paths_abbreviations_defined_in_parentheses_still_found():
    text = (
        "Venous arterialization for limb salvage\n\nCase report\n\n"
        "Deep vein arterialization (DVA) was performed from the posterior "
        "tibial artery (PTA) into the posterior tibial vein.\n\nThe PTA was patent after DVA.\n"
    )
    analysis = analyse(make_document(text))
    assert analysis.abbreviations.get("DVA") == "Deep vein arterialization"
    assert analysis.abbreviations.get("PTA") == "posterior tibial artery"
    later = next(u for u in analysis.units if u.text.startswith("The PTA"))
    assert [(s.text, s.label_, s.kb_id_) for s in later.spans("vocab")] == [
        ("PTA", "arteries", "posterior_tibial")
    ]


def test_fast_paths_unit_text_and_spans_read_once_and_stay_equal():
    analysis = analyse(make_document("Results\n\nA 70-year-old man had diabetes.\n"))
    unit = next(u for u in analysis.units if "diabetes" in u.text)
    assert unit.text == unit.doc.text
    first, second = unit.spans("vocab"), unit.spans("vocab")
    assert first == second and first is not second  # callers get their own list
    assert [s.kb_id_ for s in unit.spans("vocab", "risk_factors")] == ["diabetes"]
