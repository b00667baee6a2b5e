"""A count and its printed percentage: the whole number a percentage stands for, and back."""

from __future__ import annotations

from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal


def whole(percent: str, total: int) -> int | None:
    """The whole number of ``total`` that ``percent`` (as printed) stands for, if any."""
    places = Decimal(1).scaleb(-len(percent.split(".")[1])) if "." in percent else Decimal(1)
    shown = Decimal(percent)
    for k in range(total + 1):  # a half (13/80 = 16.25%) is printed rounded up or down
        exact = Decimal(100 * k) / Decimal(total)
        if shown in {exact.quantize(places, rounding=r) for r in (ROUND_HALF_UP, ROUND_HALF_DOWN)}:
            return k
    return None


def total_from(events: int, percent: str) -> int | None:
    """The total a count and its percentage imply ("7 (25.0)" -> 28), checked both ways."""
    value = float(percent)
    if value <= 0 or events <= 0:
        return None
    total = round(events * 100 / value)
    return total if total >= events and whole(percent, total) == events else None
