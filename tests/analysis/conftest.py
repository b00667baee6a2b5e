"""Fixtures of the analysis tests (builders in tests/analysis_builders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_builders import ali_case, cohort, failed_row, result, series, write_tables

from extract.export.summary import other_row
from schemas.models import ReportedOutcome, Study


@pytest.fixture
def tables_dir(tmp_path: Path) -> Path:
    """A folder holding the tables of a series, a cohort, an ALI case, a failed and a duplicate
    file and an off-topic paper."""
    reported = [
        ReportedOutcome(outcome="major_amputation", events=5, total=20),
        ReportedOutcome(outcome="death", events=3, total=20),
        ReportedOutcome(outcome="death", events=0, total=20, time_days=30),
        ReportedOutcome(outcome="technical_success", events=19, total=20),
    ]
    off_topic = result(Study(first_author="Ola Berg", year=2020, relevance="not_dva"))
    others = [
        failed_row("broken.pdf", "corrupt or truncated PDF"),
        other_row("copy.txt", "1" * 64, "duplicate", "same DOI as moreau.txt", "moreau.txt"),
    ]
    papers = [
        ("moreau", series()),
        ("nowak", cohort(reported)),
        ("lind", ali_case()),
        ("berg", off_topic),
    ]
    write_tables(tmp_path, papers, others)
    return tmp_path
