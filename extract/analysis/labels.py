"""Study labels for tables and forest plots: "First author Year" ("Smith 2023")."""

from __future__ import annotations

import re
from collections import Counter

_PARTICLES = {"van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "le", "la", "dos"}
_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,3}$")
_MARKS = re.compile(r"[\d\u00b9\u00b2\u00b3\u2070-\u209f*\u2020\u2021\u00a7#]+(?=\s|,|$)")


def surname(name: str | None) -> str | None:
    """The family name in an author as written: "Nadia R. Bellamy", "Karimova A", "de Roos, S"."""
    if not name or not name.strip():
        return None
    text = re.sub(r"\s+", " ", _MARKS.sub("", name).strip())
    if "," in text:
        return text.split(",", 1)[0].strip() or None
    words = text.split(" ")
    if len(words) > 1 and _INITIALS.match(words[-1]):  # "Karimova A", "van der Berg JH"
        return " ".join(words[:-1])
    last = [words[-1]]
    for word in reversed(words[:-1]):
        if word.lower() not in _PARTICLES:
            break
        last.insert(0, word)
    return " ".join(last)


def _present(value: object) -> bool:
    return value is not None and str(value) not in ("", "<NA>", "nan")


def study_label(
    label: object = None, first_author: object = None, year: object = None, study_id: str = ""
) -> str:
    """The study's label: ``study_label`` as given, else surname + year, else the study id."""
    if _present(label):
        return str(label).strip()
    name = surname(str(first_author)) if _present(first_author) else None
    if name:
        return f"{name} {int(float(str(year)))}" if _present(year) else name
    return study_id


def unique_labels(labels: list[str]) -> list[str]:
    """Labels made unique with a, b, ... ("Smith 2023a", "Smith 2023b") where they repeat."""
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        if counts[label] > 1:
            out.append(f"{label}{chr(ord('a') + seen[label])}" if seen[label] < 26 else label)
            seen[label] += 1
        else:
            out.append(label)
    return out
