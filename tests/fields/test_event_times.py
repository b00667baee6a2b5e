"""Days from the index DVA to a major amputation and to death, where the paper states them."""


def test_event_times_beside_the_events_in_the_narrative(case):
    patient = case(
        "Deep vein arterialization was performed. Infection spread and a below-knee "
        "amputation was performed in the seventh week after arterialization. He died of "
        "pneumonia 11 weeks after surgery."
    )
    assert (patient.days_to_major_amputation, patient.days_to_death) == (49.0, 77.0)


def test_event_times_the_first_major_amputation_counts(case):
    patient = case(
        "After the DVA he underwent below-knee amputation on day 22, revised to "
        "an above-knee amputation on day 61."
    )
    assert (patient.amputation, patient.days_to_major_amputation) == ("above_knee", 22.0)


def test_event_times_a_minor_amputation_or_history_has_none(case):
    patient = case("A toe was amputated two years earlier. The DVA healed the ulcer at 3 months.")
    assert (patient.days_to_major_amputation, patient.days_to_death) == (None, None)
