"""Tables: both orientations, pipes and tabs, ragged rows, footnote abbreviations."""

from extract.abbreviations import footnote_abbreviations
from extract.sections import segment
from extract.tables import find_tables, label_families


def _tables(text: str):
    return find_tables(segment(text).blocks)


def test_tables_columns_are_patients():
    text = (
        "Title\n\nTable 2. Cases\n\n"
        "Variable\tCase 1\tCase 2\nAge, y\t77\t64\nSex\tM\tF\nAmputation\tNone\tBKA\n"
    )
    (table,) = _tables(text)
    assert table.orientation == "columns"
    assert table.patients == ["1", "2"]
    cells = {(c.patient, c.label): c.cell.text for c in table.cells}
    assert cells[("2", "Amputation")] == "BKA"
    assert all(text[c.cell.start : c.cell.end] == c.cell.text for c in table.cells)


def test_tables_rows_are_patients_in_pipe_table_with_separator():
    text = (
        "Title\n\n| No. | Age/Sex | Donor artery |\n|---|---|---|\n"
        "| 1 | 71/M | Peroneal |\n| 2 | 58/F | Anterior tibial |\n"
    )
    (table,) = _tables(text)
    assert table.orientation == "rows"
    assert table.patients == ["1", "2"]
    donor = [c for c in table.cells if c.label == "Donor artery"]
    assert [c.cell.text for c in donor] == ["Peroneal", "Anterior tibial"]
    assert "donor" in donor[0].families


def test_tables_group_columns_hold_no_patients():
    text = (
        "Title\n\n| Characteristic | Overall (n = 20) | LimFlow (n = 12) |\n|---|---|---|\n"
        "| Age, mean | 70.1 | 69.0 |\n"
    )
    (table,) = _tables(text)
    assert table.orientation == "none" and table.cells == []


def test_tables_ragged_rows_are_padded_not_dropped():
    text = "Title\n\nCategory\tPatient 1\tPatient 2\nAge\t60\nSex\tF\tM\n"
    (table,) = _tables(text)
    assert [(c.patient, c.label) for c in table.cells] == [("1", "Age"), ("1", "Sex"), ("2", "Sex")]


def test_tables_footnote_abbreviations():
    found = footnote_abbreviations(
        "Abbreviations: HTN, hypertension; PT, posterior tibial; "
        "CKD3, chronic kidney disease stage 3."
    )
    assert found["PT"] == "posterior tibial"
    assert found["CKD3"] == "chronic kidney disease stage 3"


def test_tables_label_families_with_vetoes():
    assert label_families("Arterial inflow") == {"donor"}
    assert "donor" not in label_families("Inflow treatment")
    assert label_families("Rutherford prior to DVA") >= {"rutherford", "rutherford_pre_dva"}
    assert "follow_up" in label_families("Follow-up, mo")


def test_tables_space_aligned_columns_need_three_lines():
    text = "Title\n\nTime    Rutherford    Event\n0 h     IIa           Heparin\n4 h     IIb  DVA\n"
    (table,) = _tables(text)
    assert [c.text for c in table.header] == ["Time", "Rutherford", "Event"]
    assert table.orientation == "timeline"
    assert _tables("Title\n\nIt healed.  Then it broke.\n") == []


def test_tables_footnote_abbreviations_without_commas_after_the_abbreviation():
    found = footnote_abbreviations(
        "AF atrial fibrillation, HFrEF heart failure with reduced ejection fraction, "
        "DM2 type 2 diabetes mellitus, CKD chronic kidney disease"
    )
    assert found["DM2"] == "type 2 diabetes mellitus" and found["CKD"] == "chronic kidney disease"


def test_tables_columns_headed_no_1_are_patients():
    text = (
        "Title\n\nTable 1. Patients\n"
        "                 No. 1        No. 2\n"
        "Age (years)      77           63\n"
        "Diabetes         +            −\n"
    )
    (table,) = _tables(text)
    assert (table.orientation, table.patients) == ("columns", ["1", "2"])
