"""Reading: a path (text or PDF) into a :class:`~extract.document.Document`."""

from __future__ import annotations

import os
from pathlib import Path

from extract.document import Document
from extract.errors import InputError, LimitError

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_PAGES = 200
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def _short(p: Path, limit: int = 120) -> str:
    """A path cut to ``limit`` characters for a one-line message."""
    text = str(p)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_raw(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or a one-line :class:`InputError` saying why not."""
    p = Path(path)
    try:
        exists, is_dir, is_file = p.exists(), p.is_dir(), p.is_file()
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"{_short(p)}: not a usable path ({reason})") from None
    if not exists:
        raise InputError(f"{p}: no such file")
    if is_dir:
        raise InputError(f"{p}: is a directory, expected a file")
    if not is_file:
        raise InputError(f"{p}: not a regular file (a device, pipe or socket)")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise LimitError(f"{p}: {size} bytes is over --max-bytes {max_bytes}")
        with open(p, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, expected a file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise LimitError(f"{p}: over --max-bytes {max_bytes}")
    if not data.strip():
        raise InputError(f"{p}: file is empty")
    return data


def read_document(
    path: str | os.PathLike,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> Document:
    """Read a paper; PDF by content (``%PDF``) or name, anything else as text."""
    data = read_raw(path, max_bytes)
    is_pdf = data[:1024].lstrip().startswith(b"%PDF")
    if is_pdf or Path(path).suffix.lower() == ".pdf":
        from extract.reading.limits import check_pdf_streams
        from extract.reading.pdf import read_pdf

        check_pdf_streams(data, max_bytes, os.fspath(path))
        doc = read_pdf(path, data, max_pages=max_pages)
    else:
        from extract.reading.text import read_text

        doc = read_text(path, data)
    doc.path = printable_path(doc.path)
    return doc


def printable_path(path: str) -> str:
    """A file name that JSON can hold: bytes that are not UTF-8 become U+FFFD."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return path
