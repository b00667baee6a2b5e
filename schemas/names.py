"""Author names: the surname a study label is made of."""

from __future__ import annotations

import re

_INITIALS = re.compile(r"^(?:[A-Z]{1,3}|(?:[A-Z]\.-?){1,3})$")


def surname(name: str) -> str | None:
    """The surname of an author as printed: "Jane Q. Smith", "Smith JQ", "Smith, Jane" -> Smith."""
    name = re.sub(r"[\d*†‡§¶,]+$", "", name.strip()).strip()
    if not name:
        return None
    if "," in name:
        return name.split(",", 1)[0].strip() or None
    words = name.split()
    if len(words) >= 2 and _INITIALS.match(words[-1]) and not _INITIALS.match(words[0]):
        return " ".join(words[:-1])  # Vancouver style: "Smith JQ", "van der Berg A"
    return words[-1]


def first_author(authors: list[str]) -> str | None:
    """The first author's surname, or None."""
    return surname(authors[0]) if authors else None


def study_label(authors: list[str], year: int | None) -> str | None:
    """ "Surname Year" (or the surname alone, or None)."""
    name = first_author(authors)
    if name is None:
        return None
    return f"{name} {year}" if year else name
