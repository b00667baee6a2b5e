"""Cue regexes open with a lookahead on their first characters and match exactly as without it."""

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.cuetable import _regex, plain_source
from extract.initials import by_first_letter, first_characters, with_lookahead

REPO = Path(__file__).resolve().parent.parent
CUE_FILES = sorted((REPO / "extract").rglob("cues.toml"))
PAPERS = [REPO / "corpus" / "hasanli-2026-dva-ali-case-series.txt"] + sorted(
    (REPO / "corpus" / "dev").glob("D0*.txt")
)
FRAGMENTS = [
    "This systematic review", "our overview", "The present meta-analysis", " ", ". ", "\n",
    "were reported in 12 studies", "Patient 2", "died", "remains alive", "no deaths", "yes",
    "No further", "reintervention", "re-do", "3 weeks later", "DVA", "pDVA", "ſ", "K", "İ",
    "amputation", "below-knee", "(", ")", "12", "mm", "was", "the", "and", "Ω",
]  # fmt: skip


def _cue_lists() -> list[tuple[Path, str, str]]:
    found = []
    for path in CUE_FILES:
        with open(path, "rb") as handle:
            table = tomllib.load(handle)
        for section, entries in table.items():
            if not isinstance(entries, dict):
                continue
            for name, values in entries.items():
                if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
                    try:
                        re.compile(plain_source(path, section, name))
                    except re.error:
                        continue  # a word list, not regexes
                    found.append((path, section, name))
    return found


CUES = _cue_lists()


def _matches(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_first_characters_are_read_from_plain_openings():
    assert first_characters(r"\b(?:this|the present|our)\s+review\b") == {"t", "o"}
    assert first_characters(r"(?:\bdied\b)|(?:\bRemains? alive)") == {"d", "r"}
    assert first_characters(r"\d+ days") == {"\\d"}


def test_first_characters_are_none_where_the_opening_is_not_plain():
    assert first_characters(r"p?DVA") is None  # the first letter is optional
    assert first_characters(r"^\s*yes\b") is None
    assert first_characters(r"(?:hemo)?dialysis") is None
    assert first_characters(r"died|") is None  # an empty alternative
    assert first_characters(r"\s*ago") is None
    assert with_lookahead(r"^\s*yes") == r"^\s*yes"


def test_alternatives_anchored_at_the_start_keep_position_zero_open():
    source = r"(?:\bremains? alive\b)|(?:^\s*alive\b)"
    sped = with_lookahead(source)
    assert sped.startswith("(?:(?=[r])|^)")
    for text in ("  alive at 12 months", "She remains alive.", "alive", "not alive", " Alive,"):
        plain = re.compile(source, re.IGNORECASE)
        assert _matches(re.compile(sped, re.IGNORECASE), text) == _matches(plain, text), text
    assert with_lookahead(r"(?:^\s*alive\b|x+)|(?:\bremains? alive\b)").startswith("(?:^")


def test_most_cue_regexes_get_a_lookahead():
    sped = [c for c in CUES if _regex(*c).pattern != plain_source(*c)]
    assert len(sped) >= len(CUES) / 2


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.stem)
def test_cue_regexes_match_the_same_with_the_lookahead(paper):
    text = paper.read_text(encoding="utf-8")
    for cue in CUES:
        plain = re.compile(plain_source(*cue), re.IGNORECASE)
        assert _matches(_regex(*cue), text) == _matches(plain, text), cue


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
def test_cue_regexes_match_the_same_on_any_text(text):
    for cue in CUES:
        plain = re.compile(plain_source(*cue), re.IGNORECASE)
        assert _matches(_regex(*cue), text) == _matches(plain, text), cue


