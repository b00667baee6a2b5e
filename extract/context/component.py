"""`dva_context`: marks concept spans as negated, hypothetical, family history or someone else's
(patients in general: "patients with diabetes", "people who smoke").

ConText rules kept as data in medspaCy's format (``rules.json``): a pre cue acts on a
concept that follows it within ``window`` tokens of the same sentence, unless a terminator
("but", ",", ";" ...) stands between; a post cue acts on a concept just before it.
"""

from __future__ import annotations

import bisect
import json
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.docattrs import register

PATTERNS = Path(__file__).parent / "rules.json"
FLAGS = ("negated", "hypothetical", "family", "others")
CATEGORIES = {
    "NEGATED_EXISTENCE": "negated",
    "HYPOTHETICAL": "hypothetical",
    "FAMILY": "family",
    "OTHER_EXPERIENCER": "others",
}
DEFAULT_SCOPE = 8


@cache
def load_cues() -> dict:
    """The ConText rules (medspaCy's format) as cue token sequences per flag and side."""
    data = json.loads(PATTERNS.read_text(encoding="utf-8"))
    cues: dict[str, dict[str, list]] = {flag: {"pre": [], "post": []} for flag in FLAGS}
    terminators, scopes = set(), set()
    for rule in data["context_rules"]:
        if rule["direction"] == "TERMINATE":
            terminators.add(rule["literal"].lower())
            continue
        side = {"FORWARD": "pre", "BACKWARD": "post"}[rule["direction"]]
        cues[CATEGORIES[rule["category"]]][side].append(tuple(rule["literal"].lower().split()))
        scopes.add(rule.get("max_scope", DEFAULT_SCOPE))
    for sides in cues.values():
        for side in sides:
            sides[side].sort(key=len, reverse=True)
    window = max(scopes, default=DEFAULT_SCOPE)
    return {"window": window, "terminators": terminators, "cues": cues}


@cache
def _cue_index() -> dict[str, tuple[dict[tuple[str, ...], frozenset[str]], list[int]]]:
    """{side: ({cue: flags it sets}, cue lengths)}: one dict lookup per window n-gram."""
    out = {}
    for side in ("pre", "post"):
        index: dict[tuple[str, ...], set[str]] = {}
        for flag, sides in load_cues()["cues"].items():
            for cue in sides[side]:
                index.setdefault(cue, set()).add(flag)
        lengths = sorted({len(cue) for cue in index})
        out[side] = ({cue: frozenset(f) for cue, f in index.items()}, lengths)
    return out


