"""`dva_vocab`: vocabulary mentions, paper-defined abbreviations, vessel kinds."""

import pytest

from extract.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _run(nlp, text):
    """The component(s) alone on a hand-built Doc of ``text``."""
    doc = nlp.make_doc(text)
    for name in ("dva_vocab",):
        doc = nlp.get_pipe(name)(doc)
    return doc


def _vocab(doc):
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["vocab"]]


def test_vocab_ruler_arteries_veins_synonyms(nlp):
    doc = _run(nlp, "The fibular artery was crossed into a peroneal vein; the PTV was punctured.")
    found = _vocab(doc)
    assert ("fibular artery", "arteries", "peroneal") in found
    assert ("peroneal vein", "veins", "peroneal") in found
    assert ("PTV", "veins", "posterior_tibial") in found


def test_vocab_ruler_artery_name_before_vein_word_is_a_vein(nlp):
    doc = _run(nlp, "Posterior tibial vein and anterior tibial artery.")
    assert [(s.label_, s.kb_id_) for s in doc.spans["vocab"]] == [
        ("veins", "posterior_tibial"),
        ("arteries", "anterior_tibial"),
    ]


def test_vocab_ruler_ambiguous_abbreviation_needs_a_definition(nlp):
    assert _vocab(_run(nlp, "PTA of the crossing zone.")) == []
    doc = nlp.make_doc("The PT was used.")  # a hand-built Doc: the ruler alone
    doc._.abbrevs = {"PT": "posterior tibial"}
    doc = nlp.get_pipe("dva_vocab")(doc)
    assert _vocab(doc) == [("PT", "arteries", "posterior_tibial")]


def test_vocab_ruler_risk_factor_synonyms_british_and_abbreviations(nlp):
    doc = _run(nlp, "Ex-smoker with T2DM, HTN, hyperlipidaemia, IHD and ESRF on haemodialysis.")
    keys = {s.kb_id_ for s in doc.spans["vocab"] if s.label_ == "risk_factors"}
    assert keys == {
        "smoking",
        "diabetes",
        "hypertension",
        "hyperlipidemia",
        "coronary_artery_disease",
        "end_stage_renal_disease",
    }


def test_vocab_ruler_amputation_levels_and_devices(nlp):
    doc = _run(
        nlp, "A below-the-knee amputation (transtibial) after a TMA; Covera (BD) and Supera."
    )
    found = _vocab(doc)
    assert ("below-the-knee amputation", "amputation_levels", "below_knee") in found
    assert ("TMA", "amputation_levels", "transmetatarsal") in found
    assert ("Covera", "devices", "Covera") in found
    assert ("BD", "manufacturers", "BD") in found


def test_vocab_ruler_mentions_never_cross_a_table_cell(nlp):
    doc = nlp(
        "Patient | Donor | Target\n1 | posterior | tibial vein\n2 | PT | anterior tibial vein\n"
    )
    found = _vocab(doc)
    assert ("anterior tibial vein", "veins", "anterior_tibial") in found
    assert not any("|" in text for text, _, _ in found)
    assert ("posterior", "arteries", "posterior_tibial") not in found


def test_vocab_ruler_arm_vessels_are_arm_vessels(nlp):
    doc = _run(nlp, "The radial artery was connected to the cephalic vein.")
    assert ("radial artery", "arteries", "radial") in _vocab(doc)
    assert ("cephalic vein", "veins", "cephalic") in _vocab(doc)
