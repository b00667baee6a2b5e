"""Cue tables: the words and regular expressions of a component, kept as TOML beside it.

A regex list is compiled as one alternation that opens with a lookahead on the characters its
matches begin with, where these are plain to see (``extract.initials``): the same matches, found
faster. ``NUMWORD`` in a regex stands for a number in words, as the measures read them.

A table may say, under ``[needs.<section>]``, the words one of which every match of a regex list
contains (``review = ["review", "prisma", ...]``): ``search`` and ``finditer`` skip a text that
has none of them without running the regex, which is what costs on long texts. The check is the
measures' own (``extract.measures.gates.TextGate``).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from extract.initials import with_lookahead
from extract.measures.gates import TextGate


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

    def needs(self, section: str, name: str) -> tuple[str, ...]:
        """The lowercase words one of which every match of ``[section].name`` contains (empty
        when the table names none: then every text is read)."""
        return _needs(self.path, section, name)

    def may_match(self, section: str, name: str, text: str) -> bool:
        """False when ``text`` has none of the words every match of ``[section].name`` needs."""
        return TextGate(text).may_match(_needs(self.path, section, name))

    def search(self, section: str, name: str, text: str) -> re.Match | None:
        """The first match of ``[section].name`` in ``text`` (a text without its needed
        words is not searched)."""
        if not self.may_match(section, name, text):
            return None
        return _regex(self.path, section, name).search(text)

    def finditer(self, section: str, name: str, text: str) -> list[re.Match]:
        """Every match of ``[section].name`` in ``text`` (none when its needed words lack)."""
        if not self.may_match(section, name, text):
            return []
        return list(_regex(self.path, section, name).finditer(text))

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
def _needs(path: Path, section: str, name: str) -> tuple[str, ...]:
    words = _load(path).get("needs", {}).get(section, {}).get(name, [])
    return tuple(word.lower() for word in words)


@cache
def _words(path: Path, section: str, name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _load(path)[section][name])
