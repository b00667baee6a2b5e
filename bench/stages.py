"""Where a paper's time goes: CPU ms per paper in each stage of the pipeline.

Stages are timed by wrapping what the pipeline calls (read, the spaCy tokenizer, each pipeline
component, study and patient field extractors); a wrapped name the pipeline no longer has is left
out. Meant for a worker process of its own.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any

STAGES = (  # (module, function, label)
    ("extract.pipeline", "read_document", "read file"),
    ("extract.fields", "extract_study", "study fields"),
    ("extract.fields", "_patient", "patient fields"),
)


def _timed(spent: Counter, label: str, func: Callable) -> Callable:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - started

    return wrapper


def instrument() -> Counter:
    """Wrap every stage; returns the counter of CPU seconds they fill."""
    import importlib

    from extract.pipeline import shared_pipeline

    spent: Counter = Counter()
    for module_name, name, label in STAGES:
        module = importlib.import_module(module_name)
        if hasattr(module, name):
            setattr(module, name, _timed(spent, label, getattr(module, name)))
    nlp = shared_pipeline(None)
    nlp.tokenizer = _Timed(nlp.tokenizer, spent, "spaCy tokenizer")
    for name in nlp.pipe_names:
        cls = type(nlp.get_pipe(name))
        cls.__call__ = _timed(spent, f"component {name}", cls.__call__)
    return spent


class _Timed:
    """A callable (the tokenizer) whose calls are timed."""

    def __init__(self, inner: Callable, spent: Counter, label: str) -> None:
        self.inner, self.spent, self.label = inner, spent, label

    def __call__(self, *args: Any) -> Any:
        started = time.process_time()
        try:
            return self.inner(*args)
        finally:
            self.spent[self.label] += time.process_time() - started


def breakdown(extract_paper: Callable, files: list[str]) -> dict:
    """CPU ms per paper by stage (and the rest: result assembly, validation, JSON)."""
    spent = instrument()
    for path in files[:3]:  # warm-up: compiled patterns, loaded tables
        extract_paper(path)
    spent.clear()
    started = time.process_time()
    for path in files:
        extract_paper(path).model_dump_json()
    total = time.process_time() - started
    stages = {label: seconds * 1000 / len(files) for label, seconds in spent.most_common()}
    stages["rest (result, validation, JSON)"] = (total - sum(spent.values())) * 1000 / len(files)
    return {"total_ms": total * 1000 / len(files), "stages": stages}
