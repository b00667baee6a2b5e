"""Candidate values with their evidence, and how one value is chosen among them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemas.models import Conflict, Evidence


@dataclass
class Candidate:
    """A value read from one place (a table cell or narrative text)."""

    value: Any
    evidence: list[Evidence]
    source: str = "text"


@dataclass
class FieldValues:
    """The chosen values, their evidence and the conflicts of one patient (or the study)."""

    patient_id: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    def put(self, name: str, value: Any, evidence: list[Evidence]) -> None:
        """Set a value with its evidence (evidence de-duplicated, table first)."""
        if value is None or value == []:
            return
        self.values[name] = value
        seen: set[tuple[int, int]] = set()
        kept = []
        for ev in sorted(evidence, key=lambda e: e.source != "table"):
            if (ev.start, ev.end) not in seen:
                seen.add((ev.start, ev.end))
                kept.append(ev)
        self.evidence[name] = kept

    def choose(self, name: str, candidates: list[Candidate]) -> None:
        """Table values before text, first before later; disagreeing values become a conflict."""
        candidates = [c for c in candidates if c.value is not None]
        if not candidates:
            return
        ranked = sorted(candidates, key=lambda c: c.source != "table")
        chosen = ranked[0].value
        same = [ev for c in ranked if c.value == chosen for ev in c.evidence]
        self.put(name, chosen, same)
        others = [c for c in ranked if c.value != chosen]
        if others:
            values = [chosen]
            for c in others:
                if c.value not in values:
                    values.append(c.value)
            self.conflicts.append(
                Conflict(
                    patient_id=self.patient_id,
                    field=name,
                    values=values,
                    chosen=chosen,
                    evidence=[ranked[0].evidence[0], *(c.evidence[0] for c in others)],
                )
            )
