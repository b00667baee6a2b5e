"""The study's indication where the paper names no term for it: its clinical picture."""

import pytest


@pytest.mark.parametrize(
    "sentence",
    [
        "Twelve patients with ischaemic foot ulcers underwent revascularization.",
        "54 pacientes en estado IV de Fontaine y cuatro en estado IIIB fueron tratados.",
        "The procedure provides arterialized blood to ischemic digits of the hand.",
        "Patients in Fontaine stage IIIb were treated by venous arterialization.",
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
