"""Forest plots and Kaplan-Meier plots as SVG text (matplotlib, Agg backend, no pyplot state kept).

SVGs are made reproducible (fixed element ids, no date) and keep their text as text.
"""

from __future__ import annotations

import functools
import io
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
import pandas as pd  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402

from extract.analysis.counts import INDICATIONS  # noqa: E402
from extract.analysis.pooling import Pooled  # noqa: E402

STYLE = {
    "svg.hashsalt": "dva-extract",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "text.parse_math": False,  # a "$" in a study label is text, not TeX
    "text.usetex": False,
}
COLOURS = {"all": "#222222", "ALI": "#c0392b", "CLTI": "#1f5fa8"}
OTHER = "other"
ROW_INCHES = 0.24


def styled(draw):
    """Run a drawing function under :data:`STYLE` (the figure's texts are made inside it)."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)

    return wrapper


def svg_text(fig, tight: bool = True) -> str:
    """The figure as SVG text (``tight``: cropped to its content, one more draw); closed after."""
    buffer = io.StringIO()
    crop = "tight" if tight else None
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches=crop)
    plt.close(fig)
    return buffer.getvalue()


def inline_svg(svg: str) -> str:
    """An SVG for inlining in HTML: no XML prolog, no metadata block, no namespace URLs."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    return re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", svg).strip()


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _sections(studies: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    out = [(group, studies[studies["indication"] == group]) for group in INDICATIONS]
    rest = studies[~studies["indication"].isin(INDICATIONS)]
    out.append((OTHER, rest))
    return [(name, part) for name, part in out if len(part)]


def _diamond(ax, y: float, pooled: Pooled, colour: str) -> None:
    points = [
        (pooled.ci_low, y),
        (pooled.proportion, y + 0.3),
        (pooled.ci_high, y),
        (pooled.proportion, y - 0.3),
    ]
    ax.add_patch(Polygon(points, closed=True, facecolor=colour, edgecolor=colour))


@styled
def forest_svg(studies: pd.DataFrame, pooled: dict[str, Pooled], title: str) -> str:
    """A forest plot: one line per study (exact CI), a diamond per subgroup and for all studies.

    ``studies`` has study_label, indication, events, total, proportion, ci_low, ci_high;
    ``pooled`` maps subgroup ("all", "ALI", "CLTI") to its pooled estimate.
    """
    lines: list[tuple[str, object, str]] = []  # (kind, payload, colour)
    for name, part in _sections(studies):
        heading = name if name in INDICATIONS else "ALI and CLTI, or not stated"
        lines.append(("heading", heading, COLOURS.get(name, "#555555")))
        for _, row in part.iterrows():
            lines.append(("study", row, COLOURS.get(name, "#555555")))
        if name in pooled and pooled[name].k >= 2:
            lines.append(("pooled", (f"{name} subgroup", pooled[name]), COLOURS[name]))
    if "all" in pooled:
        lines.append(("pooled", ("All studies", pooled["all"]), COLOURS["all"]))
    height = 1.1 + ROW_INCHES * (len(lines) + 1)
    fig, ax = plt.subplots(figsize=(8.5, height))
    fig.subplots_adjust(left=0.36, right=0.70, top=1 - 0.55 / height, bottom=0.5 / height)
    n = len(lines)
    text = {"transform": ax.get_yaxis_transform(), "va": "center", "fontsize": 8.5}
    for i, (kind, payload, colour) in enumerate(lines):
        y = n - i
        if kind == "heading":
            ax.text(-0.02, y, str(payload), ha="right", weight="bold", color=colour, **text)
            continue
        if kind == "study":
            row = payload
            size = 3 + min(9.0, float(row["total"]) ** 0.5)
            ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=colour, lw=1)
            ax.plot(row["proportion"], y, "s", color=colour, ms=size, mec="white", mew=0.4)
            label, numbers = str(row["study_label"]), f"{row['events']}/{row['total']}"
            estimate = (row["proportion"], row["ci_low"], row["ci_high"])
        else:
            label, est = payload
            _diamond(ax, y, est, colour)
            numbers = f"{est.events}/{est.total}, k={est.k}"
            estimate = (est.proportion, est.ci_low, est.ci_high)
        weight = "bold" if kind == "pooled" else "normal"
        ax.text(-0.02, y, label, ha="right", weight=weight, **text)
        ax.text(1.03, y, numbers, ha="left", **text)
        p, lo, hi = estimate
        ax.text(1.40, y, f"{_pct(p)} [{_pct(lo)}, {_pct(hi)}]", ha="left", weight=weight, **text)
    if "all" in pooled:
        ax.axvline(pooled["all"].proportion, color="#888888", lw=0.8, ls="--")
    ax.set_xlim(0, 1)
    ax.set_ylim(0.3, n + 0.7)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel("Proportion (95% CI: exact per study, random effects pooled)")
    ax.text(1.03, n + 0.9, "events/total", ha="left", weight="bold", **{**text, "va": "bottom"})
    ax.text(1.40, n + 0.9, "% [95% CI]", ha="left", weight="bold", **{**text, "va": "bottom"})
    ax.set_title(title, loc="left", fontsize=10, weight="bold", pad=16)
    return svg_text(fig, tight=False)  # laid out by hand: cropping would draw it twice


@styled
def message_svg(title: str, message: str) -> str:
    """A small figure that says why there is no plot."""
    fig, ax = plt.subplots(figsize=(6, 1.4))
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=10, weight="bold")
    ax.text(0.0, 0.5, message, transform=ax.transAxes, va="center")
    return svg_text(fig)


@styled
def km_svg(fitters: list, title: str, xlabel: str = "Days since the index DVA") -> str:
    """Kaplan-Meier curves (95% CI bands, censoring ticks) with the numbers at risk below."""
    from lifelines.plotting import add_at_risk_counts

    fig, ax = plt.subplots(figsize=(7.5, 4.6 + 0.25 * len(fitters)))
    for fitter in fitters:
        colour = COLOURS.get(str(fitter._label), COLOURS["all"])
        fitter.plot_survival_function(
            ax=ax, ci_show=True, show_censors=True, color=colour, censor_styles={"ms": 5}
        )
    ax.set_ylim(0, 1.02)
    ax.set_xlim(left=0)
    ax.set_ylabel("Probability")
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=10, weight="bold")
    rows = ["At risk", "Censored", "Events"] if len(fitters) == 1 else ["At risk"]
    add_at_risk_counts(*fitters, ax=ax, fig=fig, rows_to_show=rows)
    fig.tight_layout()
    return svg_text(fig)
