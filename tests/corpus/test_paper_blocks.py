"""corpus/tools/paper_blocks.py: the render set's reading of a text paper's blocks and tables."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[2] / "corpus" / "tools" / "paper_blocks.py"

ALIGNED = """Table 1. One column per patient

                      Pt 1            Pt 2            Pt 3
Age (y)               76              69              82
Risk factors          HTN, T2DM,      T2DM, HD        HTN, AF,
                      DLP, smoker                     CKD 3
Donor artery          PTA             Peroneal        ATA

Abbreviations: PTA, posterior tibial artery.
"""


@pytest.fixture(scope="module")
def blocks():
    """The tool's module, loaded from its file."""
    spec = importlib.util.spec_from_file_location("paper_blocks", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["paper_blocks"] = module
    spec.loader.exec_module(module)
    return module


def _table(blocks) -> list[list[str]]:
    (table,) = [b for b in blocks.paper_blocks(ALIGNED) if blocks.is_table(b)]
    return blocks.table_rows(table)


def test_aligned_table_header_stays_over_its_columns(blocks):
    assert _table(blocks)[0] == ["", "Pt 1", "Pt 2", "Pt 3"]
    assert _table(blocks)[1] == ["Age (y)", "76", "69", "82"]


def test_aligned_table_wrapped_cell_continues_its_row(blocks):
    rows = _table(blocks)
    assert rows[2] == ["Risk factors", "HTN, T2DM, DLP, smoker", "T2DM, HD", "HTN, AF, CKD 3"]
    assert rows[3][0] == "Donor artery" and len(rows) == 4


def test_tab_table_header_row_is_not_split_off_as_a_heading(blocks):
    paper = (
        "TABLE 1. CHARACTERISTICS OF THE PATIENTS\n\n"
        "Category\tPatient 1\tPatient 2\n"
        "Age/gender\t65-year-old woman with diabetes\t68-year-old woman with hypertension\n"
        "Donor artery\tPosterior tibial\tPeroneal\n"
    )
    (table,) = [b for b in blocks.paper_blocks(paper) if blocks.is_table(b)]
    assert blocks.table_rows(table)[0] == ["Category", "Patient 1", "Patient 2"]
