"""From the pooled tables to the numbers and figures of a review (``--report DIR``).

``extract FOLDER --out pooled.csv --report DIR`` and ``extract --analyze pooled.csv --report DIR``
write into DIR: ``outcomes_by_study.csv`` (one row per study and outcome), ``pooled_outcomes.csv``
(random-effects pooled proportions per outcome and subgroup), Kaplan-Meier tables and plots
(``km_amputation_free_survival.*``, ``km_freedom_from_major_amputation.*``), forest plots
(``forest_<outcome>.svg``) and ``report.html``, one self-contained page.

Modules: inputs (read and type the tables), counts (per-study counts), pooling (statistics),
survival (Kaplan-Meier), plots (matplotlib), analysis (all of it), report (HTML), writer (files).
Heavy libraries (pandas, statsmodels, lifelines, matplotlib) load only when an analysis runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from extract.errors import InputError


def check_report_dir(folder: str) -> Path:
    """Fail before any work when ``--report`` cannot be a folder."""
    from extract.analysis.writer import check_report_dir as check

    return check(folder)


def write_analysis(pooled: str | Path, folder: str | Path, studies: str | Path | None = None):
    """Analyse ``pooled`` (+ its studies table) and write the report folder; the paths written."""
    from extract.analysis.writer import write_analysis as write

    return write(pooled, folder, studies)


def run_analyze(args: argparse.Namespace) -> int:
    """``extract --analyze POOLED_TABLE --report DIR``: redo the analysis from a saved table."""
    if getattr(args, "path", None):
        raise InputError("give either a folder of papers or --analyze TABLE, not both")
    if not getattr(args, "report", None):
        raise InputError("--analyze needs --report DIR (the folder to write the analysis to)")
    check_report_dir(args.report)
    written = write_analysis(args.analyze, args.report)
    if not getattr(args, "quiet", False):
        print(f"{'report':<16}{args.report} ({len(written)} files; open report.html)")
    return 0


__all__ = ["check_report_dir", "run_analyze", "write_analysis"]
