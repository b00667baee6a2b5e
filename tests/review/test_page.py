"""The review page's HTML: escaping, self-containment, evidence pieces, gold marks, files."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from extract.errors import GoldError, OutputError
from extract.review import render_review, review_name, write_review, write_review_dir
from extract.review.spec import format_value
from extract.review.textview import blocks
from schemas.models import GoldDocument


def _data(html: str) -> dict:
    block = re.search(
        r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S
    )
    return json.loads(block.group(1))


def _cell(html: str, key: str) -> str:
    """The HTML of one grid cell."""
    match = re.search(rf'<td class="([^"]*)" data-key="{re.escape(key)}">(.*?)</td>', html, re.S)
    assert match, f"no cell {key}"
    return match.group(1) + " " + match.group(2)


def test_review_paper_script_renders_as_text(result, paper_text):
    html = render_review(result, document_text=paper_text)
    assert "&lt;script&gt;alert(&#34;paper&#34;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert html.count("<script") == 3  # the JSON data block and the page's own two scripts


def test_review_json_block_cannot_be_closed_by_a_value(result, paper_text):
    title = 'Limb salvage</script><script>alert("title")</script> & more'
    result.study.title = title
    html = render_review(result, document_text=paper_text)
    assert html.count("<script") == 3
    assert _data(html)["original"]["study"]["title"] == title


def test_review_page_needs_no_network(result, paper_text):
    html = render_review(result, document_text=paper_text)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp.replace("&#39;", "'")
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert len(scripts) == 2
    for inline in (*scripts, style):
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert f"sha256-{digest}" in csp


def test_review_pieces_keep_every_character_of_the_text(paper_text, evidence_of):
    spans = [("e0", *_offsets(evidence_of("HTN, DM", source="table")))]
    shown = []
    for block in blocks(paper_text, spans):
        for piece in block.pieces:
            shown.append(piece.text)
        for row in block.rows:
            shown.extend(p.text for cell in row for p in cell.pieces)
    assert re.sub(r"[\s#]", "", "".join(shown)) == re.sub(r"[\s#]", "", paper_text)


def _offsets(ev):
    return ev.start, ev.end


def test_review_table_evidence_lands_in_its_table_cell(paper_text, evidence_of):
    ev = evidence_of("64-year-old woman", source="table")
    tables = [b for b in blocks(paper_text, [("e7", ev.start, ev.end)]) if b.kind == "table"]
    assert len(tables) == 1
    rows = tables[0].rows
    assert [p.text for p in rows[0][1].pieces] == ["Patient 1"] and rows[0][1].header
    hit = [c for row in rows for c in row if any("e7" in p.ids for p in c.pieces)]
    assert len(hit) == 1 and "".join(p.text for p in hit[0].pieces) == "64-year-old woman"
    assert rows.index(next(r for r in rows if hit[0] in r)) == 1  # the Age/sex row


def test_review_pipe_table_skips_its_rule_row():
    text = (
        "| Pt | Age/Sex | Donor artery |\n|----|---------|--------------|\n"
        "| 1 | 78/M | PT |\n| 2 | 64/F | TPT |\n"
    )
    (table,) = blocks(text, [])
    assert table.kind == "table" and len(table.rows) == 3
    assert [c.header for c in table.rows[0]] == [True, True, True]
    assert ["".join(p.text for p in c.pieces) for c in table.rows[2]] == ["2", "64/F", "TPT"]


def test_review_page_marks_follow_page_starts(paper_text, page_starts):
    pages = [b.page for b in blocks(paper_text, [], page_starts) if b.kind == "page"]
    assert pages == [1, 2]


def test_review_cells_show_values_pages_and_conflicts(result, paper_text):
    html = render_review(result, document_text=paper_text)
    stents = _cell(html, "p0:stents")
    assert "Viabahn (Gore, covered) 5 × 150 mm" in stents and "p.&nbsp;1" in stents
    assert "⚠ conflict" in _cell(html, "p0:rutherford_presentation")
    assert "p.&nbsp;2" in _cell(html, "p1:follow_up_days")
    assert "no evidence" in _cell(html, "p1:sex")  # a value without evidence is flagged
    panel = re.search(r'<section id="issues".*?</section>', html, re.S).group(0)
    assert panel.count("use this reading") == 2 and ">III</button>" in panel
    assert "row &#39;Outcome&#39; read as amputation level" in panel


def test_review_gold_marks_cells_evaluate_would_count_wrong(result, paper_text):
    gold = GoldDocument.model_validate(
        {
            "study": {"n_patients": 2, "design": "case_series", "indication": "ALI"},
            "patients": [
                {"patient_id": "1", "age_years": 70, "sex": "male", "amputation": "BKA"},
                {
                    "patient_id": "2",
                    "age_years": 64,
                    "amputation": "ray",
                    "also_ok": {"amputation": ["transmetatarsal"]},
                },
                {"patient_id": "3", "age_years": 80},
            ],
        }
    )
    html = render_review(result, gold=gold, document_text=paper_text)
    age = _cell(html, "p0:age_years")
    assert "gold-diff" in age and "gold: <b>70</b>" in age and "use gold" in age
    assert "goldv" not in _cell(html, "p1:age_years")
    assert "goldv" not in _cell(html, "p0:amputation")  # BKA is below_knee
    assert "goldv" not in _cell(html, "p0:indication")  # gold falls back to the study's ALI
    assert "goldv" not in _cell(html, "p0:reintervention")  # null on both sides
    also = _cell(html, "p1:amputation")
    assert "gold-diff" not in also and "also accepted" in also
    extra = _cell(html, "p0:donor_artery")  # a value where gold has none counts as wrong
    assert "gold-diff" in extra and "gold: <b>not reported</b>" in extra
    missing = _cell(html, "p1:sex")  # female extracted, gold silent: extra too
    assert "gold-diff" in missing
    assert "Patients in gold but not extracted: 3." in html
    assert _data(html)["gold"]["p0:age_years"] == 70
    n = len(re.findall(r'<td class="cell[^"]*gold-diff', html))
    assert f"{n} values differ from the gold file" in html


def test_review_gold_file_errors_are_one_line(result, paper_text, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"patients": [', encoding="utf-8")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"patients": [{"patient_id": "1", "sex": "x"}]}), "utf-8")
    for path, words in (
        (broken, "not valid JSON"),
        (wrong, "patients.0.sex"),
        (tmp_path / "none.json", "gold file not found"),
    ):
        with pytest.raises(GoldError) as caught:
            render_review(result, gold=path, document_text=paper_text)
        assert words in str(caught.value) and "\n" not in str(caught.value)


def test_review_rereads_the_source_and_flags_a_changed_file(result, paper: Path):
    html = render_review(result)
    assert "&lt;script&gt;alert" in html and "has changed since it was extracted" not in html
    paper.write_text(paper.read_text(encoding="utf-8") + "\nErratum.\n", encoding="utf-8")
    assert "has changed since it was extracted" in render_review(result)


def test_review_missing_source_still_shows_values(result, paper: Path):
    paper.unlink()
    html = render_review(result)
    assert "could not be read again" in html and "no such file" in html
    assert "The paper's text is not available" in html
    assert _data(html)["evidence"]["e0"]["status"] == "no_text"
    assert ">71</button>" in _cell(html, "p0:age_years")


def test_review_evidence_at_wrong_offsets_is_found_again(result, paper_text):
    age = result.patients[1].evidence["age_years"][0]
    age.start, age.end = age.start + 7, age.end + 7
    html = render_review(result, document_text=paper_text)
    assert "1 evidence quote(s) did not match the text at their offsets" in html
    moved = [e for e in _data(html)["evidence"].values() if e["status"] == "moved"]
    assert [e["quote"] for e in moved] == ["64-year-old woman"]
    kept = _data(html)["evidenceMaps"]["patients"][1]["age_years"][0]
    assert paper_text[kept["start"] : kept["end"]] == "64-year-old woman"


def test_review_saved_decisions_are_keyed_to_paper_and_values(result, paper_text):
    first = _data(render_review(result, document_text=paper_text))["storageKey"]
    assert first == _data(render_review(result, document_text=paper_text))["storageKey"]
    assert result.source.sha256 in first
    result.patients[0].age_years = 72  # a re-run that reads a value differently starts afresh
    assert _data(render_review(result, document_text=paper_text))["storageKey"] != first


def test_review_write_review_dir_creates_folder_and_names_page(result, paper_text, tmp_path):
    target = write_review_dir(result, tmp_path / "reviews", document_text=paper_text)
    assert target == tmp_path / "reviews" / "okafor-2025-two-cases.html"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert review_name("vascular/2024/D01.pdf") == "vascular__2024__D01.html"


def test_review_unwritable_target_is_output_error(result, paper_text, tmp_path):
    with pytest.raises(OutputError):
        write_review(result, tmp_path / "missing" / "page.html", document_text=paper_text)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError):
        write_review_dir(result, tmp_path / "file", document_text=paper_text)


def test_review_format_value_writes_each_kind():
    stents = [
        {"device": "Covera", "covered": True, "diameter_mm": 6.0, "length_mm": 60.0},
        {"device": None, "diameter_mm": 5.5, "length_mm": None},
    ]
    assert format_value("stents", stents) == "Covera (covered) 6 × 60 mm; stent 5.5 × ? mm"
    prior = [{"donor_artery": "anterior_tibial", "target_vein": None}]
    assert format_value("prior_dva", prior) == "anterior_tibial → ?"
    assert format_value("bool", False) == "no" and format_value("float", 364.8) == "364.8"
    assert format_value("float", 121.0) == "121" and format_value("enum_list", []) == ""


def test_review_pooled_cohort_without_patients_renders(result, paper_text):
    result.patients, result.conflicts, result.warnings = [], [], []
    html = render_review(result, document_text=paper_text)
    assert "No individual patients were extracted" in html
    assert "No conflicts or warnings." in html
    assert _data(html)["original"]["patients"] == []
    assert 'data-key="study:reported.mean_age_years"' in html
