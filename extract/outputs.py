"""Output files, checked before any work: apart from the inputs and from each other, writable,
locked against a second run, and sealed by a manifest written last.

``-`` is standard output. Every other output must be a regular file or a new path in a folder
that exists and can be written (a probe file is created and removed there), and none may name
an input (the paper, the gold file) or another output, also through a link.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from extract import __version__
from extract.atomic import atomic_write_text, check_output_path
from extract.errors import OutputError

STDOUT = "-"
MANIFEST_KIND = "dva-extract output set"


def is_stdout(path: str | os.PathLike | None) -> bool:
    """Whether ``path`` is ``-`` (standard output)."""
    return path is not None and os.fspath(path) == STDOUT


def file_key(path: str | os.PathLike) -> tuple:
    """What identifies a file: its device and inode when it exists, else its resolved path."""
    try:
        st = os.stat(path)
        return ("inode", st.st_dev, st.st_ino)
    except (OSError, ValueError):
        return ("path", os.path.realpath(path))


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether ``a`` and ``b`` are one file (same inode, or same resolved path when new)."""
    return file_key(a) == file_key(b) or os.path.realpath(a) == os.path.realpath(b)


def check_writable(folder: str | os.PathLike, label: str) -> None:
    """Fail now, not after the work, when files cannot be created in ``folder``."""
    where = Path(folder) if str(folder) else Path(".")
    try:
        fd, probe = tempfile.mkstemp(prefix=".dva-extract-probe.", dir=where)
    except OSError as exc:
        raise OutputError(
            f"{label}: cannot write in folder {where} ({exc.strerror or exc})"
        ) from None
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:  # pragma: no cover - created a moment ago
        pass


def check_targets(inputs: dict[str, str | None], outputs: dict[str, str | None]) -> dict[str, Path]:
    """Check every output (``{label: path}``) before any work; their checked paths.

    Refuses an output that names an input (``--out paper.txt`` would destroy the paper), two
    outputs that name one file, a device, pipe, socket or folder, a missing folder, and a
    folder that cannot be written. ``-`` (standard output) is allowed once.
    """
    checked: dict[str, Path] = {}
    outputs = {label: path for label, path in outputs.items() if path}
    to_stdout = [label for label, path in outputs.items() if is_stdout(path)]
    if len(to_stdout) > 1:
        raise OutputError(f"{' and '.join(to_stdout)} cannot both write to standard output ('-')")
    files = {label: path for label, path in outputs.items() if not is_stdout(path)}
    for label, path in files.items():
        for in_label, in_path in inputs.items():
            if in_path and same_file(path, in_path):
                raise OutputError(
                    f"{path}: {label} names the {in_label} itself; it would be overwritten "
                    "(choose another file)"
                )
        for other, other_path in checked.items():
            if same_file(path, other_path):
                raise OutputError(
                    f"{path}: {other} and {label} name the same file; one would replace the other"
                )
        target = check_output_path(path)
        check_writable(target.parent, f"{path}")
        checked[label] = target
    return checked


class RunLock:
    """An exclusive lock on ``.<name>.lock`` beside an output (``fcntl.flock``), held for a run.

    A second run on the same output is refused at once with one line. The lock file stays
    (removing it would let two runs lock two different files); the lock itself ends with the
    process, also when it is killed.
    """

    def __init__(self, output: str | os.PathLike):
        target = Path(output)
        self.path = target.with_name(f".{target.name}.lock")
        self._fd: int | None = None

    def acquire(self) -> RunLock:
        """Take the lock or raise :class:`OutputError` naming the run that holds it."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: runs are not kept apart there
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot create the lock ({exc.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_holder(fd)
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise OutputError(
                    f"{self.path.with_name(self.path.name[1:-5])}: another extract run{holder} "
                    "is writing these files; wait for it to finish or give another --out"
                ) from None
            raise OutputError(f"{self.path}: cannot lock ({exc.strerror})") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        """Let the lock go (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    """`` (process N)`` from the lock file, or nothing."""
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def manifest_path(out: str | os.PathLike) -> Path:
    """``pooled.csv`` -> ``pooled.manifest.json`` beside it."""
    out = Path(out)
    return out.with_name(f"{out.stem}.manifest.json")


def file_sha256(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _listed(path: Path, base: Path) -> str:
    """``path`` relative to the manifest's folder when it lies under it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        return str(absolute)


def write_manifest(target: Path, files: list[tuple[str, Path]], about: dict[str, Any]) -> None:
    """Write the manifest last: every file of the set (role, path, bytes, SHA-256) and ``about``.

    A reader holding a manifest whose files all match it has a finished set; no manifest, or a
    file that differs, means the set is partial (a run stopped, or still writing).
    """
    base = target.parent
    listed = [
        {
            "role": role,
            "path": _listed(path, base),
            "bytes": path.stat().st_size,
            "sha256": file_sha256(path),
        }
        for role, path in files
    ]
    document = {
        "kind": MANIFEST_KIND,
        "complete": True,
        "tool": f"dva-extract {__version__}",
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        **about,
        "files": listed,
    }
    atomic_write_text(target, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def remove_manifest(target: Path) -> None:
    """Remove an earlier run's manifest before any file of the set changes."""
    try:
        target.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputError(f"{target}: cannot remove the old manifest ({exc.strerror})") from None


def verify_manifest(path: str | os.PathLike) -> list[str]:
    """What keeps the set described by the manifest ``path`` from being whole ([] when whole)."""
    target = Path(path)
    try:
        document = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [f"{target}: no manifest (the run did not finish)"]
    except (OSError, ValueError) as exc:
        return [f"{target}: unreadable manifest ({exc})"]
    if document.get("kind") != MANIFEST_KIND or not document.get("complete"):
        return [f"{target}: not a complete dva-extract manifest"]
    problems = []
    for entry in document.get("files", []):
        listed = Path(entry["path"])
        file = listed if listed.is_absolute() else target.parent / listed
        try:
            digest = file_sha256(file)
        except OSError as exc:
            problems.append(f"{file}: missing ({exc.strerror or exc})")
            continue
        if digest != entry.get("sha256"):
            problems.append(f"{file}: changed since the manifest was written")
    return problems
