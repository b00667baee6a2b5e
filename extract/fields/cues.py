"""The cue table of the field extractors (``cues.toml``), compiled once."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path


@cache
def cues() -> dict:
    """Raw cue table."""
    with open(Path(__file__).parent / "cues.toml", "rb") as handle:
        return tomllib.load(handle)


@cache
def regex(section: str, name: str) -> re.Pattern:
    """One alternation of the regular expressions listed at ``[section].name``."""
    return re.compile("|".join(f"(?:{p})" for p in cues()[section][name]), re.IGNORECASE)


def words(section: str, name: str) -> frozenset[str]:
    """A word list at ``[section].name`` as a lowercase set."""
    return frozenset(w.lower() for w in cues()[section][name])
