"""Step 3 — tables: table blocks parsed into cells, and which way the patients run.
``dva_tables`` puts them on ``doc._.tables``."""

from extract.tables.parse import (
    Cell,
    PatientCell,
    Table,
    find_tables,
    label_families,
    parse_table,
)

__all__ = ["Cell", "PatientCell", "Table", "find_tables", "label_families", "parse_table"]
