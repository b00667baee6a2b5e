"""The cue lookup tries only n-grams that start with a cue's first word: the same flags as
trying every n-gram of the windows."""

from pathlib import Path

from extract.context.component import (
    _cue_index,
    _DocView,
    _post_window,
    _pre_window,
    classify,
    load_cues,
)
from extract.pipeline import load_pipeline

SEED = Path(__file__).resolve().parents[2] / "corpus" / "hasanli-2026-dva-ali-case-series.txt"


def _every_ngram(span, view) -> dict[str, bool]:
    cfg = load_cues()
    pre = _pre_window(span, cfg["window"], cfg["terminators"], view)
    post = _post_window(span, cfg["window"], cfg["terminators"], view)
    flags = dict.fromkeys(cfg["cues"], False)
    for side, words in (("pre", pre), ("post", post)):
        index, lengths = _cue_index()[side]
        for n in lengths:
            for i in range(len(words) - n + 1):
                for flag in index.get(tuple(words[i : i + n]), ()):
                    flags[flag] = True
    return flags


def test_cue_lookup_gives_the_flags_of_every_ngram():
    doc = load_pipeline()(SEED.read_text(encoding="utf-8"))
    view = _DocView(doc)
    spans = list(doc.spans["vocab"]) + list(doc.spans["measures"])
    assert spans
    flagged = 0
    for span in spans:
        found = classify(span, view)
        assert found == _every_ngram(span, view), span.text
        flagged += any(found.values())
    assert flagged  # the seed has negated or hypothetical mentions
