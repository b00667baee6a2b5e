"""Whether the paper reports venous arterializations: `dva`, `dva_no_patients` or `not_dva`.

A paper is about DVA when it names a venous arterialization (``cues.toml``: deep, pedal,
superficial, percutaneous, surgical, upper limb, in the languages met so far). It reports treated
patients when it describes one, counts them, or tells what was done to them; a review, a technique
note, an animal study or an editorial is `dva_no_patients`. A paper that never names one (a bypass,
a thrombectomy, a dialysis fistula) is `not_dva`.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from extract.cuetable import CueTable
from extract.fields.candidates import FieldValues
from extract.sections import SectionKind as K
from schemas.models import Evidence

CUES = CueTable(Path(__file__).parent / "cues.toml")
_SKIP = {K.REFERENCES}  # cited papers are not this paper


_MEMO = "dva_relevance"  # doc.user_data key: what this module found once per Doc


def _memo(doc: Doc) -> dict:
    """Findings of this module kept on the Doc (the study fields ask some of them twice)."""
    return doc.user_data.setdefault(_MEMO, {})


def _places(doc: Doc) -> list[tuple[int, str]]:
    """(offset, text) of the title and every block of the paper's own sections."""
    memo = _memo(doc)
    if "places" not in memo:
        layout = doc._.layout
        kinds = ("title", "heading", "paragraph", "fields", "figure", "table", "table_caption")
        memo["places"] = [
            (b.start, b.text)
            for b in layout.blocks
            if b.kind in kinds and layout.section_of(b).kind not in _SKIP
        ]
    return memo["places"]


def _own_text(doc: Doc) -> str:
    """The texts of ``_places`` joined by spaces."""
    memo = _memo(doc)
    if "text" not in memo:
        memo["text"] = " ".join(t for _, t in _places(doc))
    return memo["text"]


def procedure_mention(doc: Doc) -> Evidence | None:
    """Evidence of the first venous arterialization the paper names, else None."""
    pattern = CUES.regex("relevance", "procedure")
    for start, text in _places(doc):
        match = pattern.search(text)
        if match:
            return doc._.paper.evidence(start + match.start(), start + match.end(), "relevance")
    return None


def reviews_others(doc: Doc) -> Evidence | None:
    """Evidence that the paper reviews other studies (its patient counts are theirs), else None."""
    memo = _memo(doc)
    if "reviews" not in memo:
        memo["reviews"] = _reviews_others(doc)
    found = memo["reviews"]
    return None if found is None else found.model_copy()


def _reviews_others(doc: Doc) -> Evidence | None:
    banner = CUES.regex("relevance", "review_banner")
    titled = CUES.regex("relevance", "review_title")
    title = doc._.layout.title
    if title is not None and (match := titled.search(title.text)):
        start = title.start + match.start()
        return doc._.paper.evidence(start, title.start + match.end(), "relevance")
    for start, text in _places(doc):
        if len(text) < 40 and (match := banner.fullmatch(text.strip())):
            begin = start + text.index(text.strip())
            return doc._.paper.evidence(begin, begin + match.end(), "relevance")
        if match := CUES.search("relevance", "review", text):
            return doc._.paper.evidence(start + match.start(), start + match.end(), "relevance")
    return None


def treats_patients(doc: Doc) -> bool:
    """The paper tells what was done to patients of its own (not animals, not others')."""
    text = _own_text(doc)
    if CUES.regex("relevance", "not_patients").search(text) or reviews_others(doc):
        return False
    return bool(CUES.regex("relevance", "treated").search(text))


def _circuit(doc: Doc, circuits: list[Evidence]) -> Evidence | None:
    """A patient's artery-to-vein circuit, unless the paper is about an access fistula."""
    text = _own_text(doc)
    if not circuits or CUES.search("relevance", "access_fistula", text):
        return None
    return circuits[0]


def relevance(
    doc: Doc,
    n_rows: int,
    n_reported: int | None,
    out: FieldValues,
    circuits: list[Evidence] | None = None,
) -> None:
    """Fill ``relevance`` with its evidence; ``circuits``: evidence of patients' artery-to-vein
    circuits (a circuit is a venous arterialization even where the paper does not name one)."""
    mention = procedure_mention(doc) or _circuit(doc, circuits or [])
    if mention is None:
        title = doc._.layout.title
        evidence = []
        if title is not None:
            evidence = [doc._.paper.evidence(title.start, title.end, "title")]
        out.put("relevance", "not_dva", evidence)
        out.values["relevance"] = "not_dva"
        return
    treated = n_rows > 0 or bool(n_reported) or treats_patients(doc)
    out.put("relevance", "dva" if treated else "dva_no_patients", [mention])
