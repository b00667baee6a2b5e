"""The whole analysis of a paper, in order.

1. reading (``extract.reading``): a text or PDF file becomes one document string;
2. the spaCy pipeline (:func:`load_pipeline`) reads that string as one Doc:
   tokenizer → ``dva_sections`` → ``dva_tables`` → ``dva_units`` → ``dva_abbreviations`` →
   ``dva_vocab`` → ``dva_measures`` → ``dva_context`` → ``dva_patients``;
3. the field extractors (``extract.fields``) turn the Doc into the output contract.
"""

from __future__ import annotations

import os
import warnings
import weakref
from functools import cache

from extract.document import Document
from extract.errors import ModelError
from extract.reading import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_MEMORY,
    DEFAULT_MAX_PAGES,
    read_document,
)
from schemas.models import ExtractionResult

# The rule components, in the order they run (each reads what the ones before wrote).
COMPONENTS = (
    "dva_sections",
    "dva_tables",
    "dva_units",
    "dva_abbreviations",
    "dva_vocab",
    "dva_measures",
    "dva_context",
    "dva_patients",
)
# Table bars split tokens, so that every table cell is made of whole tokens ("|IIa|").
TABLE_BARS = (r"\|", "│", "┃", "║")
# Japanese and Chinese are written without spaces: each kana or ideograph is a token of its own
# ("68歳の女性" -> "68", "歳", "の", "女", "性"), so that ages and sexes read as in other languages.
CJK_SPLIT = r"(?<=[\u3040-\u30ff\u4e00-\u9fff])|(?=[\u3040-\u30ff\u4e00-\u9fff])"
# Chunks (whitespace-separated strings) the tokenizer may cache; spaCy's default is 10,000.
TOKEN_CACHE = 100_000
# Per pipeline, the chunks already tokenized on their own (so in the tokenizer's cache).
_WARMED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def register_components() -> None:
    """Import the component modules, which registers their factories with spaCy."""
    from extract.abbreviations import component as _abbreviations  # noqa: F401
    from extract.context import component as _context  # noqa: F401
    from extract.measures import component as _measures  # noqa: F401
    from extract.patients import component as _patients  # noqa: F401
    from extract.sections import component as _sections  # noqa: F401
    from extract.tables import component as _tables  # noqa: F401
    from extract.units import component as _units  # noqa: F401
    from extract.vocab import ruler as _ruler  # noqa: F401


def _split_table_bars(nlp) -> None:
    """Add the table bars to the tokenizer's prefixes, suffixes and infixes (and split CJK)."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = nlp.Defaults
    bars = list(TABLE_BARS)
    nlp.tokenizer.prefix_search = compile_prefix_regex([*defaults.prefixes, *bars]).search
    nlp.tokenizer.suffix_search = compile_suffix_regex([*defaults.suffixes, *bars]).search
    infixes = [*defaults.infixes, *bars, CJK_SPLIT]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def load_pipeline(model: str | None = None):
    """A new spaCy ``Language`` that analyses a paper's text as one Doc.

    ``model`` names an installed statistical pipeline to build on; None is ``spacy.blank("en")``.
    """
    import spacy

    register_components()
    warnings.filterwarnings("ignore", message=r".*\[W036\].*")
    if model:
        try:
            nlp = spacy.load(model)
        except (OSError, ValueError, ImportError) as exc:
            raise ModelError(f"cannot load spaCy model {model!r}: {exc}".splitlines()[0]) from None
    else:
        nlp = spacy.blank("en")
    _split_table_bars(nlp)
    if hasattr(nlp.tokenizer, "max_cache_size"):
        nlp.tokenizer.max_cache_size = max(nlp.tokenizer.max_cache_size, TOKEN_CACHE)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


@cache
def shared_pipeline(model: str | None = None):
    """The pipeline for ``model``, built once per process."""
    return load_pipeline(model)


def make_doc(nlp, text: str):
    """``nlp.make_doc(text)`` (the same tokens), after caching the text's new chunks one by one."""
    # spaCy's tokenizer stops caching a Doc's chunks after its first special case ("\n" is one),
    # so a whole paper would be re-split by the affix regexes chunk by chunk at every reading; a
    # chunk tokenized on its own is cached, and the paper's Doc is then made of cached chunks.
    tokenizer = nlp.tokenizer
    warmed = _WARMED.setdefault(nlp, set())
    if len(warmed) < getattr(tokenizer, "max_cache_size", 0):
        new = set(text.split()).difference(warmed)
        for chunk in new:
            tokenizer(chunk)
        warmed.update(new)
    return nlp.make_doc(text)


def analyse(document: Document, model: str | None = None, nlp=None):
    """The paper's Doc: ``document`` run through ``nlp`` (default: the pipeline of ``model``)."""
    nlp = nlp if nlp is not None else shared_pipeline(model)
    if len(document.text) >= nlp.max_length:  # the reader's --max-chars is the limit
        nlp.max_length = len(document.text) + 1
    doc = make_doc(nlp, document.text)
    doc._.paper = document
    return nlp(doc)


def extract_document(document: Document, model: str | None = None, nlp=None) -> ExtractionResult:
    """Extract study facts and patients from a read document (with ``nlp`` if given)."""
    from extract.checks import limit_warnings
    from extract.fields import build_result

    result = build_result(analyse(document, model, nlp))
    result.warnings = [*document.warnings, *result.warnings]
    result.warnings += limit_warnings(document.text, result)
    return result


def extract_paper(
    path: str | os.PathLike,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_memory: int = DEFAULT_MAX_MEMORY,
) -> ExtractionResult:
    """Read and extract one paper (text or PDF): exactly what ``extract PAPER`` prints."""
    document = read_document(path, max_bytes, max_pages, max_chars, max_memory)
    return extract_document(document, model=model)
