"""The measure gates skip a regex only on texts it cannot match."""

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.measures import load_patterns
from extract.measures.gates import TextGate

FRAGMENTS = [
    "a 72-year-old man", "aged 64", "6 × 100 mm", "5x150mm", "5 mm/60 mm", "Rutherford IIb",
    "class 5", "category 6", "12 months", "three weeks", "one year", "F/69", "69, male",
    "71 y/o", " ", ", ", ". ", "\n", "OLD", "Mm", "ſ", "ı", "İ", "K", "–", "\u00a0", "(", ")",
    "follow-up", "day", "x", "×", "by", "cm", "Class", "the", "was", "no", "DVA", "Mary Ann, 74,",
    "59 años", "58 anos", "diameter", "graded", "classified", "RC", "rc4", "6x100", "5 X 80",
    "61 anni", "60 Jahre", "65 yo", "70 Y.O.", "66 YO", "AÑOS", "y",
]  # fmt: skip


def test_gates_skip_only_texts_without_a_needed_word():
    assert not TextGate("He was seen at 12 months.").may_match(("old",))
    assert TextGate("A 72-YEAR-OLD man").may_match(("old",))
    assert TextGate("anything").may_match(None)


def test_gates_run_the_pattern_on_characters_that_fold_differently():
    assert TextGate("claſs").may_match(("class",))  # re.IGNORECASE reads the long s as "s"


def test_gates_every_pattern_has_its_needs_listed():
    data = load_patterns()
    for label, patterns in data["regex"].items():
        assert len(data["needs"][label]) == len(patterns), label


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join))
def test_gates_never_skip_a_text_a_measure_pattern_matches(text):
    data = load_patterns()
    gate = TextGate(text)
    for label, patterns in data["regex"].items():
        for pattern, needs in zip(patterns, data["needs"][label], strict=True):
            if pattern.search(text):
                assert gate.may_match(needs), (pattern.pattern, text)
