"""Tables: tab- or pipe-separated blocks to a table model, and which way the patients run.

A table whose header cells are patient labels ("Patient 1 | Patient 2") has patients as
columns; one whose first column holds patient ids ("Pt | Age/Sex | ...", rows "1", "2") has
patients as rows. Any other table (group columns such as "Overall (n = 32)") holds no patients.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from extract.sections import BOX_BARS, Block, label_patterns, patient_label

_HERE = Path(__file__).parent
_SPACED_CELL = re.compile(r"\S+(?: \S+)*")
_SEPARATOR_ROW = re.compile(
    r"^\s*(?:[-=+:| ]*[-=]{3,}[-=+:| ]*|[┌├└╒╞╘╔╠╚][─━┬┼┴═╤╪╧╦╬╩┐┤┘╕╡╛╗╣╝]{3,}.*)$"
)


@dataclass
class Cell:
    """One cell: its text and where it stands in the document."""

    text: str
    start: int
    end: int


@dataclass
class PatientCell:
    """A cell that belongs to one patient, with the label of its row or column."""

    patient: str | None
    label: str
    cell: Cell
    families: frozenset[str]
    row: int = 0
    context: str = ""


@dataclass
class Table:
    """A parsed table with its caption and footnote."""

    header: list[Cell]
    rows: list[list[Cell]]
    start: int
    end: int
    caption: Block | None = None
    footnote: Block | None = None
    orientation: str = "none"
    patients: list[str] = field(default_factory=list)
    cells: list[PatientCell] = field(default_factory=list)


@cache
def _labels() -> dict:
    with open(_HERE / "labels.toml", "rb") as handle:
        return tomllib.load(handle)


def _families() -> dict[str, list[str]]:
    return _labels()["families"]


def _has_word(lowered: str, word: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered) is not None


@cache
def label_families(label: str) -> frozenset[str]:
    """Families of a row/column label ("Major risk factors" -> {"risk"})."""
    lowered = " " + re.sub(r"\s+", " ", label.lower()) + " "
    found = {f for f, words in _families().items() if any(_has_word(lowered, w) for w in words)}
    for family, vetoes in _labels().get("veto", {}).items():
        if any(_has_word(lowered, w) for w in vetoes):
            found.discard(family)
    return frozenset(found)


def _split_line(line: str, offset: int) -> list[Cell]:
    """Cells of one table line, each with document offsets (whitespace trimmed)."""
    if "\t" not in line and "|" not in line:
        return [
            Cell(text=m.group(), start=offset + m.start(), end=offset + m.end())
            for m in _SPACED_CELL.finditer(line)
        ]
    sep = "\t" if "\t" in line else "|"
    cells: list[Cell] = []
    pos = 0
    parts = line.split(sep)
    if sep == "|":
        if parts and not parts[0].strip():
            pos += len(parts[0]) + 1
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
    for part in parts:
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        start = offset + pos + lead
        cells.append(Cell(text=text, start=start, end=start + len(text)))
        pos += len(part) + 1
    return cells


def _lines(block: Block) -> list[tuple[int, str]]:
    """(offset, text) of the block's content lines, separator rules dropped."""
    found, pos = [], block.start
    for line in block.text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and not _SEPARATOR_ROW.match(body):
            found.append((pos, body.translate(BOX_BARS)))
        pos += len(line)
    return found


def _spaced_rows(lines: list[tuple[int, str]]) -> list[list[Cell]]:
    """Columns aligned with spaces, by position: a cell belongs to the column it starts under.

    A line with an empty first column continues the row above (a wrapped cell): it becomes a
    row of its own under the same label, so each piece keeps exact offsets.
    """
    header_offset, header = lines[0]
    starts = [m.start() for m in _SPACED_CELL.finditer(header)]
    if starts and starts[0] >= 2:
        starts.insert(0, 0)
    rows: list[list[Cell]] = []
    for offset, line in lines:
        row = [Cell("", offset, offset) for _ in starts]
        for match in _SPACED_CELL.finditer(line):
            col = max((i for i, c in enumerate(starts) if c <= match.start() + 2), default=0)
            start = row[col].start if row[col].text else offset + match.start()
            end = offset + match.end()
            row[col] = Cell(line[start - offset : end - offset], start, end)
        if rows and not row[0].text and any(c.text for c in row[1:]):
            row[0] = rows[-1][0]
        rows.append(row)
    return rows


