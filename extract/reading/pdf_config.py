"""Settings of the PDF reader, read once from ``pdf_settings.toml`` beside this module."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("pdf_settings.toml")


@dataclass(frozen=True)
class PdfSettings:
    """Thresholds (``layout``, ``running``, ``tables``), patterns and normalisation table."""

    layout: dict
    running: dict
    tables: dict
    table_caption: re.Pattern[str]
    figure_caption: re.Pattern[str]
    table_footnote: re.Pattern[str]
    page_number: re.Pattern[str]
    sentence_end: re.Pattern[str]
    keep_hyphen_after: frozenset[str]
    translate: dict[int, str]

    def normalize(self, text: str) -> str:
        """Ligatures, typographic quotes, odd spaces and hyphens replaced."""
        return text.translate(self.translate)


@cache
def settings() -> PdfSettings:
    """The reader's settings (cached)."""
    with open(_FILE, "rb") as handle:
        data = tomllib.load(handle)
    pat = data["patterns"]
    return PdfSettings(
        layout=data["layout"],
        running=data["running"],
        tables=data["tables"],
        table_caption=re.compile(pat["table_caption"]),
        figure_caption=re.compile(pat["figure_caption"]),
        table_footnote=re.compile(pat["table_footnote"]),
        page_number=re.compile(pat["page_number"], re.IGNORECASE),
        sentence_end=re.compile(pat["sentence_end"]),
        keep_hyphen_after=frozenset(data["hyphenation"]["keep_after"]),
        translate=str.maketrans(data["normalize"]),
    )
