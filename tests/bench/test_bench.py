"""The benchmark tools: the synthetic corpus, the harness and the table (no timings asserted)."""

from __future__ import annotations

import re

from bench.generate import TEMPLATES, WORDS_PER_PAGE, generate, write_paper
from bench.harness import balance, peak_rss_mb, run_work
from bench.table import Row, render
from extract.pipeline import extract_paper


def test_bench_generate_same_seed_gives_same_corpus(tmp_path):
    first = generate(tmp_path / "a", 6, seed=3)
    again = generate(tmp_path / "b", 6, seed=3)
    other = generate(tmp_path / "c", 6, seed=4)
    texts = [p.read_bytes() for p, _ in first]
    assert texts == [p.read_bytes() for p, _ in again]
    assert texts != [p.read_bytes() for p, _ in other]


def test_bench_generate_papers_cover_templates_and_page_range():
    papers = [write_paper(k, seed=1) for k in range(len(TEMPLATES) + 5)]
    assert [stem.split("-", 1)[1] for stem, _ in papers[: len(TEMPLATES)]] == list(TEMPLATES)
    for _, text in papers:
        words = len(text.split())
        assert 1.5 * WORDS_PER_PAGE <= words <= 9 * WORDS_PER_PAGE


def test_bench_generate_series_table_is_read_as_patients(tmp_path):
    stem, text = write_paper(2, seed=5)  # index 2: the tab-table series
    assert stem.endswith("series_tab")
    path = tmp_path / f"{stem}.txt"
    path.write_text(text, encoding="utf-8")
    n = int(re.search(r"\(n = (\d+)\)", text).group(1))
    result = extract_paper(path)
    assert len(result.patients) == n
    assert all(p.age_years is not None for p in result.patients)


def test_bench_balance_spreads_bytes_over_workers(tmp_path):
    files = []
    for k, size in enumerate([900, 500, 400, 300, 100]):
        path = tmp_path / f"f{k}.txt"
        path.write_text("x" * size)
        files.append(str(path))
    shares = balance(files, 2)
    assert sorted(f for share in shares for f in share) == sorted(files)
    totals = sorted(sum(len(open(f).read()) for f in share) for share in shares)
    assert totals[1] - totals[0] <= 300  # largest first, each file to the lighter share


def test_bench_peak_rss_of_this_process_is_known():
    assert peak_rss_mb() > 1
    assert peak_rss_mb(2**22 + 12345) is None  # no such process


def test_bench_run_work_reports_per_worker_figures():
    run = run_work("pdfium", [], workers=1)
    assert run.seconds >= 0 and run.total_seconds >= run.seconds
    assert len(run.peak_rss_mb) == 1 and run.extra == [{}]


def test_bench_table_shows_ratio_target_and_failed_targets():
    rows = [
        Row("warm: ms per paper", 40.0, 20.0, "ms", "< 60 ms", True),
        Row("text: words/s", 50_000, 500_000, "/s", "ratio >= 0.5", False, note="40 papers"),
    ]
    table = render(rows)
    lines = table.splitlines()
    assert lines[0].split("|")[0].strip() == "figure"
    assert "2.00" in lines[2] and "yes" in lines[2]
    assert "50,000/s" in lines[3] and "0.10" in lines[3] and lines[3].endswith("NO")
    assert lines[-1] == "[1] 40 papers"
