"""Peak memory of `extract` on big and hostile inputs, each beside a baseline in the same run.

    python bench/memory.py               # 3 runs per case (about 3 minutes on 2 cores)
    python bench/memory.py --runs 5
    python bench/memory.py --quick       # 1 run, no 1,000,000-character text, no bomb baseline

Every figure is a fresh process (``python cli.py ...``): its peak resident set size, children
included (the PDF reading child), read from ``wait4`` in a small launcher process
(``tests/peak.py``); printed as min / median / max over the runs. Cases: the largest corpus
text and PDF papers, a 30 MB text (refused by ``--max-chars``), the longest text the defaults
accept (1,000,000 characters), and a 1.5 MB PDF that inflates to 1.5 GB (its filter name
escaped, which the raw-bytes fast path misses; stopped by ``--max-memory``). Baselines: reading
the text into a Python string, spaCy ``blank("en")`` + sentencizer over the same text, and
pypdfium2 ``get_text_range`` on the PDFs (on the bomb: what reading it plainly costs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # tests/pdfbytes.py (bombs), tests/peak.py (memory)

LIMIT_MB = 1500  # issue 14: a 30 MB text stays under 1.5 GB or is refused
BLANK = (
    "import spacy, sys\nnlp = spacy.blank('en'); nlp.add_pipe('sentencizer')\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\nnlp.max_length = len(text) + 1\n"
    "nlp(text)\n"
)
READ = "import sys\ntext = open(sys.argv[1], encoding='utf-8').read()\n"
PDFIUM = (
    "import sys, pypdfium2 as pdfium\npdf = pdfium.PdfDocument(sys.argv[1])\n"
    "for page in pdf:\n    page.get_textpage().get_text_range()\n"
)


@dataclass
class Measure:
    """Runs of one command: peak MB and seconds per run, exit code and answer of the last."""

    peaks: list[float]
    seconds: list[float]
    code: int
    answer: str

    def cell(self) -> str:
        """``min / median / max MB``."""
        low, mid, high = min(self.peaks), statistics.median(self.peaks), max(self.peaks)
        return f"{low:.0f} / {mid:.0f} / {high:.0f} MB"


def measure(argv: list[str], runs: int) -> Measure:
    """Run ``argv`` ``runs`` times in fresh processes; true peak RSS (children included), time."""
    from peak import run_with_peak

    peaks, seconds, code, answer = [], [], 0, ""
    for _ in range(runs):
        started = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        code, _, err, peak = run_with_peak(argv, ROOT, env)
        seconds.append(time.perf_counter() - started)
        peaks.append(peak)
        lines = [line for line in err.splitlines() if not line.startswith("warning:")]
        answer = (lines[0] if lines else "").replace(str(ROOT) + "/", "")
        answer = answer.replace(os.path.dirname(argv[-1]) + "/", "")[:100]
    return Measure(peaks, seconds, code, answer)


def by_size(pattern: str) -> list[Path]:
    """Corpus files matching ``pattern``, smallest first."""
    return sorted((ROOT / "corpus").glob(pattern), key=os.path.getsize)


def write_inputs(folder: Path, quick: bool) -> dict[str, Path]:
    """The inputs: 30 MB and 1,000,000-character texts, the largest corpus paper, a PDF bomb."""
    from pdfbytes import escaped_name

    largest = by_size("**/*.txt")[-1]
    text = largest.read_text(encoding="utf-8") + "\n\n"
    inputs = {"largest corpus text paper": largest}
    pdfs = by_size("**/*.pdf")
    if pdfs:
        inputs["largest corpus PDF paper"] = pdfs[-1]
    huge = folder / "text-30MB.txt"
    huge.write_text(text * (30_000_000 // len(text) + 1), encoding="utf-8")
    inputs["30 MB text"] = huge
    if not quick:
        longest = folder / "text-1M-chars.txt"
        longest.write_text((text * (1_000_000 // len(text) + 1))[:999_000], encoding="utf-8")
        inputs["1,000,000-char text"] = longest
    bomb = folder / "bomb-1.5GB.pdf"
    bomb.write_bytes(escaped_name(1500))
    inputs["PDF bomb, 1.5 MB -> 1.5 GB"] = bomb
    return inputs


def main(argv: list[str] | None = None) -> int:
    """Measure every case and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    python = sys.executable
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for case, path in write_inputs(Path(tmp), args.quick).items():
            ours = measure([python, "cli.py", str(path)], runs)
            if path.suffix == ".pdf":
                base_name = "pypdfium2 get_text_range"
                skip = args.quick and "bomb" in case  # plain PDFium takes ~2.6 GB on it
                base = None if skip else measure([python, "-c", PDFIUM, str(path)], 1)
            elif case.startswith("30 MB"):
                base_name, base = "read into a str", measure([python, "-c", READ, str(path)], runs)
            else:
                base_name = "spaCy blank + sentencizer"
                base = measure([python, "-c", BLANK, str(path)], runs)
            size = f"{path.stat().st_size / 1e6:.2f} MB"
            rows.append((case, size, ours, base_name, base))
    print(f"peak memory, min / median / max of {runs} run(s) (fresh processes, children included)")
    print(f"{'case':<30}{'file':>10}  {'extract':>22}  {'s':>6}  exit  baseline")
    for case, size, ours, base_name, base in rows:
        base_cell = "-" if base is None else f"{base.cell()} ({base_name}, {base.code})"
        secs = statistics.median(ours.seconds)
        print(f"{case:<30}{size:>10}  {ours.cell():>22}  {secs:6.1f}  {ours.code:>4}  {base_cell}")
        if ours.answer:
            print(f"{'':<30}answer: {ours.answer}")
    worst = max(max(ours.peaks) for _, _, ours, _, _ in rows)
    holds = "yes" if worst < LIMIT_MB else "NO"
    print(f"largest peak {worst:.0f} MB; target < {LIMIT_MB} MB: {holds}")
    return 0 if worst < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
