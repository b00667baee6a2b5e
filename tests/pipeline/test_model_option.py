"""`--model NAME`: a user's statistical pipeline (here a tiny one trained in the test) is used."""

import random

import pytest
import spacy
from spacy.training import Example

import cli
from extract.errors import ModelError
from extract.pipeline import COMPONENTS, load_pipeline

PAPER = (
    "A case of venous arterialization\n\nCase report\n\n"
    "A 66-year-old woman with diabetes underwent a below-knee amputation.\n"
)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A blank English pipeline with a tagger trained for a few steps, saved to disk."""
    nlp = spacy.blank("en")
    tagger = nlp.add_pipe("tagger")
    data = [
        ("A woman had diabetes", ["DET", "NOUN", "VERB", "NOUN"]),
        ("The man underwent amputation", ["DET", "NOUN", "VERB", "NOUN"]),
    ]
    examples = [Example.from_dict(nlp.make_doc(t), {"tags": tags}) for t, tags in data]
    for tag in ("DET", "NOUN", "VERB"):
        tagger.add_label(tag)
    optimizer = nlp.initialize(lambda: examples)
    random.seed(0)
    for _ in range(5):
        nlp.update(examples, sgd=optimizer)
    path = tmp_path_factory.mktemp("model") / "tiny_en"
    nlp.to_disk(path)
    return str(path)


def test_model_option_loads_user_pipeline_and_adds_our_components(tiny_model):
    nlp = load_pipeline(tiny_model)
    assert nlp.pipe_names[0] == "tagger"
    assert nlp.pipe_names[1:] == list(COMPONENTS)
    assert nlp("A woman had diabetes")[1].tag_ in {"DET", "NOUN", "VERB"}


def test_model_option_gives_the_same_extraction(tiny_model, tmp_path, capsys):
    paper = tmp_path / "case.txt"
    paper.write_text(PAPER, encoding="utf-8")
    assert cli.main([str(paper), "--model", tiny_model]) == 0
    with_model = capsys.readouterr().out
    assert cli.main([str(paper)]) == 0
    default = capsys.readouterr().out
    assert '"age_years": 66' in with_model and '"amputation": "below_knee"' in with_model
    assert with_model == default


def test_model_option_unknown_model_is_a_one_line_error(capsys, tmp_path):
    with pytest.raises(ModelError):
        load_pipeline("no_such_model_xyz")
    paper = tmp_path / "case.txt"
    paper.write_text(PAPER, encoding="utf-8")
    assert cli.main([str(paper), "--model", "no_such_model_xyz"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("extract: error: cannot load spaCy model") and err.count("\n") == 1
