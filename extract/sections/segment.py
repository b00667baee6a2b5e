"""Sections: the document as blocks (headings, paragraphs, tables, captions) under sections.

Headings are found by form (markdown ``#``, numbered, ALL CAPS, bold, short known lines), never
by a paper's own strings. Per-case scopes come from "Case 1" / "Patient A" headings and from
paragraphs that open with such a label.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from extract.sections.kinds import SectionKind as K
from extract.sections.prose import is_prose, opens_references

_HERE = Path(__file__).parent


@cache
def _config() -> tuple[dict, dict]:
    with open(_HERE / "headings.toml", "rb") as h1, open(_HERE / "labels.toml", "rb") as h2:
        return tomllib.load(h1), tomllib.load(h2)


@cache
def _furniture() -> re.Pattern:
    with open(_HERE / "furniture.toml", "rb") as handle:
        lines = tomllib.load(handle)["lines"]
    return re.compile("|".join(f"(?:{p})" for p in lines), re.IGNORECASE)


def is_furniture(text: str) -> bool:
    """A block made only of site-furniture lines ("Skip to main content", "Advertisement")."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return bool(lines) and all(_furniture().fullmatch(line) for line in lines)


@cache
def label_patterns() -> dict[str, re.Pattern]:
    """Compiled patient-label patterns (label, runin, row_id, id_header)."""
    return {k: re.compile(v, re.IGNORECASE) for k, v in _config()[1].items()}


_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)


def runin_label(paragraph: str) -> str | None:
    """The patient a paragraph opens with: "**Patient 1.** ...", "Case 2, a ...", "The third
    patient ..." -> "1" / "2" / "3"; else None."""
    text = paragraph.strip()
    match = label_patterns()["runin"].match(text)
    if match:
        return match.group("id").upper()
    match = label_patterns()["ordinal_runin"].match(text)
    return str(_ORDINALS.index(match.group("ord").lower()) + 1) if match else None


def patient_label(text: str) -> str | None:
    """ "Patient 2", "Case B", "**Case 3.**" -> "2" / "B" / "3"; else None."""
    match = label_patterns()["label"].match(text.strip())
    return match.group("id").upper() if match else None


@dataclass
class Block:
    """A run of lines: heading, paragraph, table, caption (figure/table) or footnote."""

    kind: str
    start: int
    end: int
    text: str
    section: int = -1
    patient: str | None = None


@dataclass
class Section:
    """A heading and what follows it up to the next heading."""

    kind: K
    title: str
    start: int
    end: int
    patient: str | None = None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Layout:
    """Blocks and sections of one document."""

    blocks: list[Block]
    sections: list[Section]

    def section_of(self, block: Block) -> Section:
        """The section a block belongs to."""
        return self.sections[block.section]

    @property
    def title(self) -> Block | None:
        """The title block (after any article-type label or site furniture), or None."""
        return next((b for b in self.blocks if b.kind == "title"), None)


_MD = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
_BOLD = re.compile(r"^\*\*(.+?)\*\*:?$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s*[|:)]?\s+([A-Z][^.,;|]{1,70})$")
_RUNIN = re.compile(r"^\**([A-Z][A-Za-z &/-]{2,40}?)\**\s*[:.]\**\s+\S")
_CAPS = re.compile(r"^[A-Z][A-Z0-9 &/()\-–:]{2,80}$")
_FIGURE = re.compile(r"^\**\s*(?:figure|fig\.?)\s*\d+", re.IGNORECASE)
_TABLE_CAPTION = re.compile(r"^\**\s*table\s*\d+\b", re.IGNORECASE)
_FOOTNOTE = re.compile(
    r"(?i)^(?:abbreviations?\b|values are\b|note[s]?:|\*|†|data are\b"
    r"|[A-Z][\w-]{0,9}\s*[,:=]\s*[^;,]{2,60}(?:;|\.?\s*$))"
)


_SPACED_CELL = re.compile(r"\S+(?: \S+)*")


def is_spaced_line(line: str) -> bool:
    """A line of columns aligned with runs of spaces ("0 h      IIa      Heparin")."""
    cells = _SPACED_CELL.findall(line.strip())
    return 2 <= len(cells) <= 12 and "  " in line.strip() and all(len(c) <= 80 for c in cells)


_BORDER = re.compile(r"^\s*(?:\+[-=+:]{3,}\+|[┌├└╒╞╘╔╠╚][─━┬┼┴═╤╪╧╦╬╩┐┤┘╕╡╛╗╣╝]{3,}.*)\s*$")
BOX_BARS = str.maketrans({"│": "|", "┃": "|", "║": "|"})
_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")


_ABBREV_ITEMS = re.compile(
    r"\b[A-Z][\w-]{0,9}, [^;,]{2,60};|(?:^|, )[A-Z][\w/-]{0,9} [a-z][^,;]{2,60}(?=,)"
)


