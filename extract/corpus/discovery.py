"""Find the papers of a corpus folder, hash them, and set aside byte-identical copies."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from extract.errors import InputError

PAPER_SUFFIXES = (".pdf", ".txt", ".md")
# a folder's own notes, never a paper ("README.md" describing the corpus)
NOT_PAPERS = ("readme", "license", "changelog")
_CHUNK = 1 << 20


@dataclass
class Paper:
    """One file of the corpus: ``rel`` is its path relative to the folder (posix form).

    ``path`` is the file to read: for a followed symbolic link, the link's target as resolved
    when the folder was listed (so a link changed later cannot lead elsewhere).
    """

    path: Path
    rel: str
    sha256: str | None = None
    error: str | None = None
    duplicate_of: str | None = None
    skipped: str | None = None  # why the file is left out on purpose (a link leaving the folder)

    @property
    def stem(self) -> str:
        """The file name without its extension."""
        return PurePosixPath(self.rel).stem


LEAVES = "symbolic link to {what} outside the corpus folder ({target}); --follow-links reads it"


@dataclass
class _Walk:
    """What one listing of a corpus folder needs to know and collects."""

    root: Path  # the folder, resolved
    recursive: bool
    follow_links: bool
    skip: set[Path]
    papers: list[Paper] = field(default_factory=list)
    seen_dirs: set[Path] = field(default_factory=set)


def _resolve(path: Path) -> tuple[Path | None, str | None]:
    """A link's final target, or None and why not (a loop, a missing target)."""
    try:
        return Path(os.path.realpath(path, strict=True)), None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "symbolic link loop (the links point at each other)"
        if isinstance(exc, FileNotFoundError):
            return None, "broken symbolic link (its target does not exist)"
        return None, f"cannot be read ({exc.strerror or exc})"
    except RuntimeError:  # pragma: no cover - pathlib's loop error on older Pythons
        return None, "symbolic link loop (the links point at each other)"


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


def _visit(walk: _Walk, folder: Path, rel: PurePosixPath) -> None:
    """Add the papers of ``folder`` (and, with ``recursive``, of its sub-folders)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError as exc:
        raise InputError(f"{exc.filename or folder}: permission denied") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path, entry_rel = Path(entry.path), rel / entry.name
        is_link = entry.is_symlink()
        target, problem = _resolve(path) if is_link else (path, None)
        if entry.is_dir(follow_symlinks=False) or (target is not None and target.is_dir()):
            if walk.recursive:
                _visit_folder(walk, path, entry_rel, target, is_link)
            continue
        if path.suffix.lower() not in PAPER_SUFFIXES or path.stem.lower() in NOT_PAPERS:
            continue
        _add_file(walk, path, entry_rel.as_posix(), target, problem, is_link)


def _visit_folder(walk: _Walk, path: Path, rel: PurePosixPath, target, is_link: bool) -> None:
    """A sub-folder: read it, unless it is a link leaving the folder or seen already."""
    real = target if target is not None else path.resolve()
    if is_link and not _inside(real, walk.root) and not walk.follow_links:
        why = LEAVES.format(what="a folder", target=real)
        walk.papers.append(Paper(path=path, rel=f"{rel.as_posix()}/", skipped=why))
        return
    if is_link and _inside(real, walk.root):
        return  # its files are read where they really are
    if real in walk.seen_dirs:
        return  # a folder reached twice through links (or a loop of them)
    walk.seen_dirs.add(real)
    _visit(walk, path, rel)


def _add_file(walk: _Walk, path: Path, rel: str, target, problem, is_link: bool) -> None:
    """A file with a paper's extension: a paper, a failure, or a file skipped on purpose."""
    if problem:
        walk.papers.append(Paper(path=path, rel=rel, error=problem))
        return
    try:
        mode = os.stat(target).st_mode
    except OSError as exc:
        walk.papers.append(Paper(path=path, rel=rel, error=f"cannot be read ({exc.strerror})"))
        return
    if not stat.S_ISREG(mode):
        walk.papers.append(
            Paper(path=path, rel=rel, skipped="not a regular file (a device, pipe or socket)")
        )
        return
    if target.resolve() in walk.skip:
        return
    if is_link and not _inside(target, walk.root) and not walk.follow_links:
        walk.papers.append(
            Paper(path=path, rel=rel, skipped=LEAVES.format(what="a file", target=target))
        )
        return
    walk.papers.append(Paper(path=target if is_link else path, rel=rel))


def find_papers(
    folder: str | Path,
    recursive: bool = False,
    exclude: set[Path] | None = None,
    follow_links: bool = False,
) -> list[Paper]:
    """Every ``.pdf``/``.txt``/``.md`` file of ``folder`` (sub-folders with ``recursive``).

    Hidden files and folders are skipped; the order is the sorted relative path. A symbolic
    link whose target lies outside the folder is listed as skipped (read with
    ``follow_links``); a link loop or a broken link is listed as failed; links to folders
    inside the folder are not followed (their files are read where they are).
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    skip = {p.resolve() for p in exclude or set()}
    walk = _Walk(root.resolve(), recursive, follow_links, skip)
    walk.seen_dirs.add(walk.root)
    _visit(walk, root, PurePosixPath())
    return sorted(walk.papers, key=lambda p: p.rel)


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
        if paper.error or paper.skipped:
            continue
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
