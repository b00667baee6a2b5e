"""Wrong extractions found on the first blind batch, each pinned by the phrasing that caused it."""


def test_regression_space_aligned_columns_with_wrapped_cells(run):
    result = run(
        "Deep vein arterialization series\n\nTable 1. Patients\n\n"
        "                  Pt 1          Pt 2\n"
        "Age (y)           76            69\n"
        "Risk factors      HTN, T2DM,    HD,\n"
        "                  DLP           CAD\n"
        "Stent-grafts      VBH 6x150     Covera 7x60\n"
        "                  VBH 5x100\n\n"
        "HTN, hypertension; DLP, dyslipidaemia; HD, haemodialysis; VBH, Viabahn.\n"
    )
    p1, p2 = result.patients
    assert (p1.age_years, p2.age_years) == (76, 69)
    assert p1.risk_factors == ["hypertension", "diabetes", "hyperlipidemia"]
    assert p2.risk_factors == ["end_stage_renal_disease", "coronary_artery_disease"]
    assert sorted((s.device, s.diameter_mm, s.length_mm) for s in p1.stents) == [
        ("Viabahn", 5.0, 100.0),
        ("Viabahn", 6.0, 150.0),
    ]


def test_regression_numbered_heading_directly_over_its_paragraph_and_box_table(run):
    result = run(
        "Series\n\n3 | RESULTS\n\n"
        "┌────┬─────────┐\n│ Pt │ Age/sex │\n├────┼─────────┤\n│ 1  │ 59/M    │\n│ 2  │ 73/F    │\n"
        "└────┴─────────┘\n\n3.1 | Patient 1\nHe was a smoker.\n\n3.2 | Patient 2\nShe had COPD.\n"
    )
    assert [(p.age_years, p.risk_factors) for p in result.patients] == [
        (59, ["smoking"]),
        (73, ["copd"]),
    ]


def test_regression_case_paragraphs_continue_until_a_summary_or_heading(run):
    result = run(
        "Series\n\nThe patients\n\nThe first patient, a 74-year-old man, had an ulcer.\n\n"
        "He died of pneumonia at 8 months.\n\nThe second patient was a 61-year-old woman.\n\n"
        "Overall, both patients healed.\n\nComment\n\nAt one year half of all patients died.\n"
    )
    p1, p2 = result.patients
    assert (p1.death, p1.follow_up_days) == (True, 243.2)
    assert (p2.death, p2.follow_up_days) == (None, None)


def test_regression_class_without_rutherford_word_before_dva(case):
    p = case(
        "He presented with Rutherford IIa ischaemia. During lysis he lost dorsiflexion, so that "
        "before the arterialisation the limb was classed as IIb.",
    )
    assert (p.rutherford_presentation, p.rutherford_pre_dva) == ("IIa", "IIb")


def test_regression_new_circuit_after_an_earlier_dva(case):
    p = case(
        "He had undergone an elective DVA from the peroneal artery to the peroneal vein five "
        "months earlier. A new circuit was created from the posterior tibial artery to the "
        "posterior tibial vein.",
    )
    assert (p.donor_artery, p.target_vein) == ("posterior_tibial", "posterior_tibial")
    assert [(d.donor_artery, d.target_vein) for d in p.prior_dva] == [("peroneal", "peroneal")]


def test_regression_vessel_abbreviation_in_donor_column_even_if_defined_otherwise(run):
    result = run(
        "Deep vein arterialization series\n\n"
        "Pt\tDonor artery\tReintervention\n1\tPTA\tPTA outflow\n\n"
        "PTA, percutaneous transluminal angioplasty; Pt, patient.\n"
    )
    assert (result.patients[0].donor_artery, result.patients[0].reintervention) == (
        "posterior_tibial",
        True,
    )


def test_regression_succumbed_and_age_of_another_study_is_not_follow_up(case):
    p = case(
        "The report by others on 14 patients (mean age 69 years) had 36% survival at 12 months. "
        "He succumbed to pneumonia 11 weeks after the arterialization.",
    )
    assert (p.death, p.follow_up_days) == (True, 77.0)


def test_regression_patient_the_paper_excludes_is_left_out(run):
    result = run(
        "Series\n\nPt\tAge/sex\tCircuit\tOutcome\n1\t59/M\tPT art. → PT vein\tAlive\n"
        "2\t80/M\tDVA abandoned (failed crossing)\tExcluded\n"
    )
    assert [p.patient_id for p in result.patients] == ["1"]
    assert any("patient 2 left out" in w for w in result.warnings)


