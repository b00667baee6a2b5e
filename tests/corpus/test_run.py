"""Corpus mode end to end with a stand-in extractor: pooled rows, failures, duplicates, resume."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.errors import ModelError
from extract.export.columns import names, pandas_dtypes
from extract.export.flatten import pooled_rows
from extract.export.summary import wilson_ci
from extract.export.writers import csv_bytes, read_table

BASE = ["--workers", "1", "--quiet"]


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _by_file(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["source_file"]: row for row in rows}


def test_run_pooled_csv_one_row_per_patient_matching_each_result(
    corpus_dir, fake_extractor, known_result, in_tmp
):
    assert main([str(corpus_dir), "--out", "pooled.csv", *BASE]) == 1  # 2 papers failed
    text = (in_tmp / "pooled.csv").read_text(encoding="utf-8")
    expected = []
    for name, study_id in [("a-smith-2023.txt", "10.1000/dva.0001"), ("b-jones-2024.md", None)]:
        result = known_result(corpus_dir / name)
        expected += pooled_rows(result, study_id or Path(name).stem, name)
    assert text == csv_bytes(expected, "pooled").decode("utf-8")

    rows = _csv(in_tmp / "pooled.csv")
    assert [(r["study_id"], r["patient_id"]) for r in rows] == [
        ("10.1000/dva.0001", "1"),
        ("10.1000/dva.0001", "2"),
        ("b-jones-2024", "1"),
    ]
    first, second, jones = rows
    assert first["title"].startswith("Deep vein arterialization") and first["year"] == "2023"
    assert first["n_patients"] == "2" and first["design"] == "case_series"
    assert (first["rf_diabetes"], first["rf_hypertension"], first["rf_smoking"]) == ("1", "1", "0")
    assert first["risk_factors"] == "hypertension;diabetes"
    assert (first["n_stents"], first["stent_devices"]) == ("2", "Viabahn;Viabahn")
    assert first["stent_sizes"] == "5x150;6x100" and first["n_covered_stents"] == "2"
    assert (first["amputation"], first["major_amputation"]) == ("below_knee", "1")
    assert second["stent_sizes"] == "13x100" and second["n_covered_stents"] == ""
    assert second["rf_end_stage_renal_disease"] == "1" and second["follow_up_days"] == "364.8"
    assert (second["amputation"], second["major_amputation"]) == ("none", "0")
    assert jones["amputation"] == "transmetatarsal" and jones["major_amputation"] == "0"
    assert jones["rf_diabetes"] == "" and jones["n_stents"] == ""  # unknown, not "no"
    assert jones["study_indication"] == "ALI" and jones["death"] == "0"


def test_run_studies_file_reports_failures_and_duplicates(corpus_dir, fake_extractor, in_tmp):
    main([str(corpus_dir), "--out", "pooled.csv", *BASE])
    studies = _by_file(_csv(in_tmp / "pooled_studies.csv"))
    assert list(studies) == [
        "a-smith-2023.txt",
        "b-jones-2024.md",
        "c-smith-preprint.txt",
        "d-jones-copy.md",
        "e-empty.txt",
        "f-garbled.pdf",
    ]
    assert {k: v["status"] for k, v in studies.items()} == {
        "a-smith-2023.txt": "ok",
        "b-jones-2024.md": "ok",
        "c-smith-preprint.txt": "duplicate",
        "d-jones-copy.md": "duplicate",
        "e-empty.txt": "failed",
        "f-garbled.pdf": "failed",
    }
    assert studies["c-smith-preprint.txt"]["duplicate_of"] == "a-smith-2023.txt"
    assert studies["c-smith-preprint.txt"]["reason"] == "same DOI as a-smith-2023.txt"
    assert studies["d-jones-copy.md"]["reason"] == "same file content as b-jones-2024.md"
    assert studies["e-empty.txt"]["reason"] == "file is empty"
    assert studies["f-garbled.pdf"]["reason"] == "not a PDF file (no %PDF header)"
    smith = studies["a-smith-2023.txt"]
    assert (smith["n_patients_reported"], smith["n_patients_extracted"]) == ("2", "2")
    assert smith["n_patients_match"] == "1"
    assert (smith["mean_age_reported"], smith["mean_age_recomputed"]) == ("67.0", "67.0")
    assert "d-jones-copy.md" not in fake_extractor  # same bytes: never extracted twice
    assert ".hidden.txt" not in fake_extractor and "notes.docx" not in fake_extractor


def test_run_summary_screen_gives_pooled_figures(corpus_dir, fake_extractor, in_tmp, capsys):
    main([str(corpus_dir), "--out", "pooled.csv", "--workers", "1"])
    out = capsys.readouterr().out
    low, high = wilson_ci(1, 3)
    assert "papers found    6" in out and "  read          2" in out
    assert "  failed        2" in out and "e-empty.txt: file is empty" in out
    assert "  duplicates    2 (not counted)" in out
    assert "c-smith-preprint.txt = a-smith-2023.txt (same DOI)" in out
    assert "patients        3 (the papers report 3)" in out
    assert (
        f"1/3 with a known outcome = 33.3% (Wilson 95% CI {100 * low:.1f}%-{100 * high:.1f}%)"
        in out
    )
    assert "limb salvage    2 (no major amputation)" in out
    assert "amputation-free 1 (no amputation at any level)" in out
    assert len(out.splitlines()) < 25  # one screen


def test_run_recursive_reads_sub_folders(corpus_dir, fake_extractor, in_tmp):
    assert main([str(corpus_dir), "-r", "--out", "pooled.csv", *BASE]) == 1
    rows = _csv(in_tmp / "pooled.csv")
    assert [r["source_file"] for r in rows][-1] == "sub/g-park-2021.txt"
    assert rows[-1]["death"] == "1" and rows[-1]["study_id"] == "g-park-2021"


def test_run_csv_loads_in_pandas_with_documented_dtypes(corpus_dir, fake_extractor, in_tmp):
    main([str(corpus_dir), "--out", "pooled.csv", "--evidence", "evidence.csv", *BASE])
    for file, table in [
        ("pooled.csv", "pooled"),
        ("pooled_studies.csv", "studies"),
        ("evidence.csv", "evidence"),
    ]:
        frame = read_table(in_tmp / file, table)
        assert list(frame.columns) == names(table)
        assert {c: str(t) for c, t in frame.dtypes.items()} == pandas_dtypes(table)
    pooled = pd.read_csv(in_tmp / "pooled.csv", dtype=pandas_dtypes("pooled"))
    assert pooled["age_years"].tolist() == [70, 64, 58]
    assert pooled["major_amputation"].sum() == 1
    assert pooled["rf_diabetes"].isna().tolist() == [False, False, True]
    evidence = read_table(in_tmp / "evidence.csv", "evidence")
    age = evidence[(evidence.study_id == "b-jones-2024") & (evidence.field == "age_years")]
    assert age["quote"].tolist() == ["58-year-old"] and age["value"].tolist() == ["58"]


def test_run_jsonl_by_extension_and_forced_format(corpus_dir, fake_extractor, in_tmp):
    main([str(corpus_dir), "--out", "pooled.jsonl", *BASE])
    lines = (in_tmp / "pooled.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["patient_id"] for line in lines] == ["1", "2", "1"]
    assert (in_tmp / "pooled_studies.csv").exists()
    main([str(corpus_dir), "--out", "table.dat", "--format", "jsonl", *BASE])
    assert json.loads((in_tmp / "table.dat").read_text().splitlines()[0])["age_years"] == 70


def test_run_interrupted_then_resume_redoes_nothing_finished(
    corpus_dir, monkeypatch, known_result, in_tmp, capsys
):
    calls: list[str] = []

    def interrupted_at_third(path, **kwargs):
        calls.append(Path(path).name)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return known_result(path, **kwargs)

    monkeypatch.setattr("extract.pipeline.extract_paper", interrupted_at_third)
    assert main([str(corpus_dir), "--out", "pooled.csv", *BASE]) == 130
    assert "--resume" in capsys.readouterr().err
    journal = in_tmp / "pooled.partial.jsonl"
    done = [json.loads(line)["path"] for line in journal.read_text().splitlines()]
    assert [Path(p).name for p in done] == ["a-smith-2023.txt", "b-jones-2024.md"]
    assert not (in_tmp / "pooled.csv").exists()  # no half table

    resumed: list[str] = []

    def counting(path, **kwargs):
        resumed.append(Path(path).name)
        return known_result(path, **kwargs)

    monkeypatch.setattr("extract.pipeline.extract_paper", counting)
    assert main([str(corpus_dir), "--out", "pooled.csv", "--resume", *BASE]) == 1
    assert resumed == ["c-smith-preprint.txt", "e-empty.txt", "f-garbled.pdf"]
    resumed_table = (in_tmp / "pooled.csv").read_text()

    assert main([str(corpus_dir), "--out", "clean.csv", *BASE]) == 1
    assert resumed_table == (in_tmp / "clean.csv").read_text()
    assert len(_csv(in_tmp / "pooled.csv")) == 3


def test_run_resume_retries_internal_errors_not_input_errors(
    corpus_dir, monkeypatch, known_result, in_tmp
):
    def jones_bug(path, **kwargs):
        if "jones" in Path(path).name:
            raise RuntimeError("index out of range in table parser")
        return known_result(path, **kwargs)

    monkeypatch.setattr("extract.pipeline.extract_paper", jones_bug)
    main([str(corpus_dir), "--out", "pooled.csv", *BASE])
    studies = _by_file(_csv(in_tmp / "pooled_studies.csv"))
    reason = studies["b-jones-2024.md"]["reason"]
    assert reason == "internal error: RuntimeError: index out of range in table parser"
    assert len(_csv(in_tmp / "pooled.csv")) == 2  # the run went on

    again: list[str] = []
    monkeypatch.setattr(
        "extract.pipeline.extract_paper",
        lambda path, **kw: again.append(Path(path).name) or known_result(path, **kw),
    )
    assert main([str(corpus_dir), "--out", "pooled.csv", "--resume", *BASE]) == 1
    assert again == ["b-jones-2024.md"]
    assert len(_csv(in_tmp / "pooled.csv")) == 3


def test_run_resume_ignores_torn_journal_line(corpus_dir, fake_extractor, in_tmp, capsys):
    main([str(corpus_dir), "--out", "pooled.csv", "--workers", "1"])
    journal = in_tmp / "pooled.partial.jsonl"
    lines = journal.read_text().splitlines(keepends=True)
    journal.write_text("".join(lines[:2]) + lines[2][:40])  # killed while writing line 3
    fake_extractor.clear()
    capsys.readouterr()
    assert main([str(corpus_dir), "--out", "pooled.csv", "--resume", "--workers", "1"]) == 1
    assert "ignored 1 torn line" in capsys.readouterr().err
    assert len(fake_extractor) == 3
    parsed, torn = [], 0
    for line in journal.read_text().splitlines():
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            torn += 1
    assert torn == 1 and len({r["sha256"] for r in parsed}) == 5


def test_run_without_resume_starts_afresh(corpus_dir, fake_extractor, in_tmp, capsys):
    main([str(corpus_dir), "--out", "pooled.csv", *BASE])
    fake_extractor.clear()
    main([str(corpus_dir), "--out", "pooled.csv", "--workers", "1"])
    assert "starting afresh" in capsys.readouterr().err
    assert len(fake_extractor) == 5
    assert len((in_tmp / "pooled.partial.jsonl").read_text().splitlines()) == 5


def test_run_default_out_is_pooled_csv_in_cwd(corpus_dir, fake_extractor, in_tmp):
    main([str(corpus_dir), *BASE])
    assert (in_tmp / "pooled.csv").exists() and (in_tmp / "pooled_studies.csv").exists()


def test_run_all_papers_read_exits_zero(tmp_path, fake_extractor, in_tmp):
    folder = tmp_path / "good"
    folder.mkdir()
    (folder / "jones.md").write_text("# Case\n\nA 58-year-old woman with ALI.", encoding="utf-8")
    assert main([str(folder), "--out", "pooled.csv", *BASE]) == 0
    assert len(_csv(in_tmp / "pooled.csv")) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--out", "pooled.xlsx"], "cannot tell the format"),
        (["--out", "missing/pooled.csv"], "does not exist"),
        (["--workers", "0"], None),
        (["--evidence", "pooled_studies.csv"], "name the same file"),
    ],
)
def test_run_bad_options_are_one_line_errors(
    corpus_dir, fake_extractor, in_tmp, capsys, argv, message
):
    code = main([str(corpus_dir), *argv, "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("extract: error:") and len(err.splitlines()) == 1
    assert message is None or message in err
    assert fake_extractor == []  # checked before any work


def test_run_empty_folder_is_one_line_error(tmp_path, in_tmp, capsys):
    (tmp_path / "empty").mkdir()
    assert main([str(tmp_path / "empty"), "--quiet"]) == 2
    assert capsys.readouterr().err.rstrip().endswith("no .pdf, .txt or .md papers")


def test_run_a_folder_without_r_says_what_its_sub_folders_hold(corpus_dir, in_tmp, capsys):
    nested = corpus_dir / "more"
    nested.mkdir()
    (nested / "c-more-2024.txt").write_text("A 70-year-old man underwent DVA.\n")
    main([str(corpus_dir), "--out", "pooled.csv", "--quiet"])
    assert "its sub-folders hold 2 more, not read (use -r" in capsys.readouterr().err
    (in_tmp / "pooled.csv").unlink()
    empty = corpus_dir.parent / "only-nested"
    (empty / "deep").mkdir(parents=True)
    (empty / "deep" / "x.txt").write_text("A case.\n")
    assert main([str(empty), "--quiet"]) == 2
    assert "(its sub-folders hold 1: use -r)" in capsys.readouterr().err


def test_run_a_finished_run_removes_its_journal(tmp_path, in_tmp, capsys):
    folder = tmp_path / "ok"
    folder.mkdir()
    (folder / "a.txt").write_text("A case\n\nCase report\n\nA 70-year-old man underwent DVA.\n")
    assert main([str(folder), "--out", "pooled.csv", "--quiet", "--workers", "1"]) == 0
    assert not (in_tmp / "pooled.partial.jsonl").exists()
    assert (in_tmp / "pooled.manifest.json").exists()


def test_run_model_error_stops_the_run(corpus_dir, monkeypatch, in_tmp, capsys):
    def no_model(path, **kwargs):
        raise ModelError("en_core_sci_sm: spaCy model is not installed")

    monkeypatch.setattr("extract.pipeline.extract_paper", no_model)
    assert main([str(corpus_dir), "--model", "en_core_sci_sm", *BASE]) == 2
    assert "en_core_sci_sm: spaCy model is not installed" in capsys.readouterr().err
    assert not (in_tmp / "pooled.csv").exists()


def test_run_html_dir_one_review_page_per_kept_paper(corpus_dir, fake_extractor, in_tmp):
    assert main([str(corpus_dir), "-r", "--html-dir", "pages", *BASE]) == 1
    pages = sorted(p.name for p in (in_tmp / "pages").iterdir())
    assert pages == ["a-smith-2023.html", "b-jones-2024.html", "sub__g-park-2021.html"]
    assert "70-year-old" in (in_tmp / "pages" / "a-smith-2023.html").read_text(encoding="utf-8")


def test_run_html_dir_that_is_a_file_fails_before_work(corpus_dir, fake_extractor, in_tmp, capsys):
    (in_tmp / "pages").write_text("not a folder")
    assert main([str(corpus_dir), "--html-dir", "pages", *BASE]) == 2
    assert "--html-dir is not a folder" in capsys.readouterr().err and fake_extractor == []
