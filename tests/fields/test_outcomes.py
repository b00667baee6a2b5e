"""Outcomes: amputation level and negations, reintervention timing, death, follow-up."""

import pytest


def _done(case, sentences):
    return case(f"A DVA was created. {sentences}")


def test_outcomes_most_proximal_amputation_wins(case):
    p = _done(case, "He underwent a TMA on day 20 and a below-the-knee amputation at 3 months.")
    assert (p.amputation, p.major_amputation) == ("below_knee", True)


def test_outcomes_transtibial_is_below_knee(case):
    assert (
        _done(case, "A transtibial amputation was performed at 9 weeks.").amputation == "below_knee"
    )


def test_outcomes_hypothetical_and_avoided_amputation(case):
    p = _done(
        case,
        "Without DVA he would have required a below-knee amputation. "
        "The hallux was amputated on day 9, but major amputation was avoided.",
    )
    assert (p.amputation, p.major_amputation) == ("toe", False)


def test_outcomes_limb_salvage_statement_gives_none(case):
    p = _done(case, "Limb salvage was achieved and the ulcer healed.")
    assert (p.amputation, p.major_amputation) == ("none", False)


@pytest.mark.parametrize(
    "aim",
    [
        "Rapid diagnosis and treatment are essential for limb salvage and function.",
        "With regenerative medicine, he may have a better chance at limb salvage.",
        "Early fasciotomy improves the chances of limb salvage.",
        "All efforts were directed toward limb salvage.",
    ],
)
def test_outcomes_limb_salvage_told_as_an_aim_is_no_outcome(case, aim):
    p = _done(case, aim)
    assert (p.amputation, p.major_amputation) == (None, None)


def test_outcomes_unstated_amputation_is_null(case):
    assert _done(case, "The ulcer healed.").amputation is None


def test_outcomes_reintervention_after_index_counts(case):
    p = _done(case, "On day 19 the circuit occluded. Thrombectomy restored flow.")
    assert p.reintervention is True


def test_outcomes_inflow_angioplasty_before_dva_is_not_reintervention(run):
    result = run(
        "Deep vein arterialization: a case\n\nCase report\n\n"
        "A 70-year-old man. Inflow was optimized with angioplasty "
        "after failed lysis. A DVA was then created. No reintervention was required.\n"
    )
    assert result.patients[0].reintervention is False


def test_outcomes_death_and_follow_up(case):
    p = _done(case, "He died of sepsis at 4 months.")
    assert (p.death, p.follow_up_days) == (True, 121.6)
    p = _done(case, "At 12 months he was alive and walking.")
    assert (p.death, p.follow_up_days) == (False, 364.8)


def test_outcomes_follow_up_in_weeks(case):
    assert _done(case, "At 34 weeks he is walking outdoors.").follow_up_days == 238.0


def test_outcomes_major_amputation_negation_comes_from_context(case):
    p = _done(case, "At 6 months he had not needed a major amputation.")
    assert p.major_amputation is False
    p = _done(case, "A major amputation followed at 3 months.")
    assert p.major_amputation is True


def test_outcomes_would_have_undergone_major_amputation_is_not_an_event(case):
    p = _done(case, "Without the procedure he would have undergone major amputation.")
    assert p.major_amputation is None


def test_outcomes_successful_limb_or_foot_salvage_is_no_major_amputation(case):
    for told in (
        "We report the successful salvage of a severe diabetic foot ulcer.",
        "Successful limb salvage was achieved at 6 months.",
        "The outcome was a successfully salvaged left leg.",
    ):
        assert _done(case, told).major_amputation is False, told


def test_outcomes_negated_reintervention_word_is_not_a_reintervention(case):
    p = _done(case, "At 3 months the circuit was patent without thrombectomy or revision.")
    assert p.reintervention is not True


def test_toe_amputation_told_in_lay_words(case):
    told = case(
        "Deep vein arterialization was performed. His toes had to be removed, but his foot "
        "was saved."
    )
    assert (told.amputation, told.major_amputation) == ("toe", False)
    story = case("Deep vein arterialization was performed. Later she had two toes removed.")
    assert story.amputation == "toe"


