"""Section kinds: what a part of a paper is, from its heading (``headings.toml``)."""

from __future__ import annotations

from enum import StrEnum


class SectionKind(StrEnum):
    """The kind of a section; a unit's kind is its section's (or FIGURES / TABLE)."""

    FRONT = "front"
    ABSTRACT = "abstract"
    KEYWORDS = "keywords"
    INTRODUCTION = "introduction"
    CASE = "case"
    METHODS = "methods"
    RESULTS = "results"
    DISCUSSION = "discussion"
    CONCLUSION = "conclusion"
    REFERENCES = "references"
    FIGURES = "figures"
    TABLES = "tables"
    BACK = "back"
    BODY = "body"
    TABLE = "table"  # a table cell's own kind (a unit read from a table)


# Sections whose text describes the study's own patients: read for a single-patient report.
NARRATIVE = frozenset(
    {
        SectionKind.ABSTRACT,
        SectionKind.CASE,
        SectionKind.METHODS,
        SectionKind.RESULTS,
        SectionKind.BODY,
    }
)
