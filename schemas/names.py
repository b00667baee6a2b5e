"""Author names: the surname a study label is made of."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

_INITIALS = re.compile(r"^(?:[A-Z]{1,3}|(?:[A-Z]\.-?){1,3})$")
_FAMILY_FIRST = re.compile(r"^[A-Z][A-Z'-]{2,}$")  # "ZHANG Weiming": family name in capitals
_VOWELS = set("AEIOUY")


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    with open(Path(__file__).with_name("names.toml"), "rb") as handle:
        data = tomllib.load(handle)
    return frozenset(data["particles"]), frozenset(data["suffixes"])


def _family_first(words: list[str]) -> bool:
    """Whether the name is written family name first in capitals ("ZHANG Weiming")."""
    head, rest = words[0], words[1:]
    return (
        bool(_FAMILY_FIRST.match(head))
        and bool(_VOWELS & set(head))
        and bool(rest)
        and all(not w.isupper() for w in rest)
    )


def surname(name: str) -> str | None:
    """The surname of an author as printed: "Jane Q. Smith", "Smith JQ", "Smith, Jane" -> Smith.

    Particles stay with the surname ("Jorien van der Made" -> "van der Made"), a generational
    suffix too ("Eduardo P. Campos Neto" -> "Campos Neto"), and a family name written first in
    capitals is given in title case ("ZHANG Weiming" -> "Zhang").
    """
    name = re.sub(r"[\d*†‡§¶,]+$", "", name.strip()).strip()
    if not name:
        return None
    if "," in name:
        return name.split(",", 1)[0].strip() or None
    words = name.split()
    particles, suffixes = _words()
    if len(words) >= 2 and _INITIALS.match(words[-1]) and not _INITIALS.match(words[0]):
        return " ".join(words[:-1])  # Vancouver style: "Smith JQ", "van der Berg A"
    if len(words) >= 2 and _family_first(words):
        return words[0].title()
    start = len(words) - 1
    if start >= 2 and words[start].casefold() in suffixes:
        start -= 1
    while start >= 2 and words[start - 1].casefold() in particles:
        start -= 1
    return " ".join(words[start:])


def first_author(authors: list[str]) -> str | None:
    """The first author's surname, or None."""
    return surname(authors[0]) if authors else None


def study_label(authors: list[str], year: int | None) -> str | None:
    """ "Surname Year" (or the surname alone, or None)."""
    name = first_author(authors)
    if name is None:
        return None
    return f"{name} {year}" if year else name
