"""The measure gates skip a regex only on texts it cannot match."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.measures import load_patterns
from extract.measures.gates import TextGate, required_literals

FRAGMENTS = [
    "a 72-year-old man", "aged 64", "6 × 100 mm", "5x150mm", "5 mm/60 mm", "Rutherford IIb",
    "class 5", "category 6", "12 months", "three weeks", "one year", "F/69", "69, male",
    "71 y/o", " ", ", ", ". ", "\n", "OLD", "Mm", "ſ", "ı", "İ", "K", "–", "\u00a0", "(", ")",
    "follow-up", "day", "x", "×", "by", "cm", "Class", "the", "was", "no", "DVA",
]  # fmt: skip


def test_gates_required_literals_of_simple_patterns():
    assert required_literals(re.compile(r"\b(\d+)\s*(?:years?|y)\s*old\b", re.I)) == ("old",)
    assert required_literals(re.compile(r"(?:day|week)s?")) == ("day", "week")
    assert required_literals(re.compile(r"\d+(?=\s*mm)")) == ("mm",)
    assert required_literals(re.compile(r"\d+|foo")) is None  # one branch has no literal
    assert required_literals(re.compile(r"(?:mm)?\d+")) is None  # optional literal


def test_gates_gate_skips_only_texts_without_the_required_word():
    pattern = re.compile(r"\b(\d+)\s*years?\s*old\b", re.I)
    assert not TextGate("He was seen at 12 months.").may_match(pattern)
    assert TextGate("A 72-YEAR-OLD man").may_match(pattern)


def test_gates_gate_runs_pattern_on_characters_that_fold_differently():
    pattern = re.compile("class", re.I)
    assert pattern.search("claſs")  # re.IGNORECASE matches the long s to "s"
    assert TextGate("claſs").may_match(pattern)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join))
def test_gates_gate_never_skips_a_text_a_measure_pattern_matches(text):
    gate = TextGate(text)
    for patterns in load_patterns()["regex"].values():
        for pattern in patterns:
            if pattern.search(text):
                assert gate.may_match(pattern), (pattern.pattern, text)
