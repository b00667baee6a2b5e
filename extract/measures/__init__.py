"""Step 7 — measures: stent sizes, ages, durations and Rutherford classes as spans with values.
``dva_measures`` writes them to ``doc.spans["measures"]``."""

from extract.measures.component import load_patterns, parse_match, parse_number, to_days

__all__ = ["load_patterns", "parse_match", "parse_number", "to_days"]
