"""Awkward but valid papers: line ends, tables, ragged rows, Unicode sizes, 0 and 40 patients."""

from __future__ import annotations

import json
import os
import random
import sys

import pytest

from extract.reading import read_document

CASE = """# Percutaneous Deep Vein Arterialization for a Nonhealing Heel Ulcer: A Case Report

## Case Presentation

A 64-year-old woman with diabetes mellitus and hypertension presented with a nonhealing ulcer \
of the left heel (Rutherford 5). Angiography showed occlusion of all tibial arteries with no \
pedal target.

## Procedure

Percutaneous deep vein arterialization was performed from the posterior tibial artery into the \
posterior tibial vein. A 5×150 mm Viabahn stent graft (Gore) was deployed across the crossing.

## Outcome

The ulcer healed at 4 months. No amputation was needed and no reintervention was required. At \
12 months of follow-up she was alive.
"""

SERIES_HEAD = """# Percutaneous Deep Vein Arterialization in Three Patients With No-Option Chronic \
Limb-Threatening Ischemia: A Case Series

## Methods

We retrospectively reviewed three consecutive patients with chronic limb-threatening ischemia \
treated with percutaneous deep vein arterialization. Patient characteristics are given in Table 1.

Table 1. Patient characteristics

"""
SERIES_ROWS = [
    ["Patient", "Age/Sex", "Rutherford", "Donor artery", "Target vein", "Stents", "Amputation"],
    ["1", "72/M", "5", "Posterior tibial", "Posterior tibial vein", "Viabahn 5 × 150 mm", "None"],
    ["2", "66/F", "6", "Peroneal", "Peroneal vein", "Viabahn 6 × 100 mm", "BKA"],
    ["3", "81/F", "5", "Anterior tibial", "Anterior tibial vein", "Covera 6 × 60 mm", "TMA"],
]
SERIES_TAIL = "\n## Results\n\nAll three procedures were technically successful.\n"
SERIES_EXPECTED = [
    ("1", 72, "male", "posterior_tibial", "posterior_tibial", "none", [(5.0, 150.0)]),
    ("2", 66, "female", "peroneal", "peroneal", "below_knee", [(6.0, 100.0)]),
    ("3", 81, "female", "anterior_tibial", "anterior_tibial", "transmetatarsal", [(6.0, 60.0)]),
]

REVIEW = """# Deep Vein Arterialization for No-Option Chronic Limb-Threatening Ischemia: \
A Narrative Review

## Abstract

Deep vein arterialization (DVA) has been proposed for patients with chronic limb-threatening \
ischemia who have no distal target for bypass or endovascular therapy. This review summarizes the \
published case series and cohort studies, the devices used and the reported outcomes.

## Techniques

In the percutaneous technique, a crossing is created between a tibial artery and the paired vein, \
the venous valves are disrupted and the circuit is lined with covered stents such as the Viabahn \
or a dedicated system. Open surgical approaches use a bypass graft to the great saphenous vein or \
to the pedal venous arch.

## Outcomes

Published series report amputation-free survival between 60% and 75% at one year, with wound \
healing in about half of patients by six months. Reinterventions on the circuit are common \
during the first three months.
"""


def pipe_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines) + "\n"


def tab_table(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in rows) + "\n"


def evidence_items(node):
    """Every Evidence dict anywhere in a result."""
    if isinstance(node, dict):
        if {"quote", "start", "end"} <= node.keys():
            yield node
        for value in node.values():
            yield from evidence_items(value)
    elif isinstance(node, list):
        for value in node:
            yield from evidence_items(value)


@pytest.fixture
def extract_text(run_cli, tmp_path):
    """Write ``data`` to a file, run `extract` on it, check it worked; return (result, run)."""

    def run(data: str | bytes, name: str = "paper.txt"):
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        outcome = run_cli(path)
        assert "Traceback" not in outcome.err, outcome.err
        assert outcome.code == 0, outcome.err
        result = json.loads(outcome.out)
        text = read_document(path).text
        for item in evidence_items(result):
            assert item["quote"] == text[item["start"] : item["end"]], item
        return result, outcome

    return run


def summary(result) -> list[tuple]:
    return [
        (
            p["patient_id"],
            p["age_years"],
            p["sex"],
            p["donor_artery"],
            p["target_vein"],
            p["amputation"],
            [(s["diameter_mm"], s["length_mm"]) for s in p["stents"]],
        )
        for p in result["patients"]
    ]


def stent_sizes(result) -> list[tuple]:
    return [(s["diameter_mm"], s["length_mm"]) for p in result["patients"] for s in p["stents"]]


def test_cli_single_case_report_gives_one_patient(extract_text):
    result, _ = extract_text(CASE)
    assert summary(result) == [
        ("1", 64, "female", "posterior_tibial", "posterior_tibial", "none", [(5.0, 150.0)])
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["windows", "old-mac"])
def test_cli_windows_line_endings_give_the_same_result(extract_text, newline):
    unix, _ = extract_text(CASE, "unix.txt")
    other, _ = extract_text(CASE.replace("\n", newline), "other.txt")
    assert other["patients"] == unix["patients"]  # values and evidence offsets alike
    assert other["study"] == unix["study"]


def test_cli_tab_and_pipe_tables_give_the_same_patients(extract_text):
    piped, _ = extract_text(SERIES_HEAD + pipe_table(SERIES_ROWS) + SERIES_TAIL, "pipes.txt")
    tabbed, _ = extract_text(SERIES_HEAD + tab_table(SERIES_ROWS) + SERIES_TAIL, "tabs.txt")
    assert summary(piped) == SERIES_EXPECTED
    assert summary(tabbed) == SERIES_EXPECTED
    assert piped["study"]["n_patients"] == tabbed["study"]["n_patients"] == 3


