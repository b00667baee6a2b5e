"""Atomic file writes: a temp file in the target folder, then rename over the target."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from extract.errors import OutputError


def check_output_path(path: str | os.PathLike) -> Path:
    """The file to write (a symbolic link's target), or an :class:`OutputError` saying why not.

    Only a regular file or a new path is written: never a folder, a device (``/dev/full``), a
    pipe or a socket, which a rename would replace by a plain file.
    """
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{p}: symbolic link loop") from None
        raise OutputError(f"{p}: not a usable output path ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise OutputError(f"{p!s:.120}: not a usable output path ({exc})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{p}: is a directory, expected a file path for output")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(
            f"{p}: not a regular file (a device, pipe or socket); "
            "write to a file, or give '-' for standard output"
        )
    if p.is_symlink():  # write through the link, as a shell redirection does
        p = Path(os.path.realpath(p))
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{p}: folder {parent} does not exist")
    return p


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once, at import: os.umask can only be read by setting it


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or those a plain ``open(..., "w")`` would give."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    p = check_output_path(path)
    try:
        # the temporary name stays short: a target near the 255-byte name limit must still work
        prefix = "." + os.fsdecode(os.fsencode(p.name)[:100]) + "."
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=p.parent or ".")
    except OSError as exc:
        raise OutputError(f"{p}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(p))
        os.replace(tmp, p)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{p}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """UTF-8 text version of :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"))
