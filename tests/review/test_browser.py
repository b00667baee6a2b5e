"""End to end in headless Chromium: click a value, see its evidence, correct values, export gold.

Screenshots go to test-artifacts/review/ for a person to look at. The tests skip only when
Chromium cannot be started (they say why); Playwright itself is a test dependency.
"""

from __future__ import annotations

import json
from pathlib import Path

from extract.review import write_review
from schemas.models import GoldDocument

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "review"
IN_VIEW = """() => {
  const el = document.querySelector('#doc-body .ev.hl-cur');
  const r = el.getBoundingClientRect();
  const pane = document.getElementById('doc-body').getBoundingClientRect();
  return r.top >= pane.top && r.bottom <= pane.bottom && r.top >= 0
    && r.bottom <= window.innerHeight;
}"""


def _cell(page, key: str):
    return page.locator(f'td[data-key="{key}"]')


def _correct(page, key: str, text: str) -> None:
    _cell(page, key).locator('[data-act="correct"]').click()
    field = _cell(page, key).locator(".edit input")
    field.fill(text)
    field.press("Enter")


def test_review_evidence_is_highlighted_and_scrolled_into_view(
    page, result, paper_text, page_starts, tmp_path
):
    html = tmp_path / "review.html"
    write_review(result, html, document_text=paper_text, page_starts=page_starts)
    page.goto(html.as_uri())
    page.screenshot(path=ARTIFACTS / "overview.png")
    assert '<script>alert("paper")</script>' in page.inner_text("#doc-body")

    before = page.evaluate("document.getElementById('doc-body').scrollTop")
    _cell(page, "p1:follow_up_days").locator("button.val").click()
    assert "".join(page.locator("#doc-body .ev.hl-cur").all_inner_texts()) == "6-month follow-up"
    assert page.evaluate(IN_VIEW), "the evidence is not scrolled into view"
    assert page.evaluate("document.getElementById('doc-body').scrollTop") > before
    status = page.inner_text("#ev-status")
    assert "Patient 2 · Follow-up (days)" in status and "page 2" in status
    page.screenshot(path=ARTIFACTS / "evidence-text.png")

    _cell(page, "p0:age_years").locator("button.val").click()
    assert page.inner_text("#doc-body .doc-table td.hl-cell .ev.hl-cur") == "71-year-old man"
    assert page.locator("#doc-body .hl-cur").count() == 1 and page.evaluate(IN_VIEW)
    assert "from a table" in page.inner_text("#ev-status")
    page.screenshot(path=ARTIFACTS / "evidence-table.png")

    amputation = _cell(page, "p0:amputation").locator("button.val")
    amputation.click()
    assert page.inner_text("#doc-body .ev.hl-cur") == "BKA"
    amputation.click()  # a second click moves to the next piece of evidence
    assert "".join(page.locator("#doc-body .ev.hl-cur").all_inner_texts()) == (
        "below-knee amputation at 3 months"
    )
    assert page.locator("#doc-body .ev.hl").count() >= 2 and page.evaluate(IN_VIEW)
    assert page.problems == []


def test_review_keyboard_reaches_values_and_controls(page, result, paper_text, tmp_path):
    html = tmp_path / "review.html"
    write_review(result, html, document_text=paper_text)
    page.goto(html.as_uri())
    page.locator('td[data-key="p1:age_years"] button.val').focus()
    page.keyboard.press("Enter")
    assert page.inner_text("#doc-body .ev.hl-cur") == "64-year-old woman"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.act") == "accept"
    page.keyboard.press("Space")
    assert "accepted" in _cell(page, "p1:age_years").inner_text()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # opens the editor, which takes the focus
    assert page.evaluate("document.activeElement.tagName") == "INPUT"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.act") == "correct"
    assert page.problems == []


def test_review_decisions_survive_reload_until_reset(page, result, paper_text, tmp_path):
    html = tmp_path / "review.html"
    write_review(result, html, document_text=paper_text)
    page.goto(html.as_uri())
    _correct(page, "p1:age_years", "65")
    _cell(page, "p0:sex").locator('[data-act="accept"]').click()
    page.locator('.drop[data-p="1"]').click()
    page.reload()
    assert "→ 65" in _cell(page, "p1:age_years").inner_text()
    assert "accepted" in _cell(page, "p0:sex").inner_text()
    assert "restored" in page.inner_text("#progress")
    assert "dropped" in (page.get_attribute('th.pcol[data-p="1"]', "class") or "")
    gold = page.evaluate("window.dvaReview.buildGold()")
    assert [p["patient_id"] for p in gold["patients"]] == ["1"]
    page.confirm = True
    page.click("#reset")
    assert "→ 65" not in _cell(page, "p1:age_years").inner_text()
    assert page.inner_text("#progress").startswith("Reviewed 0 of")
    page.reload()
    assert "accepted" not in _cell(page, "p0:sex").inner_text()
    assert page.problems == []


