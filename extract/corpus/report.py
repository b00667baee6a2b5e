"""The one-screen summary printed at the end of a corpus run."""

from __future__ import annotations

from extract.corpus.assemble import Pooled

MAX_LISTED = 12


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _listed(items: list[str]) -> list[str]:
    shown = [f"    {item}" for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        shown.append(f"    ... {len(items) - MAX_LISTED} more (see the studies file)")
    return shown


def summary_lines(
    pooled: Pooled,
    outputs: dict[str, str],
    found: int,
    page_failures: list[tuple[str, str]] | None = None,
) -> list[str]:
    """The summary as lines of text: files written, papers, failures, pooled figures."""
    f = pooled.figures
    lines = [f"{label:<16}{path}" for label, path in outputs.items()]
    if page_failures:
        lines.append(f"{'  pages failed':<16}{len(page_failures)}")
        lines += _listed([f"{rel}: {reason}" for rel, reason in page_failures])
    lines.append(f"{'papers found':<16}{found}")
    lines.append(f"{'  read':<16}{pooled.read}")
    empty = [rel for _, rel, r in pooled.results if not r.patients]
    if empty:
        lines.append(f"{'  no patients':<16}{len(empty)} (no individual patient data found)")
    lines.append(f"{'  failed':<16}{len(pooled.failed)}")
    lines += _listed([f"{rel}: {reason}" for rel, reason in pooled.failed])
    lines.append(f"{'  duplicates':<16}{len(pooled.duplicates)} (not counted)")
    lines += _listed([f"{rel} = {first} ({why})" for rel, first, why in pooled.duplicates])
    if pooled.skipped:
        lines.append(f"{'  skipped':<16}{len(pooled.skipped)} (not read)")
        lines += _listed([f"{rel}: {reason}" for rel, reason in pooled.skipped])
    reported = [r.study.n_patients for _, _, r in pooled.results]
    note = ""
    if reported and all(n is not None for n in reported):
        note = f" (the papers report {sum(reported)})"
    lines.append(f"{'patients':<16}{f.patients}{note}")
    if f.amputation_known:
        low, high = f.major_ci or (0.0, 0.0)
        lines.append(
            f"{'major amp.':<16}{f.major}/{f.amputation_known} with a known outcome = "
            f"{_pct(f.major_rate or 0.0)} (Wilson 95% CI {_pct(low)}-{_pct(high)})"
        )
    else:
        lines.append(f"{'major amp.':<16}no patient with a known amputation outcome")
    lines.append(f"{'limb salvage':<16}{f.limb_salvage} (no major amputation)")
    lines.append(f"{'amputation-free':<16}{f.amputation_free} (no amputation at any level)")
    lines.append(f"{'deaths':<16}{f.deaths}/{f.death_known} with a known status")
    return lines
