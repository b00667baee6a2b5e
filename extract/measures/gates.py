"""Cheap pre-checks that let a regex skip a text it cannot match (a speed-up, never a filter).

Each pattern of ``patterns.json`` comes with the words one of which every match contains
(``needs``: "old" for ages, "mm"/"cm" for sizes, the unit words for durations). A text holding
none of them cannot match, so ``finditer`` is skipped. Case-insensitive patterns compare the
lowercased words with the lowercased text, which is exact unless the text holds one of the few
characters that fold to ASCII letters differently under ``re.IGNORECASE`` than under
``str.lower`` (then the pattern always runs). tests/measures/test_gates.py checks the lists.
"""

from __future__ import annotations

# Characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not map to one.
_UNSAFE_FOLDS = ("\u0130", "\u0131", "\u017f")  # İ, dotless ı, long ſ


class TextGate:
    """One text, asked per pattern whether the pattern could match it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: str | None = None
        self._answers: dict[tuple[str, ...], bool] = {}
        self.folds_safely = not any(ch in text for ch in _UNSAFE_FOLDS)

    def may_match(self, needs: tuple[str, ...] | None) -> bool:
        """False only when the text holds none of ``needs`` (a pattern's required words)."""
        if not needs:
            return True
        if not self.folds_safely:
            return True
        answer = self._answers.get(needs)
        if answer is None:
            if self._lower is None:
                self._lower = self.text.lower()
            answer = self._answers[needs] = any(word in self._lower for word in needs)
        return answer
