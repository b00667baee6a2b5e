"""Export: flatten results to rows (pooled, evidence, studies) and write CSV/JSONL/Parquet."""

from extract.export.columns import columns, markdown, names, pandas_dtypes
from extract.export.flatten import (
    evidence_rows,
    normalize_doi,
    patient_cells,
    pooled_rows,
    study_id_of,
)
from extract.export.summary import PooledFigures, study_row, wilson_ci
from extract.export.writers import format_for, read_table, write_table

__all__ = [
    "PooledFigures",
    "columns",
    "evidence_rows",
    "format_for",
    "markdown",
    "names",
    "normalize_doi",
    "pandas_dtypes",
    "patient_cells",
    "pooled_rows",
    "read_table",
    "study_id_of",
    "study_row",
    "wilson_ci",
    "write_table",
]
