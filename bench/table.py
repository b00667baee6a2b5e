"""One benchmark figure per row, and the plain-text table they print as."""

from __future__ import annotations

from dataclasses import asdict, dataclass

HEADER = ("figure", "ours", "baseline", "ours/base", "target", "holds?")


@dataclass
class Row:
    """A figure: ours beside the baseline's, with the target and whether it holds."""

    figure: str
    ours: float
    baseline: float | None
    unit: str
    target: str
    holds: bool | None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """ours / baseline."""
        return self.ours / self.baseline if self.baseline else None

    def as_dict(self) -> dict:
        """The row as plain data (with the ratio)."""
        return {**asdict(self), "ratio": self.ratio}


def number(value: float | None, unit: str = "") -> str:
    """A figure with 3 significant digits and its unit."""
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "x":
        return f"{value:.2f}"
    if unit == "MB":
        return f"{value:.0f} MB"
    if abs(value) >= 1000:
        return f"{value:,.0f}{unit}"
    return f"{value:.3g}{unit}"


def render(rows: list[Row]) -> str:
    """The table (fixed-width columns), then one numbered line per note."""
    cells = [HEADER]
    notes: list[str] = []
    for row in rows:
        figure = row.figure
        if row.note:
            notes.append(row.note)
            figure += f" [{len(notes)}]"
        holds = {True: "yes", False: "NO", None: ""}[row.holds]
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}"
        cells.append(
            (figure, number(row.ours, row.unit), number(row.baseline, row.unit), ratio,
             row.target, holds)
        )  # fmt: skip
    widths = [max(len(c[k]) for c in cells) for k in range(len(HEADER))]
    lines = []
    for k, cell in enumerate(cells):
        lines.append(
            " | ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(cell, widths, strict=True))
            )
        )
        if k == 0:
            lines.append("-+-".join("-" * w for w in widths))
    lines += [f"[{k}] {note}" for k, note in enumerate(notes, 1)]
    return "\n".join(lines)
