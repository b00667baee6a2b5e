"""`dva_units`: what the rules read, each unit its own run of sentences."""

import pytest

from extract.pipeline import load_pipeline
from extract.sections import SectionKind


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_units_are_paragraphs_captions_and_table_cells(nlp):
    doc = nlp(
        "A series\n\nResults\n\nTwo patients were treated.\n\nPatient\tAge\n1\t70\n2\t72\n\n"
        "Figure 1. Angiography after the crossing.\n"
    )
    units = doc._.units
    assert [(u.source, u.section_kind, u.text) for u in units] == [
        ("text", SectionKind.RESULTS, "Two patients were treated."),
        ("text", SectionKind.FIGURES, "Figure 1. Angiography after the crossing."),
        ("table", SectionKind.TABLE, "70"),
        ("table", SectionKind.TABLE, "72"),
    ]
    assert [u.patient for u in units[2:]] == ["1", "2"]
    assert all(u.span.text == u.text for u in units)


def test_units_start_their_own_sentences(nlp):
    doc = nlp("A case\n\nCase report\n\nShe had diabetes\n\nand no stroke. She smoked.\n")
    first, second = doc._.units
    assert [s.text for s in first.sents] == ["She had diabetes"]
    assert [s.text for s in second.sents] == ["and no stroke.", "She smoked."]


def test_units_windows_never_reach_a_neighbour(nlp):
    doc = nlp("A case\n\nCase report\n\nThe first paragraph.\n\nThe second one.\n")
    first, second = doc._.units
    assert second.tokens(second.tok_start - 5, second.tok_start + 1).text == "The"
    assert first.tokens(first.tok_end - 1, first.tok_end + 5).text == "."


def test_units_key_value_lines_are_cells_of_their_patient(nlp):
    doc = nlp("A series\n\nPatient 1\n\nAge: 71 years\nSex: male\nDonor: PT artery\n")
    cells = [(u.label, u.text, u.patient) for u in doc._.units if u.source == "table"]
    assert cells == [("Age", "71 years", "1"), ("Sex", "male", "1"), ("Donor", "PT artery", "1")]


def test_units_sentence_texts_are_the_sentences_texts(nlp):
    doc = nlp(
        "A series\n\nResults\n\nPatient 1. A 70-year-old man.  He had diabetes!\n\n"
        "Patient\tAge\tStent\n1\t70\t6 x 100 mm\n\nDiscussion\n\nOthers differ. Some agree.\n"
    )
    for unit in doc._.units:
        assert unit.sent_texts() == [s.text for s in unit.sents]
        for token in unit.span:
            one = doc[token.i : token.i + 1]
            assert unit.sent_text(one) == unit.sent_of(one).text