def test_regression_year_from_volume_line_and_whole_cohort_count(run):
    result = run(
        "Journal of Things\nVolume 7, Issue 1, 2025, Pages 14-21\n\nA registry\n\n"
        "Abstract\n\nOf 23 patients, 12 patients were on dialysis and twenty-three patients "
        "healed.\n"
    )
    assert (result.study.year, result.study.n_patients) == (2025, 23)


def test_regression_family_plural_and_advised_declined_amputation(case):
    p = case(
        "She did not have diabetes, although her mother and both of her sisters were treated "
        "for type 2 diabetes. She had been advised to undergo a below-knee amputation, which "
        "she declined. The fourth toe was amputated at 5 weeks.",
    )
    assert (p.risk_factors, p.amputation, p.major_amputation) == ([], "toe", False)


def test_regression_sizes_in_parentheses_after_the_stent_words(case):
    p = case(
        "After balloon valvulotomy (2.5 × 120 mm balloon), two Viabahn stent grafts "
        "(5 × 50 mm and 5 × 100 mm) were overlapped into the lateral plantar vein.",
    )
    assert sorted((s.diameter_mm, s.length_mm) for s in p.stents) == [(5.0, 50.0), (5.0, 100.0)]


def test_regression_diameter_sign_and_length_words(case):
    p = case(
        "Two Viabahn stent-grafts were deployed towards the ankle: Ø 6 mm, 100 mm length at "
        "the crossing and Ø 5 mm, 150 mm length distally.",
    )
    assert sorted((s.diameter_mm, s.length_mm) for s in p.stents) == [(5.0, 150.0), (6.0, 100.0)]


def test_regression_table_labels_read_through_the_papers_abbreviations(run):
    result = run(
        "Series\n\nPt\tAge\tRC\tCrossing\tInflow adjunct\tFU (mo)\tStatus\n"
        "1\t67\t5\tPer → PerV\tSupera 5.5x120 (SFA)\t14\tAlive\n\n"
        "RC, Rutherford category; Per, peroneal artery; PerV, peroneal vein; FU, follow-up.\n"
    )
    p = result.patients[0]
    assert (p.rutherford_presentation, p.donor_artery, p.target_vein) == (
        "5",
        "peroneal",
        "peroneal",
    )
    assert (p.follow_up_days, p.death, p.stents) == (425.6, False, [])


def test_regression_unlabelled_structured_abstract_is_the_abstract(run):
    result = run(
        "A series of five\n\nA. Author, B. Author\n\nBackground: We used DVA.\n"
        "Results: Five patients (three men and two women; mean age 71.2 years) were treated.\n"
    )
    reported = result.study.reported
    assert (reported.mean_age_years, reported.n_male, reported.n_female) == (71.2, 3, 2)


def test_regression_status_in_follow_up_cell(run):
    result = run(
        "Series\n\n| | Case 1 | Case 2 |\n|---|---|---|\n| Follow-up | 12 months, alive "
        "| 2 months, died (heart failure) |\n"
    )
    assert [(p.death, p.follow_up_days) for p in result.patients] == [(False, 364.8), (True, 60.8)]


def test_regression_amputation_before_the_dva_is_history(case):
    p = case(
        "A fifth-ray amputation on the same foot had been performed in 2021. A DVA was "
        "created. The first toe was amputated at five weeks."
    )
    assert p.amputation == "toe"


def test_regression_balloon_earlier_in_the_sentence_does_not_hide_the_stents(case):
    p = case(
        "After valve disruption with a 3 mm balloon, two Viabahn stent-grafts (W. L. Gore & "
        "Associates) were deployed: Ø 6 mm, 100 mm length at the crossing and Ø 5 mm, 150 mm "
        "length distally."
    )
    assert sorted((s.diameter_mm, s.length_mm) for s in p.stents) == [(5.0, 150.0), (6.0, 100.0)]


def test_regression_artery_after_a_closed_parenthesis_is_not_a_prior_dva(case):
    p = case(
        "He had gangrene of the heel (Rutherford 6). The anterior tibial artery was arterialised "
        "into the anterior tibial vein."
    )
    assert (p.donor_artery, p.prior_dva) == ("anterior_tibial", [])


def test_regression_footnote_after_a_table_is_not_the_last_cases_history(run):
    result = run(
        "Series\n\nCase 1\n\nA 64-year-old man.\n\nCase 2\n\nA 71-year-old man with diabetes.\n\n"
        "| | Case 1 | Case 2 |\n|---|---|---|\n| Treatment before DVA | none | popliteal stent |\n"
        "| Arterialized vein | ATV | PTV |\n\nAF atrial fibrillation, HFrEF heart failure with "
        "reduced ejection fraction, DM2 type 2 diabetes mellitus, PTV posterior tibial vein\n"
    )
    p2 = result.patients[1]
    assert (p2.risk_factors, p2.target_vein) == (["diabetes"], "posterior_tibial")


