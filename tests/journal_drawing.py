"""Drawing journal pages with reportlab for the PDF reader's tests: a case narrative set line by
line, and reading a made PDF back as the extractor does."""

from __future__ import annotations

from pathlib import Path

from extract.reading import read_document

JOURNAL_BODY = [
    "The patient was a 71-year-old man with diabetes who presented with rest pain",
    "and gangrene of the second toe of the left foot. He had smoked for forty years.",
    "Angiography showed occlusion of all three tibial arteries down to the ankle, and",
    "no pedal target could be found. Deep vein arterialization was therefore planned",
    "after discussion with the patient, who wished to avoid a major amputation of the",
    "left leg. Patients like him are rarely offered bypass in our practice because of",
    "the absent target, and the procedure was performed under local anesthesia with a",
    "crossing from the posterior tibial artery into the paired posterior tibial vein.",
    "Two covered stents were placed across the crossing and completion angiography",
    "showed flow into the plantar veins. The wound healed after a toe amputation.",
]


def column(c, x: float, y: float, lines: list[str], size: float = 10, font="Times-Roman"):
    """Draw ``lines`` one under another from (x, y); the y below the last line."""
    for line in lines:
        c.setFont(font, size)
        c.drawString(x, y, line)
        y -= size * 1.25
    return y


def text_of(path: Path) -> str:
    """The text the reader makes of the PDF at ``path``."""
    return read_document(path).text
