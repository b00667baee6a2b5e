"""Donor artery, target vein and revised (prior) DVAs."""


def test_anatomy_from_into_sentence(case):
    p = case("A DVA was created from the posterior tibial artery into a posterior tibial vein.")
    assert (p.donor_artery, p.target_vein) == ("posterior_tibial", "posterior_tibial")


def test_anatomy_hyphenated_to_relation_and_fibular_synonym(case):
    p = case("A fibular-to-posterior tibial vein DVA was then created.")
    assert (p.donor_artery, p.target_vein) == ("peroneal", "posterior_tibial")


def test_anatomy_arrow_in_table_with_redo_and_prior(run):
    result = run(
        "Series\n\nCategory\tPatient 1\tPatient 2\n"
        "DVA location (artery → vein)\tRedo PT artery → PT vein (after occluded AT DVA)\t"
        "Peroneal artery → PT vein\n\nPT, posterior tibial; AT, anterior tibial.\n"
    )
    p1, p2 = result.patients
    assert (p1.donor_artery, p1.target_vein) == ("posterior_tibial", "posterior_tibial")
    assert [(d.donor_artery, d.target_vein) for d in p1.prior_dva] == [("anterior_tibial", None)]
    assert (p2.donor_artery, p2.target_vein) == ("peroneal", "posterior_tibial")
    assert p2.prior_dva == []


def test_anatomy_target_cell_without_vein_word(run):
    result = run(
        "Series\n\n| Pt | Donor artery | Target vein |\n|---|---|---|\n"
        "| 1 | Posterior tibial | Posterior tibial |\n| 2 | Peroneal | Peroneal |\n"
    )
    assert [(p.donor_artery, p.target_vein) for p in result.patients] == [
        ("posterior_tibial", "posterior_tibial"),
        ("peroneal", "peroneal"),
    ]


def test_anatomy_inflow_procedure_row_is_not_the_donor(run):
    result = run(
        "Series\n\nCase\tAge/sex\tInflow treatment\tDonor artery → target vein\n"
        "A\t68/M\tPopliteal angioplasty\tAT artery → AT vein\n\nAT, anterior tibial.\n"
    )
    assert result.patients[0].donor_artery == "anterior_tibial"