def test_outcomes_finger_and_fingertip_amputations_are_toe_level(run):
    for told in (
        "He then underwent amputation of the index fingertip.",
        "By the second week the four fingers had to be amputated at the metacarpal level.",
        "A thumb amputation was needed.",
    ):
        result = run(
            "Hand ischemia: a case report\n\nA 60-year-old man had ischemia of the right hand "
            f"after radial artery cannulation. {told}\n"
        )
        (patient,) = result.patients
        assert (patient.amputation, patient.major_amputation) == ("toe", False), told


def test_outcomes_follow_up_column_with_a_short_unit_in_its_label(run):
    result = run(
        "Two patients\n\nTable 1. Outcomes\n\nPt\tAge, y\tStatus\tFU, d\n1\t81\tAlive\t412\n"
        "2\t69\tDied\t190\n"
    )
    assert [p.follow_up_days for p in result.patients] == [412, 190]


def test_outcomes_an_alive_yes_no_row_gives_death(run):
    result = run(
        "Three patients\n\nTable 1. Patient data\n\n| | Patient 1 | Patient 2 |\n|---|---|---|\n"
        "| Age (yr) | 66 | 72 |\n| Coronary disease | yes | no |\n"
        "| Alive at last visit | yes | no |\n"
    )
    assert [p.death for p in result.patients] == [False, True]
    assert result.patients[0].risk_factors == ["coronary_artery_disease"]


def test_outcomes_a_limb_lost_at_a_level_is_that_amputation(run):
    for told, level in (
        ("the limb was lost at the above-knee level 10 weeks later", "above_knee"),
        ("his leg was lost at below-knee level after the infection spread", "below_knee"),
    ):
        result = run(
            "A case report\n\nA 66-year-old man underwent deep venous arterialisation; "
            f"the circuit occluded and {told}.\n"
        )
        (patient,) = result.patients
        assert (patient.amputation, patient.major_amputation) == (level, True), told


def test_outcomes_a_key_value_amputation_with_its_day_and_a_follow_up_day(run):
    result = run(
        "Two patients\n\nPatient 1\nAge/sex: 83 years/male\nAmputation: through-knee (day 61)\n"
        "Status: died of pneumonia\n\nPatient 2\nAge/sex: 69 years/male\nAmputation: none\n"
        "Status: alive\n\nTable 2. Follow-up\n\nItem\tPatient 1\tPatient 2\n"
        "Last follow-up\tDay 88\t13 mo\n"
    )
    first, second = result.patients
    assert (first.major_amputation, first.days_to_major_amputation) == (True, 61)
    assert first.follow_up_days == 88


def test_outcomes_a_later_venoplasty_of_the_circuit_is_a_reintervention(run):
    result = run(
        "A case report\n\nA 79-year-old woman underwent deep vein arterialization from the "
        "posterior tibial artery. At 11 weeks, a duplex scan showed a tight stenosis at the end "
        "of the stented vein, which was treated by balloon venoplasty with a good result.\n"
    )
    (patient,) = result.patients
    assert patient.reintervention is True


def test_outcomes_a_limb_salvage_center_is_a_place_not_an_outcome(case):
    p = _done(case, "He was referred to the Limb Salvage Center and the Limb Salvage Program.")
    assert (p.amputation, p.major_amputation) == (None, None)
    assert _done(case, "At 6 months, limb salvage was achieved.").amputation == "none"


def test_outcomes_a_symptom_counted_back_from_the_telling_is_no_follow_up(case):
    for told in (
        "Her pain has increased for the last two weeks, follow-up is planned.",
        "He has had rest pain over the past 3 months and a follow-up visit is booked.",
    ):
        assert _done(case, told).follow_up_days is None, told
    assert _done(case, "At the 3-month follow-up he was walking.").follow_up_days == 91.2


def test_outcomes_a_status_told_some_time_later_is_the_follow_up(case):
    for told, days in (
        ("Six months later, her wound has healed and she walks to church.", 182.4),
        ("Three weeks later he was pain-free.", 21.0),
        ("Two years later she is back to gardening.", 729.6),
    ):
        assert _done(case, told).follow_up_days == days, told
    event = _done(case, "Two weeks later a below-knee amputation was performed.")
    assert event.follow_up_days is None  # the date of an event is no contact
