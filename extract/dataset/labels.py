"""Study labels for forest plots: first_author (a surname) and study_label ("Surname Year")."""

from __future__ import annotations

from collections import Counter
from string import ascii_lowercase

from schemas.models import Study
from schemas.names import first_author, study_label


def with_labels(study: Study) -> Study:
    """The study with ``first_author`` and ``study_label`` filled from its authors when missing."""
    name = study.first_author or first_author(study.authors)
    label = study.study_label
    if label is None and name is not None:
        label = f"{name} {study.year}" if study.year else name
    if label is None:
        label = study_label(study.authors, study.year)
    if (name, label) == (study.first_author, study.study_label):
        return study
    return study.model_copy(update={"first_author": name, "study_label": label})


def label_or_stem(study: Study, stem: str) -> str:
    """The study's label, or the file stem (and year) when the paper names no author."""
    label = with_labels(study).study_label
    if label:
        return label
    return f"{stem} {study.year}" if study.year else stem


def _suffix(n: int) -> str:
    """a, b, ..., z, aa, ab, ... for the n-th (0-based) study sharing a label."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = ascii_lowercase[rest] + letters
    return letters


def unique_labels(labels: list[str]) -> list[str]:
    """Labels made unique as meta-analyses do: two "Moriyama 2025" become 2025a and 2025b."""
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        if counts[label] == 1:
            out.append(label)
            continue
        out.append(f"{label}{_suffix(seen[label])}")
        seen[label] += 1
    return out
