"""Wrong extractions found on held-out papers, each pinned by the phrasing that caused it."""


def test_regression_fathers_death_is_not_the_patients_death_or_follow_up(case):
    p = case("His father had died of a stroke at 60 years of age.")
    assert (p.death, p.follow_up_days) == (None, None)


def test_regression_death_from_myocardial_infarction_is_not_cad_history(case):
    p = case("He had diabetes. He died of a myocardial infarction at 7 months.")
    assert p.risk_factors == ["diabetes"] and p.death is True


def test_regression_oldest_patient_aged_is_not_a_single_case(run):
    result = run(
        "Registry abstract\n\nResults: Forty-seven patients underwent DVA. "
        "The oldest patient, aged 91, healed. One 54-year-old woman died.\n"
    )
    assert result.patients == [] and result.study.n_patients == 47


def test_regression_balloon_expandable_stent_graft_is_a_stent(case):
    p = case("The crossing was covered with a VBX (Gore) 6x59mm balloon-expandable stent graft.")
    assert [(s.device, s.diameter_mm, s.length_mm) for s in p.stents] == [("VBX", 6.0, 59.0)]


def test_regression_sizes_listed_after_a_colon_are_the_named_stents(case):
    p = case(
        "Two Viabahn stent grafts (W L Gore & Associates) were deployed: a 5 mm × 150 mm in the "
        "vein and a 6 mm × 100 mm across the crossing.",
    )
    assert sorted((s.diameter_mm, s.length_mm) for s in p.stents) == [(5.0, 150.0), (6.0, 100.0)]


def test_regression_diameter_slash_length_size(case):
    p = case("A Fluency Plus (BD) 6 mm/120 mm covered stent was deployed in the vein.")
    assert [(s.device, s.length_mm) for s in p.stents] == [("Fluency", 120.0)]


def test_regression_setext_headings_and_bordered_table(run):
    result = run(
        "Five patients\n=============\n\nResults\n-------\n\n"
        "+-----+--------+----------+------------------------+\n"
        "| No. | Gender | Age (yr) | Major amputation (Y/N) |\n"
        "+=====+========+==========+========================+\n"
        "| 1   | Male   | 69       | N                      |\n"
        "+-----+--------+----------+------------------------+\n"
        "| 2   | Female | 77       | Y (BKA, d41)           |\n"
        "+-----+--------+----------+------------------------+\n"
    )
    assert result.study.title == "Five patients"
    got = [(p.sex, p.age_years, p.major_amputation, p.amputation) for p in result.patients]
    assert got == [("male", 69, False, None), ("female", 77, True, "below_knee")]


def test_regression_title_after_citation_lines_and_authors_with_and(run):
    result = run(
        "J Endovasc Limb Salv 2026; 10 (Suppl 2): S88-S89\n\n"
        "Venous arterialization in practice: a registry\n\n"
        "Henrik Aalto, MD, and Marta Quintela, MCh\n\nResults: Twenty patients were treated.\n"
    )
    assert result.study.title == "Venous arterialization in practice: a registry"
    assert result.study.authors == ["Henrik Aalto", "Marta Quintela"]


def test_regression_rutherford_regraded_now_is_pre_dva(case):
    p = case(
        "The findings were those of Rutherford grade IIb ischaemia. By the following morning she "
        "was now judged to have Rutherford grade III ischaemia.",
    )
    assert (p.rutherford_presentation, p.rutherford_pre_dva) == ("IIb", "III")


def test_regression_coordinated_veins_are_not_a_donor_artery(case, run):
    p = case(
        "The peroneal artery was crossed into a peroneal vein. Completion angiography showed "
        "filling of the posterior tibial and lateral plantar veins.",
    )
    assert (p.donor_artery, p.target_vein) == ("peroneal", "peroneal")
    assert not [c for c in run.last.conflicts if c.field in ("donor_artery", "target_vein")]


def test_regression_artery_far_from_a_vein_word_is_no_relation(case):
    p = case(
        "Twelve days later the procedure was revised to a PTA-based DVA in an effort to improve "
        "venous arch perfusion.",
    )
    assert p.target_vein is None


def test_regression_mixed_cohort_indication_by_group_sizes(run):
    result = run(
        "Registry\n\nObjectives: DVA for CLTI and, occasionally, acute limb ischaemia (ALI).\n\n"
        "Results: Forty-seven patients were included. The indication was CLTI in 41 patients "
        "and ALI in 6. ALI was rare. ALI outcomes were poor. ALI needs study.\n"
    )
    assert result.study.indication == "CLTI"
