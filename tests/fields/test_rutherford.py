"""Rutherford class: presentation vs just before DVA, OCR look-alikes, table labels."""


def test_rutherford_presentation_and_pre_dva_from_text(run):
    result = run(
        "Deep vein arterialization: a case\n\nCase report\n\n"
        "An 83-year-old woman. At presentation the limb was "
        "Rutherford class 5. At the time of surgery the limb was classified as "
        "Rutherford class 6.\n"
    )
    p = result.patients[0]
    assert (p.rutherford_presentation, p.rutherford_pre_dva, p.indication) == ("5", "6", "CLTI")


def test_rutherford_table_rows_by_timepoint_with_lookalikes(run):
    result = run(
        "Series\n\nCategory\tPatient 1\tPatient 2\nRutherford prior to lysis\tIla\tIIb\n"
        "Rutherford prior to DVA\tIII\tIIB\n"
    )
    p1, p2 = result.patients
    assert (p1.rutherford_presentation, p1.rutherford_pre_dva) == ("IIa", "III")
    assert (p2.rutherford_presentation, p2.rutherford_pre_dva) == ("IIb", "IIb")
    assert p1.indication == "ALI"


def test_rutherford_timeline_table_aligned_with_spaces(run):
    result = run(
        "A case\n\nCASE REPORT: A sixty-two-year-old man had embolic ischemia.\n\n"
        "TABLE 1. CLINICAL TIMELINE\n"
        "Time from admission    Rutherford class    Event\n"
        "0 h                    Ila                 Heparin infusion\n"
        "5 h                    Ila                 Thrombolysis\n"
        "18 h                   IIB                 Motor deficit; DVA\n"
    )
    p = result.patients[0]
    assert (p.rutherford_presentation, p.rutherford_pre_dva) == ("IIa", "IIb")
    assert p.evidence["rutherford_pre_dva"][0].source == "table"


def test_rutherford_lone_class_with_pre_dva_cue_is_the_presentation(run):
    result = run(
        "Deep vein arterialization: a case\n\nCase report\n\n"
        "A 60-year-old woman. After failed thrombolysis the limb was "
        "Rutherford class IIb.\n"
    )
    p = result.patients[0]
    assert (p.rutherford_presentation, p.rutherford_pre_dva) == ("IIb", None)
