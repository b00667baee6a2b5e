"""The files a corpus run writes, checked, locked and kept apart from the papers before any work."""

from __future__ import annotations

import argparse
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from extract.corpus.discovery import Paper
from extract.corpus.journal import journal_path
from extract.corpus.pages import check_html_dir
from extract.errors import OutputError
from extract.export.writers import format_for, require_format
from extract.outputs import RunLock, check_targets, file_key, is_stdout, manifest_path

DEFAULT_OUT = "pooled.csv"


@dataclass
class Plan:
    """The run's outputs: tables ``{role: (path, format)}``, journal, manifest, page folder."""

    tables: dict[str, tuple[Path, str]]
    journal: Path
    manifest: Path
    html_dir: str | None
    extras: dict[str, Path] = field(default_factory=dict)

    @property
    def work_files(self) -> set[Path]:
        """Every file the run writes (left out of the papers found)."""
        tables = {p for p, _ in self.tables.values()}
        return tables | set(self.extras.values()) | {self.journal, self.manifest}


def _refuse_single_paper_options(args: argparse.Namespace) -> None:
    """``--html``, ``--gold`` and ``--out -`` are for one paper: say so instead of ignoring them."""
    if getattr(args, "html", None):
        raise OutputError("--html is one paper's review page; in corpus mode use --html-dir DIR")
    if getattr(args, "gold", None):
        raise OutputError("--gold compares one paper with its gold; give a paper, not a folder")
    if is_stdout(getattr(args, "out", None)):
        raise OutputError("--out - (standard output) is for one paper; corpus mode writes files")


def plan_outputs(args: argparse.Namespace) -> Plan:
    """Check every output before any work: formats, folders, special files, name clashes."""
    _refuse_single_paper_options(args)
    out = Path(getattr(args, "out", None) or DEFAULT_OUT)
    tables = {"pooled": (out, format_for(out, getattr(args, "format", None)))}
    tables["studies"] = (out.with_name(f"{out.stem}_studies.csv"), "csv")
    if getattr(args, "evidence", None):
        evidence = Path(args.evidence)
        tables["evidence"] = (evidence, format_for(evidence))
    tables["duplicates"] = (out.with_name(f"{out.stem}_duplicates.csv"), "csv")
    for _, fmt in tables.values():
        require_format(fmt)
    extras = {
        "summary": out.with_name(f"{out.stem}_summary.json"),
        "codebook": out.with_name("datapackage.json"),
    }
    plan = Plan(
        tables, journal_path(out), manifest_path(out), getattr(args, "html_dir", None), extras
    )
    labels = {
        "pooled": "--out",
        "studies": "its studies file",
        "duplicates": "its duplicates file",
        "evidence": "--evidence",
    }
    targets = {labels[role]: str(path) for role, (path, _) in tables.items()}
    targets |= {f"the {role} file": str(path) for role, path in extras.items()}
    targets |= {"the journal": str(plan.journal), "the manifest": str(plan.manifest)}
    check_targets({}, targets)
    check_html_dir(plan.html_dir)
    return plan


def lock_outputs(plan: Plan, stack: ExitStack) -> None:
    """Lock ``--out`` (with its studies file, journal and manifest), ``--evidence``, ``--html-dir``.

    A second run on any of them is refused with one line; the locks end with this process.
    """
    targets = [plan.tables["pooled"][0]]
    if "evidence" in plan.tables:
        targets.append(plan.tables["evidence"][0])
    if plan.html_dir:
        targets.append(Path(plan.html_dir))
    for target in targets:
        stack.enter_context(RunLock(target))


def refuse_papers_as_outputs(plan: Plan, papers: list[Paper]) -> None:
    """An output that is one of the corpus papers would destroy it: refuse before any work."""
    keys = {file_key(path): path for path in plan.work_files}
    for paper in papers:
        if paper.error or paper.skipped:
            continue
        clash = keys.get(file_key(paper.path))
        if clash is not None:
            raise OutputError(
                f"{clash}: is the corpus paper {paper.rel}; it would be overwritten "
                "(write the outputs elsewhere)"
            )
