"""Cheap pre-checks that let a regex skip a text it cannot match (a speed-up, never a filter).

For each pattern, :func:`required_literals` reads the parsed regex for a set of strings one of
which every match must contain (a mandatory literal, an alternation of literals, a literal in a
positive lookaround). A text holding none of them cannot match, so ``finditer`` is skipped.
Case-insensitive patterns compare lowercased ASCII literals with the lowercased text, which is
exact unless the text holds one of the few characters that fold to ASCII letters differently
under ``re.IGNORECASE`` than under ``str.lower`` (then the pattern always runs).
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as c  # noqa: PLC2701 - the parser's opcodes, stable since 3.11
from re import _parser  # noqa: PLC2701

# Characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not map to one.
_UNSAFE_FOLDS = ("\u0130", "\u0131", "\u017f")  # İ, dotless ı, long ſ
_REPEATS = tuple(
    op for op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) if op
)


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective set: longest shortest string, then fewest strings."""
    usable = [s for s in options if s and all(x and x.isascii() for x in s)]
    if not usable:
        return None
    return max(usable, key=lambda s: (min(len(x) for x in s), -len(s)))


def _required(items) -> list[frozenset[str]]:  # noqa: ANN001 - a parsed (sub)pattern
    """Sets of strings such that every match of ``items`` contains one string of each set."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not (add_flags or del_flags):
                found += _required(sub)
        elif op is getattr(c, "ATOMIC_GROUP", None):
            found += _required(av)
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                found += _required(sub)
        elif op is c.BRANCH:
            alternatives = [_best(_required(alt)) for alt in av[1]]
            if all(a is not None for a in alternatives):
                found.append(frozenset().union(*alternatives))
        elif op is c.ASSERT:  # a positive lookahead/lookbehind: its text is there too
            found += _required(av[1])
        elif op is c.IN and av and all(o is c.LITERAL for o, _ in av):
            found.append(frozenset(chr(v) for _, v in av))
    flush()
    return found


@cache
def required_literals(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains (lowercased if it ignores case).

    None when no such set is found (the pattern then runs on every text).
    """
    try:
        best = _best(_required(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - an unexpected parse tree: no gate, never a wrong skip
        return None
    if best is None:
        return None
    if pattern.flags & re.IGNORECASE:
        best = frozenset(x.lower() for x in best)
    return tuple(sorted(best))


@cache
def _gate_of(pattern: re.Pattern) -> tuple[tuple[str, ...] | None, bool]:
    return required_literals(pattern), bool(pattern.flags & re.IGNORECASE)


class TextGate:
    """One text, asked per pattern whether the pattern could match it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: str | None = None
        self.folds_safely = not any(ch in text for ch in _UNSAFE_FOLDS)

    def may_match(self, pattern: re.Pattern) -> bool:
        """False only when ``pattern`` certainly finds nothing in the text."""
        needed, ignore_case = _gate_of(pattern)
        if needed is None:
            return True
        if ignore_case:
            if not self.folds_safely:
                return True
            if self._lower is None:
                self._lower = self.text.lower()
            haystack = self._lower
        else:
            haystack = self.text
        for x in needed:
            if x in haystack:
                return True
        return False
