"""A line is a table line by its bars, tabs, borders or aligned columns; prose lines are decided
before any of those checks, with the same answers."""

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.sections.segment import _is_table_line, table_line_by_marks

FRAGMENTS = [
    "Patient", "1", "70", " ", "  ", "\t", "|", "│", "┃", "║", "+", "---", "+---+", "┌───┐",
    "├───┤", "═══", "a", "IIa", "Heparin", ".", ",", "\n", "  ", "x", "5 × 100 mm", "\u00a0",
]  # fmt: skip


def test_table_lines_by_their_marks():
    assert _is_table_line("| Patient | Age |")
    assert _is_table_line("1\t70\tIIa")
    assert _is_table_line("0 h      IIa      Heparin")
    assert _is_table_line("+-----+-----+")
    assert _is_table_line("│ 1 │ 70 │")
    assert not _is_table_line("A 67-year-old man underwent deep vein arterialization.")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=10).map("".join))
def test_prose_lines_are_decided_quickly_with_the_same_answer(line):
    assert _is_table_line(line) == table_line_by_marks(line)
