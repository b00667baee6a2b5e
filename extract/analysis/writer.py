"""Write the report folder: tables as CSV, figures as SVG and report.html, each atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from extract.analysis.analysis import Analysis, analyze
from extract.analysis.inputs import load_tables
from extract.analysis.report import render_report
from extract.atomic import atomic_write_bytes, atomic_write_text
from extract.errors import OutputError

DECIMALS = 6


def check_report_dir(folder: str | os.PathLike) -> Path:
    """The report folder, or an OutputError before any work when it cannot be one."""
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: --report is not a folder")
    parent = target.parent if str(target.parent) else Path(".")
    if not target.exists() and not parent.is_dir():
        raise OutputError(f"{target}: --report parent folder {parent} does not exist")
    return target


def csv_text(frame: pd.DataFrame) -> bytes:
    """A table as CSV: empty cell for a missing value, floats rounded to 6 decimals."""
    out = frame.copy()
    for name in out.columns:
        if pd.api.types.is_float_dtype(out[name]):
            out[name] = out[name].round(DECIMALS)
    return out.to_csv(index=False, lineterminator="\n", na_rep="").encode("utf-8")


def _outputs(analysis: Analysis) -> dict[str, bytes | str]:
    files: dict[str, bytes | str] = {
        "outcomes_by_study.csv": csv_text(analysis.by_study),
        "pooled_outcomes.csv": csv_text(analysis.pooled),
    }
    for curve in analysis.curves:
        files[f"km_{curve.endpoint}.csv"] = csv_text(curve.table)
        files[f"km_{curve.endpoint}_by_indication.csv"] = csv_text(curve.by_indication)
        files[f"km_{curve.endpoint}.svg"] = curve.svg
    for key, svg in analysis.forests.items():
        files[f"forest_{key}.svg"] = svg
    return files


def write_analysis(
    pooled: str | os.PathLike, folder: str | os.PathLike, studies: str | os.PathLike | None = None
) -> list[Path]:
    """Analyse the pooled table (and its studies table) and write the report folder."""
    target = check_report_dir(folder)
    analysis = analyze(load_tables(pooled, studies))
    files = _outputs(analysis)
    names = [*files, "report.html"]
    try:
        target.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{target}: cannot create the folder ({exc.strerror or exc})") from None
    written = []
    for name, data in files.items():
        path = target / name
        if isinstance(data, bytes):
            atomic_write_bytes(path, data)
        else:
            atomic_write_text(path, data)
        written.append(path)
    atomic_write_text(target / "report.html", render_report(analysis, names))
    written.append(target / "report.html")
    return written
