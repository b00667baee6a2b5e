"""Checks of a result against known limits of the extractor: warnings, never changes.

A paper numbering its cases past what the case-scope rules read ("Case 1000" and on) would
otherwise give fewer patients than it describes with no word said.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from schemas.models import ExtractionResult


@cache
def _patterns() -> dict[str, re.Pattern]:
    with open(Path(__file__).with_name("checks.toml"), "rb") as handle:
        return {name: re.compile(text) for name, text in tomllib.load(handle).items()}


def limit_warnings(text: str, result: ExtractionResult) -> list[str]:
    """Warnings for what the paper holds beyond the extractor's limits."""
    labels = [int(m.group("n")) for m in _patterns()["unread_label"].finditer(text)]
    if not labels:
        return []
    return [
        f"the paper numbers cases up to {max(labels)}, but labels of four or more digits "
        f"({len(labels)} found, from {min(labels)}) are not read as patients; "
        f"{len(result.patients)} patients extracted"
    ]
