"""The study's indication where the paper names no term for it: its clinical picture."""

import pytest


@pytest.mark.parametrize(
    "sentence",
    [
        "Twelve patients with ischaemic foot ulcers underwent revascularization.",
        "54 pacientes en estado IV de Fontaine y cuatro en estado IIIB fueron tratados.",
        "The procedure provides arterialized blood to ischemic digits of the hand.",
        "Patients in Fontaine stage IIIb were treated by venous arterialization.",
        "She noticed her toes change color, first pink, then purple, then black.",
        "His blackened toes were painful at night.",
        "If blood flow could not be restored to that artery, Lee could lose his foot.",
        "Without treatment she might lose the leg.",
    ],
)
def test_indication_a_chronic_ischaemic_picture_is_clti(run, sentence):
    result = run(f"Venous arterialization of the foot\n\n{sentence}\n")
    assert result.study.indication == "CLTI"


def test_indication_an_arterial_embolism_series_is_acute(run):
    for told in (
        "Femoral embolectomy was performed in all patients with arterial embolism.",
        "Foram tratados 40 doentes com embolia arterial dos membros inferiores.",
    ):
        result = run(f"Embolic occlusions\n\n{told}\n")
        assert result.study.indication == "ALI", told


def test_indication_skin_necrosis_over_a_mass_is_no_limb_ischemia(run):
    result = run(
        "Ruptured popliteal aneurysm\n\nA 70-year-old man had a pulsating popliteal mass with "
        "overlying skin necrosis. The aneurysm was resected and a bypass was performed.\n"
    )
    assert result.study.indication is None


def test_indication_a_cited_background_sentence_names_no_indication(run):
    result = run(
        "Covered stent for a ruptured aneurysm\n\nPopliteal aneurysms may thrombose or embolize "
        "distally, causing critical limb ischaemia [1]. A 64-year-old man had a painful swelling "
        "behind the knee and was treated with a covered stent.\n"
    )
    assert result.study.indication is None


def test_indication_black_as_a_group_of_patients_is_no_gangrene(run):
    result = run(
        "Venous arterialization of the foot\n\nFoot ulcers were more common among Black "
        "patients in the registry.\n"
    )
    assert result.study.indication is None


def test_indication_a_venous_ulcer_or_wound_is_no_limb_ischemia(run):
    for title, told in (
        ("Nonhealing leg ulcer from venous hypertension",
         "A 60-year-old woman had a nonhealing ulcer of the ankle due to venous hypertension."),
        ("Treatment of a chronic wound",
         "A 70-year-old man had a non-healing venous stasis ulcer of the calf."),
    ):  # fmt: skip
        result = run(f"{title}\n\nCase report\n\n{told}\n")
        assert result.study.indication is None, title
    ischemic = run(
        "Treatment of a chronic wound\n\nCase report\n\n"
        "A 70-year-old man had a non-healing ulcer of the heel and no pedal pulses.\n"
    )
    assert ischemic.study.indication == "CLTI"


@pytest.mark.parametrize(
    "sentence",
    [
        "Orientación diagnóstica: isquemia arterial aguda de miembros inferiores.",
        "Diagnóstico: isquemia arterial aguda do membro inferior direito.",
        "Akute Extremitätenischämie nach Stentimplantation.",
        "Es handelte sich um eine akute Ischämie des linken Beines.",
        "A 95 year old man presented with acute onset right lower limb pain and edema.",
        "She was seen 14 hours after the sudden onset of pain and numbness in the right foot.",
        "He complained of sudden-onset severe leg pain.",
    ],
)
def test_indication_acute_ischaemia_in_other_languages_or_told_by_its_onset(run, sentence):
    result = run(f"A thrombosed popliteal aneurysm\n\n{sentence}\n")
    assert result.study.indication == "ALI"


def test_indication_pain_without_a_sudden_onset_is_not_acute(run):
    result = run("A popliteal aneurysm\n\nHe had calf pain on walking for two years.\n")
    assert result.study.indication != "ALI"
