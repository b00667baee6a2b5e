"""The spaCy pipeline: blank English (or a user's model) + our rule components, built once."""

from __future__ import annotations

import warnings
from functools import cache

from extract.errors import ModelError

RULE_COMPONENTS = ("dva_vocab", "dva_measures", "dva_context")


@cache
def get_pipeline(model: str | None = None):
    """The pipeline for ``model`` (None: ``spacy.blank("en")``), built once per process."""
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers factory)

    from extract.nlp import context, measures, vocab_ruler  # noqa: F401  (register factories)

    warnings.filterwarnings("ignore", message=r".*\[W036\].*")
    if model:
        try:
            nlp = spacy.load(model)
        except (OSError, ValueError, ImportError) as exc:
            raise ModelError(f"cannot load spaCy model {model!r}: {exc}".splitlines()[0]) from None
    else:
        nlp = spacy.blank("en")
    if not any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("abbreviation_detector", config={"make_serializable": True})
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp
