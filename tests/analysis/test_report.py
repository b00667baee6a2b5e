"""The report folder: files and columns, counts that agree with the tables, SVGs that parse, a
page that loads nothing, and `extract --analyze`."""

from __future__ import annotations

import csv
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from analysis_builders import ali_case, cohort, series, write_tables

from extract.analysis import write_analysis
from extract.analysis.counts import OUTCOME_COLUMNS
from extract.analysis.pooling import POOLED_COLUMNS
from extract.analysis.survival import KM_COLUMNS
from extract.cli import main
from extract.export.flatten import pooled_rows
from extract.export.summary import study_row
from extract.export.writers import write_table
from schemas.models import ReportedOutcome

EXPECTED = {
    "outcomes_by_study.csv",
    "pooled_outcomes.csv",
    "km_amputation_free_survival.csv",
    "km_amputation_free_survival.svg",
    "km_amputation_free_survival_by_indication.csv",
    "km_freedom_from_major_amputation.csv",
    "km_freedom_from_major_amputation.svg",
    "km_freedom_from_major_amputation_by_indication.csv",
    "forest_major_amputation.svg",
    "report.html",
}


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def report(tables_dir: Path) -> Path:
    write_analysis(tables_dir / "pooled.csv", tables_dir / "report")
    return tables_dir / "report"


