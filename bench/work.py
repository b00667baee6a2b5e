"""The work a benchmark worker does: ours (dva-extract) and the baselines a user would run.

Each entry is ``(setup, run)``: ``setup(files)`` is paid before the clock starts (imports,
pipeline build, one warm-up file) and returns a state; ``run(state, files)`` is timed and returns
extra figures (or {}).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Work = tuple[Callable[[list[str]], Any], Callable[[Any, list[str]], dict]]
WARM_REPEATS = 15


def _ours_setup(files: list[str]) -> Any:
    from extract.pipeline import extract_paper, shared_pipeline

    shared_pipeline(None)
    for path in files[:1]:
        extract_paper(path)
    return extract_paper


def _ours_extract(extract_paper: Any, files: list[str]) -> dict:
    for path in files:
        extract_paper(path)
    return {}


def _ours_warm(extract_paper: Any, files: list[str]) -> dict:
    """Median ms per paper over repeats of each file, after two warm-up runs."""
    times = []
    for path in files:
        extract_paper(path)
        extract_paper(path)
        for _ in range(WARM_REPEATS):
            started = time.perf_counter()
            extract_paper(path)
            times.append(time.perf_counter() - started)
    return {"ms": statistics.median(times) * 1000}


def _ours_stages(extract_paper: Any, files: list[str]) -> dict:
    from bench.stages import breakdown

    return breakdown(extract_paper, files)


def _reader_setup(files: list[str]) -> Any:
    from extract.reading import read_document

    for path in files[:1]:
        read_document(path, max_bytes=1 << 30, max_pages=10_000)
    return read_document


def _ours_read(read_document: Any, files: list[str]) -> dict:
    for path in files:
        read_document(path, max_bytes=1 << 30, max_pages=10_000)
    return {}


def _spacy_setup(files: list[str]) -> Any:
    import warnings

    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers factory)

    warnings.filterwarnings("ignore", message=r".*\[W036\].*")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector")
    nlp("A warm-up sentence (WS). And a second one.")
    return nlp


def _spacy_text(nlp: Any, files: list[str]) -> dict:
    """Tokenise + sentencise + find abbreviations, paragraph by paragraph: the baseline."""
    for path in files:
        paragraphs = [p for p in Path(path).read_text(encoding="utf-8").split("\n\n") if p.strip()]
        for _ in nlp.pipe(paragraphs):
            pass
    return {}


def _spacy_warm(nlp: Any, files: list[str]) -> dict:
    times = []
    for path in files:
        text = Path(path).read_text(encoding="utf-8")
        nlp(text)
        for _ in range(WARM_REPEATS):
            started = time.perf_counter()
            nlp(text)
            times.append(time.perf_counter() - started)
    return {"ms": statistics.median(times) * 1000}


def pdfium_text(path: str) -> str:
    """All text of a PDF through PDFium's text layer (pypdfium2 ``get_text_range``)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        parts = []
        for page in pdf:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(parts)
    finally:
        pdf.close()


def _pdfium_setup(files: list[str]) -> Any:
    for path in files[:1]:
        pdfium_text(path)


def _pdfium(_: Any, files: list[str]) -> dict:
    for path in files:
        pdfium_text(path)
    return {}


def _plumber_setup(files: list[str]) -> Any:
    import pdfplumber

    _plumber(pdfplumber, files[:1])
    return pdfplumber


def _plumber(pdfplumber: Any, files: list[str]) -> dict:
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
    return {}


def _baseline_mixed(nlp: Any, files: list[str]) -> dict:
    """PDFium text for PDFs, the file for text papers, then tokenise + sentencise."""
    texts = (
        pdfium_text(p) if p.endswith(".pdf") else Path(p).read_text(encoding="utf-8") for p in files
    )
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return {}


WORK: dict[str, Work] = {
    "ours": (_ours_setup, _ours_extract),
    "ours_warm": (_ours_setup, _ours_warm),
    "ours_stages": (_ours_setup, _ours_stages),
    "ours_read": (_reader_setup, _ours_read),
    "spacy": (_spacy_setup, _spacy_text),
    "spacy_warm": (_spacy_setup, _spacy_warm),
    "pdfium": (_pdfium_setup, _pdfium),
    "pdfplumber": (_plumber_setup, _plumber),
    "baseline_mixed": (_spacy_setup, _baseline_mixed),
}
