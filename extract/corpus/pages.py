"""Review pages of a corpus run (``--html-dir``): one unique, bounded file name per paper.

``sub/x.txt`` and ``sub__x.txt`` would both be ``sub__x.html`` by :func:`review_name`, ``x.txt``
and ``x.pdf`` both ``x.html``, and a long path gives a name over the file system's 255 bytes.
Each page gets the plain name when it is free, else the name with a short hash of the paper's
relative path; names are compared case-insensitively (macOS and Windows) and cut to
:data:`MAX_NAME_BYTES`. A page that cannot be written is listed, and the other pages go on.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import OutputError, one_line

MAX_NAME_BYTES = 180  # well under the usual 255-byte limit, leaving room for temporary names
_SUFFIX = ".html"


@dataclass
class PagesWritten:
    """What the page step did: pages written (path per paper) and pages that failed."""

    written: dict[str, Path] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)


def _cut(text: str, max_bytes: int) -> str:
    """``text`` cut to at most ``max_bytes`` bytes of UTF-8, never inside a character."""
    raw = text.encode("utf-8")
    if len(raw) <= max_bytes:
        return text
    return raw[:max_bytes].decode("utf-8", "ignore") or "paper"


def _plain(rel: str) -> str:
    """The page name :func:`review_name` gives; control characters and undecodable bytes as _."""
    from extract.review import review_name

    name = review_name(rel)[: -len(_SUFFIX)]
    return "".join(c if c.isprintable() and c not in "\\:" else "_" for c in name) or "paper"


def _hashed(base: str, rel: str) -> str:
    """``base`` cut to fit, then ``-`` and 10 hex digits of the relative path's hash."""
    digest = hashlib.sha256(os.fsencode(rel)).hexdigest()[:10]
    return f"{_cut(base, MAX_NAME_BYTES - len(_SUFFIX) - 11)}-{digest}"


def page_names(rels: list[str]) -> dict[str, str]:
    """A unique page file name (at most :data:`MAX_NAME_BYTES` bytes) for each relative path."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for rel in sorted(rels):
        base = _plain(rel)
        fits = len((base + _SUFFIX).encode("utf-8")) <= MAX_NAME_BYTES
        name = (base if fits else _hashed(base, rel)) + _SUFFIX
        if name.casefold() in taken:
            name = _hashed(base, rel) + _SUFFIX
        n = 2
        while name.casefold() in taken:  # two paths with one hash prefix: practically never
            name = f"{_hashed(base, rel)}-{n}{_SUFFIX}"
            n += 1
        taken.add(name.casefold())
        names[rel] = name
    return names


def check_html_dir(folder: str | None) -> None:
    """Fail before any work when ``--html-dir`` cannot be a folder of pages."""
    if not folder:
        return
    from extract.outputs import check_writable

    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: --html-dir is not a folder")
    parent = target.parent if str(target.parent) else Path(".")
    if not target.exists() and not parent.is_dir():
        raise OutputError(f"{target}: --html-dir parent folder does not exist")
    check_writable(target if target.exists() else parent, f"{target} (--html-dir)")


def write_pages(results: list[tuple[str, str, object]], folder: str) -> PagesWritten:
    """One review page per paper kept in the tables; a page that fails is listed, not fatal."""
    from extract.review import write_review_dir

    done = PagesWritten()
    names = page_names([rel for _, rel, _ in results])
    for _, rel, result in results:
        try:
            done.written[rel] = write_review_dir(result, folder, name=names[rel])
        except Exception as exc:  # noqa: BLE001 - one page must not lose the others
            reason = str(exc) if isinstance(exc, OutputError) else f"{type(exc).__name__}: {exc}"
            done.failed.append((rel, one_line(reason)))
    return done
