"""The PDF render set in evaluation: corpus/renders/<layout>/<path>.pdf scored against gold/<path>.

Each rendered PDF is paired with the gold of the text paper it was made from; its group (one per
layout, ``render = true`` in groups.toml) is reported beside the text groups, with the text score
of the same papers for comparison, and is left out of "all papers".
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from extract.evaluation.gold import Pair, group_of

if TYPE_CHECKING:
    from extract.evaluation.scoring import PaperScore

RENDERS = "renders"
MAKE = "python corpus/tools/render_set.py"


@cache
def render_groups() -> frozenset[str]:
    """Keys of the groups marked ``render = true`` in groups.toml."""
    with open(Path(__file__).with_name("groups.toml"), "rb") as handle:
        data = tomllib.load(handle)
    return frozenset(g["key"] for g in data["group"] if g.get("render"))


def is_render(group: str) -> bool:
    """Whether a group key is a PDF layout of the render set."""
    return group in render_groups()


def render_pairs(corpus_root: Path, gold_root: Path) -> tuple[list[Pair], str | None]:
    """Rendered PDFs that have gold, and a note when there are none."""
    root = corpus_root / RENDERS
    pairs = []
    for pdf in sorted(root.rglob("*.pdf")) if root.is_dir() else []:
        layout, *rest = pdf.relative_to(root).with_suffix("").parts
        source = "/".join(rest)
        gold = gold_root / f"{source}.json"
        if rest and gold.is_file():
            name = f"{RENDERS}/{layout}/{source}"
            pairs.append(Pair(name=name, group=group_of(name), gold_path=gold, paper_path=pdf))
    if pairs:
        return pairs, None
    return [], f"no rendered PDFs in {root} (PDF layouts not scored; {MAKE} makes them)"


def source_name(paper: PaperScore) -> str:
    """The text paper a rendered PDF was made from ("renders/A/n/N01" -> "n/N01")."""
    return paper.name.split("/", 2)[2]


def comparison_lines(papers: list[PaperScore]) -> list[str]:
    """Per layout: micro F1 of the PDFs and of the same papers as text, and the difference."""
    from extract.evaluation.report import micro, sum_fields

    text = {p.name: p for p in papers if not is_render(p.group)}
    layouts: dict[str, list[PaperScore]] = {}
    for paper in papers:
        if is_render(paper.group):
            layouts.setdefault(paper.group, []).append(paper)
    lines = []
    for group, rendered in layouts.items():
        same = [text[source_name(p)] for p in rendered if source_name(p) in text]
        pdf_f1 = micro(sum_fields(rendered)).f1
        text_f1 = micro(sum_fields(same)).f1 if same else None
        if pdf_f1 is None or text_f1 is None or len(same) != len(rendered):
            continue
        lines.append(
            f"  {group}: PDF {pdf_f1:.3f} vs the same {len(same)} papers as text {text_f1:.3f}"
            f" (difference {pdf_f1 - text_f1:+.3f})"
        )
    return lines
