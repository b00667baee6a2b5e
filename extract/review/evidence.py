"""Evidence items of a result, given page-wide ids and checked against the document text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from schemas.models import Evidence


@dataclass
class Located:
    """One evidence item as the page shows it; ``status`` is ok, moved, missing or no_text."""

    id: str
    evidence: Evidence
    start: int
    end: int
    page: int | None
    status: str

    @property
    def shown(self) -> bool:
        """Whether the item can be highlighted in the text."""
        return self.status in ("ok", "moved")

    def as_dict(self) -> dict[str, Any]:
        """What the page's script needs to show the item."""
        return {
            "quote": self.evidence.quote,
            "page": self.page,
            "section": self.evidence.section,
            "source": self.evidence.source,
            "status": self.status,
        }

    def for_gold(self) -> dict[str, Any]:
        """The item as gold evidence (relocated offsets if it had to be found again)."""
        return self.evidence.model_copy(
            update={"start": self.start, "end": self.end, "page": self.page}
        ).model_dump()


class EvidenceIndex:
    """Numbers evidence items ``e0, e1, ...`` and locates each in the text."""

    def __init__(self, text: str | None, page_starts: list[int] | None = None):
        self.text = text
        self.page_starts = page_starts
        self.items: list[Located] = []

    def _page(self, ev: Evidence, start: int) -> int | None:
        if ev.page is not None:
            return ev.page
        if self.page_starts:
            return bisect.bisect_right(self.page_starts, start)
        return None

    def _locate(self, ev: Evidence) -> tuple[int, int, str]:
        text = self.text
        if text is None:
            return ev.start, ev.end, "no_text"
        if ev.end <= len(text) and text[ev.start : ev.end] == ev.quote:
            return ev.start, ev.end, "ok"
        if not ev.quote:
            return ev.start, ev.end, "missing"
        hits, at = [], text.find(ev.quote)
        while at != -1:
            hits.append(at)
            at = text.find(ev.quote, at + 1)
        if not hits:
            return ev.start, ev.end, "missing"
        best = min(hits, key=lambda h: abs(h - ev.start))
        return best, best + len(ev.quote), "moved"

    def add(self, ev: Evidence) -> Located:
        """Register one evidence item."""
        start, end, status = self._locate(ev)
        item = Located(f"e{len(self.items)}", ev, start, end, self._page(ev, start), status)
        self.items.append(item)
        return item

    def add_all(self, items: list[Evidence]) -> list[Located]:
        """Register several items."""
        return [self.add(ev) for ev in items]

    def spans(self) -> list[tuple[str, int, int]]:
        """(id, start, end) of every item that can be highlighted."""
        return [(i.id, i.start, i.end) for i in self.items if i.shown]

    def problems(self) -> list[str]:
        """One line per item whose quote is not where its offsets say."""
        moved = [i for i in self.items if i.status == "moved"]
        missing = [i for i in self.items if i.status == "missing"]
        out = []
        if moved:
            out.append(
                f"{len(moved)} evidence quote(s) did not match the text at their offsets and "
                "were found nearby instead; check them."
            )
        if missing:
            out.append(
                f"{len(missing)} evidence quote(s) were not found in the document text; "
                "their values cannot be shown in context."
            )
        return out


def evidence_for(evidence: dict[str, list[Evidence]], name: str) -> list[Evidence]:
    """Items of an evidence map that belong to field ``name`` (dotted, or indexed sub-keys)."""
    last = name.rsplit(".", 1)[-1]
    out: list[Evidence] = []
    for key, items in evidence.items():
        if key in (name, last) or key.startswith((f"{name}.", f"{name}[", f"{last}[")):
            out.extend(items)
    return out
