"""Age and sex: table cells "M/77", "F/69", ages in words, sex from pronouns."""


def test_demographics_sex_age_cells_either_order(run):
    result = run("Series\n\nPt\tSex/age\tRisk factors\n1\tM/77\tHTN\n2\t69/F\tDM\n")
    assert [(p.age_years, p.sex) for p in result.patients] == [(77, "male"), (69, "female")]
    assert result.patients[0].evidence["age_years"][0].source == "table"


def test_demographics_sex_from_pronouns_only(run):
    result = run(
        "Deep vein arterialization: a case\n\nCase report\n\n"
        "A 59-year-old active smoker presented with pain. "
        "Her history included hypertension, and she had smoked for 40 years.\n"
    )
    assert result.patients[0].sex == "female"


def test_demographics_age_in_words_and_yr_old(run):
    assert (
        run("Deep vein arterialization: a case\n\nCase report\n\nA sixty-two-year-old man.\n")
        .patients[0]
        .age_years
        == 62
    )
    assert (
        run("Deep vein arterialization: a case\n\nCase report\n\nWe treated a 77-yr-old.\n")
        .patients[0]
        .age_years
        == 77
    )


def test_demographics_table_narrative_disagreement_keeps_table_and_records_conflict(run):
    result = run(
        "Series\n\nVariable\tPatient 1\tPatient 2\nAge (years)\t71\t65\n\n"
        "Patient 1, a 72-year-old man, healed.\n\nPatient 2, a 65-year-old woman, died.\n"
    )
    assert result.patients[0].age_years == 71
    (conflict,) = [c for c in result.conflicts if c.field == "age_years"]
    assert conflict.patient_id == "1" and conflict.values == [71, 72] and conflict.chosen == 71


def test_demographics_a_german_case_gives_age_and_sex(run):
    for told, sex in (
        ("Der 76-jährige Rentner B. S. stellt sich in der Notaufnahme vor.", "male"),
        ("Eine 68-jährige Patientin wurde mit einer Nekrose der Zehe aufgenommen.", "female"),
        ("Ein 54-jähriger Mann klagte über Schmerzen im Bein.", "male"),
    ):
        result = run(
            f"Akute Extremitätenischämie\n\n{told} Seit gestern bestehe ein Kribbeln mit "
            "Taubheit des Unterschenkels. Ein Leistenpuls ließ sich links nicht palpieren.\n"
        )
        assert [(p.age_years, p.sex) for p in result.patients] == [
            (int(told.split("-")[0][-2:]), sex)
        ]
