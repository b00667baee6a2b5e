"""The paper's own year from dated front lines: a RIS ``PY``, "November 2, 2020", "Posted on
1/30/2018", "(Sep 2024)", "2017-01-01", "LINC 2023", "The 2004 Annual Meeting", "© 2013"."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc

from extract.cuetable import CueTable
from extract.fields.candidates import FieldValues

CUES = CueTable(Path(__file__).parent / "cues.toml")
MAX_LINES = 40
_YEAR = r"(?P<year>(?:19|20)\d\d)"


def _patterns() -> list[re.Pattern]:
    """The dated-line patterns, with the placeholder YEAR made a named group."""
    return [
        re.compile(p.replace("YEAR", _YEAR), re.IGNORECASE) for p in CUES.data["year"]["dated_line"]
    ]


def _lines(doc: Doc) -> list[tuple[int, str]]:
    """(offset, stripped line) of the first lines of the paper (not its references)."""
    from extract.fields.study.front import front_lines

    return [(line.start, line.text) for line in front_lines(doc)][:MAX_LINES]


def year_from_dates(doc: Doc, out: FieldValues) -> None:
    """Fill ``year`` from the first dated front line, if any."""
    paper = doc._.paper
    patterns = _patterns()
    for start, text in _lines(doc):
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                s, e = start + match.start("year"), start + match.end("year")
                out.put("year", int(match.group("year")), [paper.evidence(s, e, "front")])
                return


def journal_from_lines(doc: Doc, out: FieldValues) -> None:
    """Fill ``journal`` from a front line that names it ("Jornal Vascular Brasileiro",
    "Published in Journal of ...", "© 2013 ... International Wound Journal")."""
    paper = doc._.paper
    patterns = [re.compile(p, re.IGNORECASE) for p in CUES.data["journal"]["line"]]
    for start, text in _lines(doc):
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                name = match.group("journal").strip(" .,;")
                s = start + match.start("journal")
                out.put("journal", name, [paper.evidence(s, s + len(name), "front")])
                return
