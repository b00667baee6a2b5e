"""Step 2 — sections: the paper's text as blocks (headings, paragraphs, tables, captions) under
sections of a known kind. ``dva_sections`` puts the layout on the Doc."""

from extract.sections.kinds import NARRATIVE, SectionKind
from extract.sections.segment import (
    BOX_BARS,
    Block,
    Layout,
    Section,
    classify_heading,
    heading_text,
    is_spaced_line,
    label_patterns,
    patient_label,
    runin_label,
    segment,
)

__all__ = [
    "BOX_BARS",
    "NARRATIVE",
    "Block",
    "Layout",
    "Section",
    "SectionKind",
    "classify_heading",
    "heading_text",
    "is_spaced_line",
    "label_patterns",
    "patient_label",
    "runin_label",
    "segment",
]
