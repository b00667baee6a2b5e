"""Corpus mode with --report: the analysis is written beside the tables, from those tables."""

from __future__ import annotations

import csv

from extract.cli import main

BASE = ["--workers", "1", "--quiet"]


def test_run_report_writes_the_analysis_of_the_tables_it_wrote(corpus_dir, fake_extractor, in_tmp):
    assert main([str(corpus_dir), "-r", "--out", "pooled.csv", "--report", "rep", *BASE]) == 1
    names = {p.name for p in (in_tmp / "rep").iterdir()}
    assert {"outcomes_by_study.csv", "pooled_outcomes.csv", "report.html"} <= names
    with open(in_tmp / "rep" / "outcomes_by_study.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    major = {
        r["study_id"]: (r["events"], r["total"]) for r in rows if r["outcome"] == "major_amputation"
    }
    assert major == {"10.1000/dva.0001": ("1", "2"), "b-jones-2024": ("0", "1")}
    html = (in_tmp / "rep" / "report.html").read_text(encoding="utf-8")
    assert "e-empty.txt" in html and "c-smith-preprint.txt" in html  # failed, duplicate


def test_run_report_bad_folder_fails_before_any_extraction(corpus_dir, fake_extractor, in_tmp):
    (in_tmp / "taken").write_text("a file, not a folder", encoding="utf-8")
    assert main([str(corpus_dir), "--out", "pooled.csv", "--report", "taken", *BASE]) == 2
    assert fake_extractor == [] and not (in_tmp / "pooled.csv").exists()
