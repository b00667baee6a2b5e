"""Corpus mode: a folder of papers to one pooled, patient-level table (``extract FOLDER``).

Files written (``--out pooled.csv``, the default):
``pooled.csv`` one row per patient; ``pooled_studies.csv`` one row per file; the journal
``pooled.partial.jsonl`` (one line per finished paper, for ``--resume``); ``--evidence FILE``;
``pooled_duplicates.csv`` (the same patient or cohort twice), ``pooled_summary.json`` (the
figures) and ``datapackage.json`` (the codebook of every table written).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from extract.atomic import atomic_write_text, check_output_path
from extract.corpus.assemble import Pooled, assemble
from extract.corpus.discovery import find_papers, hash_and_dedupe
from extract.corpus.journal import Journal, is_done, journal_path
from extract.corpus.pool import Settings, run_papers
from extract.corpus.progress import make_progress
from extract.corpus.report import summary_lines
from extract.corpus.worker import KIND_CONFIG, STATUS_OK
from extract.errors import InputError, ModelError, OutputError
from extract.export.writers import format_for, require_format, write_table
from extract.reading import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES

DEFAULT_OUT = "pooled.csv"
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


def _outputs(args: argparse.Namespace) -> dict[str, tuple[Path, str]]:
    """Every file the run writes, checked before any work: {role: (path, format)}."""
    out = Path(getattr(args, "out", None) or DEFAULT_OUT)
    files = {"pooled": (out, format_for(out, getattr(args, "format", None)))}
    files["studies"] = (out.with_name(f"{out.stem}_studies.csv"), "csv")
    files["duplicates"] = (out.with_name(f"{out.stem}_duplicates.csv"), "csv")
    if getattr(args, "evidence", None):
        evidence = Path(args.evidence)
        files["evidence"] = (evidence, format_for(evidence))
    for path, fmt in files.values():
        check_output_path(path)
        require_format(fmt)
    extra = [out.with_name(f"{out.stem}_summary.json"), out.with_name("datapackage.json")]
    for path in extra:
        check_output_path(path)
    paths = [p.resolve() for p, _ in files.values()] + [p.resolve() for p in extra]
    if len(set(paths)) != len(paths):
        raise OutputError("--out, its studies file and --evidence must be different files")
    return files


def _write_dataset_files(pooled: Pooled, files: dict, shown: dict, found: int) -> None:
    """The codebook (datapackage.json) of the tables written and the summary as JSON."""
    from extract.dataset.codebook import write_datapackage
    from extract.dataset.pooling import summary_data

    out = files["pooled"][0]
    package = out.with_name("datapackage.json")
    summary = out.with_name(f"{out.stem}_summary.json")
    write_datapackage(files, package)
    shown["codebook"] = str(package)
    shown["summary"] = str(summary)
    data = summary_data(pooled, dict(shown), found)
    atomic_write_text(summary, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _check_html_dir(folder: str | None) -> None:
    """Fail before any work when ``--html-dir`` cannot be a folder."""
    if not folder:
        return
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: --html-dir is not a folder")
    if not target.exists() and not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise OutputError(f"{target}: --html-dir parent folder does not exist")


def _write_reviews(pooled: Pooled, folder: str, progress) -> int:
    """One review page per kept paper; a page that fails is reported, not fatal."""
    try:
        from extract.review import review_name, write_review_dir
    except ImportError:
        raise OutputError("--html-dir: the review page module is not available") from None
    written = 0
    for _, rel, result in pooled.results:
        try:
            write_review_dir(result, folder, name=review_name(rel))
            written += 1
        except OutputError:
            raise
        except Exception as exc:  # noqa: BLE001 - one page must not lose the tables
            progress.note(f"review page for {rel} not written: {type(exc).__name__}: {exc}")
    return written


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
    )
    files = _outputs(args)
    _check_html_dir(getattr(args, "html_dir", None))
    corrections_dir = getattr(args, "corrections", None)
    if corrections_dir and not Path(corrections_dir).is_dir():
        raise InputError(f"{corrections_dir}: --corrections is not a folder")
    journal = Journal(journal_path(files["pooled"][0]))
    exclude = {p for p, _ in files.values()} | {journal.path}
    papers = find_papers(folder, getattr(args, "recursive", False), exclude)
    if not papers:
        hint = "" if getattr(args, "recursive", False) else " (use -r for sub-folders)"
        raise InputError(f"{folder}: no .pdf, .txt or .md papers{hint}")
    todo = hash_and_dedupe(papers, settings.max_bytes)

    quiet = getattr(args, "quiet", False)
    progress = make_progress(quiet)
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
            f"extract: interrupted: {finished} of {len(todo)} papers done and kept in "
            f"{journal.path}; run the same command with --resume to finish",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    finally:
        progress.stop()
        journal.close()

    plan = None
    if corrections_dir:
        from extract.dataset.corrections import plan as plan_corrections

        plan = plan_corrections(corrections_dir, [(p.rel, p.sha256 or "") for p in todo])
    pooled = assemble(papers, records, plan)
    from extract.dataset.pooling import finish
    from extract.dataset.pooling import summary_lines as dataset_lines

    finish(pooled, getattr(args, "keep_duplicates", False), settings.max_bytes, settings.max_pages)
    written = {"pooled": pooled.rows, "studies": pooled.studies, "evidence": pooled.evidence}
    written["duplicates"] = [pair.row() for pair in pooled.pairs]
    for role, (path, fmt) in files.items():
        write_table(written[role], role, path, fmt)
    shown = {role: f"{path} ({len(written[role])} rows)" for role, (path, _) in files.items()}
    if getattr(args, "html_dir", None):
        pages = _write_reviews(pooled, args.html_dir, progress)
        shown["review pages"] = f"{args.html_dir} ({pages} pages)"
    shown["journal"] = str(journal.path)
    _write_dataset_files(pooled, files, shown, len(papers))
    if not quiet:
        print("\n".join(summary_lines(pooled, shown, found=len(papers)) + dataset_lines(pooled)))
    elif plan is not None:
        for name, why in plan.problems:  # never left unsaid, even with --quiet
            print(f"extract: corrections {name} not applied: {why}", file=sys.stderr)
    elif pooled.failed:
        print(
            f"extract: {len(pooled.failed)} of {len(papers)} papers failed "
            f"(see {files['studies'][0]})",
            file=sys.stderr,
        )
    return EXIT_SOME_FAILED if pooled.failed else 0
