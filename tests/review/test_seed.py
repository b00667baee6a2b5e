"""The real pipeline on the seed paper renders a review page, also through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import cli
from extract.pipeline import extract_paper
from extract.review import render_review

SEED = Path(__file__).resolve().parents[2] / "corpus" / "hasanli-2026-dva-ali-case-series.txt"


def test_review_renders_real_extraction_of_seed():
    result = extract_paper(SEED)
    html = render_review(result)
    data = json.loads(re.search(r'id="review-data">(.*?)</script>', html, re.S).group(1))
    assert len(data["original"]["patients"]) == len(result.patients)
    for n, patient in enumerate(result.patients):
        assert f'data-key="p{n}:age_years"' in html
        assert f"Patient {patient.patient_id}" in html
    doc = html.split('id="doc-body"', 1)[1]
    shown = [i for i, e in data["evidence"].items() if e["status"] in ("ok", "moved")]
    assert shown, "the seed's values come with evidence"
    for eid in shown:  # every locatable evidence item can be highlighted in the text
        assert re.search(rf'class="ev" data-ev="(?:[^"]* )?{eid}(?: [^"]*)?"', doc), eid


def test_review_cli_html_flag_writes_page(tmp_path):
    page, out = tmp_path / "seed.html", tmp_path / "seed.json"
    assert cli.main([str(SEED), "--html", str(page), "--out", str(out)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Export corrections" in html and json.loads(out.read_text())["patients"]


def test_review_cli_bad_gold_is_one_line_exit_2(tmp_path, capsys):
    gold = tmp_path / "gold.json"
    gold.write_text('{"patients": [{"patient_id": "1", "amputation": "elbow"}]}', encoding="utf-8")
    page = tmp_path / "seed.html"
    assert cli.main([str(SEED), "--html", str(page), "--gold", str(gold)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("extract: error:") and "amputation" in err and "\n" not in err
    assert not page.exists()
