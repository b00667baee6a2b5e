"""Text pieces: cut at evidence boundaries, they rebuild the text and each evidence span."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.review.textview import blocks

WORDS = st.sampled_from(["DVA", "PTA", "5 mm x 150 mm", "Rutherford IIb", "\n", "\n\n", " ", "."])


@st.composite
def text_and_spans(draw):
    text = "".join(draw(st.lists(WORDS, min_size=1, max_size=40)))
    spans = []
    for n in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        spans.append((f"e{n}", a, b))
    return text, spans


@given(text_and_spans())
def test_review_pieces_rebuild_text_and_every_span(case):
    text, spans = case
    paragraphs = [b.pieces for b in blocks(text, spans)]
    shown = "\n".join("".join(p.text for p in ps) for ps in paragraphs)
    assert shown.split() == text.split()  # paragraphs keep every word, in order
    for eid, a, b in spans:
        covered = "\n".join("".join(p.text for p in ps if eid in p.ids) for ps in paragraphs)
        assert covered.split() == text[a:b].split()


def test_review_space_aligned_table_is_drawn_as_the_table_extraction_read():
    from extract.review.textview import blocks

    text = (
        "A series\n\nTable 1. Patients\n\n"
        "Patient      Age      Donor\n"
        "1            71       PT artery\n"
        "2            64       AT artery\n"
    )
    start = text.index("64")
    drawn = blocks(text, [("e1", start, start + 2)])
    (table,) = [b for b in drawn if b.kind == "table"]
    assert [[("".join(p.text for p in c.pieces)) for c in row] for row in table.rows] == [
        ["Patient", "Age", "Donor"],
        ["1", "71", "PT artery"],
        ["2", "64", "AT artery"],
    ]
    assert table.rows[2][1].pieces[0].ids == ("e1",)  # the evidence lights its cell
