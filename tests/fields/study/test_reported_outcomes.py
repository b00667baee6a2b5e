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
