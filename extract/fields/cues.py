"""The cue table of the field extractors (``cues.toml``)."""

from __future__ import annotations

from pathlib import Path

from extract.cuetable import CueTable

CUES = CueTable(Path(__file__).parent / "cues.toml")
regex = CUES.regex
search = CUES.search  # a regex list's first match, after its needed words (``[needs.*]``)
words = CUES.words


def cues() -> dict:
    """Raw cue table."""
    return CUES.data
