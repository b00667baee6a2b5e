"""`dva_abbreviations`: definitions anywhere in the paper, used everywhere."""

import pytest

from extract.abbreviations import footnote_abbreviations
from extract.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


PAPER = (
    "Venous arterialization for limb salvage\n\nCase report\n\n"
    "Deep vein arterialization (DVA) was performed from the posterior "
    "tibial artery (PTA) into the posterior tibial vein.\n\nThe PTA was patent after DVA.\n"
)


def test_abbreviations_defined_in_parentheses_are_found(nlp):
    doc = nlp(PAPER)
    assert doc._.abbrevs["DVA"] == "Deep vein arterialization"
    assert doc._.abbrevs["PTA"] == "posterior tibial artery"
    assert [s.text for s in doc.spans["abbreviations"]] == ["DVA", "PTA"]


def test_abbreviations_defined_once_are_read_in_a_later_paragraph(nlp):
    doc = nlp(PAPER)
    later = next(u for u in doc._.units if u.text.startswith("The PTA"))
    assert [(s.text, s.label_, s.kb_id_) for s in later.spans("vocab")] == [
        ("PTA", "arteries", "posterior_tibial")
    ]


def test_abbreviations_long_form_inside_the_parentheses(nlp):
    doc = nlp("A case\n\nCase report\n\nThe CLTI (chronic limb-threatening ischemia) was severe.\n")
    assert doc._.abbrevs["CLTI"] == "chronic limb-threatening ischemia"


def test_abbreviations_never_pair_parentheses_of_two_units(nlp):
    doc = nlp("A case\n\nCase report\n\nHe had CKD\n\n(stage 3) on review.\n")
    assert doc._.abbrevs == {}


def test_abbreviations_footnote_forms():
    assert footnote_abbreviations("Abbreviations: HTN, hypertension; DM, diabetes mellitus.") == {
        "HTN": "hypertension",
        "DM": "diabetes mellitus",
    }
    assert footnote_abbreviations("AF atrial fibrillation, CKD chronic kidney disease") == {
        "AF": "atrial fibrillation",
        "CKD": "chronic kidney disease",
    }


def test_abbreviations_footnote_of_a_table_names_its_column(nlp):
    doc = nlp(
        "A series\n\nResults\n\nPatient\tRC\tAge\n1\t5\t70\n2\t6\t72\n\n"
        "Abbreviations: RC, Rutherford category.\n"
    )
    units = [u for u in doc._.units if u.label == "RC"]
    assert units and all("rutherford" in u.families for u in units)
