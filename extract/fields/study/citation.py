"""The citation: the paper's own DOI, its journal and year (front matter, citation lines)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.fields.candidates import FieldValues
from extract.sections import Section

DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
CITATION = re.compile(
    r"^\s*(?P<journal>[A-Z][A-Za-z.&'() -]{2,80}?)\.?\s+(?P<year>(?:19|20)\d\d)\s*[;:,]"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def _front(doc: Doc) -> list[Section]:
    """Sections before the introduction (title block, abstract, keywords)."""
    front = []
    for section in doc._.layout.sections:
        if section.kind in ("introduction", "methods", "case", "results", "discussion"):
            break
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
    if not (DOI.search(line) or "cite" in line.lower()):
        return None
    for stop in re.finditer(r"\.\s+", line):
        match = CITATION.match(line[stop.end() :])
        if match:
            return match, stop.end()
    return None


_REFERENCE_LINE = re.compile(r"^\s*(?:\[?\d{1,3}[.\])]\s+[A-Z]|.*\bet al\b)")


def _own_doi(doc: Doc, front: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The paper's DOI: the first in its front matter, else one outside the reference list
    (on a "Cite this article" or "DOI:" line); never a cited paper's."""
    places = [*front]
    places += [
        (b.start, b.text)
        for b in doc._.layout.blocks
        if doc._.layout.section_of(b).kind not in ("references",) and (b.start, b.text) not in front
    ]
    for start, text in places:
        offset = start
        for line in text.splitlines(keepends=True):
            match = DOI.search(line)
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
                out.put(
                    "year",
                    int(match.group("year")),
                    [
                        paper.evidence(
                            offset + match.start("year"), offset + match.end("year"), "front"
                        )
                    ],
                )
                offset -= base
            offset += len(line)
    if "year" not in out.values:
        _year_from_issue_lines(pieces, paper, out)


_ISSUE_LINE = re.compile(
    r"\b(?:vol\.?|volume|issue|pages|pp\.|doi|published|accepted|received)\b", re.I
)


def _year_from_issue_lines(pieces: list[tuple[int, str]], paper, out: FieldValues) -> None:
    """The year of a front-matter line that names a volume, issue, pages, DOI or publication."""
    for start, text in pieces:
        offset = start
        for line in text.splitlines(keepends=True):
            match = _YEAR.search(line) if _ISSUE_LINE.search(line) else None
            if match:
                ev = paper.evidence(offset + match.start(), offset + match.end(), "front")
                out.put("year", int(match.group(1)), [ev])
                return
            offset += len(line)
