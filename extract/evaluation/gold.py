"""Loading gold annotations (validated, with accepted alternatives) and pairing them with papers."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from extract.errors import GoldError, InputError
from extract.evaluation.fields import FieldSpec, patient_field, study_field
from schemas.models import ExtractionResult, GoldDocument, GoldPatient, Reported, Study
from schemas.names import first_author

PAPER_SUFFIXES = (".txt", ".md", ".pdf")


@dataclass
class GoldView:
    """A validated gold document plus the other values it accepts per field."""

    path: Path
    doc: GoldDocument
    study_alts: dict[str, list[Any]] = field(default_factory=dict)
    patient_alts: list[dict[str, list[Any]]] = field(default_factory=list)


@dataclass(frozen=True)
class Pair:
    """A paper in the corpus and its gold file."""

    name: str
    group: str
    gold_path: Path
    paper_path: Path | None


def _loc(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(document)"


def _first_error(path: Path, exc: ValidationError, prefix: str = "") -> GoldError:
    errors = exc.errors()
    first = errors[0]
    where = ".".join(p for p in (prefix, _loc(first["loc"])) if p)
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return GoldError(f"{path}: {where}: {first['msg']}{more}")


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldError(f"{path}: gold file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file ({exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None


@cache
def _adapter(spec: FieldSpec) -> TypeAdapter:
    if spec.scope == "patient":
        info = GoldPatient.model_fields[spec.path[0]]
    elif spec.path[0] == "reported":
        info = Reported.model_fields[spec.path[1]]
    else:
        info = Study.model_fields[spec.path[0]]
    return TypeAdapter(info.annotation)


def normalise_value(spec: FieldSpec, value: Any) -> Any:
    """A written value of a field in its canonical form (raises ValidationError if invalid)."""
    return _adapter(spec).validate_python(value)


def _conflict_values(spec: FieldSpec, values: list[Any]) -> list[Any]:
    """The conflict values that are valid values of the field (prose notes are skipped)."""
    kept = []
    for value in values:
        try:
            kept.append(normalise_value(spec, value))
        except ValidationError:
            continue
    return [v for v in kept if v is not None]


def load_gold(path: str | Path) -> GoldView:
    """Read and validate a gold file; an invalid one is a one-line :class:`GoldError`."""
    path = Path(path)
    return gold_from_data(_read_json(path), path)


def gold_from_data(data: Any, path: str | Path = "<gold>") -> GoldView:
    """Validate parsed gold JSON (``path`` names it in errors) and collect its alternatives."""
    path = Path(path)
    try:
        doc = GoldDocument.model_validate(data)
    except ValidationError as exc:
        raise _first_error(path, exc) from None
    if doc.study.first_author is None and doc.study.authors:
        doc.study.first_author = first_author(doc.study.authors)
    view = GoldView(path=path, doc=doc, patient_alts=[{} for _ in doc.patients])
    for index, patient in enumerate(doc.patients):
        if patient.indication is None and doc.study.indication is not None:
            patient.indication = doc.study.indication
        for name, values in patient.also_ok.items():
            where = f"patients.{index}.also_ok.{name}"
            spec = patient_field(name)
            if spec is None:
                raise GoldError(f"{path}: {where}: not a scored patient field")
            alts = view.patient_alts[index].setdefault(spec.name, [])
            for n, value in enumerate(values):
                try:
                    alts.append(normalise_value(spec, value))
                except ValidationError as exc:
                    raise _first_error(path, exc, f"{where}.{n}") from None
    ids = [_fold_id(p.patient_id) for p in doc.patients]
    for conflict in doc.conflicts:
        if conflict.patient_id is None:
            spec = study_field(conflict.field)
            if spec is not None:
                view.study_alts.setdefault(spec.name, []).extend(
                    _conflict_values(spec, conflict.values)
                )
            continue
        spec = patient_field(conflict.field)
        if spec is None:
            continue
        for index, pid in enumerate(ids):
            if pid == _fold_id(conflict.patient_id):
                view.patient_alts[index].setdefault(spec.name, []).extend(
                    _conflict_values(spec, conflict.values)
                )
    return view


def _fold_id(patient_id: Any) -> str:
    return re.sub(r"\s+", " ", str(patient_id)).strip().casefold()


def load_prediction(path: str | Path) -> ExtractionResult:
    """Read an `extract` output file (for scoring saved predictions)."""
    path = Path(path)
    try:
        return ExtractionResult.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise InputError(f"{path}: cannot read prediction ({exc.strerror or exc})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"{path}: {_loc(first['loc'])}: {first['msg']}") from None


@cache
def _groups() -> tuple[tuple[str, str, re.Pattern], ...]:
    with open(Path(__file__).with_name("groups.toml"), "rb") as handle:
        data = tomllib.load(handle)
    return tuple((g["key"], g["label"], re.compile(g["pattern"])) for g in data["group"])


def group_labels() -> dict[str, str]:
    """Group key -> label, in report order (``other`` and ``all`` last)."""
    labels = {key: label for key, label, _ in _groups()}
    labels["other"] = "other papers"
    labels["all"] = "all papers"
    return labels


def group_of(name: str) -> str:
    """The group key of a paper named by its path under corpus/ without suffix."""
    for key, _, pattern in _groups():
        if pattern.fullmatch(name):
            return key
    return "other"


CACHE = ".cache"  # texts from elsewhere: never committed, kept in <group folder>/.cache/


def _paper_places(corpus_root: Path, name: str) -> list[Path]:
    """Where the paper of gold ``name`` may be: corpus/<name>.<ext>, else in its folder's cache."""
    folder, _, stem = name.rpartition("/")
    cached = corpus_root / folder / CACHE / stem if folder else corpus_root / CACHE / stem
    return [
        Path(f"{base}{suffix}")
        for base in (corpus_root / name, cached)
        for suffix in PAPER_SUFFIXES
    ]


def find_pairs(corpus_root: str | Path, gold_root: str | Path) -> list[Pair]:
    """Every gold file under ``gold_root`` with its paper under ``corpus_root`` (or None)."""
    corpus_root, gold_root = Path(corpus_root), Path(gold_root)
    if not gold_root.is_dir():
        raise GoldError(f"{gold_root}: gold folder not found")
    pairs = []
    for gold_path in sorted(gold_root.rglob("*.json")):
        name = gold_path.relative_to(gold_root).as_posix().removesuffix(".json")
        paper = next((c for c in _paper_places(corpus_root, name) if c.is_file()), None)
        pairs.append(Pair(name=name, group=group_of(name), gold_path=gold_path, paper_path=paper))
    return pairs
