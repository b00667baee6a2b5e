"""Facts the duplicate finder reads from a paper's text: institutions and the study period."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from pathlib import Path

_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
Period = tuple[int, int]  # first and last month, counted as year * 12 + month - 1


@cache
def _settings() -> dict:
    with open(Path(__file__).with_name("frontmatter.toml"), "rb") as handle:
        return tomllib.load(handle)


@cache
def _institution_pattern() -> re.Pattern:
    words = sorted({fold(w) for w in _settings()["institution_words"]}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


@cache
def _period_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _settings()["period"]["patterns"])


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed: for comparing names."""
    if text.isascii():
        bare = text.lower()
    else:
        bare = unicodedata.normalize("NFKD", text)
        bare = "".join(c for c in bare if not unicodedata.combining(c)).casefold()
    return _SPACES.sub(" ", _PUNCT.sub(" ", bare)).strip()


def _body(text: str) -> list[str]:
    """The paper's lines before its reference list."""
    heads = set(_settings()["references_headings"])
    lines = []
    for line in text.splitlines():
        if len(line) < 40 and fold(line.strip("#*=-_ :")) in heads:
            break
        lines.append(line)
    return lines


def institutions(text: str) -> set[str]:
    """Institutions named in the paper's affiliation lines, folded ("kahului memorial hospital")."""
    cfg = _settings()
    departments, generic = tuple(cfg["department_words"]), set(cfg["generic"])
    pattern = _institution_pattern()
    found = set()
    for line in _body(text):
        if len(line) > cfg["max_line_chars"] or not pattern.search(fold(line)):
            continue
        for piece in re.split(r"[,;|—–]", line):
            if "@" in piece:
                continue
            name = re.sub(r"^(?:\S\s|\d+\s)+", "", fold(piece)).removeprefix("the ")
            if not name or len(name.split()) > cfg["max_piece_words"] or name in generic:
                continue
            if pattern.search(name) and not name.startswith(departments):
                found.add(name)
    return found


def _month(name: str | None, default: int) -> int:
    if not name:
        return default
    months = _settings()["period"]["months"]
    key = name[:3].casefold()
    return months.index(key) + 1 if key in months else default


def period(text: str) -> Period | None:
    """The study period the paper states first ("between January 2022 and June 2023")."""
    body = "\n".join(_body(text))
    best: tuple[int, Period] | None = None
    for pattern in _period_patterns():
        for m in pattern.finditer(body):
            groups = m.groupdict()
            y1, y2 = int(groups["y1"]), int(groups["y2"])
            first = y1 * 12 + _month(groups.get("m1"), 1) - 1
            last = y2 * 12 + _month(groups.get("m2"), 12) - 1
            if first <= last and (best is None or m.start() < best[0]):
                best = (m.start(), (first, last))
            break
    return best[1] if best else None


def period_text(value: Period) -> str:
    """A period as "2022-01 to 2023-06"."""
    (y1, m1), (y2, m2) = divmod(value[0], 12), divmod(value[1], 12)
    return f"{y1}-{m1 + 1:02d} to {y2}-{m2 + 1:02d}"
