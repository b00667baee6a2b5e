"""What a block of text is by its form: running prose, or an entry of a reference list."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

_LICENCE = re.compile(r"\b(?:licen[cs]e|copyright|rights reserved|creative commons)\b", re.I)
# one sentence told in words: opens with a capital (after a news dateline, "CHICAGO - "), ends
# with a lowercase word and its period
_ONE_SENTENCE = re.compile(
    r"^(?:[A-Z]{3,}(?:[ ,]+[A-Z]{2,})*\s+[-–—]\s+)?[“\"]?[A-Z][a-z]*\b[^:|]*[a-z]{2,}[.!?][”\"’]?$"
)
_SENTENCE_END = re.compile(r"[a-z]{2,}[.!?][”\"’]?\s+[A-Z“\"]")


def is_prose(text: str) -> bool:
    """Running text (not a title, author, affiliation or citation line) before any heading;
    an excerpt may stop in mid-sentence."""
    text = text.strip()
    if len(text) >= 250 and text.endswith((".", ")")) and text.count(". ") >= 2:
        return True
    words = len(text.split())
    ends = len(_SENTENCE_END.findall(text)) + bool(re.search(r"[a-z)][.!?][”\"’]?$", text))
    if _LICENCE.search(text):
        return words >= 40 and ends >= 2
    # a news story's paragraph is often one long sentence ("The 56-year-old manager, who ...")
    return ends >= 2 and words >= 20 or _ONE_SENTENCE.match(text) is not None and words >= 25


@cache
def _entry() -> re.Pattern:
    """A reference list's entry (``headings.toml``: ``reference_entry``)."""
    with open(Path(__file__).parent / "headings.toml", "rb") as handle:
        return re.compile(tomllib.load(handle)["reference_entry"])


def is_reference_entry(text: str) -> bool:
    """A paragraph that is one cited paper ("Jacob T, Hingorani A, Ascher E. Title. Eur J Vasc
    Endovasc Surg. 2001;22(1):77-85.")."""
    return bool(_entry().match(text.strip()))


def opens_references(texts: list[str]) -> bool:
    """Whether the first two of ``texts`` (consecutive paragraphs) are cited papers: a reference
    list without its heading."""
    return len(texts) >= 2 and all(is_reference_entry(t) for t in texts[:2])
