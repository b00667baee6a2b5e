"""The first characters every match of a regex begins with, read from its source where that is
plain to see, so that an alternation can open with a lookahead on them (the same matches; the
regex engine skips other positions at once instead of trying every alternative there).

Only literal openings are read: an optional ``\\b``, then a letter or digit (``\\d`` for any
digit), a lookahead on plain letters (``(?=[efnost])``, as number words open), or a ``(?:...)``
group whose alternatives all open so; a quantifier that makes the first character optional, or
any other construct, gives None (no lookahead).
"""

from __future__ import annotations

import re

_QUANTIFIERS = ("?", "*", "{")
# a lookahead on plain lowercase letters and digits that opens a regex
_LOOKAHEAD = re.compile(r"\(\?=\[([a-z0-9]+)\]\)")


def _structure(source: str, start: int = 0):
    """(index, character) of ``source`` from ``start``, escapes and ``[...]`` classes left out;
    an unclosed class ends it with ``(len(source), "[")``."""
    i, in_class = start, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source.startswith("^]", i + 1):
                i += 2
            elif source.startswith("]", i + 1):
                i += 1
        else:
            yield i, ch
        i += 1
    if in_class:
        yield len(source), "["


def _alternatives(source: str) -> list[str] | None:
    """``source`` split at its top-level ``|`` (None if its brackets do not balance)."""
    parts, depth, start = [], 0, 0
    for i, ch in _structure(source):
        if ch == "[":
            return None
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    if depth:
        return None
    parts.append(source[start:])
    return parts


def _group_end(source: str, start: int) -> int | None:
    """Index of the ``)`` closing the group opened at ``source[start]``."""
    depth = 0
    for i, ch in _structure(source, start):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _opening(source: str) -> set[str] | None:
    """First characters of one alternative (no top-level ``|``), or None if not plain."""
    if source.startswith("\\b"):
        source = source[2:]
    if source.startswith("\\d"):
        return None if source[2:].startswith(_QUANTIFIERS) else {"\\d"}
    if source[:1].isalnum() and source[:1].isascii():
        return None if source[1:].startswith(_QUANTIFIERS) else {source[0].lower()}
    if source.startswith("(?=[") and (look := _LOOKAHEAD.match(source)):
        return set(look.group(1))  # "(?=[efnost])(?:...)": a number word's own lookahead
    if source.startswith("(?:"):
        end = _group_end(source, 0)
        if end is None or source[end + 1 :].startswith(_QUANTIFIERS):
            return None
        return first_characters(source[3:end])
    return None


def first_characters(source: str) -> set[str] | None:
    """The characters (lowercase letters, digits, ``\\d``) every match of a case-insensitive
    ``source`` begins with; None when the source does not show them plainly."""
    parts = _alternatives(source)
    if not parts:
        return None
    found: set[str] = set()
    for part in parts:
        opening = _opening(part)
        if not opening:
            return None
        found |= opening
    return found


def _anchored(part: str) -> bool:
    """Whether an alternative (maybe inside ``(?:...)``) opens with ``^`` in every branch."""
    while part.startswith("(?:") and _group_end(part, 0) == len(part) - 1:
        part = part[3:-1]
        branches = _alternatives(part)
        if branches is None:
            return False
        if len(branches) > 1:
            return all(_anchored(b) for b in branches)
    return part.startswith("^")


def with_lookahead(source: str) -> str:
    """``source`` (case-insensitive) opening with a lookahead on its first characters, when
    they are plain to see; else ``source`` unchanged.

    Alternatives anchored at the string's start (``^``, compiled without MULTILINE) match only
    at position 0, so the lookahead lets position 0 through and reads the other alternatives.
    """
    chars = first_characters(source)
    if chars:
        return f"(?=[{''.join(sorted(chars))}])(?:{source})"
    parts = _alternatives(source)
    if not parts or not any(_anchored(p) for p in parts):
        return source
    rest = [p for p in parts if not _anchored(p)]
    chars = first_characters("|".join(rest)) if rest else None
    if not chars:
        return source  # all anchored (the engine tries position 0 alone), or not plain
    return f"(?:(?=[{''.join(sorted(chars))}])|^)(?:{source})"


def by_first_letter(words: list[str], tail: str = "") -> str:
    """An alternation of ``words`` grouped by first letter ("t(?:wo|hree)|o(?:ne)"), each word
    followed by ``tail``: the same matches as ``(?:w1|w2|...)tail`` (words of one first letter
    keep their order; words of different first letters never match at one place), tried faster."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(c)}(?:(?:{'|'.join(rest)}){tail})" for c, rest in groups.items())
