"""Abbreviations a paper defines in a footnote ("Abbreviations: HTN, hypertension; ...")."""

from __future__ import annotations

import re

_ABBREV_ITEM = re.compile(
    r"(?P<short>[A-Za-z][\w/-]{0,11}(?: \d?[a-z]?)?|[-–—−])\s*[,:=]\s*(?P<long>[^;.]+)"
)


_SPACED_ITEM = re.compile(r"^(?P<short>[A-Z][\w/-]{0,9}) (?P<long>[a-z][^,;]{2,60})$")


def footnote_abbreviations(text: str) -> dict[str, str]:
    """An "Abbreviations: HTN, hypertension; DM, ..." footnote (or "AF atrial fibrillation, DM2
    type 2 diabetes, ...") as {"HTN": "hypertension", ...}."""
    body = re.sub(r"^\s*abbreviations?\s*[:.]?\s*", "", text.strip(), flags=re.IGNORECASE)
    found: dict[str, str] = {}
    for item in body.split(";"):
        match = _ABBREV_ITEM.match(item.strip())
        if match:
            found[match.group("short").strip()] = match.group("long").strip()
    if len(found) < 2:  # "AF atrial fibrillation, HFrEF heart failure ..., CKD ..."
        for item in body.split(","):
            match = _SPACED_ITEM.match(item.strip())
            if match:
                found[match.group("short")] = match.group("long").strip().rstrip(".")
    return found