@pytest.mark.parametrize("style", [pipe_table, tab_table], ids=["pipes", "tabs"])
def test_cli_ragged_table_row_keeps_the_cells_it_has(extract_text, style):
    rows = [list(row) for row in SERIES_ROWS]
    rows[2] = rows[2][:4]  # patient 2: the row stops after the donor artery
    result, _ = extract_text(SERIES_HEAD + style(rows) + SERIES_TAIL)
    got = summary(result)
    assert [p[0] for p in got] == ["1", "2", "3"]
    assert got[0] == SERIES_EXPECTED[0] and got[2] == SERIES_EXPECTED[2]
    assert got[1][:4] == ("2", 66, "female", "peroneal")
    assert got[1][4:] == (None, None, [])  # cells that are not there are unknown, not guessed


@pytest.mark.parametrize(
    "written",
    [
        "5×150 mm",
        "5 x 150mm",
        "5 × 150 mm",
        "5X150mm",
        "5 mm × 150 mm",
        "5.0 × 150 mm",
        "5-mm by 150-mm",
        pytest.param("5\u2011mm × 150\u2011mm", id="non-breaking-hyphen"),
        pytest.param("5\u2010mm by 150\u2010mm", id="unicode-hyphen"),
        "5\u00a0mm\u00a0×\u00a0150\u00a0mm",
    ],
)
def test_cli_stent_sizes_in_every_written_form(extract_text, written):
    result, _ = extract_text(CASE.replace("5×150 mm", written))
    assert stent_sizes(result) == [(5.0, 150.0)]


def test_cli_micro_signs_and_en_dash_ranges_leave_stent_sizes_alone(extract_text):
    text = CASE.replace(
        "was deployed across the crossing.",
        "was deployed across the crossing after 300 µg of intra-arterial nitroglycerin and "
        "predilation with 4–5 mm balloons (0.014\u2033 wire).",
    )
    result, _ = extract_text(text)
    assert stent_sizes(result) == [(5.0, 150.0)]
    assert result["patients"][0]["age_years"] == 64


@pytest.mark.parametrize("dash", ["\u2010", "\u2011"], ids=["hyphen", "non-breaking-hyphen"])
def test_cli_unicode_hyphens_in_ages(extract_text, dash):
    result, _ = extract_text(CASE.replace("64-year-old", f"64{dash}year{dash}old"))
    assert [(p["age_years"], p["sex"]) for p in result["patients"]] == [(64, "female")]


def test_cli_review_article_gives_no_patients_and_a_warning(extract_text):
    result, outcome = extract_text(REVIEW)
    assert result["patients"] == []
    assert result["warnings"], "a paper without patients must say so"
    assert any(line.startswith("warning: ") for line in outcome.err.splitlines())


def test_cli_forty_patients_in_one_table(extract_text):
    rng = random.Random(40)
    arteries = [
        ("Posterior tibial", "Posterior tibial vein", "posterior_tibial"),
        ("Peroneal", "Peroneal vein", "peroneal"),
        ("Anterior tibial", "Anterior tibial vein", "anterior_tibial"),
    ]
    levels = [("None", "none"), ("Toe", "toe"), ("TMA", "transmetatarsal"), ("BKA", "below_knee")]
    rows = [["Patient", "Age", "Sex", "Donor artery", "Target vein", "Amputation"]]
    expected = []
    for number in range(1, 41):
        age, sex = rng.randint(45, 90), rng.choice("MF")
        artery, level = rng.choice(arteries), rng.choice(levels)
        rows.append([str(number), str(age), sex, artery[0], artery[1], level[0]])
        sex_key = "male" if sex == "M" else "female"
        expected.append((str(number), age, sex_key, artery[2], artery[2], level[1], []))
    text = (
        "# Percutaneous Deep Vein Arterialization in Forty Patients: A Case Series\n\n"
        "## Methods\n\nForty consecutive patients with chronic limb-threatening ischemia "
        "underwent percutaneous deep vein arterialization. Individual patient data are listed "
        "in Table 1.\n\nTable 1. Individual patient data\n\n"
        + pipe_table(rows)
        + "\n## Results\n\nAll procedures were technically successful.\n"
    )
    result, _ = extract_text(text)
    assert summary(result) == expected
    assert result["study"]["n_patients"] == 40


def test_cli_latin1_paper_is_extracted_with_a_warning(extract_text):
    result, outcome = extract_text(CASE.replace("5×150 mm", "5 × 150 mm").encode("latin-1"))
    assert stent_sizes(result) == [(5.0, 150.0)]
    assert any("Latin-1" in w for w in result["warnings"])
    assert "Latin-1" in outcome.err


def test_cli_utf16_paper_is_extracted(extract_text):
    result, _ = extract_text(CASE.replace("\n", "\r\n").encode("utf-16"))
    assert [(p["age_years"], p["sex"]) for p in result["patients"]] == [(64, "female")]


@pytest.mark.skipif(sys.platform != "linux", reason="needs file names that are not UTF-8")
def test_cli_file_name_that_is_not_utf8_still_gives_json(run_cli, tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9-case.txt")
    with open(path, "wb") as handle:
        handle.write(CASE.encode())
    outcome = run_cli(os.fsdecode(path))
    assert outcome.code == 0, outcome.err
    result = json.loads(outcome.out)
    assert result["source"]["path"].endswith("caf\ufffd-case.txt")
    assert [p["age_years"] for p in result["patients"]] == [64]
