"""The same patient or cohort in two papers: candidate pairs, merging, cohort overlaps."""

from __future__ import annotations

from extract.dataset.duplicates import COHORT, PATIENT, StudyFacts, author_key, find_pairs
from extract.dataset.frontmatter import institutions, period, period_text
from schemas.models import ExtractionResult, Patient, Source, Stent, Study

CENTRE = "Department of Vascular Surgery, Sierra Foothills Regional Medical Center, Auburn, CA"
OTHER_CENTRE = "Department of Surgery, Fjordside University Hospital, Bergen, Norway"


def _facts(study_id, authors, year, patients, text="", n=None) -> StudyFacts:
    result = ExtractionResult(
        source=Source(path=f"{study_id}.txt", sha256="0" * 64, format="text"),
        study=Study(authors=authors, year=year, n_patients=n),
        patients=patients,
    )
    return StudyFacts.of(study_id, result, lambda: text)


def _man(pid="1", age=71, **more) -> Patient:
    values = dict(
        sex="male",
        indication="CLTI",
        donor_artery="posterior_tibial",
        target_vein="posterior_tibial",
        stents=[Stent(diameter_mm=6, length_mm=150), Stent(diameter_mm=5, length_mm=100)],
    )
    values.update(more)
    return Patient(patient_id=pid, age_years=age, **values)


def test_duplicates_abstract_and_later_case_report_are_one_patient():
    abstract = _facts("abstract", ["Marta K. Oyelowo", "Yusuf Haddad"], 2024, [_man()], CENTRE)
    report = _facts(
        "report",
        ["Marta K. Oyelowo", "Lena Whitcombe"],
        2025,
        [_man(risk_factors=["diabetes"], amputation="none", follow_up_days=364.8)],
        CENTRE,
    )
    (pair,) = find_pairs([abstract, report])
    assert pair.kind == PATIENT and pair.merged and pair.score > 0.9
    assert (pair.study_a, pair.study_b) == ("report", "abstract")  # the fuller report is kept
    assert "authors Marta K. Oyelowo" in pair.reasons
    assert "institution sierra foothills regional medical center" in pair.reasons
    assert "age 71" in pair.reasons and "published 2024/2025" in pair.reasons


def test_duplicates_need_the_same_age_sex_and_vessels():
    first = _facts("a", ["Marta K. Oyelowo"], 2024, [_man()], CENTRE)
    older = _facts("b", ["Marta K. Oyelowo"], 2025, [_man(age=75)], CENTRE)
    woman = _facts("c", ["Marta K. Oyelowo"], 2025, [_man(sex="female")], CENTRE)
    assert find_pairs([first, older]) == [] and find_pairs([first, woman]) == []
    other_vessels = _facts("d", ["Marta K. Oyelowo"], 2025, [_man(donor_artery="peroneal")])
    (pair,) = find_pairs([first, other_vessels])  # flagged on author + age, not merged
    assert not pair.merged and "vessels" not in pair.reasons


def test_duplicates_unlinked_papers_need_near_identical_patients():
    mine = _facts("a", ["Marta K. Oyelowo"], 2024, [_man()], CENTRE)
    theirs = _facts("b", ["Ana B. Ferreira"], 2024, [_man()], OTHER_CENTRE)
    (pair,) = find_pairs([mine, theirs])  # same age, sex, vessels and stents: flagged only
    assert not pair.merged and "authors" not in " ".join(pair.reasons)
    plain = _facts("c", ["Ana B. Ferreira"], 2024, [_man(stents=[])], OTHER_CENTRE)
    assert find_pairs([_facts("d", ["Tom Lind"], 2024, [_man(stents=[])]), plain]) == []


def test_duplicates_papers_years_apart_are_not_the_same_patient():
    early = _facts("a", ["Marta K. Oyelowo"], 2012, [_man()], CENTRE)
    late = _facts("b", ["Marta K. Oyelowo"], 2024, [_man()], CENTRE)
    assert find_pairs([early, late]) == []


def test_duplicates_each_patient_is_merged_at_most_once():
    abstract = _facts("abstract", ["Marta K. Oyelowo"], 2024, [_man()], CENTRE)
    report = _facts("report", ["Marta K. Oyelowo"], 2025, [_man(amputation="none")], CENTRE)
    series = _facts("series", ["Marta K. Oyelowo"], 2025, [_man("3", death=False)], CENTRE)
    pairs = find_pairs([abstract, report, series])
    merged = [p for p in pairs if p.merged]
    ends = [(p.study_b, p.patient_b) for p in merged] + [(p.study_a, p.patient_a) for p in merged]
    assert len(merged) == 1 and len(ends) == len(set(ends))
    assert any("already merged" in " ".join(p.reasons) for p in pairs if not p.merged)


def test_duplicates_overlapping_series_from_one_centre_are_a_cohort_pair():
    methods = "We reviewed all patients treated between March 2021 and June 2023."
    later = "Consecutive patients were treated from January 2022 to December 2024."
    first = _facts("first", ["Ana B. Ferreira"], 2023, [], f"{OTHER_CENTRE}\n{methods}", n=9)
    second = _facts("second", ["Tom Lind"], 2025, [], f"{OTHER_CENTRE}\n{later}", n=14)
    elsewhere = _facts("third", ["Ana B. Ferreira"], 2024, [], f"{CENTRE}\n{later}", n=6)
    (pair,) = find_pairs([first, second, elsewhere])
    assert (pair.kind, pair.study_a, pair.study_b) == (COHORT, "first", "second")
    assert pair.patient_a is None and pair.score > 0.6  # institution and period, no author
    assert "periods 2021-03 to 2023-06 and 2022-01 to 2024-12 overlap" in pair.reasons


def test_duplicates_author_key_is_surname_and_first_initial():
    assert author_key("Hiro Tanaka-Ruiz") == author_key("H. Tanaka-Ruiz") == "tanaka ruiz h"
    assert author_key("ZHANG Weiming") == "zhang w"
    assert author_key("Lukas Brandstätter") == author_key("Brandstatter L") == "brandstatter l"


def test_frontmatter_reads_institutions_but_not_departments_or_references():
    text = (
        "Title\n\nAna B. Ferreira(1); Tom Lind(2)\n"
        "(1) Department of Surgery, Fjordside University Hospital, Bergen, Norway\n"
        "(2) Institut für Radiologie, Klinikum Nordhafen; e-mail: lind@example.org\n\n"
        "Patients were referred from the local hospital for deep vein arterialization.\n\n"
        "References\n1. Smith J. Outcomes at St Elsewhere Hospital. J Vasc. 2020.\n"
    )
    assert institutions(text) == {"fjordside university hospital", "klinikum nordhafen"}


def test_frontmatter_reads_the_first_study_period():
    assert period_text(period("treated between January 2022 and June 2023; in 2019")) == (
        "2022-01 to 2023-06"
    )
    assert period_text(period("from 2020 through 2021")) == "2020-01 to 2021-12"
    assert period_text(period("performed in 2020–2021 at our centre")) == "2020-01 to 2021-12"
    assert period("published in 2021; see reference 4") is None
