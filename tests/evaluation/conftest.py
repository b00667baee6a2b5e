"""Fixtures for the evaluation tests: builders of tiny predictions and gold views."""

from __future__ import annotations

from typing import Any

import pytest

from extract.evaluation.gold import GoldView, gold_from_data
from schemas.models import ExtractionResult

SOURCE = {"path": "paper.txt", "sha256": "0" * 64, "format": "text"}


def _prediction(patients: list[dict[str, Any]], study: dict[str, Any] | None = None):
    """An ExtractionResult with the given patients and study facts."""
    return ExtractionResult.model_validate(
        {"source": SOURCE, "study": study or {}, "patients": patients}
    )


def _gold(
    patients: list[dict[str, Any]],
    study: dict[str, Any] | None = None,
    conflicts: list[dict[str, Any]] | None = None,
) -> GoldView:
    """A validated gold view with the given patients, study facts and conflicts."""
    return gold_from_data(
        {"study": study or {}, "patients": patients, "conflicts": conflicts or []}, "gold.json"
    )


@pytest.fixture
def prediction():
    """Builder: ``prediction(patients, study=None)`` -> ExtractionResult."""
    return _prediction


@pytest.fixture
def gold():
    """Builder: ``gold(patients, study=None, conflicts=None)`` -> GoldView."""
    return _gold