# A character some table line holds (bars, tabs, border corners); a line with none of them and no
# run of two spaces inside is no table line, which spares the checks below for prose lines.
_TABLE_MARK = re.compile(r"[\t|│┃║+┌├└╒╞╘╔╠╚]")


def _is_table_line(line: str) -> bool:
    if "  " not in line.strip() and not _TABLE_MARK.search(line):
        return False
    return table_line_by_marks(line)


def table_line_by_marks(line: str) -> bool:
    """A table line by its bars, tabs, borders or aligned columns (no quick answer for prose)."""
    line = line.translate(BOX_BARS)
    if _BORDER.match(line):
        return True
    if "\t" in line.strip("\t "):
        return line.count("\t") >= 1 and len([c for c in line.split("\t") if c.strip()]) >= 2
    stripped = line.strip()
    if stripped.count("|") >= 2 and (stripped.startswith("|") or stripped.count("|") >= 3):
        return True
    return is_spaced_line(line)


def heading_text(line: str) -> str | None:
    """The heading a standalone line states, or None if it is not a heading."""
    lines = line.strip().splitlines()
    if len(lines) == 2 and _UNDERLINE.match(lines[1]):
        return lines[0].strip()
    line = line.strip()
    if not line or len(line) > 120:
        return None
    for pattern in (_MD, _BOLD):
        match = pattern.match(line)
        if match:
            return match.group(1).strip().strip("*").strip()
    match = _NUMBERED.match(line)
    if match and len(match.group(2).split()) <= 8:
        return match.group(2).strip()
    if _CAPS.match(line) and any(len(w) > 2 for w in line.split()) and len(line.split()) <= 10:
        return line
    if patient_label(line):
        return line
    words = line.rstrip(":").split()
    if ":" in line.rstrip(":"):  # "Follow-up: 16 months" is a field, not a heading
        return None
    if len(words) <= 5 and line[0].isupper() and not line.endswith((".", ",", ";")):
        if classify_heading(line) != K.BODY:
            return line.rstrip(":")
    return None


def is_article_type(line: str) -> bool:
    """ "CASE REPORT", "Original Article": a journal's label above the title, not the title."""
    words = set(_config()[0].get("article_types", []))
    labels = [p.strip("*# ").lower() for p in re.split(r"\s{2,}|\|", line.strip()) if p.strip()]
    return (
        bool(labels)
        and labels[0] in words
        and all(label in words or label in ("open access", "free access") for label in labels)
    )


def runin_heading(paragraph: str) -> str | None:
    """ "CASE REPORT: A 62-year-old ..." / "**Results:** ..." -> the run-in heading, if known."""
    match = _RUNIN.match(paragraph.strip())
    if not match:
        return None
    title = match.group(1).strip()
    bold_or_caps = paragraph.lstrip().startswith("**") or title.isupper()
    kind = classify_heading(title)
    return title if kind != K.BODY and (bold_or_caps or len(title.split()) <= 3) else None


@lru_cache(maxsize=4096)
def classify_heading(title: str) -> K:
    """The section kind of a heading ("Case Presentation" -> case, "Discussion" -> ...);
    remembered (a pure function of the title, asked again for every paper's usual headings)."""
    if patient_label(title):
        return K.CASE
    headings, _ = _config()
    lowered = " " + re.sub(r"[^\w -]+|[\d_]+", " ", title.lower()) + " "
    for kind in headings["order"]:
        for word in headings["kinds"].get(kind, ()):
            if f" {word} " in lowered:
                return K(kind)
    return K.BODY


def _raw_blocks(text: str) -> list[tuple[int, int]]:
    """Line runs separated by blank lines, split where table lines begin or end and around a
    heading line that has no blank line after it ("3.1 | Patient 1" over its paragraph)."""
    blocks: list[tuple[int, int]] = []
    start = None
    prev_table = prev_heading = None
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        body = line.strip()
        is_table = _is_table_line(line) if body else None
        if body and prev_table and not is_table and line.startswith("    "):
            is_table = True  # an indented wrapped cell of a space-aligned table
        heading = bool(body) and not is_table and heading_text(body) is not None
        if not body:
            if start is not None:
                blocks.append((start, pos))
            start = None
        elif start is None:
            start = pos
        elif is_table != prev_table or heading or prev_heading and not _UNDERLINE.match(body):
            blocks.append((start, pos))
            start = pos
        prev_table, prev_heading = is_table, heading
        pos = end
    if start is not None:
        blocks.append((start, len(text)))
    return blocks


_FIELD = re.compile(r"^\s*[A-Z][^:\n]{1,39}:\s+\S")


