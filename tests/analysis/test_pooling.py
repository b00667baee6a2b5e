"""Pooled proportions pinned against values computed by hand (DerSimonian-Laird on logits)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from extract.analysis.pooling import (
    METHOD_RE,
    METHOD_SINGLE,
    POOLED_COLUMNS,
    exact_ci,
    pool,
    pooled_table,
    study_intervals,
)

Z = 1.959963984540054


def expit(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def by_hand(events: list[int], totals: list[int]) -> tuple[float, float, float, float, float]:
    """DerSimonian-Laird on logit proportions, written out: (p, low, high, tau2, i2)."""
    ys, vs = [], []
    for x, n in zip(events, totals, strict=True):
        c = 0.5 if x in (0, n) else 0.0
        ys.append(math.log((x + c) / (n - x + c)))
        vs.append(1 / (x + c) + 1 / (n - x + c))
    w = [1 / v for v in vs]
    fixed = sum(wi * yi for wi, yi in zip(w, ys, strict=True)) / sum(w)
    q = sum(wi * (yi - fixed) ** 2 for wi, yi in zip(w, ys, strict=True))
    df = len(ys) - 1
    c = sum(w) - sum(wi**2 for wi in w) / sum(w)
    tau2 = max(0.0, (q - df) / c)
    wr = [1 / (v + tau2) for v in vs]
    mean = sum(wi * yi for wi, yi in zip(wr, ys, strict=True)) / sum(wr)
    se = math.sqrt(1 / sum(wr))
    i2 = max(0.0, (q - df) / q) if q > 0 else 0.0
    return expit(mean), expit(mean - Z * se), expit(mean + Z * se), tau2, i2


def test_pool_single_study_is_its_own_proportion_with_the_exact_interval():
    result = pool([1], [4])
    assert result.k == 1 and result.proportion == 0.25 and result.method == METHOD_SINGLE
    # Clopper-Pearson for 1/4: beta quantiles, published as 0.0063 to 0.8059
    assert (result.ci_low, result.ci_high) == pytest.approx((0.0063, 0.8059), abs=1e-4)
    assert result.tau2 is None and result.i2 is None


def test_pool_identical_studies_give_their_common_proportion_and_no_heterogeneity():
    result = pool([2, 2, 2], [10, 10, 10])
    se = math.sqrt((1 / 2 + 1 / 8) / 3)  # within-study variance 1/x + 1/(n-x), three studies
    centre = math.log(2 / 8)
    assert result.proportion == pytest.approx(0.2)
    assert result.ci_low == pytest.approx(expit(centre - Z * se))
    assert result.ci_high == pytest.approx(expit(centre + Z * se))
    assert result.tau2 == 0.0 and result.i2 == 0.0 and result.n_corrected == 0
    assert result.method == METHOD_RE


def test_pool_zero_event_study_gets_half_a_patient_on_each_side_and_is_counted():
    result = pool([0, 3], [5, 10])
    p, low, high, tau2, i2 = by_hand([0, 3], [5, 10])
    assert result.n_corrected == 1
    assert (result.proportion, result.ci_low, result.ci_high) == pytest.approx((p, low, high))
    assert result.tau2 == pytest.approx(tau2) and result.i2 == pytest.approx(i2)
    assert (result.events, result.total) == (3, 15)


def test_pool_all_zero_studies_pool_to_the_corrected_proportion():
    result = pool([0, 0], [5, 5])
    assert result.n_corrected == 2
    assert result.proportion == pytest.approx(0.5 / 6)  # logit of 0.5/5.5 back-transformed


def test_pool_heterogeneous_studies_match_the_dersimonian_laird_formula():
    events, totals = [1, 8, 3], [10, 10, 12]
    result = pool(events, totals)
    p, low, high, tau2, i2 = by_hand(events, totals)
    assert tau2 > 0
    assert (result.proportion, result.ci_low, result.ci_high) == pytest.approx((p, low, high))
    assert result.tau2 == pytest.approx(tau2) and result.i2 == pytest.approx(i2)


def test_pool_no_study_gives_nothing():
    assert pool([], []) is None


def test_exact_ci_at_the_edges():
    assert exact_ci(0, 5)[0] == 0.0 and exact_ci(5, 5)[1] == 1.0
    assert exact_ci(0, 5)[1] == pytest.approx(1 - 0.025 ** (1 / 5))  # (alpha/2)^(1/n)


def test_pooled_table_one_row_per_outcome_and_subgroup_with_studies():
    by_study = pd.DataFrame(
        {
            "outcome": ["death", "death", "death", "major_amputation"],
            "indication": ["ALI", "CLTI", "CLTI", "CLTI"],
            "events": [1, 2, 0, 3],
            "total": [2, 10, 4, 8],
        }
    )
    table = pooled_table(by_study)
    assert list(table.columns) == POOLED_COLUMNS
    keys = list(zip(table["outcome"], table["subgroup"], table["k"], strict=True))
    assert keys == [
        ("major_amputation", "all", 1),
        ("major_amputation", "CLTI", 1),
        ("death", "all", 3),
        ("death", "ALI", 1),
        ("death", "CLTI", 2),
    ]
    clti = table[(table["outcome"] == "death") & (table["subgroup"] == "CLTI")].iloc[0]
    assert clti["proportion"] == pytest.approx(by_hand([2, 0], [10, 4])[0])


def test_study_intervals_add_proportion_and_exact_interval():
    frame = study_intervals(pd.DataFrame({"events": [0, 3], "total": [4, 6]}))
    assert list(frame["proportion"]) == [0.0, 0.5]
    assert (frame["ci_low"][1], frame["ci_high"][1]) == pytest.approx(exact_ci(3, 6))
