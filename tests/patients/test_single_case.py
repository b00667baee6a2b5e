"""A single-case document is one patient, even without an age."""

import pytest

from extract.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _ids(nlp, text):
    return [p.patient_id for p in nlp(text)._.patients]


def test_a_case_report_title_makes_one_patient(nlp):
    text = (
        "Acute limb ischemia: a case report\n\n"
        "The patient presented with a cold right foot. Thrombectomy restored flow.\n"
    )
    assert _ids(nlp, text) == ["1"]


def test_we_describe_a_case_makes_one_patient(nlp):
    text = (
        "Venous arterialization\n\n"
        "We describe the case of a diabetic patient with a necrotic heel. Deep vein "
        "arterialization was performed and the wound healed.\n"
    )
    assert _ids(nlp, text) == ["1"]


def test_a_named_person_with_an_age_is_the_patient(nlp):
    text = (
        "New procedure saves a leg\n\n"
        "Mary Example, 74, had a wound on her heel that would not heal. Her doctors "
        "offered a deep vein arterialization. She is walking again.\n"
    )
    assert _ids(nlp, text) == ["1"]


def test_a_quoted_speaker_who_is_the_doctor_is_no_patient(nlp):
    text = (
        "Hospital offers deep vein arterialization\n\n"
        "The clinic now offers the procedure to patients with no other option. "
        '"It is a last resort," said Dr. Anna Example, a vascular surgeon. '
        "Dozens of patients were assessed last year.\n"
    )
    assert _ids(nlp, text) == []


def test_a_portuguese_case_report_makes_one_patient(nlp):
    text = (
        "Arterialização venosa do pé\n\nRelato de caso\n\n"
        "Descrevemos um caso de isquemia crítica tratado com arterialização venosa.\n"
    )
    assert _ids(nlp, text) == ["1"]


def test_an_age_in_a_cohort_of_participants_makes_no_patient(nlp):
    text = (
        "Life events and dementia\n\nAbstract\n\n"
        "We followed 1,250 participants aged 55 years and over for five years. Participants "
        "who reported a stressful event were compared with the others.\n"
    )
    assert _ids(nlp, text) == []


def test_inclusion_ages_of_a_meta_analysis_make_no_patient(nlp):
    text = (
        "Eradication and anaemia: a meta-analysis\n\n"
        "Trials were included when the participants were 18 years old or more. Seven trials "
        "were pooled in this meta-analysis.\n"
    )
    assert _ids(nlp, text) == []


def test_a_speaker_named_by_the_surname_of_a_titled_doctor_is_no_patient(nlp):
    text = (
        "Clinic first in the state to offer deep vein arterialization\n\n"
        "The vascular team, led by Dr. Omar Example, treated a patient with no other option.\n"
        "Example said the hospital trained for months before the first case.\n"
        "Surgeon Lena Sample, M.D., assisted. Sample said more patients are being assessed.\n"
    )
    assert _ids(nlp, text) == []


def test_a_quoted_speaker_with_a_title_of_office_in_apposition_is_no_patient(nlp):
    text = (
        "Hospital launches limb salvage program\n\n"
        "The hospital now offers deep vein arterialization. “We can reduce amputations in our "
        "region,” said Paul Example, Heart and Vascular Service Line Administrator at the "
        "hospital. Amputations are common in the county.\n"
    )
    assert _ids(nlp, text) == []


def test_a_quoted_speaker_with_an_age_in_apposition_is_still_the_patient(nlp):
    text = (
        "A leg saved\n\n"
        "“I can walk to the shops again,” said Joan Example, 81, after her deep vein "
        "arterialization. Her wound has healed.\n"
    )
    assert _ids(nlp, text) == ["1"]


def test_a_japanese_case_abstract_told_in_the_front_is_one_patient_with_age_and_sex(run):
    result = run(
        "2017 年 26 巻 1 号 p. 71-75\n症例は後遺症を有する68歳の女性で,"
        "安静時疼痛を主訴とする重症下肢虚血の診断で当院に転院となった.\n"
    )
    assert [(p.age_years, p.sex) for p in result.patients] == [(68, "female")]
    assert result.study.indication == "CLTI"