def parse_table(block: Block) -> Table:
    """A table block (tab, pipe or space-aligned lines) into header + rows; ragged rows padded."""
    lines = _lines(block)
    spaced = bool(lines) and all("\t" not in t and "|" not in t for _, t in lines)
    if spaced:
        rows = _spaced_rows(lines)
    else:
        rows = [_split_line(text, offset) for offset, text in lines]
    header, body_rows = (rows[0], rows[1:]) if rows else ([], [])
    table = Table(header=header, rows=body_rows, start=block.start, end=block.end)
    _orient(table)
    return table


_TIMELINE = re.compile(r"\b(?:timeline|time|day|date|hours?|course|chronology)\b", re.IGNORECASE)


def _timeline(table: Table) -> None:
    """A table of time points ("Time | Rutherford class | Event"): cells of the one patient.

    Only for tables whose caption or first header cell speaks of time; the cells carry their
    row's text as context. They are read only in single-patient reports.
    """
    caption = table.caption.text if table.caption else ""
    first = table.header[0].text if table.header else ""
    if not (_TIMELINE.search(first) or _TIMELINE.search(caption)):
        return
    table.orientation = "timeline"
    for i, row in enumerate(table.rows):
        context = " ".join(c.text for c in row)
        for head, cell in zip(table.header, row, strict=False):
            if cell.text and cell.text not in ("-", "–", "—"):
                table.cells.append(
                    PatientCell(None, head.text, cell, label_families(head.text), i, context)
                )


def _orient(table: Table) -> None:
    """Decide whether patients run in columns or rows and collect their cells."""
    header_ids = [patient_label(c.text) for c in table.header[1:]]
    if header_ids and all(header_ids):
        table.orientation = "columns"
        table.patients = list(dict.fromkeys(header_ids))
        for pid, head in zip(header_ids, table.header[1:], strict=False):
            inner = re.search(r"\(([^()]+)\)\s*$", head.text)  # "Patient A (M, 72)"
            if inner:
                start = head.start + inner.start(1)
                cell = Cell(inner.group(1), start, start + len(inner.group(1)))
                table.cells.append(PatientCell(pid, "Age/sex", cell, label_families("Age/sex")))
        for row in table.rows:
            if not row:
                continue
            label = row[0].text
            families = label_families(label)
            for pid, cell in zip(header_ids, row[1:], strict=False):
                if cell.text:
                    table.cells.append(PatientCell(pid, label, cell, families))
        return
    pats = label_patterns()
    first = [row[0].text for row in table.rows if row]
    ids = [pats["row_id"].match(t) for t in first]
    header0 = table.header[0].text if table.header else ""
    field_like = sum(1 for c in table.header[1:] if label_families(c.text))
    if first and all(ids) and (pats["id_header"].match(header0) or field_like >= 2):
        table.orientation = "rows"
        for row, match in zip(table.rows, ids, strict=False):
            pid = match.group("id").upper()
            table.patients.append(pid)
            for head, cell in zip(table.header[1:], row[1:], strict=False):
                if cell.text:
                    table.cells.append(PatientCell(pid, head.text, cell, label_families(head.text)))
        return
    _timeline(table)


def find_tables(blocks: list[Block]) -> list[Table]:
    """Every table block with its caption (before) and footnote (after)."""
    tables = []
    for i, block in enumerate(blocks):
        if block.kind != "table":
            continue
        table = parse_table(block)
        for back in range(i - 1, max(i - 3, -1), -1):
            if blocks[back].kind == "table_caption":
                table.caption = blocks[back]
                break
            if blocks[back].kind == "table":
                break
        if i + 1 < len(blocks) and blocks[i + 1].kind == "footnote":
            table.footnote = blocks[i + 1]
        tables.append(table)
    return tables
