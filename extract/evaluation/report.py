"""Totals over papers (per field, micro, macro, per paper, per group) as text and JSON."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from extract.evaluation.fields import ALL_FIELDS, BY_NAME
from extract.evaluation.gold import group_labels
from extract.evaluation.renders import comparison_lines, is_render
from extract.evaluation.scoring import Counts, PaperScore


def sum_fields(papers: Iterable[PaperScore]) -> dict[str, Counts]:
    """Per-field counts summed over papers, in the contract's field order."""
    totals: dict[str, Counts] = {}
    for paper in papers:
        for name, counts in paper.fields.items():
            totals.setdefault(name, Counts()).add(counts)
    order = {spec.name: i for i, spec in enumerate(ALL_FIELDS)}
    return dict(sorted(totals.items(), key=lambda item: order.get(item[0], len(order))))


def micro(fields: dict[str, Counts]) -> Counts:
    """All fields' counts pooled."""
    total = Counts()
    for counts in fields.values():
        total.add(counts)
    return total


def macro(fields: dict[str, Counts]) -> dict[str, float | None]:
    """Unweighted means of per-field precision, recall and F1 (fields where defined)."""

    def mean(values: list[float | None]) -> float | None:
        kept = [v for v in values if v is not None]
        return fmean(kept) if kept else None

    counts = list(fields.values())
    return {
        "precision": mean([c.precision for c in counts]),
        "recall": mean([c.recall for c in counts]),
        "f1": mean([c.f1 for c in counts]),
    }


def _counts_json(counts: Counts, scalar: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "support": counts.support,
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }
    if scalar:
        data["exact_match"] = counts.exact_rate
    return data


@dataclass
class Report:
    """Every scored paper, plus notes (gold without a paper, hash mismatches)."""

    papers: list[PaperScore]
    notes: list[str] = field(default_factory=list)
    render_note: str | None = None  # why no PDF layout of the render set was scored

    def by_group(self) -> dict[str, list[PaperScore]]:
        """Papers per group key, every known text group present, ``all`` (text papers) after
        them, then the PDF layouts of the render set that were scored."""
        groups: dict[str, list[PaperScore]] = {
            key: [] for key in group_labels() if not is_render(key)
        }
        rendered: dict[str, list[PaperScore]] = {}
        for paper in self.papers:
            (rendered if is_render(paper.group) else groups).setdefault(paper.group, []).append(
                paper
            )
        groups["all"] = [p for p in self.papers if not is_render(p.group)]
        if not groups.get("other"):
            groups.pop("other", None)
        return groups | rendered

    def micro_f1(self) -> float | None:
        """Micro F1 over the selected text papers (every selected paper when all are PDFs of
        the render set)."""
        text = [p for p in self.papers if not is_render(p.group)]
        return micro(sum_fields(text or self.papers)).f1

    def to_json(self) -> dict[str, Any]:
        """The report as plain JSON data."""
        fields = sum_fields(self.papers)
        groups = {}
        for key, papers in self.by_group().items():
            group_fields = sum_fields(papers)
            groups[key] = {
                "label": group_labels().get(key, key),
                "papers": [p.name for p in papers],
                "micro": _counts_json(micro(group_fields), scalar=False),
                "macro": macro(group_fields),
            }
        return {
            "fields": {
                name: _counts_json(c, scalar=not BY_NAME[name].is_list)
                for name, c in fields.items()
            },
            "micro": _counts_json(micro(fields), scalar=False),
            "macro": macro(fields),
            "groups": groups,
            "papers": [
                {
                    "paper": p.name,
                    "group": p.group,
                    "error": p.error,
                    "patients": {
                        "gold": p.n_gold_patients,
                        "predicted": p.n_pred_patients,
                        "matched": p.n_matched,
                    },
                    "micro": _counts_json(p.total(), scalar=False),
                    "fields": {
                        name: _counts_json(c, scalar=not BY_NAME[name].is_list)
                        for name, c in p.fields.items()
                    },
                }
                for p in self.papers
            ],
            "errors": [e.to_dict() for p in self.papers for e in p.errors],
            "notes": list(self.notes),
        }

    def render(self, show_errors: bool = False, quiet: bool = False) -> str:
        """The plain-text report (``quiet``: the totals lines only)."""
        lines: list[str] = []
        if not quiet:
            failed = sum(1 for p in self.papers if p.error)
            lines.append(
                f"Evaluation of {len(self.papers)} paper{'s' if len(self.papers) != 1 else ''}"
                f" with gold ({failed} extraction failure{'s' if failed != 1 else ''})"
            )
            lines.append("")
            lines += _field_table(sum_fields(self.papers))
            lines += ["", *_paper_table(self.papers)]
            lines.append("")
        lines += _group_lines(self.by_group())
        lines += comparison_lines(self.papers)
        if self.render_note:
            lines.append(f"PDF render set: {self.render_note}")
        if show_errors and not quiet:
            lines += ["", *_error_lines(self.papers)]
        if self.notes and not quiet:
            lines += ["", *(f"note: {note}" for note in self.notes)]
        return "\n".join(lines) + "\n"


