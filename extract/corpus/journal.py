"""The progress journal ``<stem>.partial.jsonl``: one JSON line per finished paper.

Each line is written and fsync'ed as soon as its paper finishes, so a killed run loses at most
the papers in flight. ``--resume`` reads it back; a torn last line (killed mid-write) is ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from extract.corpus.worker import KIND_INTERNAL, STATUS_OK
from extract.errors import OutputError


def journal_path(out: Path) -> Path:
    """``pooled.csv`` -> ``pooled.partial.jsonl`` beside it."""
    return out.with_name(f"{out.stem}.partial.jsonl")


def is_done(record: dict[str, Any], model: str | None) -> bool:
    """A record that ``--resume`` keeps: same model, and ok or failed for a lasting reason."""
    if record.get("model") != model:
        return False
    return record.get("status") == STATUS_OK or record.get("kind") != KIND_INTERNAL


class Journal:
    """Append-only record of finished papers, keyed by the file's SHA-256."""

    def __init__(self, path: Path):
        self.path = path
        self.torn_lines = 0
        self._handle = None

    def load(self) -> dict[str, dict[str, Any]]:
        """The last record of each sha256 in the journal ({} when there is no journal)."""
        records: dict[str, dict[str, Any]] = {}
        if not self.path.exists():
            return records
        try:
            with open(self.path, encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError:
                        self.torn_lines += 1
                        continue
                    if isinstance(record, dict) and record.get("sha256"):
                        records[record["sha256"]] = record
        except (OSError, UnicodeDecodeError) as exc:
            raise OutputError(f"{self.path}: cannot read the journal ({exc})") from None
        return records

    def open(self, fresh: bool) -> None:
        """Open for appending; ``fresh`` empties an earlier journal first."""
        try:
            if not fresh and self.path.exists() and self.path.stat().st_size:
                with open(self.path, "rb") as handle:
                    handle.seek(-1, os.SEEK_END)
                    torn = handle.read(1) != b"\n"
                self._handle = open(self.path, "a", encoding="utf-8")
                if torn:  # end the torn line so the next record starts on its own line
                    self._handle.write("\n")
            else:
                self._handle = open(self.path, "w", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write ({exc.strerror or exc})") from None

    def append(self, record: dict[str, Any]) -> None:
        """Write one record durably (flush + fsync)."""
        assert self._handle is not None, "journal not open"
        try:
            self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write ({exc.strerror or exc})") from None

    def close(self) -> None:
        """Close the file (idempotent)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
