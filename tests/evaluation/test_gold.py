"""Loading gold: validation errors name the file and the field; pairing with corpus papers."""

from __future__ import annotations

import json

import pytest

from extract.errors import GoldError
from extract.evaluation.gold import find_pairs, load_gold


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_gold_invalid_value_is_one_line_error_naming_file_and_field(tmp_path):
    path = write(tmp_path / "bad.json", {"patients": [{"patient_id": "1", "amputation": "knee"}]})
    with pytest.raises(GoldError) as info:
        load_gold(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message and "patients.0.amputation" in message


def test_gold_unknown_key_is_an_error(tmp_path):
    path = write(tmp_path / "bad.json", {"patients": [{"patient_id": "1", "age": 60}]})
    with pytest.raises(GoldError, match=r"patients\.0\.age"):
        load_gold(path)


def test_gold_also_ok_value_outside_the_vocabulary_is_an_error(tmp_path):
    data = {"patients": [{"patient_id": "1", "also_ok": {"donor_artery": ["aorta"]}}]}
    with pytest.raises(GoldError, match=r"patients\.0\.also_ok\.donor_artery\.0"):
        load_gold(write(tmp_path / "bad.json", data))


def test_gold_broken_json_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"study": {\n  "year": 2024,,\n}}', encoding="utf-8")
    with pytest.raises(GoldError, match=r"broken\.json: not valid JSON \(line 2"):
        load_gold(path)


def test_gold_about_key_and_dev_corpus_written_forms_are_accepted(tmp_path):
    data = {
        "_about": "note",
        "study": {"indication": "CLTI", "reported": {}},
        "patients": [
            {
                "patient_id": "1",
                "amputation": "TMA",
                "stents": [{"device": "Viabahn", "diameter_mm": 5, "length_mm": 150}],
            }
        ],
    }
    view = load_gold(write(tmp_path / "ok.json", data))
    patient = view.doc.patients[0]
    assert patient.amputation == "transmetatarsal"
    assert patient.indication == "CLTI"


def test_gold_pairs_with_papers_by_relative_path_and_groups(tmp_path):
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    for name in ("seed.txt", "dev/D01.txt", "dev/X01-own.md"):
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text("text", encoding="utf-8")
    for name in ("seed", "dev/D01", "dev/X01-own", "dev/orphan"):
        write(gold / f"{name}.json", {})
    pairs = {p.name: p for p in find_pairs(corpus, gold)}
    assert {n: p.group for n, p in pairs.items()} == {
        "seed": "seed",
        "dev/D01": "dev",
        "dev/X01-own": "ours",
        "dev/orphan": "other",
    }
    assert pairs["dev/X01-own"].paper_path == corpus / "dev/X01-own.md"
    assert pairs["dev/orphan"].paper_path is None
