"""One vocabulary per concept, loaded once from the TOML files beside this module.

Extraction (the nlp components), the schemas (value validation) and evaluation (normalisation)
all read the same tables through :func:`load`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

_HERE = Path(__file__).parent
NAMES = (
    "arteries",
    "veins",
    "risk_factors",
    "amputation_levels",
    "rutherford",
    "devices",
    "indications",
    "outcomes",
)


@dataclass(frozen=True)
class Concept:
    """One canonical value with its written forms."""

    key: str
    terms: tuple[str, ...] = ()
    abbrevs: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    attrs: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Vocabulary:
    """A concept table: canonical keys and the forms that map to them."""

    name: str
    concepts: dict[str, Concept]
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    def keys(self) -> list[str]:
        """Canonical keys in file order."""
        return list(self.concepts)

    def __contains__(self, key: object) -> bool:
        return key in self.concepts

    def attr(self, key: str, name: str, default=None):
        """An attribute of a concept (rank, major, manufacturer, ...)."""
        concept = self.concepts.get(key)
        return default if concept is None else concept.attrs.get(name, default)

    @property
    def _index(self) -> dict[str, str]:
        return _form_index(self.name)

    def normalize(self, written: object) -> str | None:
        """Map any written form (key, term, abbreviation; any case) to its key, or None."""
        if written is None:
            return None
        text = str(written).strip()
        if not text:
            return None
        if text in self.concepts:
            return text
        return self._index.get(fold(text))


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and punctuation-insensitive form used for lookups (remembered: a pure function)."""
    text = text.lower().replace("_", " ").replace("-", " ")
    return _SPACES.sub(" ", text).strip()


def _concept(key: str, body: dict) -> Concept:
    known = {"terms", "abbrevs", "ambiguous"}
    return Concept(
        key=key,
        terms=tuple(body.get("terms", ())),
        abbrevs=tuple(body.get("abbrevs", ())),
        ambiguous=tuple(body.get("ambiguous", ())),
        attrs={k: v for k, v in body.items() if k not in known},
    )


@cache
def load(name: str) -> Vocabulary:
    """Load (once per process) the vocabulary called ``name``."""
    if name not in NAMES:
        raise KeyError(f"no vocabulary named {name!r}")
    with open(_HERE / f"{name}.toml", "rb") as handle:
        data = tomllib.load(handle)
    concepts: dict[str, Concept] = {}
    extra: dict = {}
    for key, body in data.items():
        if isinstance(body, dict) and key != "manufacturers":
            concepts[key] = _concept(key, body)
        else:
            extra[key] = body
    if name == "rutherford":
        concepts = {
            k: Concept(key=k, terms=tuple(c.attrs.get("labels", ())), attrs=c.attrs)
            for k, c in concepts.items()
        }
    return Vocabulary(name=name, concepts=concepts, extra=extra)


@cache
def _form_index(name: str) -> dict[str, str]:
    vocab = load(name)
    index: dict[str, str] = {}
    for key, concept in vocab.concepts.items():
        cell_forms = concept.attrs.get("cell_forms", ())
        for form in (key, *concept.terms, *concept.abbrevs, *concept.ambiguous, *cell_forms):
            index.setdefault(fold(form), key)
    return index


_ROMAN_LOOKALIKE = re.compile(r"^([Il|]{1,3})([abAB]?)$")


def rutherford_key(written: object) -> str | None:
    """Normalise a written Rutherford class ("Ila", "IIB", "category 5", "V") to its key."""
    if written is None:
        return None
    text = str(written).strip().rstrip(".")
    text = re.sub(r"(?i)^(rutherford\s*)?(class|category|grade|stage)?\s*", "", text)
    match = _ROMAN_LOOKALIKE.match(text)
    if match:
        text = match.group(1).replace("l", "I").replace("|", "I") + match.group(2).lower()
    vocab = load("rutherford")
    if text in vocab.concepts:
        return text
    for key, concept in vocab.concepts.items():
        if text in concept.terms:
            return key
    return None


def manufacturer_key(written: str) -> str | None:
    """Canonical manufacturer name for a written form ("W. L. Gore & Associates" -> "Gore")."""
    table: dict[str, list[str]] = load("devices").extra.get("manufacturers", {})
    wanted = fold(written).rstrip(".")
    for canonical, forms in table.items():
        if wanted == fold(canonical) or wanted in (fold(f) for f in forms):
            return canonical
    return None
