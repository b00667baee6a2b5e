"""Per-study outcome counts from the patient rows and from the papers' reported counts."""

from __future__ import annotations

from analysis_builders import ali_case, cohort, result, series, write_tables

from extract.analysis.counts import OUTCOME_COLUMNS, count_outcomes
from extract.analysis.inputs import load_tables
from extract.analysis.labels import study_label, surname, unique_labels
from schemas.models import Patient, ReportedOutcome, Study


def _rows(counts, study_id):
    return {r["outcome"]: r for r in counts.rows if r["study_id"] == study_id}


def test_counts_patients_known_values_only_unknowns_left_out_of_the_total(tables_dir):
    counts = count_outcomes(load_tables(tables_dir / "pooled.csv"))
    moreau = _rows(counts, "moreau")
    assert (moreau["major_amputation"]["events"], moreau["major_amputation"]["total"]) == (1, 3)
    assert moreau["major_amputation"]["n_unknown"] == 1  # patient 4 says nothing
    assert (moreau["any_amputation"]["events"], moreau["any_amputation"]["total"]) == (2, 3)
    assert (moreau["death"]["events"], moreau["death"]["total"]) == (1, 3)
    assert (moreau["reintervention"]["events"], moreau["reintervention"]["total"]) == (1, 2)
    assert {r["source"] for r in moreau.values()} == {"patients"}
    assert moreau["death"]["study_label"] == "Moreau 2023"
    assert moreau["death"]["indication"] == "CLTI"


def test_counts_aggregate_paper_gives_its_reported_counts_whole_follow_up_first(tables_dir):
    counts = count_outcomes(load_tables(tables_dir / "pooled.csv"))
    nowak = _rows(counts, "nowak")
    assert set(nowak) == {"major_amputation", "death", "technical_success"}
    assert (nowak["death"]["events"], nowak["death"]["total"]) == (3, 20)  # not the 30-day 0/20
    assert nowak["death"]["time_days"] is None and nowak["death"]["source"] == "reported"
    assert nowak["technical_success"]["events"] == 19
    assert nowak["major_amputation"]["study_label"] == "Nowak 2024"


def test_counts_left_out_failed_duplicate_and_off_topic_files_with_their_reasons(tables_dir):
    counts = count_outcomes(load_tables(tables_dir / "pooled.csv"))
    left = {(item.kind, item.what): item.reason for item in counts.left_out}
    assert "corrupt" in left[("failed", "broken.pdf")]
    assert "moreau.txt" in left[("duplicate", "copy.txt")]
    assert ("off_topic", "berg.txt") in left
    assert "berg" not in {s.study_id for s in counts.studies}
    assert [s.study_id for s in counts.studies] == ["moreau", "nowak", "lind"]


def test_counts_study_without_any_outcome_is_listed_not_dropped(tmp_path):
    silent = result(Study(first_author="Ivo Petrov", year=2022, design="cohort", n_patients=9))
    write_tables(tmp_path, [("petrov", silent), ("lind", ali_case())])
    counts = count_outcomes(load_tables(tmp_path / "pooled.csv"))
    assert [(i.kind, i.what) for i in counts.left_out] == [("no_outcome_data", "petrov.txt")]
    assert "petrov" in {s.study_id for s in counts.studies}


def test_counts_patient_rows_win_over_the_reported_count_and_the_disagreement_is_listed(tmp_path):
    res = series()
    res.study.reported.outcomes = [ReportedOutcome(outcome="major_amputation", events=2, total=4)]
    write_tables(tmp_path, [("moreau", res)])
    counts = count_outcomes(load_tables(tmp_path / "pooled.csv"))
    rows = [r for r in counts.rows if r["outcome"] == "major_amputation"]
    assert len(rows) == 1 and rows[0]["source"] == "patients"
    assert len(counts.checks) == 1 and "1/3" in counts.checks[0] and "2/4" in counts.checks[0]


def test_counts_mixed_indications_in_one_study_are_marked_mixed(tmp_path):
    res = series()
    res.patients[2] = res.patients[2].model_copy(update={"indication": "ALI"})
    write_tables(tmp_path, [("moreau", res)])
    counts = count_outcomes(load_tables(tmp_path / "pooled.csv"))
    assert {r["indication"] for r in counts.rows} == {"mixed"}


def test_counts_a_reported_count_without_a_total_is_listed(tmp_path):
    write_tables(tmp_path, [("nowak", cohort([]))])
    pooled = tmp_path / "pooled_studies.csv"
    text = pooled.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    cells = text[1].split(",")
    cells[header.index("reported_death_events")] = "4"
    pooled.write_text("\n".join([text[0], ",".join(cells)]) + "\n", encoding="utf-8")
    counts = count_outcomes(load_tables(tmp_path / "pooled.csv"))
    assert counts.rows == []
    assert ("missing_total", "Nowak 2024: death") in {(i.kind, i.what) for i in counts.left_out}


def test_counts_frame_has_the_documented_columns(tables_dir):
    frame = count_outcomes(load_tables(tables_dir / "pooled.csv")).frame()
    assert list(frame.columns) == OUTCOME_COLUMNS
    assert (frame["events"] <= frame["total"]).all()


def test_labels_surname_year_fallbacks():
    assert surname("Nadia R. Bellamy") == "Bellamy"
    assert surname("Hasanli A") == "Hasanli"
    assert surname("de Roos, Saskia") == "de Roos"
    assert surname("Saskia de Roos") == "de Roos"
    assert surname("Ferraresi\u00b9") == "Ferraresi"
    assert study_label("Smith 2020", "Ann Jones", 2021, "x") == "Smith 2020"
    assert study_label(None, "Ann Jones", 2021, "x") == "Jones 2021"
    assert study_label(None, "Ann Jones", None, "x") == "Jones"
    assert study_label(None, None, 2021, "10.1/abc") == "10.1/abc"
    assert unique_labels(["A 2020", "B 2021", "A 2020"]) == ["A 2020a", "B 2021", "A 2020b"]


def test_counts_patients_of_a_study_missing_from_the_studies_table_still_count(tmp_path):
    write_tables(tmp_path, [("lind", ali_case())])
    studies = tmp_path / "pooled_studies.csv"
    studies.write_text(studies.read_text(encoding="utf-8").splitlines()[0] + "\n")
    counts = count_outcomes(load_tables(tmp_path / "pooled.csv"))
    assert _rows(counts, "lind")["major_amputation"]["events"] == 1
    assert _rows(counts, "lind")["major_amputation"]["study_label"] == "Lind 2025"


def test_counts_amputation_none_is_a_known_non_event(tmp_path):
    patient = Patient(patient_id="1", amputation="none", major_amputation=False)
    write_tables(tmp_path, [("solo", result(Study(year=2021), [patient]))])
    rows = _rows(count_outcomes(load_tables(tmp_path / "pooled.csv")), "solo")
    assert (rows["any_amputation"]["events"], rows["any_amputation"]["total"]) == (0, 1)
    assert rows["any_amputation"]["study_label"] == "solo 2021"


def test_counts_off_topic_paper_known_only_from_the_pooled_table_is_left_out(tmp_path):
    write_tables(tmp_path, [("lind", ali_case(relevance="not_dva"))])
    studies = tmp_path / "pooled_studies.csv"
    studies.write_text(studies.read_text(encoding="utf-8").splitlines()[0] + "\n")
    counts = count_outcomes(load_tables(tmp_path / "pooled.csv"))
    assert counts.rows == [] and [i.kind for i in counts.left_out] == ["off_topic"]
    assert counts.patients.empty
