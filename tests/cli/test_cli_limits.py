"""Big inputs end in one line with memory bounded; limits the extractor has are said aloud."""

from __future__ import annotations

from pathlib import Path

from extract.corpus.worker import process_paper
from extract.document import Document
from extract.pipeline import analyse, load_pipeline

REPO = Path(__file__).resolve().parents[2]
PARAGRAPH = (
    "Case 1. A 64-year-old woman with diabetes underwent deep vein arterialization from the "
    "posterior tibial artery into the posterior tibial vein with a 5 × 150 mm stent graft.\n\n"
)


def test_cli_30_mb_text_is_refused_in_one_line_with_memory_bounded(run_measured, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(PARAGRAPH * (30_000_000 // len(PARAGRAPH)), encoding="utf-8")
    done, peak_mb = run_measured(path)
    done.assert_one_line_error("characters of text is over --max-chars 1000000")
    assert peak_mb < 1500


def test_cli_max_chars_raised_the_analysis_takes_texts_over_spacys_own_limit():
    nlp = load_pipeline()
    nlp.max_length = 2_000  # stands for spaCy's default 1,000,000, with --max-chars set higher

    text = "# A case\n\n## Case report\n\n" + PARAGRAPH * 20
    doc = analyse(Document(text=text, path="long.txt", sha256="0" * 64), nlp=nlp)
    assert len(doc.text) == len(text) > 2_000


def test_cli_paper_numbering_cases_past_999_gives_a_warning(run_cli, tmp_path):
    cases = [
        f"Case {n}. A {60 + n % 20}-year-old man underwent deep vein arterialization."
        for n in (997, 998, 999, 1000, 1001, 2000)
    ]
    path = tmp_path / "registry.txt"
    path.write_text("# A long case series\n\n## Cases\n\n" + "\n\n".join(cases) + "\n")
    done = run_cli(path)
    assert done.code == 0
    warning = [line for line in done.err.splitlines() if "numbers cases up to 2000" in line]
    assert len(warning) == 1 and "3 found, from 1000" in warning[0]


def test_cli_worker_out_of_memory_is_a_failed_paper_not_a_dead_run(monkeypatch, tmp_path):
    def greedy(path, **kwargs):
        raise MemoryError

    monkeypatch.setattr("extract.pipeline.extract_paper", greedy)
    record = process_paper(str(tmp_path / "p.txt"), "0" * 64, None, 10**6, 10, 10**6, 256 << 20)
    assert record["status"] == "failed" and record["error"] == (
        "needs over --max-memory 256 MB of memory"
    )
    assert record["kind"] == "internal"  # --resume tries it again, maybe with more memory
