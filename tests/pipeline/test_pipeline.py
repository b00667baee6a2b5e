"""`load_pipeline()`: one spaCy Language does the whole analysis of a paper, and it saves."""

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from extract import load_pipeline
from extract.pipeline import COMPONENTS, extract_document
from extract.reading import read_document

REPO = Path(__file__).resolve().parents[2]
PAPERS = sorted(p for p in (REPO / "corpus").rglob("*.txt") if ".cache" not in p.parts)


def test_pipeline_is_a_language_with_the_steps_in_order():
    nlp = load_pipeline()
    assert isinstance(nlp, Language)
    assert nlp.pipe_names == list(COMPONENTS)


def test_pipeline_one_doc_per_paper_holds_the_whole_analysis():
    doc = load_pipeline()(
        "A case\n\nCase report\n\n"
        "A 70-year-old man with diabetes mellitus (DM) had a 6 x 100 mm stent.\n"
    )
    assert doc._.layout.sections[-1].kind == "case"
    assert doc._.abbrevs == {"DM": "diabetes mellitus"}
    assert [s.label_ for s in doc.spans["measures"]] == ["AGE", "SIZE"]
    assert [p.patient_id for p in doc._.patients] == ["1"]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("pipeline") / "dva"
    load_pipeline().to_disk(path)
    return path


def test_pipeline_saved_and_loaded_gives_the_same_results_on_every_corpus_paper(saved):
    loaded = spacy.load(saved)
    assert loaded.pipe_names == list(COMPONENTS)
    fresh = load_pipeline()
    for path in PAPERS:
        document = read_document(path)
        ours = extract_document(document, nlp=fresh).model_dump()
        theirs = extract_document(document, nlp=loaded).model_dump()
        assert ours == theirs, path.name


def test_pipeline_loads_in_a_fresh_process_without_importing_us_first(saved):
    code = (
        "import spacy, sys; nlp = spacy.load(sys.argv[1]); "
        "doc = nlp('A case\\n\\nCase report\\n\\nA 66-year-old woman had a TMA.\\n'); "
        "print(len(doc._.patients), [s.kb_id_ for s in doc.spans['vocab']])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(saved)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "1 ['transmetatarsal']"