def test_regression_sex_counts_stated_apart(run):
    result = run(
        "A cohort\n\nAbstract\n\nResults: Forty-one patients (43 limbs; 26 men; mean age 70.4 "
        "years) were included.\n\nResults\n\nAt baseline 15 patients (36.6%) were women.\n"
    )
    assert (result.study.reported.n_male, result.study.reported.n_female) == (26, 15)


def test_regression_key_value_lines_per_patient(run):
    result = run(
        "Four cases\n\nRESULTS\n\nPatient 1\nAge/sex: 61 years/male\nMedical history: ESKD on "
        "hemodialysis; hypertension\nPresentation: Rutherford 5; WIfI W2-I3-fI1\nDonor artery: "
        "peroneal\nTarget vein: peroneal (paired vein)\nFollow-up: 16 months\n\nPatient 2\n"
        "Age/sex: 74 years/female\nMedical history: never smoker; obesity\nFollow-up: 31 weeks\n"
    )
    p1, p2 = result.patients
    assert (p1.age_years, p1.sex, p1.rutherford_presentation) == (61, "male", "5")
    assert p1.risk_factors == ["hypertension", "end_stage_renal_disease"]
    assert (p1.donor_artery, p1.target_vein, p1.follow_up_days) == ("peroneal", "peroneal", 486.4)
    assert (p2.age_years, p2.sex, p2.risk_factors, p2.follow_up_days) == (
        74,
        "female",
        ["obesity"],
        217.0,
    )


def test_regression_ordinal_case_paragraphs_and_captions(run):
    result = run(
        "Three cases\n\nCase reports\n\nIn the first case, a 58-year-old man had a heel ulcer.\n\n"
        "Our second patient, a 79-year-old woman, had atrial fibrillation.\n\n"
        "Figure 1. Second patient. Completion angiogram.\n"
    )
    assert [(p.patient_id, p.age_years) for p in result.patients] == [("1", 58), ("2", 79)]


def test_regression_column_header_with_sex_and_age(run):
    result = run(
        "Two cases\n\n| | Patient A (M, 72) | Patient B (F, 65) |\n|---|---|---|\n"
        "| Rutherford at admission | IIa | IIb |\n"
    )
    assert [(p.patient_id, p.sex, p.age_years) for p in result.patients] == [
        ("A", "male", 72),
        ("B", "female", 65),
    ]


def test_regression_decimal_commas_and_lengths_in_cm(case):
    p = case(
        "A Gore Viabahn 6,0 × 150 mm and a Viabahn 5 x 10 cm stent graft were placed in the vein."
    )
    assert sorted((s.diameter_mm, s.length_mm) for s in p.stents) == [(5.0, 100.0), (6.0, 150.0)]


def test_regression_rutherford_written_rc_or_becker(case):
    assert case("Rutherford-Becker class 5 disease.").rutherford_presentation == "5"
    assert case("He presented with RC 6 disease.").rutherford_presentation == "6"


def test_regression_major_amputation_free_column_is_inverted(run):
    result = run(
        "Two cases\n\n| | Patient A | Patient B |\n|---|---|---|\n"
        "| Major amputation-free at 6 mo | Yes | No |\n"
    )
    assert [p.major_amputation for p in result.patients] == [False, True]


def test_regression_inflow_line_is_not_the_donor(run):
    result = run(
        "Cases\n\nPatient 1\nAge/sex: 61 years/male\nInflow: SFA angioplasty with a drug-coated "
        "balloon\nDonor artery: peroneal\nTarget vein: peroneal\n"
    )
    assert result.patients[0].donor_artery == "peroneal"


def test_regression_another_patient_of_the_authors_is_not_the_case(run):
    result = run(
        "A case of DVA\n\nCase report\n\nA 62-year-old man underwent DVA. The hallux was "
        "amputated at 3 months.\n\nAnother case of our service, a 48-year-old man, evolved with "
        "above-knee amputation.\n"
    )
    assert (result.patients[0].age_years, result.patients[0].amputation) == (62, "toe")


def test_regression_own_doi_not_a_references_doi(run):
    result = run(
        "A case of DVA\n\nA 62-year-old man underwent DVA.\n\nReferences\n\n"
        "1. Shishehbor MH, et al. N Engl J Med. 2023. doi:10.1056/NEJMoa2212754\n\n"
        "Cite this article: Lima R. Braz J Vasc Case Rep. 2025. doi:10.9998/bjvecr.2025.0044\n"
    )
    assert result.study.doi == "10.9998/bjvecr.2025.0044"