def _is_field_list(lines: list[str]) -> bool:
    """Three or more short "Key: value" lines (a patient's data written as a list), not the
    parts of a structured abstract."""
    if len(lines) < 3 or not all(_FIELD.match(line) and len(line) <= 200 for line in lines):
        return False
    keys = [line.split(":", 1)[0] for line in lines]
    return sum(classify_heading(k) != K.BODY for k in keys) < len(keys) / 2


def _block_kind(text: str, first: bool) -> str:
    stripped = text.strip()
    if is_furniture(stripped):
        return "furniture"
    lines = stripped.splitlines()
    if len(lines) == 2 and _UNDERLINE.match(lines[1]) and len(lines[0]) <= 200:
        return "title" if first else "heading"
    if all(_is_table_line(line) or line.startswith("    ") for line in lines[1:]) and (
        _is_table_line(lines[0])
    ):
        spaced = all(is_spaced_line(line) and "\t" not in line for line in lines)
        if not spaced or len(lines) >= 3:
            return "table"
    if _FIGURE.match(stripped):
        return "figure"
    if _is_field_list(lines):
        return "fields"
    if _TABLE_CAPTION.match(stripped):
        return "table_caption"
    if len(lines) == 1 and first and is_article_type(stripped):
        return "article_type"
    if first and len(lines) == 1 and is_prose(stripped):
        return "paragraph"  # a news story's first sentence ("CHICAGO - It's not uncommon ...")
    if len(lines) == 1 and (first or heading_text(stripped)) and len(stripped.split()) <= 60:
        return "title" if first else "heading"  # a longer line is a whole text on one line
    return "paragraph"


_ENDS_CASE = re.compile(
    r"\b(?:patients|overall|both|all (?:three|four|five|six|seven|\d+)|in summary|in total)\b",
    re.IGNORECASE,
)


def _continued(label: str | None, paragraph: str) -> str | None:
    """A paragraph after a patient's paragraph goes on about that patient, unless it speaks of
    several ("Overall, ...", "both patients")."""
    return None if label is None or _ENDS_CASE.search(paragraph) else label


def _opens_section(current: str, title: str) -> bool:
    """A run-in heading opens a section, except the structured parts of an abstract."""
    if current != K.ABSTRACT:
        return True
    kind = classify_heading(title)
    return kind in (K.DISCUSSION, K.REFERENCES, K.FIGURES, K.BACK, K.KEYWORDS)


def segment(text: str) -> Layout:
    """Split a document into blocks and sections."""
    blocks: list[Block] = []
    first = True  # no block yet but an article type or furniture
    for start, end in _raw_blocks(text):
        chunk = text[start:end]
        blocks.append(Block(kind=_block_kind(chunk, first), start=start, end=end, text=chunk))
        first = first and blocks[-1].kind in ("article_type", "furniture")
    for prev, block in zip(blocks, blocks[1:], strict=False):
        if block.kind == "paragraph" and prev.kind in ("table", "footnote"):
            if prev.kind == "table" and (
                _FOOTNOTE.match(block.text.strip()) or len(_ABBREV_ITEMS.findall(block.text)) >= 3
            ):
                block.kind = "footnote"
    sections = [Section(kind=K.FRONT, title="", start=0, end=len(text))]
    case_label: str | None = None
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            case_label = None
            title = heading_text(block.text) or block.text.strip()
            kind = classify_heading(title)
            sections[-1].end = block.start
            sections.append(
                Section(
                    kind=kind,
                    title=title,
                    start=block.start,
                    end=len(text),
                    patient=patient_label(title),
                )
            )
        elif (
            block.kind == "paragraph"
            and (title := runin_heading(block.text))
            and _opens_section(sections[-1].kind, title)
        ):
            sections[-1].end = block.start
            kind = classify_heading(title)
            if sections[-1].kind == K.FRONT and kind not in (K.KEYWORDS, K.BACK, K.REFERENCES):
                kind = K.ABSTRACT  # "Background: ... Results: ..." before any heading
            sections.append(Section(kind=kind, title=title, start=block.start, end=len(text)))
            case_label = None
        elif (
            block.kind == "paragraph"
            and sections[-1].kind != K.REFERENCES
            and opens_references([b.text for b in blocks[index : index + 2]])
        ):  # cited papers after the text, without a heading
            sections[-1].end = block.start
            sections.append(Section(kind=K.REFERENCES, title="", start=block.start, end=len(text)))
            case_label = None
        elif block.kind == "paragraph" and sections[-1].kind == K.FRONT and is_prose(block.text):
            sections[-1].end = block.start
            sections.append(Section(kind=K.BODY, title="", start=block.start, end=len(text)))
            case_label = runin_label(block.text)
        elif block.kind == "paragraph":
            case_label = runin_label(block.text) or _continued(case_label, block.text)
        block.section = len(sections) - 1
        if block.kind in ("paragraph", "fields"):
            block.patient = sections[-1].patient or case_label
        sections[-1].blocks.append(block)
    return Layout(blocks=blocks, sections=sections)
