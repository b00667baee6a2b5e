"""The whole loop in headless Chromium: extract, review on the page, export, apply to the pooled
table; and double extraction: two reviewers, kappa, consensus, disagreements, settling page."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from chromium import ARTIFACTS

import evaluate
from extract.cli import main
from extract.pipeline import extract_paper
from extract.review import write_review

PAPER = "other-series-2024.txt"


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _cell(page, key: str):
    return page.locator(f'td[data-key="{key}"]')


def _correct(page, key: str, text: str) -> None:
    _cell(page, key).locator('[data-act="correct"]').click()
    field = _cell(page, key).locator(".edit input")
    field.fill(text)
    field.press("Enter")


def _export(page, folder: Path, name: str | None = None) -> Path:
    """Click "Export corrections" and keep the download in ``folder``."""
    with page.expect_download() as info:
        page.click("#export")
    download = info.value
    folder.mkdir(exist_ok=True)
    target = folder / (name or download.suggested_filename)
    download.save_as(target)
    return target


def _review_page(papers_dir: Path, tmp_path: Path) -> Path:
    html = tmp_path / "review.html"
    write_review(extract_paper(str(papers_dir / PAPER)), html)
    return html


def test_loop_page_export_is_applied_to_the_pooled_table(
    browser, papers_dir, tmp_path, monkeypatch
):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(_review_page(papers_dir, tmp_path).as_uri())
    _correct(page, "p0:age_years", "72")
    _cell(page, "p0:amputation").locator('[data-act="nr"]').click()
    page.locator('.drop[data-p="1"]').click()  # patient 2 is "not a patient"
    page.screenshot(path=ARTIFACTS / "loop-reviewed.png")
    exported = _export(page, tmp_path / "corrections")
    context.close()
    assert exported.name == "other-series-2024.gold.json"

    monkeypatch.chdir(tmp_path)
    args = [str(papers_dir), "--out", "pooled.csv", "--evidence", "evidence.csv"]
    assert main([*args, "--corrections", str(exported.parent), "--workers", "1", "-q"]) == 0
    rows = [r for r in _csv(tmp_path / "pooled.csv") if r["source_file"] == PAPER]
    assert [(r["patient_id"], r["age_years"], r["amputation"]) for r in rows] == [("1", "72", "")]
    evidence = _csv(tmp_path / "evidence.csv")
    origins = {(r["patient_id"], r["field"]): r["origin"] for r in evidence}
    assert origins[("1", "age_years")] == "corrected"
    assert origins[("1", "amputation")] == "not_reported"
    assert origins[("1", "sex")] == "extracted"
    summary = json.loads((tmp_path / "pooled_summary.json").read_text(encoding="utf-8"))
    assert summary["corrections"]["applied"][0]["patients_dropped"] == ["2"]
    # the analysis figures follow: patient 2 is gone and patient 1's amputation is unknown now
    assert summary["patients"]["rows"] == 3 and summary["patients"]["counted"] == 2


def test_loop_two_reviewers_give_kappa_consensus_and_a_settling_page(
    browser, papers_dir, tmp_path, capsys
):
    html = _review_page(papers_dir, tmp_path)
    exports = {}
    for reviewer, age, amputation_nr in (("A", "72", True), ("B", "73", False)):
        context = browser.new_context(accept_downloads=True)  # each reviewer's own browser
        page = context.new_page()
        page.goto(html.as_uri())
        _correct(page, "p0:age_years", age)
        _cell(page, "p0:sex").locator('[data-act="accept"]').click()
        if amputation_nr:
            _cell(page, "p0:amputation").locator('[data-act="nr"]').click()
        exports[reviewer] = _export(page, tmp_path / reviewer)
        context.close()

    consensus, disagreements = tmp_path / "consensus.gold.json", tmp_path / "settle.csv"
    argv = ["--agreement", str(exports["A"]), str(exports["B"])]
    argv += ["--consensus", str(consensus), "--disagreements", str(disagreements)]
    assert evaluate.main(argv) == 0
    out = capsys.readouterr().out
    assert "kappa" in out and "2 disagreement(s) to settle" in out
    sex = next(line for line in out.splitlines() if line.startswith("sex "))
    assert sex.split()[-1] == "1.000"  # both said male for both patients
    rows = {(r["patient_a"], r["field"]): r for r in _csv(disagreements)}
    assert set(rows) == {("1", "age_years"), ("1", "amputation")}
    assert (rows[("1", "age_years")]["value_a"], rows[("1", "age_years")]["value_b"]) == (
        "72",
        "73",
    )
    agreed = json.loads(consensus.read_text(encoding="utf-8"))
    first = agreed["patients"][0]
    assert first["sex"] == "male" and "age_years" not in first and "amputation" not in first
    assert first["evidence"]["sex"]  # reviewer A's evidence kept for agreed values

    settle = tmp_path / "settle.html"
    paper = str(papers_dir / PAPER)
    pages = ["--html", str(settle), "--compare", str(exports["A"]), str(exports["B"])]
    assert main([paper, "--out", str(tmp_path / "x.json"), *pages]) == 0
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(settle.as_uri())
    age = _cell(page, "p0:age_years")
    assert "72" in age.locator(".val").inner_text()  # reviewer A's value on the page
    assert "reviewer B (other-series-2024.gold.json): 73" in age.inner_text()
    assert "reviewer B" in _cell(page, "p0:amputation").inner_text()
    assert "reviewer B" not in _cell(page, "p0:sex").inner_text()  # agreed: nothing beside it
    age.locator('[data-act="gold"]').click()
    assert "→ 73" in age.inner_text()
    page.screenshot(path=ARTIFACTS / "loop-settle.png")
    settled = json.loads(_export(page, tmp_path / "final").read_text(encoding="utf-8"))
    context.close()
    assert settled["patients"][0]["age_years"] == 73
