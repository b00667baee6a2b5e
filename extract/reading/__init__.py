"""Reading: a path (text or PDF) into a :class:`~extract.document.Document`."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from extract.document import Document
from extract.errors import InputError, LimitError

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_PAGES = 200
DEFAULT_MAX_CHARS = 1_000_000  # spaCy's own default; the longest papers read to ~300,000
DEFAULT_MAX_MEMORY = 1024 * 1024 * 1024  # what reading one PDF may take (a bomb's bound)
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def _short(p: Path, limit: int = 120) -> str:
    """A path cut to ``limit`` characters for a one-line message."""
    text = str(p)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_raw(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or a one-line :class:`InputError` saying why not."""
    p = Path(path)
    mode = _mode_of(p)
    if stat.S_ISDIR(mode):
        raise InputError(f"{p}: is a directory, expected a file")
    if not stat.S_ISREG(mode):
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


def _mode_of(p: Path) -> int:
    """The file type bits of ``p`` (links followed), or an :class:`InputError` saying why not."""
    try:
        return os.stat(p).st_mode
    except FileNotFoundError:
        if os.path.islink(p):
            raise InputError(f"{p}: broken symbolic link (its target does not exist)") from None
        raise InputError(f"{p}: no such file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{p}: symbolic link loop (the links point at each other)") from None
        reason = exc.strerror or str(exc)
        raise InputError(f"{_short(p)}: not a usable path ({reason})") from None
    except ValueError as exc:  # an embedded NUL byte
        raise InputError(f"{_short(p)}: not a usable path ({exc})") from None


def read_document(
    path: str | os.PathLike,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_memory: int = DEFAULT_MAX_MEMORY,
) -> Document:
    """Read a paper; PDF by content (``%PDF``) or name, anything else as text.

    A PDF is read in a child process limited to ``max_memory`` bytes; a text longer than
    ``max_chars`` characters is refused (the analysis takes ~70 bytes of memory per character).
    """
    data = read_raw(path, max_bytes)
    is_pdf = data[:1024].lstrip().startswith(b"%PDF")
    if is_pdf or Path(path).suffix.lower() == ".pdf":
        from extract.reading.pdf_guard import read_pdf_guarded

        doc = read_pdf_guarded(path, data, max_pages, max_bytes, max_memory)
    else:
        from extract.reading.text import read_text

        doc = read_text(path, data)
    if len(doc.text) > max_chars:
        raise LimitError(
            f"{os.fspath(path)}: {len(doc.text)} characters of text is over --max-chars {max_chars}"
        )
    doc.path = printable_path(doc.path)
    return doc


def printable_path(path: str) -> str:
    """A file name that JSON can hold: bytes that are not UTF-8 become U+FFFD."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return path
