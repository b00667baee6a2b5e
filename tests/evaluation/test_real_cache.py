"""Texts from elsewhere live in a git-ignored cache: scored when there, counted when not."""

import json

from extract.evaluation.runner import evaluate
from schemas.models import ExtractionResult

CASE = "A case\n\nCase report\n\nA 70-year-old man underwent deep vein arterialization.\n"


def _extractor(path):
    return ExtractionResult.model_validate(
        {
            "source": {"path": str(path), "sha256": "0" * 64, "format": "text"},
            "patients": [{"patient_id": "1", "age_years": 70}],
        }
    )


def _layout(tmp_path, cached: bool):
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    (corpus / "real").mkdir(parents=True)
    (corpus / "real" / "SOURCES.toml").write_text("[[text]]\nid = 'R1'\nfile = 'R1-case'\n")
    (gold / "real").mkdir(parents=True)
    (gold / "real" / "R1-case.json").write_text(
        json.dumps({"patients": [{"patient_id": "1", "age_years": 70}]})
    )
    (corpus / "seed.txt").write_text(CASE)
    (gold / "seed.json").write_text(json.dumps({"patients": [{"patient_id": "1"}]}))
    if cached:
        (corpus / "real" / ".cache").mkdir()
        (corpus / "real" / ".cache" / "R1-case.txt").write_text(CASE)
    return corpus, gold


def test_real_cache_text_is_scored_from_the_cache(tmp_path):
    report = evaluate(*_layout(tmp_path, cached=True), extractor=_extractor)
    assert sorted(p.name for p in report.papers) == ["real/R1-case", "seed"]


def test_real_cache_missing_texts_are_counted_and_the_rest_scored(tmp_path):
    report = evaluate(*_layout(tmp_path, cached=False), extractor=_extractor)
    assert [p.name for p in report.papers] == ["seed"]
    (note,) = [n for n in report.notes if "texts of corpus/real/" in n]
    assert note.startswith("1 texts of corpus/real/ are not in its .cache/")
    assert "SOURCES.toml" in note and "real_cache.py" in note
