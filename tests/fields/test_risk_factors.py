"""Risk factors: synonyms, abbreviations, negation, family history, ESRD over CKD."""


def _rf(case, sentence):
    return case(sentence).risk_factors


def test_risk_factors_negated_and_denied_are_excluded(case):
    found = _rf(case, "He denied smoking and had no history of diabetes. He had hypertension.")
    assert found == ["hypertension"]


def test_risk_factors_family_history_is_not_the_patients(case):
    assert _rf(case, "His mother had coronary artery disease. He had COPD.") == ["copd"]


def test_risk_factors_of_patients_in_general_are_not_the_patients(case):
    p = case(
        "Patients with diabetic foot ulcers are at an increased risk of amputation, and "
        "people who smoke heal slowly. He had hypertension."
    )
    assert p.risk_factors == ["hypertension"]


def test_risk_factors_ex_smoker_counts_as_smoking(case):
    assert _rf(case, "He was an ex-smoker with T2DM.") == ["diabetes", "smoking"]


def test_risk_factors_dialysis_supersedes_ckd(case):
    found = _rf(case, "He had chronic kidney disease and was on haemodialysis.")
    assert found == ["end_stage_renal_disease"]


def test_risk_factors_ckd_without_dialysis_stays_ckd(case):
    found = _rf(case, "He had stage 4 CKD; he was not receiving dialysis.")
    assert found == ["chronic_kidney_disease"]


def test_risk_factors_abbreviations_defined_in_table_footnote(run):
    result = run(
        "Series\n\nPt\tAge\tComorbidities\n1\t70\tSmk, CKD3\n\n"
        "Smk, current or former smoker; CKD3, chronic kidney disease stage 3.\n"
    )
    assert result.patients[0].risk_factors == ["smoking", "chronic_kidney_disease"]


def test_risk_factors_heart_attacks_in_lay_words_are_coronary_disease(case):
    found = _rf(case, "Diabetes had already led to two heart attacks.")
    assert sorted(found) == ["coronary_artery_disease", "diabetes"]
    assert _rf(case, "She had a heart attack in 2015.") == ["coronary_artery_disease"]
