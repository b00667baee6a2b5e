"""Stents in the circuit: size forms, counts, balloons and inflow stents excluded."""


def _stents(run, sentence):
    patient = run(
        f"Deep vein arterialization: a case\n\nCase report\n\nA 70-year-old man. {sentence}\n"
    ).patients[0]
    return [(s.device, s.diameter_mm, s.length_mm) for s in patient.stents], patient


def test_stents_balloons_are_not_stents(run):
    found, _ = _stents(
        run,
        "The tract was predilated with a 3.0 × 40 mm balloon. A 6×150-mm Viabahn stent graft "
        "(Gore) was deployed into the vein and post-dilated with a 5.0 x 40 mm balloon.",
    )
    assert found == [("Viabahn", 6.0, 150.0)]


def test_stents_two_of_one_size_count_twice(run):
    found, _ = _stents(
        run, "Two overlapping Viabahn 5 × 100 mm stent grafts were placed in the vein."
    )
    assert found == [("Viabahn", 5.0, 100.0)] * 2
    found, _ = _stents(run, "Devices: Viabahn 5×100 mm (×2) across the crossing into the vein.")
    assert found == [("Viabahn", 5.0, 100.0)] * 2


def test_stents_inflow_stent_is_excluded(run):
    found, _ = _stents(
        run,
        "A stenosis of the superficial femoral artery was treated for inflow with a 6 × 100 mm "
        "Eluvia drug-eluting stent. A 5 x 150 mm Covera covered stent was placed at the crossing.",
    )
    assert found == [("Covera", 5.0, 150.0)]


def test_stents_manufacturer_and_covered_from_vocabulary(run):
    _, patient = _stents(run, "A 6-mm by 80-mm Covera covered stent (BD) was deployed in the vein.")
    stent = patient.stents[0]
    assert (stent.manufacturer, stent.covered) == ("BD", True)
    assert patient.evidence["stents"][0].quote == "6-mm by 80-mm"


def test_stents_same_stent_mentioned_twice_counts_once(run):
    result = run(
        "DVA: a case\n\nAbstract\n\n"
        "A 59-year-old woman received one 6 × 150 mm Viabahn stent graft.\n\n"
        "Case report\n\nA single 6 × 150 mm Viabahn stent graft was deployed into the vein.\n"
    )
    assert len(result.patients[0].stents) == 1


def test_stents_same_size_different_devices_are_two(run):
    result = run(
        "Deep vein arterialization: a case\n\nCase report\n\n"
        "A 70-year-old man. A 5 × 100 mm Viabahn stent graft was placed "
        "in the vein. A 5 × 100 mm Advanta V12 covered stent was placed at the crossing.\n"
    )
    assert sorted(s.device for s in result.patients[0].stents) == ["Advanta V12", "Viabahn"]
