"""Review pages: one self-contained HTML file per paper for checking and correcting a result.

``write_review(result, path)`` writes the page for one paper; ``write_review_dir(result, dir)``
writes it into a folder of pages (corpus mode). The page needs no network: its style and script
are inline, its data sit in a JSON block, and the paper's text is escaped by Jinja2.
"""

from __future__ import annotations

import os
from pathlib import Path

from extract.atomic import atomic_write_text
from extract.errors import ExtractError, OutputError
from extract.evaluation.gold import GoldView
from extract.review.gold import load_gold
from extract.review.render import build_context, render
from schemas.models import ExtractionResult, GoldDocument

__all__ = ["render_review", "review_name", "write_review", "write_review_dir"]


def _document(result: ExtractionResult) -> tuple[str | None, list[int] | None, str | None]:
    """Text and page starts of the result's source, read again, or a note saying why not."""
    from extract.reading import read_document

    path = result.source.path
    try:
        doc = read_document(path)
    except ExtractError as exc:
        note = (
            f"The paper's text could not be read again ({exc}); evidence is shown as quotes only."
        )
        return None, None, note
    note = None
    if doc.sha256 != result.source.sha256:
        note = (
            f"{path} has changed since it was extracted (SHA-256 differs); "
            "evidence may point at the wrong text."
        )
    return doc.text, doc.page_starts, note


def render_review(
    result: ExtractionResult,
    gold: str | os.PathLike | GoldDocument | GoldView | None = None,
    document_text: str | None = None,
    page_starts: list[int] | None = None,
    gold_label: str = "gold",
) -> str:
    """The review page's HTML. The text is read again from ``result.source.path`` unless given."""
    note = None
    if document_text is None:
        document_text, page_starts, note = _document(result)
    gold_doc = load_gold(gold) if gold is not None else None
    return render(build_context(result, document_text, page_starts, gold_doc, note, gold_label))


def write_review(
    result: ExtractionResult,
    path: str | os.PathLike,
    gold: str | os.PathLike | GoldDocument | GoldView | None = None,
    document_text: str | None = None,
    page_starts: list[int] | None = None,
    gold_label: str = "gold",
) -> None:
    """Write the review page of one paper to ``path`` (atomically)."""
    atomic_write_text(path, render_review(result, gold, document_text, page_starts, gold_label))


def review_name(source_path: str | os.PathLike) -> str:
    """The page's file name for a paper: its relative path with separators as '__', '.html'."""
    parts = Path(source_path).with_suffix("").parts
    parts = [p for p in parts if p not in ("", ".", "..", os.sep, "/")]
    return "__".join(parts or ["paper"]) + ".html"


def write_review_dir(
    result: ExtractionResult,
    directory: str | os.PathLike,
    name: str | None = None,
    gold: str | os.PathLike | GoldDocument | GoldView | None = None,
    document_text: str | None = None,
    page_starts: list[int] | None = None,
) -> Path:
    """Write the page into ``directory`` (created if missing) and return its path.

    ``name`` defaults to the source file's stem + ``.html``; corpus mode with sub-folders should
    pass ``review_name(path relative to the corpus folder)`` so that pages never collide.
    """
    folder = Path(directory)
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: is not a directory") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create ({exc.strerror or exc})") from None
    target = folder / (name or f"{Path(result.source.path).stem}.html")
    write_review(result, target, gold, document_text, page_starts)
    return target
