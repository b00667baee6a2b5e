"""The review page: a result, its document text and optional gold, rendered with Jinja2."""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import ValidationError

from extract import __version__
from extract.evaluation.gold import GoldView
from extract.review.evidence import EvidenceIndex, evidence_for
from extract.review.gold import Comparison, Mark, compare
from extract.review.spec import FieldSpec, format_value, get_value, prior_dva_options, specs
from extract.review.textview import blocks
from schemas.models import Conflict, ExtractionResult, Patient, Reported, Study

_HERE = Path(__file__).parent


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_HERE),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _asset(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_json(data: Any) -> str:
    """JSON safe to place inside a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _cell(
    key: str,
    who: str,
    spec: FieldSpec,
    value: Any,
    located: list,
    mark: Mark | None,
    conflict: int | None,
) -> dict[str, Any]:
    pages = sorted({i.page for i in located if i.page is not None})
    return {
        "key": key,
        "who": who,
        "label": spec.label,
        "text": format_value(spec.kind, value),
        "known": value not in (None, []),
        "ev": [i.id for i in located],
        "shown": any(i.shown for i in located),
        "pages": pages,
        "gold": mark,
        "conflict": conflict,
    }


def _storage_key(result: ExtractionResult, original: dict) -> str:
    """Browser storage key: per paper and per extracted values (no carry-over to a re-run)."""
    values = hashlib.sha256(json.dumps(original, sort_keys=True).encode("utf-8")).hexdigest()
    return f"dva-review:{result.source.sha256}:{values[:16]}"


def _conflict_target(conflict: Conflict, result: ExtractionResult) -> tuple[str, FieldSpec] | None:
    """The cell key and row spec a conflict is about, if it names a row of the page."""
    name = conflict.field.removeprefix("study.")
    if conflict.patient_id is None:
        spec = next((s for s in specs()["study"] if name in (s.name, s.name.split(".")[-1])), None)
        return (f"study:{spec.name}", spec) if spec else None
    spec = next((s for s in specs()["patient"] if s.name == name), None)
    index = next(
        (n for n, p in enumerate(result.patients) if p.patient_id == conflict.patient_id), None
    )
    if spec is None or index is None:
        return None
    return f"p{index}:{spec.name}", spec


def _normalized(key: str, name: str, value: Any) -> tuple[bool, Any]:
    """Whether ``value`` is a valid value of the row, and its canonical form."""
    try:
        if key.startswith("study:reported."):
            field = name.split(".", 1)[1]
            return True, Reported.model_validate({field: value}).model_dump()[field]
        if key.startswith("study:"):
            return True, Study.model_validate({name: value}).model_dump()[name]
        return True, Patient.model_validate({"patient_id": "-", name: value}).model_dump()[name]
    except ValidationError:
        return False, None


def _conflicts(result: ExtractionResult, index: EvidenceIndex) -> tuple[list, dict, list]:
    """Conflict panel entries, cell key -> conflict number, and the readings for the script."""
    entries, by_cell, readings = [], {}, []
    for n, conflict in enumerate(result.conflicts):
        target = _conflict_target(conflict, result)
        kind = target[1].kind if target else "text"
        located = index.add_all(conflict.evidence)
        paired = len(located) == len(conflict.values)
        checked = [
            _normalized(target[0], target[1].name, v) if target else (False, None)
            for v in conflict.values
        ]
        entries.append(
            {
                "n": n,
                "patient": conflict.patient_id,
                "field": target[1].label if target else conflict.field,
                "key": target[0] if target else None,
                "readings": [
                    {
                        "text": format_value(kind, v) if target else json.dumps(v),
                        "chosen": v == conflict.chosen,
                        "ev": [located[i].id] if paired else [],
                        "usable": checked[i][0],
                    }
                    for i, v in enumerate(conflict.values)
                ],
                "ev": [] if paired else [i.id for i in located],
            }
        )
        if target:
            by_cell.setdefault(target[0], n)
        readings.append({"key": target[0] if target else None, "values": [v for _, v in checked]})
    return entries, by_cell, readings


def _notices(text_note: str | None, index: EvidenceIndex) -> list[str]:
    notes = [text_note] if text_note else []
    notes += index.problems()
    return notes


def build_context(
    result: ExtractionResult,
    text: str | None,
    page_starts: list[int] | None = None,
    gold: GoldView | None = None,
    text_note: str | None = None,
    gold_label: str = "gold",
) -> dict[str, Any]:
    """Everything the template shows, and the JSON the page's script reads.

    ``gold_label`` names the file compared against ("gold", or "reviewer B" when two reviewers'
    exports are set side by side to settle their disagreements).
    """
    index = EvidenceIndex(text, page_starts)
    comparison = compare(result, gold) if gold is not None else Comparison()
    conflicts, conflict_cells, readings = _conflicts(result, index)
    study = result.study.model_dump()
    kept: dict[str, Any] = {"study": {}, "patients": []}

    def cells(scope_key: str, who: str, row_specs, values, evidence, marks, keep: dict):
        out = []
        for spec in row_specs:
            located = index.add_all(evidence_for(evidence, spec.name))
            keep[spec.name] = [i.for_gold() for i in located if i.status != "missing"]
            key = f"{scope_key}:{spec.name}"
            value = get_value(values, spec.name)
            out.append(
                _cell(key, who, spec, value, located, marks.get(spec.name), conflict_cells.get(key))
            )
        return out

    study_cells = cells(
        "study",
        "study",
        specs()["study"],
        study,
        result.study.evidence,
        comparison.study,
        kept["study"],
    )
    patient_cells = []
    for n, patient in enumerate(result.patients):
        keep: dict[str, Any] = {}
        kept["patients"].append(keep)
        marks = comparison.patients.get(n, {})
        patient_cells.append(
            cells(
                f"p{n}",
                f"patient {patient.patient_id}",
                specs()["patient"],
                patient.model_dump(),
                patient.evidence,
                marks,
                keep,
            )
        )
    rows = [
        {"spec": spec, "cells": [cells_of[r] for cells_of in patient_cells]}
        for r, spec in enumerate(specs()["patient"])
    ]
    gold_values: dict[str, Any] = {}
    for key_cells in [study_cells, *patient_cells]:
        for cell in key_cells:
            if cell["gold"] is not None:
                gold_values[cell["key"]] = cell["gold"].gold
    strip = {"evidence"}
    original = {
        "study": result.study.model_dump(exclude=strip),
        "patients": [p.model_dump(exclude=strip) for p in result.patients],
    }
    data = {
        "version": __version__,
        "file": Path(result.source.path).stem,
        "storageKey": _storage_key(result, original),
        "source": result.source.model_dump(),
        "fields": {scope: [s.as_dict() for s in specs()[scope]] for scope in ("study", "patient")},
        "priorDva": prior_dva_options(),
        "original": original,
        "evidenceMaps": kept,
        "evidence": {i.id: i.as_dict() for i in index.items},
        "gold": gold_values,
        "conflicts": readings,
    }
    scripts = [_asset("review_values.js"), _asset("review.js")]
    style = _asset("review.css")
    return {
        "title": result.study.title or Path(result.source.path).name,
        "result": result,
        "notices": _notices(text_note, index),
        "warnings": result.warnings,
        "conflicts": conflicts,
        "study_cells": study_cells,
        "patients": [
            {
                "id": p.patient_id,
                "n": n,
                "in_gold": n not in comparison.not_in_gold,
                "gold_id": comparison.pairs.get(n),
            }
            for n, p in enumerate(result.patients)
        ],
        "rows": rows,
        "gold": gold is not None,
        "gold_label": gold_label,
        "gold_file": "the gold file" if gold_label == "gold" else gold_label,
        "gold_about": gold.doc.about if gold is not None else None,
        "not_in_gold": [result.patients[n].patient_id for n in comparison.not_in_gold],
        "comparison": comparison,
        "blocks": blocks(text, index.spans(), page_starts) if text is not None else None,
        "data_json": script_json(data),
        "scripts": scripts,
        "style": style,
        "csp": f"default-src 'none'; img-src data:; style-src {_csp_hash(style)}; "
        f"script-src {' '.join(_csp_hash(js) for js in scripts)}; base-uri 'none'; "
        "form-action 'none'",
        "version": __version__,
    }


def render(context: dict[str, Any]) -> str:
    """The page's HTML."""
    return _environment().get_template("review.html.j2").render(context)
