"""Pydantic models of the output contract and of gold annotations."""

from schemas.models import (
    Conflict,
    Evidence,
    ExtractionResult,
    GoldDocument,
    GoldPatient,
    Patient,
    PriorDVA,
    Reported,
    Source,
    Stent,
    Study,
)

__all__ = [
    "Conflict",
    "Evidence",
    "ExtractionResult",
    "GoldDocument",
    "GoldPatient",
    "Patient",
    "PriorDVA",
    "Reported",
    "Source",
    "Stent",
    "Study",
]
