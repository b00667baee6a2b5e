"""Step 9 — patients: who the paper describes individually (table columns or rows, "Case 1"
sections, run-in paragraphs, or the one patient of a case report), and the units of each.
``dva_patients`` puts the scopes on ``doc._.patients``."""

from extract.patients.scopes import PatientScope, find_patients

__all__ = ["PatientScope", "find_patients"]
