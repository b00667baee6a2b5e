"""The report page: one self-contained HTML file (style and figures inline, nothing fetched)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from extract import __version__
from extract.analysis.analysis import Analysis, Curve, summary_numbers
from extract.analysis.counts import outcome_specs
from extract.analysis.plots import inline_svg
from extract.analysis.pooling import CORRECTION, exact_ci

_HERE = Path(__file__).parent
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"
LEFT_OUT_TITLES = {
    "failed": "Papers that could not be read",
    "duplicate": "Duplicates (counted once)",
    "off_topic": "Off-topic papers (not about DVA)",
    "no_outcome_data": "Studies without outcome data",
    "missing_total": "Reported counts without a usable total",
}


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_HERE),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def pct(value: Any) -> str:
    """A proportion as a percentage with one decimal ("" when missing)."""
    if value is None or value != value:
        return ""
    return f"{100 * float(value):.1f}%"


def _label(key: str) -> str:
    spec = outcome_specs().get(key)
    return spec.label if spec else key


def _pooled_rows(analysis: Analysis) -> list[dict[str, Any]]:
    rows = []
    for _, row in analysis.pooled.iterrows():
        rows.append(
            {
                "outcome": _label(row["outcome"]),
                "subgroup": row["subgroup"],
                "k": int(row["k"]),
                "counts": f"{int(row['events'])}/{int(row['total'])}",
                "estimate": f"{pct(row['proportion'])} ({pct(row['ci_low'])} to "
                f"{pct(row['ci_high'])})",
                "tau2": "" if row["tau2"] is None else f"{row['tau2']:.3f}",
                "i2": "" if row["i2"] is None else pct(row["i2"]),
                "corrected": int(row["n_corrected"]),
                "single": int(row["k"]) == 1,
            }
        )
    return rows


def _study_rows(analysis: Analysis) -> list[dict[str, Any]]:
    rows = []
    for _, row in analysis.by_study.iterrows():
        low, high = exact_ci(row["events"], row["total"])
        unknown = row["n_unknown"]
        rows.append(
            {
                "label": row["study_label"],
                "indication": row["indication"] or "",
                "outcome": _label(row["outcome"]),
                "counts": f"{row['events']}/{row['total']}",
                "estimate": f"{pct(row['events'] / row['total'])} ({pct(low)} to {pct(high)})",
                "source": row["source"],
                "time": "" if row["time_days"] is None else f"{row['time_days']:g} d",
                "unknown": "" if unknown is None or unknown != unknown else int(unknown),
            }
        )
    return rows


def _curve_view(curve: Curve) -> dict[str, Any]:
    data = curve.data
    milestones = []
    for name, value in curve.milestones.items():
        if value is not None:
            milestones.append(f"{name}: {pct(value[0])} ({pct(value[1])} to {pct(value[2])})")
        else:
            milestones.append(f"{name}: follow-up does not reach it")
    return {
        "title": curve.title,
        "svg": Markup(inline_svg(curve.svg)),
        "n": data.n,
        "events": data.n_events,
        "left_out": sorted(data.left_out.items()),
        "timed_by": sorted(data.timed_by.items()),
        "milestones": milestones,
        "groups": curve.groups,
        "file": f"km_{curve.endpoint}",
    }


def _left_out(analysis: Analysis) -> list[dict[str, Any]]:
    grouped: dict[str, list] = defaultdict(list)
    for item in analysis.counts.left_out:
        grouped[item.kind].append(item)
    return [
        {"title": LEFT_OUT_TITLES.get(kind, kind), "entries": grouped[kind]}
        for kind in LEFT_OUT_TITLES
        if grouped.get(kind)
    ]


def render_report(analysis: Analysis, files: list[str]) -> str:
    """The report page as HTML text."""
    forests = [
        {"label": _label(key), "svg": Markup(inline_svg(svg)), "file": f"forest_{key}.svg"}
        for key, svg in analysis.forests.items()
    ]
    template = _environment().get_template("report.html.j2")
    return template.render(
        csp=CSP,
        style=(_HERE / "report.css").read_text(encoding="utf-8"),
        version=__version__,
        pooled_path=str(analysis.tables.pooled_path),
        studies_path=str(analysis.tables.studies_path),
        numbers=summary_numbers(analysis),
        pooled=_pooled_rows(analysis),
        studies=_study_rows(analysis),
        forests=forests,
        curves=[_curve_view(c) for c in analysis.curves],
        left_out=_left_out(analysis),
        checks=analysis.counts.checks,
        correction=CORRECTION,
        files=files,
    )
