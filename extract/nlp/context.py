"""`dva_context`: marks concept spans as negated, hypothetical or family history.

NegEx/ConText-style cue rules kept as data (``patterns/context.json``): a pre cue acts on a
concept that follows it within ``window`` tokens of the same sentence, unless a terminator
("but", ",", ";" ...) stands between; a post cue acts on a concept just before it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

PATTERNS = Path(__file__).parent / "patterns" / "context.json"
FLAGS = ("negated", "hypothetical", "family")


@cache
def load_cues() -> dict:
    """Cue lists as tuples of lowercase token sequences."""
    data = json.loads(PATTERNS.read_text(encoding="utf-8"))
    cues = {}
    for flag in FLAGS:
        cues[flag] = {
            side: sorted(
                (tuple(c.lower().split()) for c in data[flag][side]), key=len, reverse=True
            )
            for side in ("pre", "post")
        }
    return {"window": data["window"], "terminators": set(data["terminators"]), "cues": cues}


def _ends_with(words: list[str], cue: tuple[str, ...]) -> bool:
    return len(words) >= len(cue) and tuple(words[len(words) - len(cue) :]) == cue


def _starts_with(words: list[str], cue: tuple[str, ...]) -> bool:
    return tuple(words[: len(cue)]) == cue


def _pre_window(span: Span, window: int, terminators: set[str]) -> list[str]:
    """Lowercased tokens before ``span`` in its clause, nearest last."""
    words: list[str] = []
    sent_start = span.sent.start if span.doc.has_annotation("SENT_START") else 0
    i = span.start - 1
    while i >= sent_start and len(words) < window:
        word = span.doc[i].lower_
        if word in terminators:
            break
        words.insert(0, word)
        i -= 1
    return words


def _post_window(span: Span, window: int, terminators: set[str]) -> list[str]:
    words: list[str] = []
    sent_end = span.sent.end if span.doc.has_annotation("SENT_START") else len(span.doc)
    i = span.end
    while i < sent_end and len(words) < window:
        word = span.doc[i].lower_
        if word in terminators and words:
            break
        words.append(word)
        i += 1
    return words


def classify(span: Span) -> dict[str, bool]:
    """Which context flags apply to ``span``."""
    cfg = load_cues()
    pre = _pre_window(span, cfg["window"], cfg["terminators"])
    post = _post_window(span, cfg["window"], cfg["terminators"])
    flags = {}
    for flag, sides in cfg["cues"].items():
        hit = any(cue in _ngrams(pre, len(cue)) for cue in sides["pre"])
        hit = hit or any(cue in _ngrams(post, len(cue)) for cue in sides["post"])
        flags[flag] = hit
    return flags


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


class Context:
    """Sets ``span._.negated``, ``._.hypothetical``, ``._.family`` on concept spans."""

    def __init__(self, name: str, span_keys: list[str]) -> None:
        self.name = name
        self.span_keys = span_keys
        for ext in FLAGS:
            if not Span.has_extension(ext):
                Span.set_extension(ext, default=False)

    def __call__(self, doc: Doc) -> Doc:
        for key in self.span_keys:
            for span in doc.spans.get(key, []):
                for flag, value in classify(span).items():
                    if value:
                        setattr(span._, flag, True)
        return doc


@Language.factory("dva_context", default_config={"span_keys": ["vocab"]})
def make_context(nlp: Language, name: str, span_keys: list[str]) -> Context:
    """Factory of the context component."""
    return Context(name, span_keys)
