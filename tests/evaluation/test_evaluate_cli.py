"""`python evaluate.py`: report, --json, --quiet, --paper, --min-f1, --agreement, errors."""

from __future__ import annotations

import json

import pytest

import evaluate
from extract.evaluation.gold import group_labels
from extract.evaluation.renders import is_render
from extract.evaluation.runner import evaluate as run_evaluation

GOLD = {
    "study": {"year": 2024, "design": "case_report", "indication": "CLTI", "n_patients": 1},
    "patients": [
        {
            "patient_id": "1",
            "age_years": 67,
            "sex": "male",
            "amputation": "none",
            "indication": "CLTI",
        }
    ],
}


def prediction_for(gold: dict, **changes) -> dict:
    patient = {**gold["patients"][0], **changes}
    return {
        "source": {"path": "p.txt", "sha256": "0" * 64, "format": "text"},
        "study": gold["study"],
        "patients": [patient],
    }


@pytest.fixture
def tree(tmp_path):
    """A corpus with one seed paper and one dev paper, their gold and saved predictions."""
    for name in ("seed", "dev/D01"):
        for root in ("corpus", "gold", "pred"):
            (tmp_path / root / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "corpus" / f"{name}.txt").write_text("A 67-year-old man.", encoding="utf-8")
        (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "pred/seed.json").write_text(json.dumps(prediction_for(GOLD)), encoding="utf-8")
    wrong = prediction_for(GOLD, age_years=76, sex=None)
    (tmp_path / "pred/dev/D01.json").write_text(json.dumps(wrong), encoding="utf-8")
    return tmp_path


def run(capsys, tree, *args):
    base = ["--corpus", str(tree / "corpus"), "--gold", str(tree / "gold")]
    code = evaluate.main([*base, "--predictions", str(tree / "pred"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_prints_fields_papers_and_group_totals(capsys, tree):
    code, out, _ = run(capsys, tree)
    assert code == 0
    assert "amputation" in out and "study.n_patients" in out and "death" in out
    assert "dev/D01" in out and "seed" in out
    assert "seed papers (corpus/*)            micro F1 1.000" in out
    assert "our dev papers (corpus/dev/X*)" in out and "(no papers)" in out


def test_evaluate_quiet_prints_only_the_totals_lines(capsys, tree):
    code, out, _ = run(capsys, tree, "--quiet")
    assert code == 0
    *totals, note = out.splitlines()
    assert all("micro F1" in line for line in totals)
    text_groups = [key for key in group_labels() if not is_render(key)]
    assert len(totals) == len(text_groups) - 1  # each text group and all; no 'other'
    assert note.startswith("PDF render set: no rendered PDFs")  # no render set: said so


def test_evaluate_show_errors_lists_got_and_expected(capsys, tree):
    _, out, _ = run(capsys, tree, "--show-errors")
    assert "dev/D01 patient 1 (pred 1) age_years [wrong]: got 76 / expected 67" in out
    assert "sex [missing]: got null / expected male" in out


def test_evaluate_json_report_has_fields_groups_and_papers(capsys, tree):
    target = tree / "report.json"
    assert run(capsys, tree, "--json", str(target))[0] == 0
    report = json.loads(target.read_text())
    assert report["fields"]["age_years"] == pytest.approx(
        {
            "support": 2,
            "tp": 1,
            "fp": 1,
            "fn": 1,
            "precision": 0.5,
            "recall": 0.5,
            "f1": 0.5,
            "exact_match": 0.5,
        }
    )
    assert report["groups"]["seed"]["micro"]["f1"] == 1.0
    assert [p["paper"] for p in report["papers"]] == ["seed", "dev/D01"]


def test_evaluate_paper_restricts_the_run(capsys, tree):
    code, out, _ = run(capsys, tree, "--paper", "D01", "--quiet")
    assert code == 0
    assert "all papers" in out and "(1 paper)" in out
    assert "seed papers (corpus/*)            micro F1     -" in out


def test_evaluate_min_f1_exits_one_below_the_threshold(capsys, tree):
    assert run(capsys, tree, "--min-f1", "0.5", "--quiet")[0] == 0
    code, _, err = run(capsys, tree, "--min-f1", "0.99", "--quiet")
    assert code == 1 and "below --min-f1" in err


def test_evaluate_unknown_paper_and_invalid_gold_are_one_line_errors(capsys, tree):
    code, out, err = run(capsys, tree, "--paper", "nope")
    assert (code, out) == (2, "") and len(err.splitlines()) == 1 and "nope" in err
    (tree / "gold/seed.json").write_text('{"patients": [{"sex": "x"}]}', encoding="utf-8")
    code, out, err = run(capsys, tree)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "seed.json" in err and "patients.0" in err
    assert "Traceback" not in err


def test_evaluate_failed_extraction_is_reported_and_scored_as_missed(tree):
    def broken(path):
        raise RuntimeError("table parser fell over\nsecond line")

    report = run_evaluation(tree / "corpus", tree / "gold", extractor=broken)
    assert [p.error for p in report.papers] == ["RuntimeError: table parser fell over"] * 2
    assert report.micro_f1() == 0.0
    assert "extraction failed: RuntimeError" in report.render()


def test_evaluate_agreement_prints_percent_and_kappa(capsys, tree):
    other = json.loads(json.dumps(GOLD))
    other["patients"][0]["amputation"] = "toe"
    (tree / "b.json").write_text(json.dumps(other), encoding="utf-8")
    code = evaluate.main(["--agreement", str(tree / "gold/seed.json"), str(tree / "b.json")])
    out = capsys.readouterr().out
    assert code == 0
    assert "kappa" in out
    line = next(line for line in out.splitlines() if line.startswith("amputation"))
    assert "0.0%" in line
