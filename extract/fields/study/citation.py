"""The citation: the paper's own DOI, its journal and year (front matter, citation lines)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.fields.candidates import FieldValues
from extract.fields.study.dates import CUES, journal_from_lines, year_from_dates
from extract.sections import Section

DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "J Vasc Surg. 2021;74:..." / "J Chir (Paris). 1993 Jan;130(1):12-9." / "EurJ X 1,251-8 (1987)"
CITATION = re.compile(
    r"^\s*(?P<journal>[A-Z][A-Za-z.&'() -]{2,80}?)\.?\s+(?:(?P<year>(?:19|20)\d\d)"
    rf"(?:\s+{_MONTH}(?:\s*-\s*{_MONTH})?(?:\s+\d{{1,2}})?)?\s*[;:,]"
    r"|\d{1,3}\s*,\s*\d+\s*[-–]\s*\d+\s*\((?P<year2>(?:19|20)\d\d)\))"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def _front(doc: Doc) -> list[Section]:
    """Sections before the introduction (title block, abstract, keywords); a "section" above
    the abstract is still front matter (a web page's "Background:" colour option)."""
    sections = doc._.layout.sections
    abstract = next((k for k, s in enumerate(sections) if s.kind == "abstract"), 0)
    front = []
    for k, section in enumerate(sections):
        body = section.kind in ("introduction", "methods", "case", "results", "discussion")
        if body and k > abstract or section.kind == "references":
            break  # cited papers are never the paper's own citation
        front.append(section)
    return front


def _text_of(doc: Doc, sections: list[Section]) -> list[tuple[int, str]]:
    return [(b.start, b.text) for s in sections for b in s.blocks]


def front_pieces(doc: Doc) -> list[tuple[int, str]]:
    """(offset, text) of the blocks of the front sections."""
    return _text_of(doc, _front(doc))


def _citation_match(line: str) -> tuple[re.Match, int] | None:
    """ "J Vasc Surg. 2021;74:..." at the line start, or after a sentence ("To cite: ... HJ. "):
    the match and where in the line its text starts."""
    match = CITATION.match(line)
    if match:
        return match, 0
    if not (DOI.search(line) or "cite" in line.lower() or _VANCOUVER_TAIL.search(line)):
        return None
    for stop in re.finditer(r"\.\s+", line):
        match = CITATION.match(line[stop.end() :])
        if match:
            return match, stop.end()
    return None


# a line that ends in a citation's journal part: "... Int J Case Rep Images 2016;2:12-14."
_VANCOUVER_TAIL = re.compile(
    r"\.\s+[A-Z][A-Za-z.&' ]{2,60}\s(?:19|20)\d\d;\s?\d+(?:\(\d+\))?:\s?[\w–-]+\.?\s*$"
)
# the paper's own citation, told below its reference list
_CITE_LABEL = re.compile(r"^\s*(?:how to cite|to cite|cite this)\b", re.IGNORECASE)
_REFERENCE_LINE = re.compile(r"^\s*(?:\[?\d{1,3}[.\])]\s+[A-Z]|.*\bet al\b)")


def _own_doi(doc: Doc, front: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The paper's DOI: the first in its front matter, else one outside the reference list
    (on a "Cite this article" or "DOI:" line, or a "How to cite" line below the references);
    never a cited paper's."""
    layout = doc._.layout
    places = [(start, text, False) for start, text in front]
    places += [
        (b.start, b.text, layout.section_of(b).kind == "references")
        for b in layout.blocks
        if (b.start, b.text) not in front
    ]
    for start, text, cited in places:
        offset = start
        for line in text.splitlines(keepends=True):
            match = DOI.search(line)
            if cited and not _CITE_LABEL.match(line):  # under the references: "How to cite:"
                match = None
            if match and not _REFERENCE_LINE.match(line) and not re.search(r"\bRe:", line):
                return offset + match.start(1), match.group(1).rstrip(".,;)")
            offset += len(line)
    return None


def citation(doc: Doc, out: FieldValues) -> None:
    paper = doc._.paper
    front = _front(doc)
    pieces = _text_of(doc, front)
    found = _own_doi(doc, pieces)
    if found is not None:
        start, doi = found
        out.put("doi", doi, [paper.evidence(start, start + len(doi), "front")])
    for start, text in pieces:
        offset = start
        for line in text.splitlines(keepends=True):
            found = _citation_match(line)
            if found and "journal" not in out.values:
                match, base = found
                offset += base
                j = match.group("journal").strip()
                out.put(
                    "journal",
                    j,
                    [
                        paper.evidence(
                            offset + match.start("journal"),
                            offset + match.start("journal") + len(j),
                            "front",
                        )
                    ],
                )
                group = "year" if match.group("year") else "year2"
                out.put(
                    "year",
                    int(match.group(group)),
                    [
                        paper.evidence(
                            offset + match.start(group), offset + match.end(group), "front"
                        )
                    ],
                )
                offset -= base
            offset += len(line)
    if "journal" not in out.values:
        journal_from_lines(doc, out)
    if "year" not in out.values:
        year_from_dates(doc, out)
    if "year" not in out.values:
        _year_from_issue_lines(pieces, paper, out)


_ISSUE_LINE = re.compile(
    r"\b(?:vol\.?|volume|issue|pages|pp\.|doi|published|accepted|received)\b", re.I
)


def _year_from_issue_lines(pieces: list[tuple[int, str]], paper, out: FieldValues) -> None:
    """The year of a front-matter line that names a volume, issue, pages, DOI or publication."""
    not_own = CUES.regex("year", "not_own_date")
    doi = CUES.regex("year", "doi_token")
    for start, text in pieces:
        offset = start
        for line in text.splitlines(keepends=True):
            match = None
            if _ISSUE_LINE.search(line) and not not_own.search(line):
                inside = [m.span() for m in doi.finditer(line)]
                match = next(
                    (
                        m
                        for m in _YEAR.finditer(line)
                        if not any(a <= m.start() < b for a, b in inside)
                    ),
                    None,
                )
            if match:
                ev = paper.evidence(offset + match.start(), offset + match.end(), "front")
                out.put("year", int(match.group(1)), [ev])
                return
            offset += len(line)
