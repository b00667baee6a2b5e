"""Find the papers of a corpus folder, hash them, and set aside byte-identical copies."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from extract.errors import InputError

PAPER_SUFFIXES = (".pdf", ".txt", ".md")
_CHUNK = 1 << 20


@dataclass
class Paper:
    """One file of the corpus: ``rel`` is its path relative to the folder (posix form)."""

    path: Path
    rel: str
    sha256: str | None = None
    error: str | None = None
    duplicate_of: str | None = None

    @property
    def stem(self) -> str:
        """The file name without its extension."""
        return self.path.stem


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def find_papers(
    folder: str | Path, recursive: bool = False, exclude: set[Path] | None = None
) -> list[Paper]:
    """Every ``.pdf``/``.txt``/``.md`` file of ``folder`` (sub-folders with ``recursive``).

    Hidden files and folders are skipped; the order is the sorted relative path.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    skip = {p.resolve() for p in exclude or set()}
    candidates = root.rglob("*") if recursive else root.iterdir()
    papers = []
    try:
        for path in candidates:
            rel = path.relative_to(root)
            if path.suffix.lower() not in PAPER_SUFFIXES or _hidden(rel):
                continue
            if not path.is_file() or path.resolve() in skip:
                continue
            papers.append(Paper(path=path, rel=rel.as_posix()))
    except PermissionError as exc:
        raise InputError(f"{exc.filename or root}: permission denied") from None
    return sorted(papers, key=lambda p: p.rel)


def file_sha256(path: Path, max_bytes: int) -> str:
    """SHA-256 of a file's bytes, or an :class:`InputError` (unreadable, over ``max_bytes``)."""
    digest = hashlib.sha256()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{size} bytes is over --max-bytes {max_bytes}")
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})") from None
    return digest.hexdigest()


def hash_and_dedupe(papers: list[Paper], max_bytes: int) -> list[Paper]:
    """Fill ``sha256`` (or ``error``); mark a later file with the same bytes as a duplicate.

    Returns the papers to process: readable and first of their content.
    """
    first: dict[str, Paper] = {}
    todo = []
    for paper in papers:
        try:
            paper.sha256 = file_sha256(paper.path, max_bytes)
        except InputError as exc:
            paper.error = str(exc)
            continue
        if paper.sha256 in first:
            paper.duplicate_of = first[paper.sha256].rel
            continue
        first[paper.sha256] = paper
        todo.append(paper)
    return todo
