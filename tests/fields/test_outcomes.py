"""Outcomes: amputation level and negations, reintervention timing, death, follow-up."""


def _case(run, sentences):
    return run(
        f"A case\n\nCase report\n\nA 70-year-old man. A DVA was created. {sentences}\n"
    ).patients[0]


def test_outcomes_most_proximal_amputation_wins(run):
    p = _case(run, "He underwent a TMA on day 20 and a below-the-knee amputation at 3 months.")
    assert (p.amputation, p.major_amputation) == ("below_knee", True)


def test_outcomes_transtibial_is_below_knee(run):
    assert (
        _case(run, "A transtibial amputation was performed at 9 weeks.").amputation == "below_knee"
    )


def test_outcomes_hypothetical_and_avoided_amputation(run):
    p = _case(
        run,
        "Without DVA he would have required a below-knee amputation. "
        "The hallux was amputated on day 9, but major amputation was avoided.",
    )
    assert (p.amputation, p.major_amputation) == ("toe", False)


def test_outcomes_limb_salvage_statement_gives_none(run):
    p = _case(run, "Limb salvage was achieved and the ulcer healed.")
    assert (p.amputation, p.major_amputation) == ("none", False)


def test_outcomes_unstated_amputation_is_null(run):
    assert _case(run, "The ulcer healed.").amputation is None


def test_outcomes_reintervention_after_index_counts(run):
    p = _case(run, "On day 19 the circuit occluded. Thrombectomy restored flow.")
    assert p.reintervention is True


def test_outcomes_inflow_angioplasty_before_dva_is_not_reintervention(run):
    result = run(
        "A case\n\nCase report\n\nA 70-year-old man. Inflow was optimized with angioplasty "
        "after failed lysis. A DVA was then created. No reintervention was required.\n"
    )
    assert result.patients[0].reintervention is False


def test_outcomes_death_and_follow_up(run):
    p = _case(run, "He died of sepsis at 4 months.")
    assert (p.death, p.follow_up_days) == (True, 121.6)
    p = _case(run, "At 12 months he was alive and walking.")
    assert (p.death, p.follow_up_days) == (False, 364.8)


def test_outcomes_follow_up_in_weeks(run):
    assert _case(run, "At 34 weeks he is walking outdoors.").follow_up_days == 238.0
