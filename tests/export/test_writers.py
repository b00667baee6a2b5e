"""Writing the tables as CSV/JSONL/Parquet and loading them back with the documented dtypes."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from extract.errors import OutputError
from extract.export.columns import columns, names, pandas_dtypes
from extract.export.writers import csv_bytes, format_for, read_table, write_table

ROWS = [
    {
        "study_id": "10.1000/dva.0001",
        "title": 'Venous arterialization, "desert foot" and limb salvage\nPart 2',
        "year": 2024,
        "patient_id": "1",
        "age_years": 70,
        "rf_diabetes": True,
        "rf_smoking": False,
        "stent_sizes": "5x150;13x100",
        "major_amputation": True,
        "follow_up_days": 364.8,
    },
    {"study_id": "jones-2024", "patient_id": "A", "sex": "female", "rf_diabetes": None},
]


def test_writers_format_by_extension_or_forced():
    assert format_for("out/pooled.csv") == "csv"
    assert format_for("pooled.JSONL") == "jsonl"
    assert format_for("pooled.parquet") == "parquet"
    assert format_for("pooled.dat", "parquet") == "parquet"
    with pytest.raises(OutputError, match="--format"):
        format_for("pooled.xlsx")


def test_writers_csv_booleans_as_0_1_missing_as_empty(tmp_path):
    path = tmp_path / "pooled.csv"
    write_table(ROWS, "pooled", path)
    with open(path, newline="", encoding="utf-8") as handle:
        header, first, second = list(csv.reader(handle))
    assert header == names("pooled")
    cell = dict(zip(header, first, strict=True))
    assert cell["rf_diabetes"] == "1" and cell["rf_smoking"] == "0"
    assert cell["major_amputation"] == "1" and cell["death"] == ""
    assert cell["title"] == ROWS[0]["title"]  # quotes and a newline survive quoting
    assert dict(zip(header, second, strict=True))["rf_diabetes"] == ""


def _pyarrow_problem() -> str | None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        return str(exc)
    return None


PARQUET = pytest.param(
    ".parquet",
    marks=pytest.mark.skipif(
        _pyarrow_problem() is not None, reason=f"pyarrow unusable: {_pyarrow_problem()}"
    ),
)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", PARQUET])
def test_writers_round_trip_with_documented_dtypes(tmp_path, suffix):
    path = tmp_path / f"pooled{suffix}"
    write_table(ROWS, "pooled", path)
    frame = read_table(path, "pooled")
    assert list(frame.columns) == names("pooled")
    assert {c: str(t) for c, t in frame.dtypes.items()} == pandas_dtypes("pooled")
    assert frame.loc[0, "age_years"] == 70
    assert frame.loc[0, "follow_up_days"] == pytest.approx(364.8)
    assert bool(frame.loc[0, "rf_diabetes"]) is True and bool(frame.loc[0, "rf_smoking"]) is False
    assert pd.isna(frame.loc[1, "rf_diabetes"]) and pd.isna(frame.loc[1, "age_years"])
    assert frame.loc[0, "title"] == ROWS[0]["title"]
    assert frame.loc[1, "sex"] == "female"


def test_writers_plain_pandas_read_csv_gets_numbers(tmp_path):
    path = tmp_path / "pooled.csv"
    write_table(ROWS, "pooled", path)
    frame = pd.read_csv(path)
    assert frame["age_years"].iloc[0] == 70
    assert frame["rf_diabetes"].iloc[0] == 1


def test_writers_jsonl_keys_in_column_order_and_typed(tmp_path):
    path = tmp_path / "pooled.jsonl"
    write_table(ROWS, "pooled", path)
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == names("pooled")
    assert first["rf_diabetes"] is True and first["death"] is None and first["age_years"] == 70


def test_writers_empty_table_has_header(tmp_path):
    path = tmp_path / "evidence.csv"
    write_table([], "evidence", path)
    assert path.read_text(encoding="utf-8") == ",".join(names("evidence")) + "\n"
    assert read_table(path, "evidence").empty


@pytest.mark.skipif(_pyarrow_problem() is None, reason="pyarrow works here")
def test_writers_parquet_without_pyarrow_is_one_line_output_error(tmp_path):
    with pytest.raises(OutputError, match="pyarrow"):
        write_table(ROWS, "pooled", tmp_path / "pooled.parquet")


def test_writers_missing_folder_is_output_error(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_table(ROWS, "pooled", tmp_path / "no" / "pooled.csv")


def test_writers_csv_has_every_documented_column_once():
    header = csv_bytes([], "studies").decode().strip().split(",")
    assert header == [c.name for c in columns("studies")]
    assert len(set(header)) == len(header)


# --- formula injection: a spreadsheet must show text, never run it --------------------------

HOSTILE = {
    "study_id": '=HYPERLINK("http://127.0.0.1:9/x","open")',
    "title": "+cmd|' /C calc'!A0",
    "first_author": "-2+3",
    "journal": "@SUM(1+1)*cmd|' /C calc'!A0",
    "source_file": "\t=1+1.txt",
    "patient_id": "'=already quoted",
    "sex": "female",
    "age_years": -3,  # a number stays a number, sign included
    "follow_up_days": -0.5,
}


def test_writers_csv_formula_cells_get_a_leading_apostrophe_numbers_stay_numbers():
    row = next(csv.DictReader(csv_bytes([HOSTILE], "pooled").decode().splitlines()))
    for name in ("study_id", "title", "first_author", "journal", "source_file"):
        assert row[name] == "'" + HOSTILE[name], name
    assert row["patient_id"] == "''=already quoted"
    assert (row["sex"], row["age_years"], row["follow_up_days"]) == ("female", "-3", "-0.5")


def test_writers_evidence_and_studies_csv_are_neutralised_too():
    evidence = {"study_id": "s", "field": "title", "value": "=1+1", "quote": "@x", "start": 0}
    row = next(csv.DictReader(csv_bytes([evidence], "evidence").decode().splitlines()))
    assert (row["value"], row["quote"], row["start"]) == ("'=1+1", "'@x", "0")
    study = {"source_file": "-rf.txt", "status": "failed", "reason": "+bad", "n_warnings": 2}
    row = next(csv.DictReader(csv_bytes([study], "studies").decode().splitlines()))
    assert (row["source_file"], row["reason"], row["n_warnings"]) == ("'-rf.txt", "'+bad", "2")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_writers_every_format_loads_back_the_true_text(tmp_path, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    path = tmp_path / f"pooled{suffix}"
    write_table([HOSTILE], "pooled", path)
    frame = read_table(path)
    for name in ("study_id", "title", "first_author", "journal", "source_file", "patient_id"):
        assert frame.loc[0, name] == HOSTILE[name], (suffix, name)
    assert frame.loc[0, "age_years"] == -3
    if suffix == ".jsonl":  # JSON lines hold the true text, no apostrophe
        assert json.loads(path.read_text().splitlines()[0])["title"] == HOSTILE["title"]
