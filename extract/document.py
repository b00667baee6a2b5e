"""The document every later step refers to: one text string, its pages, and evidence making."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field

from schemas.models import Evidence


@dataclass(frozen=True)
class PageTable:
    """A table a PDF page holds, as the reader found it, and where its text stands."""

    page: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom in points, top-down
    rows: list[list[str]]
    ruled: bool
    start: int  # offsets of its tab-separated text in the document
    end: int


@dataclass
class Document:
    """A paper as read: ``text`` is the reference for every character offset."""

    text: str
    path: str
    sha256: str
    format: str = "text"
    page_starts: list[int] | None = None
    warnings: list[str] = field(default_factory=list)
    pdf_tables: list[PageTable] = field(default_factory=list)

    @property
    def n_pages(self) -> int | None:
        """Number of pages (PDF input), else None."""
        return None if self.page_starts is None else len(self.page_starts)

    def page_at(self, offset: int) -> int | None:
        """1-based page holding character ``offset`` (PDF input), else None."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def evidence(
        self, start: int, end: int, section: str | None = None, source: str = "text"
    ) -> Evidence:
        """Evidence for ``text[start:end]``, trimmed of surrounding white space."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(
            quote=self.text[start:end],
            start=start,
            end=end,
            page=self.page_at(start),
            section=section,
            source=source,
        )


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of raw file bytes (the key of a paper in corpus mode)."""
    return hashlib.sha256(data).hexdigest()