def test_regression_treated_count_before_referred_count(run):
    result = run(
        "A letter\n\nResults\n\nTwenty-three patients were referred for pDVA. Eighteen patients, "
        "with 19 treated limbs, were included: 11 men and 7 women.\n"
    )
    assert result.study.n_patients == 18


def test_regression_podiatry_report_dates_diameters_and_toe_disarticulation(run):
    result = run(
        "A wound report\n\nCase presentation\n\nOn 3 March 2024 a 68-year-old woman attended with "
        "an ulcer. She had non-insulin-dependent diabetes. Her mother had died after a stroke at "
        "the age of 70.\n\nPercutaneous DVA was performed on 19 March 2024. The radiologist made "
        "a connection between the posterior tibial artery and the accompanying posterior tibial "
        "vein and lined the vein with two 5-mm Viabahn endoprostheses. No further vascular "
        "procedure was needed.\n\nOn 2 May 2024 the second toe was disarticulated at the "
        "metatarsophalangeal joint. She was last seen on 14 November 2024, alive.\n"
    )
    p = result.patients[0]
    assert p.risk_factors == ["diabetes"]
    assert (p.donor_artery, p.target_vein) == ("posterior_tibial", "posterior_tibial")
    assert [(s.device, s.diameter_mm, s.length_mm) for s in p.stents] == [
        ("Viabahn", 5.0, None)
    ] * 2
    assert (p.amputation, p.reintervention, p.follow_up_days) == ("toe", False, 240.0)


def test_regression_rutherford_cell_with_fontaine_and_no_major_amputation_cell(run):
    result = run(
        "Series\n\nPt\tAge\tRutherford (Fontaine)\tAmputation\n1\t81\t5 (IV)\tNo major amputation\n"
    )
    p = result.patients[0]
    assert (p.rutherford_presentation, p.amputation) == ("5", None)


def test_regression_ischaemic_cardiomyopathy_is_heart_failure(case):
    assert case("He had ischaemic cardiomyopathy (EF 30%).").risk_factors == ["heart_failure"]


def test_regression_yes_no_risk_columns_and_colon_footnote(run):
    result = run(
        "Series\n\nCase\tAge\tHD\tDM\tSmoking\tOther comorbidities\tRe-EVT\tObservation period "
        "(months)\n1\t66\t+\t−\tEx\tHT, DL, CI\t+ (2 times)\t12\n2\t79\t−\t+\t−\tHT\t−\t6\n\n"
        "HD: hemodialysis; DM: diabetes mellitus; HT: hypertension; DL: dyslipidemia; CI: "
        "cerebral infarction; EVT: endovascular therapy\n"
    )
    p1, p2 = result.patients
    assert p1.risk_factors == [
        "hypertension",
        "hyperlipidemia",
        "smoking",
        "end_stage_renal_disease",
        "prior_stroke",
    ]
    assert (p1.reintervention, p1.follow_up_days) == (True, 364.8)
    assert (p2.risk_factors, p2.reintervention) == (["hypertension", "diabetes"], False)


def test_regression_from_artery_across_a_catheter_into_vein(case):
    p = case(
        "From the patent segment of the posterior tibial artery, an Outback Elite re-entry "
        "catheter (Cordis, Miami Lakes, Fla) was used to cross into the posterior tibial vein."
    )
    assert (p.donor_artery, p.target_vein) == ("posterior_tibial", "posterior_tibial")


def test_regression_class_was_now_and_longer_no_further_procedure(case):
    p = case(
        "He presented with Rutherford IIa ischemia. After 3 hours the limb was now Rutherford "
        "IIb. A DVA was created. At 3 months no further endovascular or surgical procedure on "
        "the circuit was required."
    )
    assert (p.rutherford_presentation, p.rutherford_pre_dva, p.reintervention) == (
        "IIa",
        "IIb",
        False,
    )


def test_regression_screened_count_is_not_the_cohort(run):
    result = run(
        "A cohort\n\nAbstract\n\nResults: Of 41 patients screened, 27 patients (28 limbs) "
        "underwent pDVA. Median observation period was 9.0 months.\n"
    )
    assert result.study.n_patients == 27
    assert result.study.reported.median_follow_up_days == 273.6


def test_regression_dash_defined_as_not_recorded_is_unknown(run):
    result = run(
        "Series\n\nPt\tAge\tReintervention\n1\t70\t–\n2\t64\tNone\n\n"
        "Pt, patient; –, not recorded; HT, hypertension.\n"
    )
    assert [p.reintervention for p in result.patients] == [None, False]