NUMBER_TEXTS = st.lists(
    st.sampled_from(["one", "ten", "twenty", "-", " ", "seven", "teen", "ty", "T", "x", "2"]),
    max_size=10,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(NUMBER_TEXTS)
def test_words_grouped_by_first_letter_match_as_the_plain_alternation(text):
    words = ["twenty", "ten", "two", "one", "seventeen", "seven", "thirteen"]
    tail = "(?:[- ](?:one|two|seven))?"
    plain = re.compile(f"(?:{'|'.join(words)}){tail}", re.IGNORECASE)
    grouped = re.compile(f"(?:{by_first_letter(words, tail)})", re.IGNORECASE)
    assert _matches(grouped, text) == _matches(plain, text)


def test_cue_tables_read_numword_as_a_number_in_words(tmp_path):
    from extract.cuetable import CueTable

    path = tmp_path / "cues.toml"
    path.write_text("[counts]\nprocedures = ['\\b(?:\\d+|NUMWORD)\\s+procedures\\b']\n")
    pattern = CueTable(path).regex("counts", "procedures")
    for said in (
        "Sixty-seven procedures",
        "twenty one procedures",
        "seven procedures",
        "12 procedures",
    ):
        assert pattern.search(said), said
    assert not pattern.search("several procedures")
    assert "NUMWORD" not in pattern.pattern


def test_first_characters_read_a_number_words_own_lookahead():
    assert first_characters(r"\b(?:\d+|(?=[efnost])(?:one|two|five|six|ten))\s+cases") == {
        "\\d", "e", "f", "n", "o", "s", "t",
    }  # fmt: skip
    assert first_characters(r"(?=[A-Z])x") is None  # a class that is not plain lowercase


def test_the_cues_searched_over_every_sentence_or_block_keep_their_lookahead():
    from extract.fields.cues import CUES as FIELDS
    from extract.fields.study.relevance import CUES as RELEVANCE

    for name in ("review", "treated"):
        assert RELEVANCE.regex("relevance", name).pattern.startswith("(?=["), name
    for name in ("follow_up", "death_yes", "death_no", "reintervention_words", "other_person"):
        assert FIELDS.regex("outcome", name).pattern.startswith(("(?=[", "(?:(?=[")), name


def _gated() -> list[tuple[Path, str, str]]:
    """Every cue list that names the words its matches need."""
    found = []
    for path in CUE_FILES:
        with open(path, "rb") as handle:
            needs = tomllib.load(handle).get("needs", {})
        found += [(path, section, name) for section, names in needs.items() for name in names]
    return found


GATED = _gated()
REVIEW_SAYINGS = [
    "This systematic review and meta-analysis", "our overview", "the present evidence summary",
    "Design: Meta-analysis", "PRISMA", "registered in PROSPERO", "were reported in 12 studies",
    "Fifteen articles met the inclusion criteria", "We systematically reviewed",
    "Ten studies encompassing a total of 233 patients", "seven series, totalling 54 limbs",
    "A protocol for a Cochrane review", "We carried out a meta-analysis",
    "review of the literature",
    "ſystematic review", "revıew of the lİterature", "Objective: to review the evidence",
    "5例", "男性3例", "平均年齢は72歳", "\u212aidney",
]  # fmt: skip


def test_a_text_without_the_needed_words_is_not_searched(tmp_path):
    from extract.cuetable import CueTable

    path = tmp_path / "cues.toml"
    path.write_text(
        "[relevance]\nreview = ['\\bsystematic review\\b', '\\bPRISMA\\b']\n"
        "[needs.relevance]\nreview = ['review', 'PRISMA']\n"
    )
    table = CueTable(path)
    assert table.needs("relevance", "review") == ("review", "prisma")
    assert table.search("relevance", "review", "following PRISMA guidance").group() == "PRISMA"
    assert table.search("relevance", "review", "a SYSTEMATIC REVIEW").group() == "SYSTEMATIC REVIEW"
    assert table.search("relevance", "review", "a case of systemic sclerosis") is None
    assert [m.group() for m in table.finditer("relevance", "review", "PRISMA, prisma")] == [
        "PRISMA",
        "prisma",
    ]


def test_the_gated_cues_exist_and_read_every_text_without_needs(tmp_path):
    from extract.cuetable import CueTable

    assert GATED, "no cue table names needed words"
    for path, section, name in GATED:
        assert _load_list(path, section, name), (section, name)
    path = tmp_path / "cues.toml"
    path.write_text("[counts]\nplain = ['\\bcases\\b']\n")
    assert CueTable(path).search("counts", "plain", "two cases").group() == "cases"


def _load_list(path: Path, section: str, name: str) -> list:
    with open(path, "rb") as handle:
        return tomllib.load(handle)[section][name]


def _every_match_holds_a_needed_word(text: str) -> None:
    from extract.cuetable import CueTable

    for path, section, name in GATED:
        table = CueTable(path)
        for match in table.regex(section, name).finditer(text):
            assert table.may_match(section, name, match.group()), (name, match.group())
        plain = [m.span() for m in table.regex(section, name).finditer(text)]
        assert [m.span() for m in table.finditer(section, name, text)] == plain, name


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.stem)
def test_every_match_of_a_gated_cue_holds_a_needed_word_in_the_papers(paper):
    _every_match_holds_a_needed_word(paper.read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(REVIEW_SAYINGS + FRAGMENTS), max_size=8).map(" ".join))
def test_every_match_of_a_gated_cue_holds_a_needed_word_on_any_text(text):
    _every_match_holds_a_needed_word(text)
