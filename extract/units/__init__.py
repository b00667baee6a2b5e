"""Step 4 — units: the pieces of the paper the rules read (paragraphs, captions, table cells),
each a view of the paper's one Doc. ``dva_units`` puts them on ``doc._.units``."""

from extract.units.unit import Unit

__all__ = ["Unit"]
