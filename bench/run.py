"""Benchmarks of dva-extract against the baseline a user would otherwise run; one table.

    python bench/run.py                  # full run (several minutes on 2 cores)
    python bench/run.py --quick          # small sizes, a smoke run (< 1 min)
    python bench/run.py --skip-pdf --skip-e2e --papers 200 --json figures.json

Figures are printed, not asserted: each row shows ours, the baseline, ours/baseline, the target
and whether it holds. Baselines: spaCy ``blank("en")`` + sentencizer ``nlp.pipe`` over the same
texts (tokenise + sentencise, no extractors); pypdfium2 ``get_text_range`` and pdfplumber
``extract_text`` over the same PDFs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import generate  # noqa: E402
from bench.harness import run_work, timed_command  # noqa: E402
from bench.table import Row, render  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "hasanli-2026-dva-ali-case-series.txt"
MAX_PDFPLUMBER_PAGES = 40  # pdfplumber does ~9 pages/s: a sample is enough
RSS_TARGET_MB = 400
STAGE_SAMPLE = 100


def machine() -> str:
    """CPU model, cores, memory and Python version of this machine."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024**2:.0f} GiB"
    except (OSError, StopIteration):
        memory = "? GiB"
    return (
        f"{model}, {os.cpu_count()} cores, {memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _extract_command() -> list[str]:
    """The ``extract`` console script of this interpreter (not a version-manager shim)."""
    script = Path(sys.executable).parent / "extract"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli"]


def _median_wall(argv: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cold_start(repeats: int) -> list[Row]:
    """``extract --version`` and ``extract seed.txt`` from a fresh process."""
    cmd = _extract_command()
    version = _median_wall([*cmd, "--version"], repeats)
    seed = _median_wall([*cmd, str(SEED)], repeats)
    baseline = _median_wall(
        [
            sys.executable,
            "-c",
            "import pathlib, spacy; nlp = spacy.blank('en'); nlp.add_pipe('sentencizer'); "
            f"nlp(pathlib.Path({str(SEED)!r}).read_text())",
        ],
        repeats,
    )
    python = _median_wall([sys.executable, "-c", "pass"], repeats)
    return [
        Row("cold: extract --version", version, python, "s", "< 0.3 s", version < 0.3,
            note="baseline: python -c pass"),
        Row("cold: extract seed.txt", seed, baseline, "s", "< 1.5 s", seed < 1.5,
            note="baseline: import spaCy, blank + sentencizer, one doc"),
    ]  # fmt: skip


def warm(files: list[str]) -> list[Row]:
    """Per-paper latency in a warm process (pipeline built), median over repeats."""
    ours = run_work("ours_warm", files).extra[0]["ms"]
    base = run_work("spacy_warm", files).extra[0]["ms"]
    return [Row("warm: ms per paper (seed)", ours, base, "ms", "< 60 ms", ours < 60)]


def _words(files: list[str]) -> int:
    return sum(len(Path(p).read_text(encoding="utf-8").split()) for p in files)


def text_throughput(files: list[str], cores: int) -> tuple[list[Row], list[float]]:
    """Papers/s and words/s on the synthetic text corpus: per core (CPU time), 1 and N workers."""
    words = _words(files)
    rows, rss = [], []
    single: dict[str, float] = {}
    note = f"{words:,} words, {len(files)} papers"
    for workers in sorted({1, cores}):
        ours = run_work("ours", files, workers)
        base = run_work("spacy", files, workers)
        rss += ours.peak_rss_mb
        label = f"{workers} worker{'s' if workers > 1 else ''}"
        if workers == 1:
            ours_cpu, base_cpu = words / ours.cpu_total, words / base.cpu_total
            rows.append(
                Row("text: words/s/core (CPU time)", ours_cpu, base_cpu, "/s", "ratio >= 0.5",
                    ours_cpu / base_cpu >= 0.5, note=note)
            )  # fmt: skip
            rows.append(
                Row("text: papers/s/core (CPU time)", len(files) / ours.cpu_total,
                    len(files) / base.cpu_total, "/s", "", None)
            )  # fmt: skip
        ours_wps, base_wps = words / ours.seconds, words / base.seconds
        single.setdefault("ours", ours_wps)
        single.setdefault("base", base_wps)
        rows.append(
            Row(f"text: words/s, {label} (wall)", ours_wps, base_wps, "/s",
                "ratio >= 0.5" if workers > 1 else "", ours_wps / base_wps >= 0.5 if workers > 1
                else None)
        )  # fmt: skip
        if workers > 1:
            ours_eff = ours_wps / single["ours"] / workers
            base_eff = base_wps / single["base"] / workers
            rows.append(
                Row(f"text: scaling efficiency, {label}", ours_eff, base_eff, "x",
                    ">= 0.8", ours_eff >= 0.8, note="wall-time speed-up over 1 worker / workers")
            )  # fmt: skip
    return rows, rss


def stage_lines(files: list[str]) -> list[str]:
    """CPU ms per paper by pipeline stage, on (a sample of) the text corpus."""
    found = run_work("ours_stages", files[:STAGE_SAMPLE]).extra[0]
    lines = [f"where a text paper's time goes (CPU ms/paper, {min(len(files), STAGE_SAMPLE)} "
             f"papers; total {found['total_ms']:.1f} ms):"]  # fmt: skip
    for label, ms in found["stages"].items():
        lines.append(f"  {ms:6.1f} ms  {label}")
    return lines


def pdf_throughput(pdfs: list[tuple[str, int]]) -> tuple[list[Row], list[float]]:
    """Pages/s per core (CPU time) of our reader and pipeline, against PDFium and pdfplumber."""
    files = [p for p, _ in pdfs]
    pages = sum(n for _, n in pdfs)
    read = run_work("ours_read", files)
    full = run_work("ours", files)
    pdfium = run_work("pdfium", files)
    sample, sample_pages = [], 0
    for path, n in pdfs:
        if sample_pages >= MAX_PDFPLUMBER_PAGES:
            break
        sample.append(path)
        sample_pages += n
    plumber = run_work("pdfplumber", sample)
    ours_pps = pages / read.cpu_total
    pdfium_pps = pages / pdfium.cpu_total
    note = f"{pages} pages, {len(files)} two-column PDFs, ruled tables on some pages"
    return [
        Row("pdf: pages/s/core, read", ours_pps, pdfium_pps, "/s", ">= 50",
            ours_pps >= 50, note="baseline: pypdfium2 get_text_range; " + note),
        Row("pdf: pages/s/core, read", ours_pps, sample_pages / plumber.cpu_total, "/s",
            ">= 50", ours_pps >= 50,
            note=f"baseline: pdfplumber extract_text ({sample_pages} of the pages)"),
        Row("pdf: pages/s/core, read + extract", pages / full.cpu_total, pdfium_pps, "/s", "",
            None, note="baseline: pypdfium2 get_text_range"),
    ], read.peak_rss_mb + full.peak_rss_mb  # fmt: skip


def end_to_end(folder: Path, files: list[str], cores: int) -> tuple[list[Row], list[float]]:
    """``extract FOLDER --workers N`` on the mixed corpus, as a user runs it."""
    out = folder.parent / "e2e-out"
    out.mkdir(exist_ok=True)
    argv = [*_extract_command(), str(folder), "--out", str(out / "pooled.csv")]
    argv += ["--workers", str(cores), "--quiet"]
    run = timed_command(argv, cwd=str(ROOT))
    base = run_work("baseline_mixed", files, cores)
    n, n_pdf = len(files), sum(p.endswith(".pdf") for p in files)
    note = (
        f"{n} papers ({n_pdf} PDF), {cores} workers, exit {run.exit_code}, "
        f"main process {run.main_rss_mb:.0f} MB; baseline: PDFium text + spaCy pipe"
    )
    return [
        Row(f"e2e: {n} mixed papers, wall", run.seconds, base.total_seconds, "s", "< 120 s",
            run.seconds < 120, note=note),
    ], run.child_rss_mb or [run.main_rss_mb]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Command line: run the benchmarks and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=500, help="text-throughput corpus size")
    parser.add_argument("--e2e-papers", type=int, default=1000)
    parser.add_argument("--pdf-papers", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--skip-e2e", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.papers, args.e2e_papers, args.pdf_papers = 40, 60, 4
    cores = len(os.sched_getaffinity(0))
    print(f"machine: {machine()}", flush=True)
    rows: list[Row] = []
    rss: list[float] = []
    with tempfile.TemporaryDirectory(prefix="dva-bench-") as tmp:
        tmp_path = Path(tmp)
        _step("cold start")
        rows += cold_start(3 if args.quick else 5)
        _step("warm latency")
        rows += warm([str(SEED)])
        _step(f"text throughput ({args.papers} papers)")
        made = generate(tmp_path / "text", args.papers, seed=args.seed)
        text_files = [str(p) for p, _ in made]
        text_rows, text_rss = text_throughput(text_files, cores)
        rows += text_rows
        rss += text_rss
        stages = stage_lines(text_files)
        if not args.skip_pdf:
            _step(f"PDF throughput ({args.pdf_papers} PDFs)")
            made = generate(tmp_path / "pdf", args.pdf_papers, args.seed + 1, 1.0, cores)
            pdf_rows, pdf_rss = pdf_throughput([(str(p), n or 0) for p, n in made])
            rows += pdf_rows
            rss += pdf_rss
        if not args.skip_e2e:
            _step(f"end to end ({args.e2e_papers} mixed papers)")
            folder = tmp_path / "mixed" / "papers"
            made = generate(folder, args.e2e_papers, args.seed + 2, 0.1, cores)
            e2e_rows, e2e_rss = end_to_end(folder, [str(p) for p, _ in made], cores)
            rows += e2e_rows
            rss += e2e_rss
        base_rss = run_work("spacy", [str(SEED)]).peak_rss_mb[0]
        peak = max(rss)
        rows.append(
            Row("peak RSS per worker", peak, base_rss, "MB", f"< {RSS_TARGET_MB} MB",
                peak < RSS_TARGET_MB, note="max over every worker above; baseline: spaCy blank")
        )  # fmt: skip
    print(render(rows))
    print("\n".join(stages))
    if args.json:
        figures = {"machine": machine(), "rows": [r.as_dict() for r in rows], "stages": stages}
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


def _step(what: str) -> None:
    print(f"... {what}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
