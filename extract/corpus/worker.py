"""Work on one paper, in a worker process or in-process: a journal record, never an exception."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from extract.errors import ExtractError, ModelError

STATUS_OK = "ok"
STATUS_FAILED = "failed"
KIND_INPUT = "input"  # an ExtractError about the paper: permanent for these bytes
KIND_INTERNAL = "internal"  # any other exception: retried on --resume
KIND_CONFIG = "config"  # a ModelError: the run's settings are wrong, stop the run


def init_worker(model: str | None) -> None:
    """Build the spaCy pipeline once per worker process (best effort)."""
    try:
        from extract.pipeline import shared_pipeline

        shared_pipeline(model)
    except Exception:  # noqa: BLE001 - a failure shows up on the first paper instead
        pass


def _short(message: str, path: Path) -> str:
    """The error's one line, without a leading ``<path>: `` (the report names the file)."""
    line = message.strip().splitlines()[0] if message.strip() else ""
    for prefix in (f"{path}: ", f"{path.name}: "):
        if line.startswith(prefix):
            return line[len(prefix) :]
    return line


def process_paper(
    path: str,
    sha256: str,
    model: str | None,
    max_bytes: int,
    max_pages: int,
) -> dict[str, Any]:
    """Extract one paper; a record ``{sha256, path, status, result | error, kind, seconds}``."""
    from extract import pipeline

    started = time.perf_counter()
    record: dict[str, Any] = {"sha256": sha256, "path": path, "model": model}
    try:
        result = pipeline.extract_paper(path, model=model, max_bytes=max_bytes, max_pages=max_pages)
        record.update(status=STATUS_OK, result=result.model_dump(mode="json"))
    except ModelError as exc:
        record.update(status=STATUS_FAILED, kind=KIND_CONFIG, error=_short(str(exc), Path(path)))
    except ExtractError as exc:
        record.update(status=STATUS_FAILED, kind=KIND_INPUT, error=_short(str(exc), Path(path)))
    except Exception as exc:  # noqa: BLE001 - one paper's bug must not stop the run
        message = _short(str(exc), Path(path))
        record.update(
            status=STATUS_FAILED,
            kind=KIND_INTERNAL,
            error=f"internal error: {type(exc).__name__}: {message}".rstrip(": "),
        )
    record["seconds"] = round(time.perf_counter() - started, 3)
    return record