def _fmt(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _field_table(fields: dict[str, Counts]) -> list[str]:
    width = max([len(name) for name in fields] + [len("field")])
    head = f"{'field':<{width}}  support    TP    FP    FN   prec  recall    F1   exact"
    lines = [head, "-" * len(head)]
    for name, c in fields.items():
        exact = "" if BY_NAME[name].is_list else _fmt(c.exact_rate)
        lines.append(
            f"{name:<{width}}  {c.support:7d} {c.tp:5d} {c.fp:5d} {c.fn:5d}  "
            f"{_fmt(c.precision)}  {_fmt(c.recall)}  {_fmt(c.f1)}  {exact}".rstrip()
        )
    total, averaged = micro(fields), macro(fields)
    lines.append("-" * len(head))
    lines.append(
        f"{'micro':<{width}}  {total.support:7d} {total.tp:5d} {total.fp:5d} {total.fn:5d}  "
        f"{_fmt(total.precision)}  {_fmt(total.recall)}  {_fmt(total.f1)}"
    )
    lines.append(
        f"{'macro':<{width}}  {'':7} {'':5} {'':5} {'':5}  {_fmt(averaged['precision'])}  "
        f"{_fmt(averaged['recall'])}  {_fmt(averaged['f1'])}"
    )
    return lines


def _paper_table(papers: list[PaperScore]) -> list[str]:
    width = max([len(p.name) for p in papers] + [len("paper")])
    head = (
        f"{'paper':<{width}}  {'group':<5}  patients g/p/m    TP    FP    FN   prec  recall    F1"
    )
    lines = [head, "-" * len(head)]
    for p in papers:
        t = p.total()
        patients = f"{p.n_gold_patients}/{p.n_pred_patients}/{p.n_matched}"
        lines.append(
            f"{p.name:<{width}}  {p.group:<5}  {patients:>14} {t.tp:5d} {t.fp:5d} {t.fn:5d}  "
            f"{_fmt(t.precision)}  {_fmt(t.recall)}  {_fmt(t.f1)}"
        )
        if p.error:
            lines.append(f"{'':<{width}}  extraction failed: {p.error}")
    return lines


def _group_lines(groups: dict[str, list[PaperScore]]) -> list[str]:
    labels = group_labels()
    width = max(len(labels.get(key, key)) for key in groups)
    lines = []
    for key, papers in groups.items():
        label = labels.get(key, key)
        if not papers:
            lines.append(f"{label:<{width}}  micro F1     -  (no papers)")
            continue
        fields = sum_fields(papers)
        total, averaged = micro(fields), macro(fields)
        lines.append(
            f"{label:<{width}}  micro F1 {_fmt(total.f1)}  P {_fmt(total.precision)}  "
            f"R {_fmt(total.recall)}  macro F1 {_fmt(averaged['f1'])}  "
            f"({len(papers)} paper{'s' if len(papers) != 1 else ''})"
        )
    return lines


def _error_lines(papers: list[PaperScore]) -> list[str]:
    lines = ["Errors (got / expected):"]
    count = 0
    for p in papers:
        for e in p.errors:
            count += 1
            who = ""
            if e.patient is not None or e.pred_patient is not None:
                who = f" patient {e.patient or '-'} (pred {e.pred_patient or '-'})"
            lines.append(
                f"  {p.name}{who} {e.field} [{e.kind}]: got {e.got} / expected {e.expected}"
            )
            if e.evidence:
                quote = " ".join(e.evidence.split())
                quote = quote if len(quote) <= 160 else quote[:157] + "..."
                lines.append(f'      evidence: "{quote}"')
    if not count:
        lines.append("  none")
    return lines
