"""Proportions per study (exact interval) and pooled across studies (random effects, logit).

Per study: Clopper-Pearson exact 95% interval (statsmodels ``proportion_confint``, "beta").
Pooled: each study's logit proportion with its inverse-binomial variance ``1/x + 1/(n-x)``,
combined by DerSimonian-Laird random effects (statsmodels ``combine_effects``, ``method_re="dl"``)
and back-transformed. A study with 0 or n events has no finite logit: 0.5 is added to its events
and non-events (and 1 to its total) before the transformation, and the row says how many studies
were corrected. One study alone is reported as its own proportion with its exact interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from extract.analysis.counts import INDICATIONS, outcome_specs

POOLED_COLUMNS = [
    "outcome",
    "subgroup",
    "k",
    "events",
    "total",
    "proportion",
    "ci_low",
    "ci_high",
    "method",
    "tau2",
    "i2",
    "n_corrected",
]
SUBGROUPS = ("all", *INDICATIONS)
CORRECTION = 0.5
METHOD_RE = "random effects (DerSimonian-Laird) on the logit scale"
METHOD_SINGLE = "single study: its proportion, Clopper-Pearson exact CI"
ALPHA = 0.05


def exact_ci(events: int, total: int, alpha: float = ALPHA) -> tuple[float, float]:
    """Clopper-Pearson exact interval of ``events / total``."""
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(int(events), int(total), alpha=alpha, method="beta")
    return float(np.nan_to_num(low, nan=0.0)), float(np.nan_to_num(high, nan=1.0))


def logit_effects(events: np.ndarray, totals: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Logit proportions, their variances and how many studies needed the 0.5 correction."""
    events = np.asarray(events, dtype=float)
    totals = np.asarray(totals, dtype=float)
    corrected = (events == 0) | (events == totals)
    add = np.where(corrected, CORRECTION, 0.0)
    x, y = events + add, totals - events + add
    return np.log(x / y), 1.0 / x + 1.0 / y, int(corrected.sum())


def _expit(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


@dataclass
class Pooled:
    """A pooled proportion over k studies."""

    k: int
    events: int
    total: int
    proportion: float
    ci_low: float
    ci_high: float
    method: str
    tau2: float | None = None
    i2: float | None = None
    n_corrected: int = 0


def pool(events: list[int] | np.ndarray, totals: list[int] | np.ndarray) -> Pooled | None:
    """The pooled proportion of studies with ``events`` out of ``totals`` (None when k = 0)."""
    events = np.asarray(events, dtype=int)
    totals = np.asarray(totals, dtype=int)
    k = len(events)
    if k == 0:
        return None
    x, n = int(events.sum()), int(totals.sum())
    if k == 1:
        low, high = exact_ci(x, n)
        return Pooled(1, x, n, x / n, low, high, METHOD_SINGLE)
    from statsmodels.stats.meta_analysis import combine_effects

    effect, variance, n_corrected = logit_effects(events, totals)
    with np.errstate(divide="ignore", invalid="ignore"):
        result = combine_effects(effect, variance, method_re="dl", use_t=False, alpha=ALPHA)
        intervals = result.conf_int(alpha=ALPHA, use_t=False)
    # DerSimonian-Laird truncates tau2 at 0; statsmodels does not, and with tau2 <= 0 the random-
    # effects weights equal the fixed-effect ones, so its fixed-effect result is the DL result.
    if result.tau2 > 0:
        tau2, mean, (low, high) = float(result.tau2), result.mean_effect_re, intervals[1]
    else:
        tau2, mean, (low, high) = 0.0, result.mean_effect_fe, intervals[0]
    i2 = float(result.i2) if np.isfinite(result.i2) else 0.0
    return Pooled(
        k,
        x,
        n,
        _expit(float(mean)),
        _expit(float(low)),
        _expit(float(high)),
        METHOD_RE,
        tau2,
        max(0.0, i2),
        n_corrected,
    )


def _in_subgroup(frame: pd.DataFrame, subgroup: str) -> pd.DataFrame:
    return frame if subgroup == "all" else frame[frame["indication"] == subgroup]


def pooled_table(by_study: pd.DataFrame) -> pd.DataFrame:
    """One row per outcome and subgroup (all, ALI, CLTI) that has at least one study."""
    rows: list[dict[str, Any]] = []
    present = set(by_study["outcome"])
    for outcome in (key for key in outcome_specs() if key in present):
        studies = by_study[by_study["outcome"] == outcome]
        for subgroup in SUBGROUPS:
            part = _in_subgroup(studies, subgroup)
            result = pool(part["events"].to_numpy(), part["total"].to_numpy())
            if result is None:
                continue
            rows.append({"outcome": outcome, "subgroup": subgroup, **result.__dict__})
    return pd.DataFrame(rows, columns=POOLED_COLUMNS)


def study_intervals(by_study: pd.DataFrame) -> pd.DataFrame:
    """``by_study`` with each study's proportion and exact interval."""
    out = by_study.copy()
    cis = [exact_ci(e, t) for e, t in zip(out["events"], out["total"], strict=True)]
    out["proportion"] = [e / t for e, t in zip(out["events"], out["total"], strict=True)]
    out["ci_low"] = [c[0] for c in cis]
    out["ci_high"] = [c[1] for c in cis]
    return out
