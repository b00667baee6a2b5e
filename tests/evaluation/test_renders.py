"""The PDF render set in evaluation: renders/<layout>/<path>.pdf scored against gold/<path>."""

from __future__ import annotations

import json

import evaluate
from extract.evaluation.report import micro, sum_fields
from extract.evaluation.runner import evaluate as run_evaluation
from schemas.models import ExtractionResult

GOLD = {
    "study": {"year": 2023, "design": "case_report", "indication": "ALI", "n_patients": 1},
    "patients": [{"patient_id": "1", "age_years": 58, "sex": "female", "indication": "ALI"}],
}


def result(age: int) -> ExtractionResult:
    """An extraction with the gold's study facts and one patient of the given age."""
    patient = {**GOLD["patients"][0], "age_years": age}
    return ExtractionResult.model_validate(
        {
            "source": {"path": "x", "sha256": "0" * 64, "format": "text"},
            "study": GOLD["study"],
            "patients": [patient],
        }
    )


def corpus_with_renders(tmp_path, layouts=("A", "C")):
    """One text paper n/N01 with gold, and its PDF in each of ``layouts``."""
    (tmp_path / "corpus/n").mkdir(parents=True)
    (tmp_path / "gold/n").mkdir(parents=True)
    (tmp_path / "corpus/n/N01.txt").write_text("A 58-year-old woman.", encoding="utf-8")
    (tmp_path / "gold/n/N01.json").write_text(json.dumps(GOLD), encoding="utf-8")
    for layout in layouts:
        folder = tmp_path / "corpus/renders" / layout / "n"
        folder.mkdir(parents=True)
        (folder / "N01.pdf").write_bytes(b"%PDF-1.4 stand-in\n%%EOF\n")
    return tmp_path


def test_rendered_pdfs_are_scored_per_layout_against_the_gold_of_their_text_paper(tmp_path):
    root = corpus_with_renders(tmp_path)
    ages = {"txt": 58, "A": 58, "C": 85}  # layout C misreads the age

    def extractor(path):
        return result(ages[path.parent.parent.name if path.suffix == ".pdf" else "txt"])

    report = run_evaluation(root / "corpus", root / "gold", extractor=extractor)
    groups = report.by_group()
    assert [p.name for p in groups["pdf-A"]] == ["renders/A/n/N01"]
    assert [p.name for p in groups["pdf-C"]] == ["renders/C/n/N01"]
    assert [p.name for p in groups["all"]] == ["n/N01"]  # the text papers only
    assert report.micro_f1() == 1.0  # --min-f1 looks at the text papers
    text = report.render(quiet=True)
    assert "PDF A: two-column LaTeX journal" in text
    assert "pdf-A: PDF 1.000 vs the same 1 papers as text 1.000 (difference +0.000)" in text
    c_f1 = micro(sum_fields(groups["pdf-C"])).f1
    assert c_f1 < 1.0
    assert (
        f"pdf-C: PDF {c_f1:.3f} vs the same 1 papers as text 1.000 (difference {c_f1 - 1:+.3f})"
        in text
    )
    assert not any("sha256 differs" in note for note in report.notes)


def test_evaluation_without_renders_says_so_and_scores_the_text_papers(tmp_path, capsys):
    root = corpus_with_renders(tmp_path, layouts=())
    (root / "pred/n").mkdir(parents=True)
    (root / "pred/n/N01.json").write_text(result(58).model_dump_json(), encoding="utf-8")
    args = ["--corpus", str(root / "corpus"), "--gold", str(root / "gold")]
    code = evaluate.main([*args, "--predictions", str(root / "pred"), "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    assert "all papers" in out and "micro F1 1.000" in out
    assert "PDF render set: no rendered PDFs in" in out
    assert "render_set.py makes them" in out


def test_a_paper_pattern_selects_rendered_pdfs_only_by_their_full_name(tmp_path):
    root = corpus_with_renders(tmp_path)

    def extractor(path):
        return result(58)

    def names(*patterns):
        report = run_evaluation(root / "corpus", root / "gold", patterns, extractor=extractor)
        return [p.name for p in report.papers]

    assert names("N01") == ["n/N01"]
    assert names("renders/*/n/*") == ["renders/A/n/N01", "renders/C/n/N01"]
    assert names("renders/C/*", "n/*") == ["n/N01", "renders/C/n/N01"]