class _DocView:
    """Per-doc lookups shared by all spans of a doc: lowercased words and sentence bounds."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.length = len(doc)
        self.has_sents = doc.has_annotation("SENT_START")
        self.sent_start = doc.to_array("SENT_START").tolist() if self.has_sents else None
        # the tokens that start a sentence (the first token always does), in order
        self.starts = (
            [0] + [i for i, v in enumerate(self.sent_start) if v == 1 and i]
            if self.has_sents
            else None
        )
        self.hooked = "sent" in doc.user_span_hooks or "sents" in doc.user_hooks
        self._lower: list[int] | None = None
        self._strings: dict[int, str] = {}

    def lower(self, i: int) -> str:
        """``doc[i].lower_`` (looked up by the LOWER hash, without making a Token; each hash's
        string is asked of the string store once)."""
        if self._lower is None:
            self._lower = self.doc.to_array("LOWER").tolist()
        key = self._lower[i]
        word = self._strings.get(key)
        if word is None:
            word = self._strings[key] = self.doc.vocab.strings[key]
        return word

    def sent_bounds(self, span: Span) -> tuple[int, int]:
        """``(span.sent.start, span.sent.end)``, or the whole doc without sentences."""
        if not self.has_sents:
            return 0, self.length
        if self.hooked:
            sent = span.sent
            return sent.start, sent.end
        at = bisect.bisect_right(self.starts, span.start)
        end = self.starts[at] if at < len(self.starts) else self.length
        return self.starts[at - 1], end


def _pre_window(
    span: Span, window: int, terminators: set[str], view: _DocView | None = None
) -> list[str]:
    """Lowercased tokens before ``span`` in its clause, nearest last."""
    view = view or _DocView(span.doc)
    words: list[str] = []
    sent_start = view.sent_bounds(span)[0]
    i = span.start - 1
    while i >= sent_start and len(words) < window:
        word = view.lower(i)
        if word in terminators:
            break
        words.append(word)
        i -= 1
    words.reverse()
    return words


def _post_window(
    span: Span, window: int, terminators: set[str], view: _DocView | None = None
) -> list[str]:
    view = view or _DocView(span.doc)
    words: list[str] = []
    sent_end = view.sent_bounds(span)[1]
    i = span.end
    while i < sent_end and len(words) < window:
        word = view.lower(i)
        if word in terminators and words:
            break
        words.append(word)
        i += 1
    return words


# the conjunctions that close a list a negation governs whole ("no X, Y or Z", "nem", "ni")
_OR_WORDS = frozenset({"or", "nor", "ou", "nem", "ni"})


def _in_or_list(span: Span, pre: list[str], post: list[str], view: _DocView) -> bool:
    """Whether ``span`` is an item of a comma list closed by "or": right after its comma
    stops the window, with "or" before the span or after it in the clause."""
    start = span.start - len(pre) - 1
    after_comma = start >= 0 and view.lower(start) == ","
    return after_comma and (bool(pre) and pre[-1] in _OR_WORDS or bool(_OR_WORDS & set(post)))


def classify(span: Span, view: _DocView | None = None) -> dict[str, bool]:
    """Which context flags apply to ``span``."""
    cfg = load_cues()
    view = view or _DocView(span.doc)
    post = _post_window(span, cfg["window"], cfg["terminators"], view)
    pre = _pre_window(span, cfg["window"], cfg["terminators"], view)
    if _in_or_list(span, pre, post, view):  # "denied smoking, diabetes or angina": one scope
        pre = _pre_window(span, 2 * cfg["window"], cfg["terminators"] - {","}, view)
    flags = dict.fromkeys(cfg["cues"], False)
    for side, words in (("pre", pre), ("post", post)):
        index, lengths = _cue_index()[side]
        firsts = _cue_firsts()[side]
        for flag in index.get((), ()):  # an empty cue (none in the rules) matches anywhere
            flags[flag] = True
        for i, word in enumerate(words):
            if word not in firsts:
                continue  # no cue starts with this word
            for n in lengths:
                if i + n <= len(words):
                    for flag in index.get(tuple(words[i : i + n]), ()):
                        flags[flag] = True
    return flags


@cache
def _cue_firsts() -> dict[str, frozenset[str]]:
    """{side: the words cues of that side start with}."""
    return {
        side: frozenset(cue[0] for cue in _cue_index()[side][0] if cue) for side in ("pre", "post")
    }


def flags_at(doc: Doc, start_char: int, end_char: int) -> dict[str, bool]:
    """Context flags of the text at ``doc.text[start_char:end_char]`` (a phrase no ruler marked)."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or not len(span):
        return dict.fromkeys(FLAGS, False)
    return classify(span, _view_of(doc))


_VIEW_KEY = "dva_context_view"


def _view_of(doc: Doc) -> _DocView:
    """The doc's view, made once: by ``dva_context``, which runs after the sentences are set,
    or at the first ``flags_at`` on a doc that component did not see."""
    view = doc.user_data.get(_VIEW_KEY)
    if view is None or view.doc is not doc or view.length != len(doc):
        view = doc.user_data[_VIEW_KEY] = _DocView(doc)
    return view


class Context:
    """Sets the flags (``span._.negated``, ``._.hypothetical``, ``._.family``, ``._.others``)."""

    def __init__(self, name: str, span_keys: list[str]) -> None:
        self.name = name
        self.span_keys = span_keys
        register()

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data.pop(_VIEW_KEY, None)  # sentences may have been set anew
        view = None
        for key in self.span_keys:
            for span in doc.spans.get(key, []):
                view = view or _view_of(doc)
                for flag, value in classify(span, view).items():
                    if value:
                        setattr(span._, flag, True)
        return doc


@Language.factory("dva_context", default_config={"span_keys": ["vocab"]})
def make_context(nlp: Language, name: str, span_keys: list[str]) -> Context:
    """Factory of the context component."""
    return Context(name, span_keys)