def test_review_corrections_export_as_valid_gold(page, result, paper_text, tmp_path):
    html = tmp_path / "review.html"
    write_review(result, html, document_text=paper_text)
    page.goto(html.as_uri())

    _correct(page, "p0:age_years", "72")
    assert "→ 72" in _cell(page, "p0:age_years").inner_text()
    _correct(page, "p1:donor_artery", "femoral")  # not an artery of the vocabulary
    assert "one of:" in _cell(page, "p1:donor_artery").locator(".err").inner_text()
    field = _cell(page, "p1:donor_artery").locator(".edit input")
    field.fill("posterior tibial")
    field.press("Enter")
    _correct(page, "p0:stents", "Viabahn (Gore, covered) 5 × 150 mm; Covera 6 x 60")
    _correct(page, "p1:risk_factors", "hyperlipidemia, smoking, copd")
    _cell(page, "p1:death").locator('[data-act="nr"]').click()
    _cell(page, "p0:sex").locator('[data-act="accept"]').click()
    page.locator('#issues [data-act="reading"][data-reading="1"]').click()  # Rutherford III
    _correct(page, "study:reported.median_follow_up_days", "150")
    page.screenshot(path=ARTIFACTS / "corrected.png", full_page=True)
    assert "Reviewed 8 of" in page.inner_text("#progress")

    with page.expect_download() as info:
        page.click("#export")
    download = info.value
    assert download.suggested_filename == "okafor-2025-two-cases.gold.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    (ARTIFACTS / "exported.gold.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    gold = GoldDocument.model_validate(data)

    p0, p1 = gold.patients
    assert p0.age_years == 72 and "age_years" not in p0.evidence
    assert p0.sex == "male" and p0.evidence["sex"][0].quote == "71-year-old man"
    assert p0.rutherford_presentation == "III"
    assert [
        (s.device, s.manufacturer, s.covered, s.diameter_mm, s.length_mm) for s in p0.stents
    ] == [
        ("Viabahn", "Gore", True, 5, 150),
        ("Covera", None, None, 6, 60),
    ]
    assert p1.donor_artery == "posterior_tibial" and "donor_artery" not in p1.evidence
    assert p1.risk_factors == ["hyperlipidemia", "smoking", "copd"]
    assert p1.death is None and p1.age_years == 64 and p1.follow_up_days == 182.4
    assert gold.study.reported.median_follow_up_days == 150
    assert gold.study.reported.mean_age_years == 67.5 and gold.study.n_patients == 2
    assert "1 values accepted" in gold.about and "6 corrected" in gold.about
    assert "1 marked not reported" in gold.about
    for patient in (p0, p1):  # evidence kept in the gold still points at the paper's text
        for items in patient.evidence.values():
            assert all(paper_text[e.start : e.end] == e.quote for e in items)
    try:
        from extract.evaluation.gold import load_gold
    except ImportError:  # the evaluation package is optional to this test
        load_gold = None
    if load_gold is not None:
        assert len(load_gold(Path(download.path())).doc.patients) == 2

    page.emulate_media(media="print")
    assert not page.locator(".ctl").first.is_visible()
    assert not page.locator("#export").is_visible()
    page.screenshot(path=ARTIFACTS / "print.png", full_page=True)
    assert page.problems == []


def test_review_gold_differences_are_marked(page, result, paper_text, tmp_path):
    data = result.model_dump()  # gold that agrees with the result but in two values
    data["patients"][0]["age_years"] = 70
    data["patients"][1]["amputation"] = "ray"
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(data), encoding="utf-8")
    html = tmp_path / "review.html"
    write_review(result, html, gold=str(gold), document_text=paper_text)
    page.goto(html.as_uri())
    # two edits, plus patient 2's missing indication: gold falls back to the study's ALI
    assert page.locator("td.gold-diff").count() == 3
    assert "gold: ALI" in _cell(page, "p1:indication").inner_text()
    assert "gold: ray" in _cell(page, "p1:amputation").inner_text()
    age = _cell(page, "p0:age_years")
    assert "gold: 70" in age.inner_text()
    age.locator('[data-act="gold"]').click()
    assert "→ 70" in age.inner_text()
    page.screenshot(path=ARTIFACTS / "gold.png")
    assert page.problems == []


FORMAT_CASES = [
    ("age_years", 71),
    ("follow_up_days", 364.8),
    ("follow_up_days", 121.0),
    ("death", False),
    ("amputation", "below_knee"),
    ("risk_factors", ["hypertension", "chronic_kidney_disease"]),
    ("authors", ["R. Okafor", "L. Brandt"]),
    (
        "stents",
        [
            {
                "device": "Viabahn",
                "manufacturer": "Gore",
                "covered": True,
                "diameter_mm": 5.0,
                "length_mm": 150.0,
            },
            {
                "device": None,
                "manufacturer": None,
                "covered": False,
                "diameter_mm": 5.5,
                "length_mm": None,
            },
        ],
    ),
    ("prior_dva", [{"donor_artery": "anterior_tibial", "target_vein": "anterior_tibial"}]),
]


def test_review_page_script_writes_and_reads_values_like_python(page, result, paper_text, tmp_path):
    from extract.review.spec import format_value, prior_dva_options, specs

    html = tmp_path / "review.html"
    write_review(result, html, document_text=paper_text)
    page.goto(html.as_uri())
    rows = {s.name: s.as_dict() for s in [*specs()["study"], *specs()["patient"]]}
    got = page.evaluate(
        """([cases, rows, prior]) => cases.map(([name, value]) => {
            const text = window.dvaValues.format(rows[name].kind, value);
            return [text, window.dvaValues.parse(rows[name], text, prior)];
        })""",
        [FORMAT_CASES, rows, prior_dva_options()],
    )
    for (name, value), (text, parsed) in zip(FORMAT_CASES, got, strict=True):
        assert text == format_value(rows[name]["kind"], value), name
        assert parsed == {"value": value}, name  # what the page writes, its editor reads back
    assert page.problems == []
