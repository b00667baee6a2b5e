"""Cue tables: the words and regular expressions of a component, kept as TOML beside it."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path


class CueTable:
    """One cue file: ``[section] name = [...]`` lists of regexes or words."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def data(self) -> dict:
        """The raw table."""
        return _load(self.path)

    def regex(self, section: str, name: str) -> re.Pattern:
        """One case-insensitive alternation of the regexes at ``[section].name``."""
        return _regex(self.path, section, name)

    def words(self, section: str, name: str) -> frozenset[str]:
        """The word list at ``[section].name`` as a lowercase set."""
        return _words(self.path, section, name)


@cache
def _load(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


@cache
def _regex(path: Path, section: str, name: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in _load(path)[section][name]), re.IGNORECASE)


@cache
def _words(path: Path, section: str, name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _load(path)[section][name])
