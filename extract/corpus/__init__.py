"""Corpus mode: a folder of papers to one pooled, patient-level table (``extract FOLDER``).

Files written (``--out pooled.csv``, the default):
``pooled.csv`` one row per patient; ``pooled_studies.csv`` one row per file; the journal
``pooled.partial.jsonl`` (one line per finished paper, for ``--resume``); ``--evidence FILE``;
``--html-dir DIR`` pages; ``pooled_duplicates.csv`` (the same patient or cohort twice),
``pooled_summary.json`` (the figures), ``datapackage.json`` (the codebook of every table
written); with ``--report DIR`` the analysis; last, ``pooled.manifest.json`` listing the finished
set (SHA-256 each). The outputs are locked (``.pooled.csv.lock``): a second run is refused.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from contextlib import ExitStack, contextmanager
from pathlib import Path

from extract.atomic import atomic_write_text
from extract.corpus.assemble import Pooled, assemble
from extract.corpus.discovery import find_papers, hash_and_dedupe
from extract.corpus.journal import Journal, is_done
from extract.corpus.pages import write_pages
from extract.corpus.plan import (
    DEFAULT_OUT,
    Plan,
    lock_outputs,
    plan_outputs,
    refuse_papers_as_outputs,
)
from extract.corpus.pool import Settings, run_papers
from extract.corpus.progress import make_progress
from extract.corpus.report import summary_lines
from extract.corpus.worker import KIND_CONFIG, STATUS_OK
from extract.errors import InputError, ModelError, one_line
from extract.export.writers import write_table
from extract.outputs import remove_manifest, write_manifest
from extract.reading import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_MEMORY,
    DEFAULT_MAX_PAGES,
)

__all__ = ["DEFAULT_OUT", "default_workers", "run_corpus"]
EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130


def default_workers() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@contextmanager
def _sigterm_as_interrupt():
    """Let ``kill`` stop a run like Ctrl-C does (workers stopped, journal kept)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write_dataset_files(pooled: Pooled, plan: Plan, shown: dict, found: int) -> list:
    """The codebook (datapackage.json) of the tables written and the summary as JSON."""
    from extract.dataset.codebook import write_datapackage
    from extract.dataset.pooling import summary_data

    package, summary = plan.extras["codebook"], plan.extras["summary"]
    write_datapackage(plan.tables, package)
    shown["codebook"] = str(package)
    shown["summary"] = str(summary)
    data = summary_data(pooled, dict(shown), found)
    atomic_write_text(summary, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return [("codebook", package), ("summary", summary)]


def run_corpus(args: argparse.Namespace) -> int:
    """Extract every paper of the folder ``args.path``; write the pooled files; 0, 1 or 130."""
    folder = Path(args.path)
    workers = getattr(args, "workers", None)
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise InputError("--workers must be 1 or more")
    settings = Settings(
        model=getattr(args, "model", None),
        max_bytes=getattr(args, "max_bytes", None) or DEFAULT_MAX_BYTES,
        max_pages=getattr(args, "max_pages", None) or DEFAULT_MAX_PAGES,
        max_chars=getattr(args, "max_chars", None) or DEFAULT_MAX_CHARS,
        max_memory=(getattr(args, "max_memory", None) or DEFAULT_MAX_MEMORY >> 20) << 20,
    )
    plan = plan_outputs(args)
    report = getattr(args, "report", None)
    if report:
        from extract.analysis import check_report_dir

        check_report_dir(report)
    corrections = getattr(args, "corrections", None)
    if corrections and not Path(corrections).is_dir():
        raise InputError(f"{corrections}: --corrections is not a folder")
    with ExitStack() as locks:
        lock_outputs(plan, locks)
        return _run_locked(args, folder, plan, settings, workers)


def _run_locked(
    args: argparse.Namespace, folder: Path, plan: Plan, settings: Settings, workers: int
) -> int:
    """The run proper, with the outputs checked and locked."""
    recursive = getattr(args, "recursive", False)
    follow = getattr(args, "follow_links", False)
    papers = find_papers(folder, recursive, None, follow)
    refuse_papers_as_outputs(plan, papers)
    deeper = 0 if recursive else len(find_papers(folder, True, None, follow)) - len(papers)
    if not papers:
        hint = f" (its sub-folders hold {deeper}: use -r)" if deeper else ""
        raise InputError(f"{folder}: no .pdf, .txt or .md papers{hint}")
    if deeper:
        print(
            one_line(
                f"extract: note: {folder} holds {len(papers)} papers; its sub-folders hold "
                f"{deeper} more, not read (use -r to read them)"
            ),
            file=sys.stderr,
        )
    todo = hash_and_dedupe(papers, settings.max_bytes)
    remove_manifest(plan.manifest)  # from here on the set of files is partial until sealed

    quiet = getattr(args, "quiet", False)
    progress = make_progress(quiet)
    journal = Journal(plan.journal)
    records: dict[str, dict] = {}
    if getattr(args, "resume", False):
        records = {s: r for s, r in journal.load().items() if is_done(r, settings.model)}
        if journal.torn_lines:
            progress.note(f"journal: ignored {journal.torn_lines} torn line(s)")
    elif journal.path.exists():
        progress.note(f"starting afresh: {journal.path} replaced (use --resume to continue it)")
    remaining = [p for p in todo if p.sha256 not in records]
    rel_of = {p.sha256: p.rel for p in remaining}
    journal.open(fresh=not getattr(args, "resume", False))

    def on_record(record: dict) -> None:
        if record.get("kind") == KIND_CONFIG:
            raise ModelError(record.get("error", "the model cannot be loaded"))
        journal.append(record)
        records[record["sha256"]] = record
        ok = record.get("status") == STATUS_OK
        detail = record.get("error", "")
        if ok:
            n = len(record["result"].get("patients", []))
            detail = f"{n} patient{'s' if n != 1 else ''} ({record.get('seconds', 0):.1f}s)"
        progress.advance(rel_of.get(record["sha256"], record["path"]), ok, detail)

    progress.start(len(remaining), skipped=len(todo) - len(remaining))
    try:
        with _sigterm_as_interrupt():
            run_papers(remaining, settings, workers, on_record)
    except KeyboardInterrupt:
        progress.stop()
        journal.close()
        finished = sum(1 for p in todo if p.sha256 in records)
        print(
            one_line(
                f"extract: interrupted: {finished} of {len(todo)} papers done and kept in "
                f"{journal.path}; run the same command with --resume to finish"
            ),
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    finally:
        progress.stop()
        journal.close()
    fixes = None
    if getattr(args, "corrections", None):
        from extract.dataset.corrections import plan as plan_corrections

        fixes = plan_corrections(args.corrections, [(p.rel, p.sha256 or "") for p in todo])
    pooled = assemble(papers, records, fixes)
    from extract.dataset.pooling import finish

    keep = getattr(args, "keep_duplicates", False)
    finish(pooled, keep, settings.max_bytes, settings.max_pages)
    report = getattr(args, "report", None)
    return _write_outputs(pooled, plan, len(papers), quiet, report, fixes)


def _write_outputs(
    pooled: Pooled,
    plan: Plan,
    found: int,
    quiet: bool,
    report: str | None = None,
    fixes=None,
) -> int:
    """Tables, review pages, then the manifest that seals the set; the summary; the exit code."""
    written = {"pooled": pooled.rows, "studies": pooled.studies, "evidence": pooled.evidence}
    written["duplicates"] = [pair.row() for pair in pooled.pairs]
    for role, (path, fmt) in plan.tables.items():
        write_table(written[role], role, path, fmt)
    shown = {role: f"{path} ({len(written[role])} rows)" for role, (path, _) in plan.tables.items()}
    sealed = [(role, path) for role, (path, _) in plan.tables.items()]
    pages = None
    if plan.html_dir:
        pages = write_pages(pooled.results, plan.html_dir)
        failed = f"; {len(pages.failed)} failed" if pages.failed else ""
        shown["review pages"] = f"{plan.html_dir} ({len(pages.written)} pages{failed})"
        sealed += [("review page", path) for path in pages.written.values()]
    if report:
        from extract.analysis import write_analysis

        tables = plan.tables
        files = write_analysis(tables["pooled"][0], report, tables["studies"][0])
        shown["report"] = f"{report} ({len(files)} files; open report.html)"
        sealed += [("report", Path(f)) for f in files]
    shown["journal"] = str(plan.journal)
    sealed += _write_dataset_files(pooled, plan, shown, found)
    code = EXIT_SOME_FAILED if pooled.failed or (pages and pages.failed) else 0
    about = {
        "exit_code": code,
        "papers": {
            "found": found,
            "read": pooled.read,
            "failed": len(pooled.failed),
            "duplicates": len(pooled.duplicates),
            "skipped": len(pooled.skipped),
        },
    }
    write_manifest(plan.manifest, sealed, about)
    shown["manifest"] = str(plan.manifest)
    if code == 0:  # sealed with nothing left to retry: the journal has served
        shown.pop("journal", None)
        plan.journal.unlink(missing_ok=True)
    if not quiet:
        from extract.dataset.pooling import summary_lines as dataset_lines

        lines = summary_lines(pooled, shown, found=found, page_failures=pages and pages.failed)
        print("\n".join(one_line(line) for line in [*lines, *dataset_lines(pooled)]))
    else:
        for name, why in fixes.problems if fixes is not None else []:  # never left unsaid
            print(one_line(f"extract: corrections {name} not applied: {why}"), file=sys.stderr)
        for message in _quiet_notes(pooled, pages, found, plan):
            print(one_line(message), file=sys.stderr)
    return code


def _quiet_notes(pooled: Pooled, pages, found: int, plan: Plan) -> list[str]:
    """The lines ``--quiet`` still prints: what failed or was left out."""
    notes = []
    if pooled.failed:
        notes.append(
            f"extract: {len(pooled.failed)} of {found} papers failed "
            f"(see {plan.tables['studies'][0]})"
        )
    if pooled.skipped:
        notes.append(
            f"extract: {len(pooled.skipped)} skipped: symbolic links leaving the folder or "
            f"special files (see {plan.tables['studies'][0]})"
        )
    if pages and pages.failed:
        notes.append(f"extract: {len(pages.failed)} review pages not written")
    return notes
