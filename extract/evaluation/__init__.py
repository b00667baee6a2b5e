"""Scoring `extract` against gold annotations, and agreement between two annotators.

``evaluate.py`` at the repository root is the command line; this package does the work:
``gold`` (load and validate), ``values`` (normalise and compare), ``align`` (patient matching),
``scoring`` (TP/FP/FN per field), ``report`` (totals, text, JSON), ``agreement`` (kappa),
``runner`` (extract every corpus paper that has gold).
"""

from extract.evaluation.agreement import cohen_kappa, compare
from extract.evaluation.gold import GoldView, load_gold
from extract.evaluation.report import Report
from extract.evaluation.runner import evaluate
from extract.evaluation.scoring import Counts, PaperScore, score_document

__all__ = [
    "Counts",
    "GoldView",
    "PaperScore",
    "Report",
    "cohen_kappa",
    "compare",
    "evaluate",
    "load_gold",
    "score_document",
]
