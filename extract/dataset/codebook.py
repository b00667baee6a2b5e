"""The codebook of a corpus run: a Frictionless Data Package (``datapackage.json``).

Every column of every table written is described from the column specs (``column_specs``, the one
place that says where they come from): its type, description, unit and allowed values (the
vocabularies of ``schemas/vocab``). Nothing in it is written by hand.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from extract import __version__
from extract.atomic import atomic_write_text
from extract.export.columns import Column, columns

TYPES = {"string": "string", "Int64": "integer", "Float64": "number", "boolean": "boolean"}
MEDIA = {"csv": "text/csv", "jsonl": "application/x-ndjson", "parquet": "application/parquet"}
TITLES = {
    "pooled": "Pooled patients: one row per patient",
    "studies": "Studies: one row per file found",
    "evidence": "Evidence: one row per piece of evidence or reviewed value",
    "duplicates": "Candidate duplicates: the same patient or cohort in two papers",
}
PRIMARY_KEYS = {"pooled": ["study_id", "patient_id"]}
LIST_SEP = ";"


def column_specs(table: str) -> tuple[Column, ...]:
    """The column specs of ``table``: the one source the codebook is built from."""
    return columns(table)


def field_descriptor(column: Column) -> dict[str, Any]:
    """One Table Schema field: name, type, description, unit, allowed values."""
    text = column.description
    if column.unit:
        text += f" (unit: {column.unit})"
    if column.items:
        text += f"; items from: {', '.join(column.items)}"
    field: dict[str, Any] = {
        "name": column.name,
        "type": TYPES[column.dtype],
        "description": text,
    }
    if column.dtype == "boolean":
        field.update(trueValues=["1", "true"], falseValues=["0", "false"])
    if column.unit:
        field["unit"] = column.unit
    if column.values:
        field["constraints"] = {"enum": list(column.values)}
    if column.items:
        field["itemValues"] = list(column.items)
        field["itemSeparator"] = LIST_SEP
    return field


def resource(table: str, path: str, fmt: str = "csv") -> dict[str, Any]:
    """The Data Package resource of one written table (``path`` relative to the package)."""
    schema: dict[str, Any] = {
        "fields": [field_descriptor(c) for c in column_specs(table)],
        "missingValues": [""],
    }
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[table]
    out: dict[str, Any] = {
        "name": table,
        "title": TITLES[table],
        "path": path,
        "format": fmt,
        "mediatype": MEDIA[fmt],
        "encoding": "utf-8",
        "schema": schema,
    }
    if fmt == "csv":
        out["dialect"] = {"delimiter": ",", "header": True, "lineTerminator": "\n"}
    return out


def datapackage(tables: dict[str, tuple[str | os.PathLike, str]], folder: Path) -> dict:
    """The package describing ``tables`` {role: (path, format)}, paths relative to ``folder``."""
    resources = []
    for role, (path, fmt) in tables.items():
        rel = os.path.relpath(Path(path).resolve(), folder.resolve())
        resources.append(resource(role, Path(rel).as_posix(), fmt))
    return {
        "name": "dva-pooled-dataset",
        "title": "Deep vein arterialization: pooled patient-level data",
        "description": "Tables written by dva-extract corpus mode; empty cells are missing "
        "values, booleans are 1/0, list columns are joined with ';'.",
        "version": __version__,
        "resources": resources,
    }


def write_datapackage(
    tables: dict[str, tuple[str | os.PathLike, str]], path: str | os.PathLike
) -> None:
    """Write ``datapackage.json`` at ``path`` (atomically) describing ``tables``."""
    target = Path(path)
    data = datapackage(tables, target.parent if str(target.parent) else Path("."))
    atomic_write_text(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
