"""Cues first met in one paper, pinned on phrasings of our own (a cue for one paper is a defect)."""

import pytest

from extract.fields.cues import cues


@pytest.mark.parametrize("word", sorted(set(cues()["sex"]["male"]) - {"mr", "senhor", "señor"}))
def test_every_male_word_gives_male(case, word):
    assert case("A DVA was created.", intro=f"A 58-year-old {word} with rest pain.").sex == "male"


@pytest.mark.parametrize(
    "intro, sex",
    [
        ("A 16-year-old boy with Buerger's disease.", "male"),
        ("Paciente varon de 71 años con úlcera del talón.", "male"),
        ("Homem de 66 anos, diabético.", "male"),
    ],
)
def test_sex_words_of_other_registers_and_languages(case, intro, sex):
    assert case("A DVA was created.", intro=intro).sex == sex


@pytest.mark.parametrize(
    "sentences, expected",
    [
        ("At 9 months he remains alive and walking.", False),
        ("He passed away from pneumonia 5 months after the DVA.", True),
        ("There were no deaths during follow-up.", False),
    ],
)
def test_death_phrasings(case, sentences, expected):
    assert case(f"A DVA was created. {sentences}").death is expected


@pytest.mark.parametrize(
    "sentences",
    [
        "At 6 months he did not require any amputation.",
        "By one year neither amputation nor reintervention had been necessary.",
    ],
)
def test_no_amputation_phrasings(case, sentences):
    assert case(f"A DVA was created. {sentences}").amputation == "none"


@pytest.mark.parametrize(
    "sentences",
    [
        "On day 12 the outflow vein was ballooned again.",
        "Three weeks later a re-look operation was done for bleeding.",
        "At 2 months the occluded venous stent was re-stented.",
        "On postoperative day 4 thrombo-aspiration of the circuit restored flow.",
    ],
)
def test_reintervention_phrasings(case, sentences):
    assert case(f"A DVA was created. {sentences}").reintervention is True


@pytest.mark.parametrize(
    "sentences",
    [
        "At 6 months no revision of the circuit had been required.",
        "He needed neither amputation nor reintervention during follow-up.",
    ],
)
def test_no_reintervention_phrasings(case, sentences):
    assert case(f"A DVA was created. {sentences}").reintervention is False


def _stents(run, sentences):
    patient = run(
        f"Deep vein arterialization: a case\n\nCase report\n\nA 70-year-old man. {sentences}\n"
    ).patients[0]
    return [(s.diameter_mm, s.length_mm) for s in patient.stents]


def test_a_wound_area_in_cm2_is_not_a_stent(run):
    found = _stents(
        run,
        "The heel ulcer measured 4 x 3 cm2. "
        "A 5 x 100 mm Viabahn stent graft was placed in the vein.",
    )
    assert found == [(5.0, 100.0)]


def test_an_inflow_des_is_not_a_circuit_stent(run):
    found = _stents(
        run,
        "The SFA lesion was first treated with a 5 x 60 mm DES. "
        "The crossing was then covered with a 6 x 150 mm Viabahn stent graft into the vein.",
    )
    assert found == [(6.0, 150.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "From a national claims database, 9 patients who underwent deep vein arterialization "
        "were identified.",
        "Estudio retrospectivo: 9 pacientes fueron tratados con arterialización venosa del pie.",
    ],
)
def test_design_a_small_database_or_retrospective_study_calls_itself_a_cohort(run, sentence):
    assert run(f"Venous arterialization outcomes\n\n{sentence}\n").study.design == "cohort"


def test_single_case_a_news_story_naming_the_patient_after_her_age(run):
    result = run(
        "A leg saved by a vein\n\nLast spring 78-year-old Helen Example could barely walk. "
        "Surgeons turned a vein in her leg into an artery, and her wound healed.\n"
    )
    assert len(result.patients) == 1


def test_relevance_an_italian_venous_arterialization_is_dva(run):
    result = run(
        "Arterializzazione venosa nel piede no-option\n\nDieci pazienti sono stati trattati "
        "con arterializzazione delle vene profonde del piede.\n"
    )
    assert result.study.relevance in ("dva", "dva_no_patients")
