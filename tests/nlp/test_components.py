"""The rule components: each pattern family on small texts written in the field's language."""

import pytest

from extract.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline()


def _vocab(doc):
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["vocab"]]


def _measures(doc, label):
    return [(s.text, s._.value) for s in doc.spans["measures"] if s.label_ == label]


def test_components_factories_in_pipeline_order(nlp):
    assert nlp.pipe_names == [
        "sentencizer",
        "abbreviation_detector",
        "dva_vocab",
        "dva_measures",
        "dva_context",
    ]


def test_components_arteries_veins_synonyms(nlp):
    doc = nlp("The fibular artery was crossed into a peroneal vein; the PTV was punctured.")
    found = _vocab(doc)
    assert ("fibular artery", "arteries", "peroneal") in found
    assert ("peroneal vein", "veins", "peroneal") in found
    assert ("PTV", "veins", "posterior_tibial") in found


def test_components_artery_name_before_vein_word_is_a_vein(nlp):
    doc = nlp("Posterior tibial vein and anterior tibial artery.")
    assert [(s.label_, s.kb_id_) for s in doc.spans["vocab"]] == [
        ("veins", "posterior_tibial"),
        ("arteries", "anterior_tibial"),
    ]


def test_components_ambiguous_abbreviation_needs_a_definition(nlp):
    assert _vocab(nlp("PTA of the crossing zone.")) == []
    doc = nlp.make_doc("The PT was used.")
    doc.user_data["abbreviations"] = {"PT": "posterior tibial"}
    for name in ("sentencizer", "dva_vocab"):
        doc = nlp.get_pipe(name)(doc)
    assert _vocab(doc) == [("PT", "arteries", "posterior_tibial")]


def test_components_risk_factor_synonyms_british_and_abbreviations(nlp):
    doc = nlp("Ex-smoker with T2DM, HTN, hyperlipidaemia, IHD and ESRF on haemodialysis.")
    keys = {s.kb_id_ for s in doc.spans["vocab"] if s.label_ == "risk_factors"}
    assert keys == {
        "smoking",
        "diabetes",
        "hypertension",
        "hyperlipidemia",
        "coronary_artery_disease",
        "end_stage_renal_disease",
    }


def test_components_amputation_levels_and_devices(nlp):
    doc = nlp("A below-the-knee amputation (transtibial) after a TMA; Covera (BD) and Supera.")
    found = _vocab(doc)
    assert ("below-the-knee amputation", "amputation_levels", "below_knee") in found
    assert ("TMA", "amputation_levels", "transmetatarsal") in found
    assert ("Covera", "devices", "Covera") in found
    assert ("BD", "manufacturers", "BD") in found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a 5 mm x 150 mm stent", (5.0, 150.0)),
        ("a 6×150-mm stent graft", (6.0, 150.0)),
        ("a 5x100 mm Viabahn", (5.0, 100.0)),
        ("a 6-mm by 80-mm Covera", (6.0, 80.0)),
        ("a 5.5 × 60 mm Supera", (5.5, 60.0)),
        ("a 7 mm x 15 cm graft", (7.0, 150.0)),
        ("5 x 150mm", (5.0, 150.0)),
    ],
)
def test_components_sizes(nlp, text, value):
    assert _measures(nlp(text), "SIZE")[0][1] == value


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("A 65-year-old woman", 65),
        ("a 77-yr-old with diabetes", 77),
        ("A seventy-year-old man", 70),
        ("a sixty-two-year-old man", 62),
        ("a man aged 81 years", 81),
        ("a 58 y/o female", 58),
    ],
)
def test_components_ages(nlp, text, age):
    assert _measures(nlp(text), "AGE")[0][1] == age


def test_components_durations_in_days(nlp):
    doc = nlp("At 12 months, after 6 weeks and 3 days; a 65-year-old.")
    assert [v for _, v in _measures(doc, "DURATION")] == [364.8, 42.0, 3.0]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Rutherford class IIb", "IIb"),
        ("Rutherford category 5", "5"),
        ("Rutherford Ila", "IIa"),
        ("Rutherford grade lIb", "IIb"),
    ],
)
def test_components_rutherford_with_ocr_lookalikes(nlp, text, key):
    assert _measures(nlp(text), "RUTHERFORD")[0][1] == key


def _flags(doc, text):
    span = next(s for s in doc.spans["vocab"] if s.text == text)
    return span._.negated, span._.hypothetical, span._.family


def test_components_negation_cues(nlp):
    doc = nlp("He had never smoked, and there was no history of stroke or atrial fibrillation.")
    assert _flags(doc, "smoked")[0]
    assert _flags(doc, "stroke")[0] and _flags(doc, "atrial fibrillation")[0]
    assert _flags(nlp("She denied smoking."), "smoking")[0]


def test_components_negation_stops_at_but(nlp):
    doc = nlp("No claudication, but diabetes was present.")
    assert not _flags(doc, "diabetes")[0]


def test_components_hypothetical_and_family(nlp):
    doc = nlp("Without treatment she would have required a below-knee amputation.")
    assert _flags(doc, "below-knee amputation")[1]
    doc = nlp("Her mother had coronary artery disease.")
    assert _flags(doc, "coronary artery disease")[2]
