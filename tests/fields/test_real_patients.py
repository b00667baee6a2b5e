"""One patient as news stories and non-English case reports tell it."""


def test_news_story_named_person_with_age_and_pronouns(run):
    result = run(
        "Local surgeon saves a foot\n"
        "A new procedure has saved patients like Henry Example from major amputation.\n"
        "Henry, 62, was admitted with a heel ulcer that would not heal. He had a long "
        "diabetic history. His surgeon offered a deep vein arterialization.\n"
        "He said the wound is closing and he is walking again.\n"
    )
    (patient,) = result.patients
    assert (patient.age_years, patient.sex, patient.risk_factors) == (62, "male", ["diabetes"])
    assert (patient.indication, patient.major_amputation, patient.amputation) == (
        "CLTI",
        False,
        None,
    )
    assert (result.study.design, result.study.relevance) == ("case_report", "dva")


def test_a_parents_death_in_a_quote_is_not_the_patients(run):
    result = run(
        "Venous arterialization saves a leg\n\n"
        "Paul Example is walking again after a deep vein arterialization. “I got it from my "
        "father who died of a heart attack,” Example said. His ulcer healed.\n"
    )
    assert result.patients[0].death is None


def test_an_attempt_to_save_a_leg_is_not_the_outcome(run):
    result = run(
        "Deep venous arterialization: a case report\n\nCase report\n\n"
        "A 78-year-old woman had a toe wound that would not heal. Deep venous arterialization "
        "was performed in a last attempt to save her leg.\n"
    )
    assert result.patients[0].major_amputation is None


def test_spanish_case_age_sex_and_defined_abbreviations(run):
    result = run(
        "Arterialización venosa superficial: reporte de caso\n\nINTRODUCCIÓN\n\n"
        "Sus factores de riesgo son la diabetes mellitus (DM) y la hipertensión arterial (HTA).\n\n"
        "PRESENTACIÓN DEL CASO\n\n"
        "Paciente femenina de 59 años de edad, con antecedentes de DM y de HTA de 10 y 5 años "
        "de evolución, con lesión isquémica del cuarto dedo.\n"
    )
    (patient,) = result.patients
    assert (patient.age_years, patient.sex) == (59, "female")
    assert patient.risk_factors == ["hypertension", "diabetes"]
    assert patient.indication == "CLTI"


def test_portuguese_case_initials_age_sex_and_negated_history(run):
    result = run(
        "Derivação arterial: relato de caso\n\nApresentação do caso\n\n"
        "A.B.C., 58 anos, sexo masculino, com dor súbita em membro inferior esquerdo. "
        "O paciente era tabagista ativo, portador de hipertensão arterial sistêmica, porém "
        "sem história prévia de diabetes.\n"
    )
    (patient,) = result.patients
    assert (patient.age_years, patient.sex) == (58, "male")
    assert patient.risk_factors == ["hypertension", "smoking"]
