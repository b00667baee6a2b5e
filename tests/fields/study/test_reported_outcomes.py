"""Outcome counts of an aggregate paper: events out of a total, never an estimate."""


def _outcomes(run, text):
    return {(o.outcome, o.events, o.total) for o in run(text).study.reported.outcomes}


PAPER = (
    "Percutaneous deep vein arterialization: a retrospective cohort\n\nAbstract\n\n"
    "Results: Thirty-two patients underwent pDVA. Technical success was 94% (30 of 32). "
    "Limb salvage was 71% at 12 months. Complete wound healing occurred in 15 of the 26 "
    "patients with tissue loss. Five patients (16%) died.\n\n"
)


def test_reported_outcomes_from_the_abstract(run):
    found = _outcomes(run, PAPER)
    assert {("technical_success", 30, 32), ("wound_healing", 15, 26), ("death", 5, 32)} <= found
    assert not any(key == "limb_salvage" for key, _, _ in found)  # an estimate at 12 months


def test_reported_outcomes_the_whole_cohort_column_of_a_table(run):
    found = _outcomes(
        run,
        PAPER + "Table 2. Outcomes\n\n| Outcome | All (n = 32) | Dialysis (n = 9) |\n"
        "|---|---|---|\n| Major amputation | 8 (25) | 5 (56) |\n"
        "| Minor amputation | 11 (34) | 4 (44) |\n| Reintervention | 14 (44) | 4 (44) |\n",
    )
    assert {("major_amputation", 8, 32), ("reintervention", 14, 32)} <= found
    assert not any(key == "any_amputation" for key, _, _ in found)


def test_reported_outcomes_a_percentage_gives_its_total(run):
    found = _outcomes(
        run,
        "Venous arterialization cohort\n\nResults\n\n"
        "Twenty-seven patients (28 limbs) underwent pDVA. Seven limbs (25.0%) underwent "
        "major amputation, and six patients (22.2%) died during follow-up.\n",
    )
    assert {("major_amputation", 7, 28), ("death", 6, 27)} <= found


def test_reported_outcomes_a_percentage_written_as_a_word_is_no_count_of_patients(run):
    found = _outcomes(
        run,
        "Trial of venous arterialization\n\nResults\n\n"
        "Investigators treated 90 patients with pDVA. At six months, 70 percent of patients "
        "kept their limb (limb salvage), and 12 per cent of patients died.\n",
    )
    assert not any(key == "limb_salvage" for key, _, _ in found)  # 70 percent is not 70 patients
    assert ("death", 11, 90) not in found


def test_reported_outcomes_an_approximate_percentage_is_no_count(run):
    found = _outcomes(
        run,
        "Venous arterialization trial\n\nAbstract\n\n"
        "Background: Approximately 20% of patients with limb ischemia face major amputation. "
        "Results: We enrolled 50 patients. Nearly 10% died.\n",
    )
    assert not any(key in ("major_amputation", "death") for key, _, _ in found)


def test_reported_outcomes_a_percentage_that_gives_no_whole_number_is_no_count(run):
    found = _outcomes(
        run,
        "Venous arterialization trial\n\nResults\n\n"
        "Thirty-two patients were enrolled. The technical success rate was 97%, and 25% died.\n",
    )
    assert ("death", 8, 32) in found  # 25% of 32 = 8
    assert not any(key == "technical_success" for key, _, _ in found)  # 97% of 32 = 31.04


def test_reported_outcomes_a_half_percent_printed_rounded_down_is_still_a_count(run):
    found = _outcomes(
        run,
        "Foot revascularization in ischaemic foot ulcers\n\nEighty patients (80) were included. "
        "Overall 45 (56.2%) patients healed, 47 (58.7%) had minor amputation and 13 (16.2%) "
        "major amputation.\n",
    )
    assert {("wound_healing", 45, 80), ("major_amputation", 13, 80)} <= found


def test_reported_outcomes_healed_or_healing_is_not_complete_healing(run):
    found = _outcomes(
        run,
        "Deep vein arterialization: two-year results\n\n137 patients were treated with "
        "deep vein arterialization. Eighty-two percent of patients healed or had healing wounds.\n",
    )
    assert not any(key == "wound_healing" for key, _, _ in found)


def test_reported_outcomes_a_subgroup_count_is_not_the_cohorts(run):
    found = _outcomes(
        run,
        "Venous arterialization in dialysis patients\n\n19 patients underwent venous "
        "arterialization. Among patients not on dialysis, 8 of 13 limbs healed; among those on "
        "dialysis, 1 of 6 did.\n",
    )
    assert not any(key == "wound_healing" for key, _, _ in found)


def test_reported_outcomes_every_three_out_of_four_is_a_ratio_not_a_count(run):
    found = _outcomes(
        run,
        "Trial results\n\nSix months after deep vein arterialization, wounds were completely "
        "healed or in the process of healing for every three out of four patients.\n",
    )
    assert not any(key == "wound_healing" for key, _, _ in found)


def test_outcomes_counts_in_prose_out_of_a_total_in_words_or_a_singular_patient(run):
    result = run(
        "Arterialization of the dorsal venous arch\n\nAbstract\n\n"
        "Six patients with rest pain underwent arterialization of the venous arch. Satisfactory "
        "procedures were achieved in 5 of 6 patients. One patient died 8 months after "
        "operation. Three out of the six patients had complete wound healing.\n"
    )
    found = {(o.outcome, o.events, o.total) for o in result.study.reported.outcomes}
    assert found == {("technical_success", 5, 6), ("death", 1, 6), ("wound_healing", 3, 6)}


def test_outcomes_a_ratio_in_words_that_is_not_the_cohort_is_no_count(run):
    result = run(
        "Deep vein arterialization in routine practice\n\nAbstract\n\n"
        "We treated 43 patients. Roughly two of three patients were alive without major "
        "amputation at one year.\n"
    )
    assert result.study.reported.outcomes == []


def test_counts_a_part_with_its_percentage_implies_the_cohort_size(run):
    result = run(
        "Minor amputation after deep vein arterialization: a case series\n\nAbstract\n\n"
        "With close monitoring, 3 patients (75%) avoided major amputation; one patient died.\n"
    )
    assert result.study.n_patients == 4
    assert "3 patients (75%)" in result.study.evidence["n_patients"][0].quote


def test_outcomes_a_mean_age_aside_leaves_the_clause_a_count(run):
    result = run(
        "Percutaneous deep venous arterialization\n\nAbstract\n\n"
        "All five consecutive patients (mean age 58 years) underwent successful pDVA.\n"
    )
    found = {(o.outcome, o.events, o.total) for o in result.study.reported.outcomes}
    assert found == {("technical_success", 5, 5)}


def test_outcomes_a_comparison_in_an_aside_is_no_count(run):
    result = run(
        "Deep venous arterialization outcomes\n\nAbstract\n\nWe treated 20 patients. "
        "Wound healing was seen in 8 of 20 patients (40%, p = 0.03 against controls).\n"
    )
    assert result.study.reported.outcomes == []
