"""Running extraction over every corpus paper that has gold, and scoring it."""

from __future__ import annotations

import fnmatch
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from extract.errors import ExtractError, InputError
from extract.evaluation.gold import (
    CACHE,
    Pair,
    find_pairs,
    group_labels,
    load_gold,
    load_prediction,
)
from extract.evaluation.renders import is_render, render_pairs
from extract.evaluation.report import Report
from extract.evaluation.scoring import score_document
from schemas.models import ExtractionResult

Extractor = Callable[[Path], ExtractionResult]


def _default_extractor(path: Path) -> ExtractionResult:
    from extract.pipeline import extract_paper

    return extract_paper(path)


def _selected(pair: Pair, patterns: Sequence[str]) -> bool:
    if is_render(pair.group):  # a rendered PDF only by its full name: 'renders/A/n/*'
        return any(fnmatch.fnmatchcase(pair.name, pat) for pat in patterns)
    names = {pair.name, pair.name.rsplit("/", 1)[-1]}
    if pair.paper_path is not None:
        names |= {pair.paper_path.name, pair.paper_path.as_posix()}
    return any(fnmatch.fnmatchcase(n, pat) for n in names for pat in patterns)


def select_pairs(
    corpus_root: Path, gold_root: Path, patterns: Sequence[str] | None = None
) -> list[Pair]:
    """The gold/paper pairs (text papers, then the PDF render set), restricted to ``patterns``
    (names, stems or globs) if given."""
    pairs = find_pairs(corpus_root, gold_root) + render_pairs(corpus_root, gold_root)[0]
    if patterns:
        pairs = [p for p in pairs if _selected(p, patterns)]
        if not pairs:
            raise InputError(f"no paper with gold matches --paper {', '.join(patterns)}")
    if not pairs:
        raise InputError(f"{gold_root}: no gold annotations found")
    order = {key: i for i, key in enumerate(group_labels())}
    return sorted(pairs, key=lambda pair: (order.get(pair.group, len(order)), pair.name))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    message = text[0] if text else ""
    if isinstance(exc, ExtractError):
        return message or type(exc).__name__
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _folder(name: str) -> str:
    return name.rpartition("/")[0]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def evaluate(
    corpus_root: str | Path,
    gold_root: str | Path,
    patterns: Sequence[str] | None = None,
    predictions: str | Path | None = None,
    extractor: Extractor | None = None,
) -> Report:
    """Score every selected paper; a failed extraction counts all its gold as missed."""
    corpus_root, gold_root = Path(corpus_root), Path(gold_root)
    extractor = extractor or _default_extractor
    report = Report(papers=[])
    pairs = select_pairs(corpus_root, gold_root, patterns)
    views = {pair.name: load_gold(pair.gold_path) for pair in pairs}
    uncached: dict[str, int] = {}
    for pair in pairs:
        listed = (corpus_root / _folder(pair.name) / "SOURCES.toml").is_file()
        if pair.paper_path is None and listed:  # a text from elsewhere, not retrieved here
            uncached[_folder(pair.name)] = uncached.get(_folder(pair.name), 0) + 1
            continue
        if pair.paper_path is None:
            report.notes.append(f"{pair.gold_path}: no paper of that name in {corpus_root}/")
            continue
        view = views[pair.name]
        source = view.doc.source
        rendered = is_render(pair.group)  # a PDF made from the text paper: other bytes
        if source and source.sha256 and not rendered and source.sha256 != _sha256(pair.paper_path):
            report.notes.append(f"{pair.gold_path}: sha256 differs from {pair.paper_path}")
        pred: ExtractionResult | None = None
        error = None
        try:
            if predictions is not None:
                pred = load_prediction(Path(predictions) / f"{pair.name}.json")
            else:
                pred = extractor(pair.paper_path)
        except Exception as exc:  # a failing paper is reported, never fatal to the run
            error = _first_line(exc)
        score = score_document(pred, view, name=pair.name, group=pair.group)
        score.error = error
        report.papers.append(score)
    for folder, count in uncached.items():
        report.notes.append(
            f"{count} texts of corpus/{folder}/ are not in its {CACHE}/ (texts from elsewhere are "
            f"never committed): retrieve each with the search tool as corpus/{folder}/SOURCES.toml "
            f"lists (query, rank); `python corpus/tools/real_cache.py` lists them. Scored the rest."
        )
    if not report.papers:
        raise InputError(f"no gold file in {gold_root} has its paper in {corpus_root}")
    report.render_note = render_pairs(corpus_root, gold_root)[1]
    return report
