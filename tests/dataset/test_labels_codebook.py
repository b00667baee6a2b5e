"""Study labels and the codebook (datapackage.json) built from the column specs."""

from __future__ import annotations

from pathlib import Path

from extract.dataset.codebook import column_specs, datapackage, field_descriptor
from extract.dataset.labels import label_or_stem, unique_labels, with_labels
from extract.export.columns import TABLES, names
from schemas.models import Study
from schemas.vocab import load


def test_labels_fill_first_author_and_label_from_the_authors():
    study = with_labels(Study(authors=["Jorien van der Made", "Sander P. Kuipers"], year=2023))
    assert (study.first_author, study.study_label) == ("van der Made", "van der Made 2023")
    given = Study(authors=["X Y"], first_author="Given", year=2020)
    assert with_labels(given).study_label == "Given 2020"  # the extractor's own value wins
    assert label_or_stem(Study(year=2021), "B04-lyon") == "B04-lyon 2021"


def test_labels_alike_become_a_b_as_in_meta_analyses():
    labels = ["Moriyama 2025", "Okafor 2025", "Moriyama 2025", "Moriyama 2025"]
    assert unique_labels(labels) == [
        "Moriyama 2025a",
        "Okafor 2025",
        "Moriyama 2025b",
        "Moriyama 2025c",
    ]


def test_codebook_describes_every_column_of_every_table(tmp_path):
    tables = {t: (tmp_path / f"{t}.csv", "csv") for t in TABLES}
    package = datapackage(tables, tmp_path)
    described = {
        r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]
    }
    assert described == {t: names(t) for t in TABLES}
    assert all(r["path"] == f"{r['name']}.csv" for r in package["resources"])
    fields = {
        f["name"]: f
        for r in package["resources"]
        if r["name"] == "pooled"
        for f in r["schema"]["fields"]
    }
    assert fields["donor_artery"]["constraints"]["enum"] == load("arteries").keys()
    assert fields["amputation"]["constraints"]["enum"] == load("amputation_levels").keys()
    assert fields["age_years"]["type"] == "integer" and fields["age_years"]["unit"] == "years"
    assert fields["rf_diabetes"]["type"] == "boolean"
    assert fields["risk_factors"]["itemValues"] == load("risk_factors").keys()
    assert all(f["description"] for f in fields.values())


def test_codebook_reads_the_column_specs_through_one_function(monkeypatch):
    from extract.dataset import codebook

    spec = column_specs("studies")[0]
    monkeypatch.setattr(codebook, "column_specs", lambda table: (spec,))
    (resource,) = datapackage({"pooled": ("pooled.csv", "csv")}, Path("."))["resources"]
    assert [f["name"] for f in resource["schema"]["fields"]] == [spec.name]
    assert field_descriptor(spec)["type"] == "string"
