"""Cue tables: the words and regular expressions of a component, kept as TOML beside it.

A regex list is compiled as one alternation that opens with a lookahead on the characters its
matches begin with, where these are plain to see (``extract.initials``): the same matches, found
faster. ``NUMWORD`` in a regex stands for a number in words, as the measures read them.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from extract.initials import with_lookahead


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
    return re.compile(with_lookahead(plain_source(path, section, name)), re.IGNORECASE)


def plain_source(path: Path, section: str, name: str) -> str:
    """The alternation of the regexes at ``[section].name``, without the lookahead."""
    source = "|".join(f"(?:{p})" for p in _load(path)[section][name])
    if "NUMWORD" in source:
        from extract.measures.component import number_word_regex

        source = source.replace("NUMWORD", number_word_regex())
    return source


@cache
def _words(path: Path, section: str, name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _load(path)[section][name])
