"""Step 6 — vocabulary mentions: ``dva_vocab`` marks every mention of a concept of the
vocabularies (``schemas/vocab/*.toml``, the contract's allowed values) in ``doc.spans["vocab"]``.

The vocabularies themselves are read through :mod:`schemas.vocab` (re-exported here)."""

from schemas.vocab import NAMES, Concept, Vocabulary, fold, load, manufacturer_key, rutherford_key

__all__ = [
    "NAMES",
    "Concept",
    "Vocabulary",
    "fold",
    "load",
    "manufacturer_key",
    "rutherford_key",
]
