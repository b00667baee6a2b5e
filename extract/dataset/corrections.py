"""Review-page exports (``<paper>.gold.json``) applied to extraction results in corpus mode.

A corrections file is matched to its paper by the SHA-256 it carries (``source.sha256``, else the
``_about`` line), else by file name. A file matched by name whose SHA-256 differs, or whose
evidence quotes are no longer at their offsets in the paper's text, is reported and not applied.
Applying it: every value the file states replaces the extracted one (an empty value means "not
reported"); an extracted patient missing from the file was dropped by the reviewer; a patient
only in the file is added. Each changed value keeps its origin for the evidence table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extract.errors import InputError
from extract.export.flatten import value_text
from schemas.models import ExtractionResult, GoldDocument

EXTRACTED = "extracted"
CORRECTED = "corrected"
NOT_REPORTED = "not_reported"
SUFFIXES = (".gold.json", ".json")
_SHA_IN_ABOUT = re.compile(r"sha256[ :=]+([0-9a-f]{64})", re.IGNORECASE)
_NOT_VALUES = {"patient_id", "evidence", "also_ok"}
Key = tuple[str | None, str]  # (patient_id or None for the study, field name)


@dataclass
class CorrectionFile:
    """One corrections file: its path and the validated gold document it holds."""

    path: Path
    doc: GoldDocument

    @property
    def name(self) -> str:
        """The file name, as reports show it."""
        return self.path.name

    @property
    def key(self) -> str:
        """The paper stem the file name points at (``D04.gold.json`` -> ``D04``)."""
        name = self.path.name
        for suffix in SUFFIXES:
            if name.lower().endswith(suffix):
                return name[: -len(suffix)]
        return self.path.stem

    @property
    def sha256(self) -> str | None:
        """The SHA-256 of the paper the file was made from, if it says."""
        if self.doc.source is not None and self.doc.source.sha256:
            return self.doc.source.sha256.lower()
        found = _SHA_IN_ABOUT.search(self.doc.about or "")
        return found.group(1).lower() if found else None

    def quotes(self) -> list[tuple[str, int, int]]:
        """Every evidence quote the file keeps, with its offsets."""
        owners = [self.doc.study, *self.doc.patients]
        return [(e.quote, e.start, e.end) for o in owners for v in o.evidence.values() for e in v]


@dataclass
class Applied:
    """A result with its corrections applied, and where each changed value came from."""

    result: ExtractionResult
    original: ExtractionResult
    file: str
    origins: dict[Key, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    matched_by: str = "SHA-256"

    @property
    def n_corrected(self) -> int:
        """Values the reviewer replaced."""
        return sum(o == CORRECTED for o in self.origins.values())

    @property
    def n_not_reported(self) -> int:
        """Values the reviewer marked as not reported."""
        return sum(o == NOT_REPORTED for o in self.origins.values())


def load_file(path: str | Path) -> CorrectionFile:
    """One corrections file, validated; a one-line :class:`GoldError` when it is not gold."""
    from extract.evaluation.gold import load_gold as read_checked

    read_checked(path)  # the one-line errors evaluate.py gives (it fills fallbacks: not used)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return CorrectionFile(Path(path), GoldDocument.model_validate(data))


def load_folder(folder: str | Path) -> tuple[list[CorrectionFile], list[tuple[str, str]]]:
    """Every ``*.json`` of ``folder`` that validates, and (name, reason) for those that do not."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{root}: --corrections is not a folder")
    files, problems = [], []
    for path in sorted(root.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files.append(CorrectionFile(path, GoldDocument.model_validate(data)))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append((path.name, f"cannot be read ({exc})"))
        except json.JSONDecodeError as exc:
            problems.append((path.name, f"not valid JSON (line {exc.lineno}: {exc.msg})"))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(document)"
            problems.append((path.name, f"not in the gold format ({where}: {first['msg']})"))
    return files, problems


def _paper_keys(rel: str) -> set[str]:
    """Names a corrections file may carry for the paper at ``rel``: stem and page name."""
    stem = Path(rel).with_suffix("")
    return {stem.name, stem.as_posix().replace("/", "__")}


def match(
    files: list[CorrectionFile], papers: list[tuple[str, str]]
) -> tuple[dict[str, CorrectionFile], list[tuple[str, str]]]:
    """Corrections by paper SHA-256 for ``papers`` [(rel, sha256)], and files left unapplied."""
    by_sha = {sha: rel for rel, sha in papers}
    by_key: dict[str, list[tuple[str, str]]] = {}
    for rel, sha in papers:
        for key in _paper_keys(rel):
            by_key.setdefault(key, []).append((rel, sha))
    chosen: dict[str, CorrectionFile] = {}
    problems: list[tuple[str, str]] = []
    for corr in files:
        sha = corr.sha256
        target = sha if sha in by_sha else None
        if target is None:
            named = by_key.get(corr.key, [])
            if len(named) > 1:
                rels = ", ".join(rel for rel, _ in named)
                problems.append((corr.name, f"its name fits more than one paper ({rels})"))
                continue
            if not named:
                problems.append((corr.name, "matches no paper (by SHA-256 or file name)"))
                continue
            rel, target = named[0]
            if sha is not None:
                problems.append(
                    (corr.name, f"no longer matches the text of {rel} (SHA-256 differs)")
                )
                continue
        if target in chosen:
            problems.append((corr.name, f"{chosen[target].name} already corrects the same paper"))
            continue
        chosen[target] = corr
    return chosen, problems


def quote_mismatch(corr: CorrectionFile, text: str) -> str | None:
    """Why a file without SHA-256 does not fit ``text`` (quotes moved), or None when it does."""
    quotes = corr.quotes()
    wrong = sum(1 for quote, start, end in quotes if text[start:end] != quote)
    if wrong:
        return f"no longer matches the paper's text ({wrong} of {len(quotes)} quotes moved)"
    return None


def _empty(value: Any) -> bool:
    return value is None or value == []


class _Changes:
    """Collects changed values of one result as it is rewritten."""

    def __init__(self, applied: Applied) -> None:
        self.applied = applied

    def set(self, owner: dict, pid: str | None, name: str, new: Any) -> None:
        """Put ``new`` at ``name`` (dotted for ``reported.*``) of ``owner`` if it differs."""
        parent, leaf = owner, name
        if "." in name:
            head, leaf = name.split(".", 1)
            parent = owner.setdefault(head, {})
        old = parent.get(leaf)
        if old == new or (_empty(old) and _empty(new)):
            return
        parent[leaf] = new
        self.applied.origins[(pid, name)] = NOT_REPORTED if _empty(new) else CORRECTED
        owner.get("evidence", {}).pop(name, None)


def _fold(patient_id: Any) -> str:
    return re.sub(r"\s+", " ", str(patient_id)).strip().casefold()


def _set_fields(model: Any) -> set[str]:
    return set(model.model_fields_set) - _NOT_VALUES


def apply(result: ExtractionResult, corr: CorrectionFile) -> Applied:
    """The result with every value stated in the corrections file put in place of the extracted."""
    applied = Applied(result=result, original=result, file=corr.name)
    changes = _Changes(applied)
    data = result.model_dump(mode="json")
    gold = corr.doc.model_dump(mode="json", by_alias=False)
    study = data["study"]
    for name in sorted(_set_fields(corr.doc.study) - {"reported"}):
        changes.set(study, None, name, gold["study"][name])
    if "reported" in corr.doc.study.model_fields_set:
        for name in sorted(corr.doc.study.reported.model_fields_set):
            changes.set(study, None, f"reported.{name}", gold["study"]["reported"][name])
    for label in ("first_author", "study_label"):  # follow corrected authors or year
        touched = {(None, "authors"), (None, "year")} & applied.origins.keys()
        if touched and (None, label) not in applied.origins:
            study[label] = None
    pairs = zip(corr.doc.patients, gold["patients"], strict=True)
    wanted = {_fold(p.patient_id): (p, g) for p, g in pairs}
    kept = []
    for patient in data["patients"]:
        found = wanted.pop(_fold(patient["patient_id"]), None)
        if found is None:
            applied.dropped.append(patient["patient_id"])
            continue
        model, values = found
        for name in sorted(_set_fields(model)):
            changes.set(patient, patient["patient_id"], name, values[name])
        kept.append(patient)
    for model, values in wanted.values():  # patients the reviewer added
        patient = {"patient_id": model.patient_id, "evidence": {}}
        for name in sorted(_set_fields(model)):
            changes.set(patient, model.patient_id, name, values[name])
        applied.added.append(model.patient_id)
        kept.append(patient)
    data["patients"] = kept
    applied.result = ExtractionResult.model_validate(data)
    return applied


def origin_rows(applied: Applied, study_id: str) -> list[dict[str, Any]]:
    """Evidence-table rows for the corrected and not-reported values of one paper."""
    now = {p.patient_id: p for p in applied.result.patients}
    before = {p.patient_id: p for p in applied.original.patients}
    rows = []
    for (pid, name), origin in applied.origins.items():
        owner = applied.result.study if pid is None else now.get(pid)
        old = applied.original.study if pid is None else before.get(pid)
        if owner is None:
            continue
        rows.append(
            {
                "study_id": study_id,
                "patient_id": pid,
                "field": name,
                "value": value_text(owner, name),
                "origin": origin,
                "extracted_value": value_text(old, name) if old is not None else None,
            }
        )
    return rows


def studies_cells(applied: Applied | None) -> dict[str, Any]:
    """The corrections columns of the studies table for one paper."""
    if applied is None:
        return {}
    return {
        "corrections_file": applied.file,
        "n_corrected": applied.n_corrected,
        "n_not_reported": applied.n_not_reported,
        "n_patients_dropped": len(applied.dropped),
    }


@dataclass
class Plan:
    """The corrections of a corpus run: matched files, files left unapplied, files applied."""

    folder: Path
    by_sha: dict[str, CorrectionFile] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)
    applied: list[tuple[str, Applied]] = field(default_factory=list)
    n_files: int = 0

    def apply_to(self, rel: str, sha256: str | None, result: ExtractionResult) -> Applied | None:
        """The paper's result with its corrections, or None (no file, or one that does not fit)."""
        corr = self.by_sha.get(sha256 or "")
        if corr is None:
            return None
        if corr.sha256 is None and corr.quotes():
            from extract.reading import read_document

            try:
                why = quote_mismatch(corr, read_document(result.source.path).text)
            except Exception as exc:  # noqa: BLE001 - the paper was read once; report, go on
                why = f"the paper's text cannot be read to check it ({type(exc).__name__})"
            if why:
                self.problems.append((corr.name, f"{why} ({rel})"))
                return None
        applied = apply(result, corr)
        if corr.sha256 is None:
            applied.matched_by = "file name, quotes checked" if corr.quotes() else "file name only"
        self.applied.append((rel, applied))
        return applied


def plan(folder: str | Path, papers: list[tuple[str, str]]) -> Plan:
    """Load every corrections file of ``folder`` and match each to one of ``papers``."""
    files, problems = load_folder(folder)
    chosen, unmatched = match(files, papers)
    return Plan(Path(folder), chosen, problems + unmatched, n_files=len(files) + len(problems))
