"""Step 5 — abbreviations the paper defines (footnotes, "long form (SHORT)"), used everywhere.
``dva_abbreviations`` puts them on ``doc._.abbrevs``."""

from extract.abbreviations.footnotes import footnote_abbreviations

__all__ = ["footnote_abbreviations"]
