"""Patients are found by structure: tables, case sections, single narratives; never invented."""


def test_patients_single_case_narrative_is_patient_1(run):
    result = run(
        "Deep vein arterialization for a nonhealing ulcer: a case report\n\n"
        "Case presentation\n\nA 74-year-old man presented with rest pain and a heel ulcer.\n\n"
        "Discussion\n\nAn earlier 81-year-old woman treated in 2019 lost her leg.\n"
    )
    assert [p.patient_id for p in result.patients] == ["1"]
    assert result.patients[0].age_years == 74
    assert result.study.design == "case_report"


def test_patients_pooled_only_paper_has_no_patients(run):
    result = run(
        "Outcomes of venous arterialization: a cohort\n\nAbstract\n\n"
        "Twenty patients (14 men and 6 women; mean age 69.4 years) were treated. "
        "Median follow-up was 9 months.\n\nDiscussion\n\nOne 80-year-old patient required AKA.\n"
    )
    assert result.patients == []
    assert result.study.n_patients == 20
    assert result.study.design == "cohort"
    assert result.study.reported.n_male == 14 and result.study.reported.n_female == 6
    assert result.study.reported.median_follow_up_days == 273.6
    assert result.warnings


def test_patients_letter_ids_from_headings(run):
    result = run(
        "Two cases\n\nPatient A\n\nA seventy-year-old man had diabetes.\n\n"
        "Patient B\n\nAn 83-year-old woman had heart failure.\n"
    )
    assert [(p.patient_id, p.age_years, p.sex) for p in result.patients] == [
        ("A", 70, "male"),
        ("B", 83, "female"),
    ]


def test_patients_value_in_case_section_belongs_to_that_case_even_with_a_table(run):
    result = run(
        "Series\n\nTable 1. Patients\n\nVariable\tPatient 1\tPatient 2\nAge, y\t60\t70\n\n"
        "Case 1\n\nShe had diabetes.\n\nCase 2\n\nHe underwent a below-knee amputation.\n"
    )
    p1, p2 = result.patients
    assert p1.risk_factors == ["diabetes"] and p2.risk_factors == []
    assert p2.amputation == "below_knee" and p1.amputation is None


def test_patients_figure_caption_naming_nobody_is_not_attributed(run):
    result = run(
        "Deep vein arterialization: a case\n\nCase report\n\nA 70-year-old man underwent DVA.\n\n"
        "**Figure 1.** A 5 mm x 150 mm Viabahn stent graft in the posterior tibial vein.\n"
    )
    assert result.patients[0].stents == []


def test_patients_a_news_story_names_its_patient_with_just_or_now_before_the_age(run):
    for told, age in (
        ("Ms Lowe's toe was black. Lowe, just 58, came to the limb center.", 58),
        ("The clinic treated Raymond Ortiz. Ortiz, now 81, walks again.", 81),
    ):
        result = run(
            f"Surgeons save a foot\n\n{told} Surgeon Ann Park opened a blocked artery in the leg.\n"
        )
        (patient,) = result.patients
        assert patient.age_years == age, told
