"""`dva_context`: negated, hypothetical and family-history mentions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.context.component import classify, flags_at, load_cues
from extract.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _run(nlp, text):
    """The component(s) alone on a hand-built Doc of ``text``."""
    doc = nlp.make_doc(text)
    for name in ("dva_vocab", "dva_context"):
        doc = nlp.get_pipe(name)(doc)
    return doc


def _flags(doc, text):
    span = next(s for s in doc.spans["vocab"] if s.text == text)
    return span._.negated, span._.hypothetical, span._.family


def test_context_negation_cues(nlp):
    doc = _run(
        nlp, "He had never smoked, and there was no history of stroke or atrial fibrillation."
    )
    assert _flags(doc, "smoked")[0]
    assert _flags(doc, "stroke")[0] and _flags(doc, "atrial fibrillation")[0]
    assert _flags(_run(nlp, "She denied smoking."), "smoking")[0]


def test_context_negation_stops_at_but(nlp):
    doc = _run(nlp, "No claudication, but diabetes was present.")
    assert not _flags(doc, "diabetes")[0]


def test_context_negation_covers_a_comma_list_closed_by_or(nlp):
    doc = _run(nlp, "She denied smoking, diabetes, hypertension or stroke. He had diabetes, too.")
    for item in ("smoking", "diabetes", "hypertension", "stroke"):
        assert _flags(doc, item)[0], item
    doc = _run(nlp, "Negava tabagismo, diabetes ou hipertensão.")
    spans = list(doc.spans["vocab"])
    assert len(spans) >= 2 and all(s._.negated for s in spans), [s.text for s in spans]
    doc = _run(nlp, "No claudication, diabetes and hypertension were present.")
    assert not _flags(doc, "diabetes")[0]


def test_context_hypothetical_and_family(nlp):
    doc = _run(nlp, "Without treatment she would have required a below-knee amputation.")
    assert _flags(doc, "below-knee amputation")[1]
    doc = _run(nlp, "Her mother had coronary artery disease.")
    assert _flags(doc, "coronary artery disease")[2]


def test_context_patients_in_general_are_other_experiencers(nlp):
    doc = _run(
        nlp, "It is not uncommon for patients with diabetes, or people who smoke, to lose a foot."
    )
    assert doc.spans["vocab"] and all(s._.others for s in doc.spans["vocab"])
    doc = _run(nlp, "Patients with diabetic foot ulcers are at an increased risk of amputation.")
    assert _flags(doc, "diabetic")[:3] == (False, False, False)
    assert next(s for s in doc.spans["vocab"] if s.text == "diabetic")._.others
    doc = _run(nlp, "A patient with diabetes and hypertension presented with rest pain.")
    assert not any(s._.others for s in doc.spans["vocab"])


def test_context_flags_at_reads_a_phrase_no_ruler_marked(nlp):
    text = "The limb was saved from major amputation. At 1 year he was amputation-free. He walks."
    doc = _sentences(nlp, text)
    start = text.index("major amputation")
    assert flags_at(doc, start, start + len("major amputation"))["negated"]
    start = text.index("amputation-free")
    assert flags_at(doc, start, start + len("amputation"))["negated"]
    start = text.index("walks")
    assert not flags_at(doc, start, start + len("walks"))["negated"]


def _sentences(nlp, text):
    """Vocabulary and context over ``text`` with spaCy's sentencizer (sentences for span.sent)."""
    from spacy.pipeline import Sentencizer

    doc = Sentencizer()(nlp.make_doc(text))
    for name in ("dva_vocab", "dva_context"):
        doc = nlp.get_pipe(name)(doc)
    return doc


def _naive_flags(span) -> dict[str, bool]:
    """Cue search as first written: span.sent bounds, every cue against every n-gram."""
    cfg = load_cues()
    sent = span.sent

    def before(window: int, terminators: set[str]) -> tuple[list[str], int]:
        words: list[str] = []
        i = span.start - 1
        while i >= sent.start and len(words) < window:
            if span.doc[i].lower_ in terminators:
                break
            words.insert(0, span.doc[i].lower_)
            i -= 1
        return words, i

    pre, stop = before(cfg["window"], cfg["terminators"])
    post: list[str] = []
    i = span.end
    while i < sent.end and len(post) < cfg["window"]:
        word = span.doc[i].lower_
        if word in cfg["terminators"] and post:
            break
        post.append(word)
        i += 1

    ors = {"or", "nor", "ou", "nem", "ni"}
    if (
        stop >= 0
        and span.doc[stop].lower_ == ","
        and (pre[-1:] and pre[-1] in ors or ors & set(post))
    ):
        pre, _ = before(2 * cfg["window"], cfg["terminators"] - {","})

    def grams(words, n):
        return {tuple(words[k : k + n]) for k in range(len(words) - n + 1)}

    return {
        flag: any(c in grams(pre, len(c)) for c in sides["pre"])
        or any(c in grams(post, len(c)) for c in sides["post"])
        for flag, sides in cfg["cues"].items()
    }


CONTEXT_WORDS = [
    "no", "history", "of", "diabetes", "hypertension", "was", "not", "required", "her",
    "mother", "had", "a", "below-knee", "amputation", "would", "have", "been", "considered",
    "died", "from", "sepsis", "but", ",", ".", "without", "smoking", "when", "free", "ruled",
    "out", "dialysis", "or", "denied", "patients", "with", "people", "who",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CONTEXT_WORDS), min_size=1, max_size=30).map(" ".join))
def test_context_flags_equal_the_naive_cue_search(nlp, text):
    doc = _sentences(nlp, text)
    for span in doc.spans["vocab"]:
        assert classify(span) == _naive_flags(span), (text, span.text)