def test_report_writes_every_file_with_the_documented_columns(report):
    names = {p.name for p in report.iterdir()}
    assert EXPECTED <= names
    assert all(not n.startswith(".") for n in names)  # no temp files left
    header = (report / "outcomes_by_study.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == OUTCOME_COLUMNS
    header = (report / "pooled_outcomes.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == POOLED_COLUMNS
    header = (report / "km_amputation_free_survival.csv").read_text(encoding="utf-8")
    assert header.splitlines()[0].split(",") == KM_COLUMNS


def test_report_per_study_counts_agree_with_the_pooled_patient_rows(report, tables_dir):
    patients = _csv(tables_dir / "pooled.csv")
    for row in _csv(report / "outcomes_by_study.csv"):
        if row["source"] != "patients" or row["outcome"] != "major_amputation":
            continue
        mine = [p for p in patients if p["study_id"] == row["study_id"] and p["major_amputation"]]
        assert int(row["total"]) == len(mine)
        assert int(row["events"]) == sum(p["major_amputation"] == "1" for p in mine)


def test_report_pooled_major_amputation_is_the_dersimonian_laird_logit_of_the_study_table(report):
    studies = [r for r in _csv(report / "outcomes_by_study.csv")]
    studies = [r for r in studies if r["outcome"] == "major_amputation"]
    x = [int(r["events"]) for r in studies]
    n = [int(r["total"]) for r in studies]
    assert (x, n) == ([1, 5, 1], [3, 20, 1])  # Moreau (patients), Nowak (reported), Lind
    y, v = [], []
    for xi, ni in zip(x, n, strict=True):
        c = 0.5 if xi in (0, ni) else 0.0
        y.append(math.log((xi + c) / (ni - xi + c)))
        v.append(1 / (xi + c) + 1 / (ni - xi + c))
    w = [1 / vi for vi in v]
    fixed = sum(a * b for a, b in zip(w, y, strict=True)) / sum(w)
    q = sum(a * (b - fixed) ** 2 for a, b in zip(w, y, strict=True))
    tau2 = max(0.0, (q - 2) / (sum(w) - sum(a * a for a in w) / sum(w)))
    wr = [1 / (vi + tau2) for vi in v]
    mean = sum(a * b for a, b in zip(wr, y, strict=True)) / sum(wr)
    pooled = next(
        r
        for r in _csv(report / "pooled_outcomes.csv")
        if (r["outcome"], r["subgroup"]) == ("major_amputation", "all")
    )
    assert float(pooled["proportion"]) == pytest.approx(1 / (1 + math.exp(-mean)), abs=1e-6)
    assert int(pooled["k"]) == 3 and int(pooled["n_corrected"]) == 1


def test_report_svgs_parse_as_xml(report):
    for path in report.glob("*.svg"):
        root = ET.fromstring(path.read_text(encoding="utf-8"))
        assert root.tag.endswith("svg")
    forest = (report / "forest_major_amputation.svg").read_text(encoding="utf-8")
    assert "Moreau 2023" in forest and "Nowak 2024" in forest and "All studies" in forest


def test_report_km_csv_never_rises(report):
    survival = [float(r["survival"]) for r in _csv(report / "km_amputation_free_survival.csv")]
    assert survival[0] == 1.0
    assert all(b <= a + 1e-12 for a, b in zip(survival, survival[1:], strict=False))


class _Loads(HTMLParser):
    """Every tag and URL-bearing attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.meta: list[dict] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "meta":
            self.meta.append(found)
        for name in ("src", "href", "xlink:href", "data", "action", "srcset", "poster"):
            if found.get(name):
                self.urls.append(found[name])


def test_report_page_loads_nothing_from_the_network(report):
    html = (report / "report.html").read_text(encoding="utf-8")
    parser = _Loads()
    parser.feed(html)
    assert not {"script", "link", "iframe", "img", "object", "embed"} & set(parser.tags)
    assert all(url.startswith("#") for url in parser.urls), parser.urls
    assert all(ref.startswith("#") for ref in re.findall(r"url\(\s*['\"]?([^)'\"]*)", html))
    assert "@import" not in html
    assert html.count("http") == html.count("http-equiv")
    csp = next(m for m in parser.meta if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp["content"]
    assert parser.tags.count("svg") == len(list(report.glob("*.svg")))  # every figure inline


def test_report_page_lists_what_was_left_out_and_states_the_caveats(report):
    html = (report / "report.html").read_text(encoding="utf-8")
    for name in ("broken.pdf", "copy.txt", "berg.txt"):
        assert name in html
    assert "GLMM" in html or "generalized linear mixed model" in html
    assert "selected" in html and "DerSimonian" in html


def test_report_is_the_same_when_written_twice(tables_dir):
    first = write_analysis(tables_dir / "pooled.csv", tables_dir / "a")
    write_analysis(tables_dir / "pooled.csv", tables_dir / "b")
    for path in first:
        assert path.read_bytes() == (tables_dir / "b" / path.name).read_bytes(), path.name


def test_cli_analyze_redoes_the_report_from_the_saved_tables(tables_dir, capsys):
    assert (
        main(["--analyze", str(tables_dir / "pooled.csv"), "--report", str(tables_dir / "r")]) == 0
    )
    assert EXPECTED <= {p.name for p in (tables_dir / "r").iterdir()}
    assert "report.html" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--analyze", "{d}/none.csv", "--report", "{d}/r"], "no such pooled table"),
        (["--analyze", "{d}/pooled.csv"], "--analyze needs --report"),
        (["--analyze", "{d}/pooled.csv", "--report", "{d}/pooled.csv"], "not a folder"),
        (["--analyze", "{d}/pooled.csv", "--report", "{d}/no/such/r"], "does not exist"),
        (["{d}/pooled.csv", "--report", "{d}/r"], "--report needs a folder"),
    ],
)
def test_cli_analyze_errors_are_one_line(tables_dir, capsys, args, message):
    argv = [a.replace("{d}", str(tables_dir)) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("extract: error:") and message in err and err.count("\n") == 1


def test_cli_analyze_names_a_bad_cell_of_a_corrected_table(tables_dir, capsys):
    pooled = tables_dir / "pooled.csv"
    lines = pooled.read_text(encoding="utf-8").splitlines()
    column = lines[0].split(",").index("major_amputation")
    cells = lines[1].split(",")
    cells[column] = "yes please"
    pooled.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    assert main(["--analyze", str(pooled), "--report", str(tables_dir / "r")]) == 2
    assert "column major_amputation: cannot read 'yes please'" in capsys.readouterr().err


def test_cli_analyze_reads_a_jsonl_pooled_table(tmp_path):
    papers = [("moreau", series()), ("lind", ali_case())]
    rows = [r for sid, res in papers for r in pooled_rows(res, sid, f"{sid}.txt")]
    write_table(rows, "pooled", tmp_path / "pooled.jsonl")
    studies = [study_row(res, sid, f"{sid}.txt", "0" * 64, None) for sid, res in papers]
    write_table(studies, "studies", tmp_path / "pooled_studies.csv")
    assert main(["--analyze", str(tmp_path / "pooled.jsonl"), "--report", str(tmp_path / "r")]) == 0
    counts = {
        (r["study_id"], r["outcome"]): (r["events"], r["total"])
        for r in _csv(tmp_path / "r" / "outcomes_by_study.csv")
    }
    assert counts[("moreau", "major_amputation")] == ("1", "3")
    assert counts[("lind", "major_amputation")] == ("1", "1")


def test_report_of_aggregate_papers_only_has_counts_but_no_curve(tmp_path):
    write_tables(
        tmp_path, [("nowak", cohort([ReportedOutcome(outcome="death", events=2, total=20)]))]
    )
    write_analysis(tmp_path / "pooled.csv", tmp_path / "r")
    assert [r["outcome"] for r in _csv(tmp_path / "r" / "outcomes_by_study.csv")] == ["death"]
    assert _csv(tmp_path / "r" / "km_amputation_free_survival.csv") == []
    svg = (tmp_path / "r" / "km_amputation_free_survival.svg").read_text(encoding="utf-8")
    assert "No patient" in svg
    forest = (tmp_path / "r" / "forest_major_amputation.svg").read_text(encoding="utf-8")
    assert "at least two" in forest


def test_report_hostile_study_labels_stay_text(tmp_path):
    hostile = ali_case(study_label='<script>alert(1)</script> $x^2 " xmlns="http://e.test"')
    write_tables(tmp_path, [("a", hostile), ("b", series())])
    write_analysis(tmp_path / "pooled.csv", tmp_path / "r")
    parser = _Loads()
    parser.feed((tmp_path / "r" / "report.html").read_text(encoding="utf-8"))
    assert "script" not in parser.tags and all(url.startswith("#") for url in parser.urls)
    forest = (tmp_path / "r" / "forest_major_amputation.svg").read_text(encoding="utf-8")
    ET.fromstring(forest)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; $x^2" in forest
