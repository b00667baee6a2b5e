"""Text throughput against the bare spaCy baseline, on the corpus and on synthetic papers.

    python bench/text_ratio.py [--repeats 5] [--synthetic DIR]

Ours: ``extract_document`` over every text paper (read beforehand). Baseline, measured in the
same process and alternated with ours: ``spacy.blank("en")`` + sentencizer + scispaCy's
``abbreviation_detector``, ``nlp.pipe`` over each paper's paragraphs. Words per second of CPU
time; min / median / max over the repeats; the ratio of the medians (target >= 0.5) and the
min / max of the repeats' own ratios (ours over the baseline run right after it).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _papers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if ".cache" not in p.parts)


def _measure(files: list[Path], repeats: int) -> dict[str, list[float]]:
    import spacy
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401

    from extract.pipeline import extract_document, shared_pipeline
    from extract.reading import read_document

    warnings.filterwarnings("ignore")
    docs = [read_document(p) for p in files]
    words = sum(len(d.text.split()) for d in docs)
    paragraphs = [[p for p in d.text.split("\n\n") if p.strip()] for d in docs]
    shared_pipeline(None)
    extract_document(docs[0])
    base = spacy.blank("en")
    base.add_pipe("sentencizer")
    base.add_pipe("abbreviation_detector")
    list(base.pipe(paragraphs[0]))
    out: dict[str, list[float]] = {"ours": [], "baseline": []}
    for _ in range(repeats):
        started = time.process_time()
        for doc in docs:
            extract_document(doc)
        out["ours"].append(words / (time.process_time() - started))
        started = time.process_time()
        for paras in paragraphs:
            list(base.pipe(paras))
        out["baseline"].append(words / (time.process_time() - started))
    out["words"] = [words]
    return out


def _line(name: str, found: dict[str, list[float]], papers: int) -> str:
    ours, base = found["ours"], found["baseline"]
    ratio = statistics.median(ours) / statistics.median(base)
    each = [o / b for o, b in zip(ours, base, strict=True)]
    return (
        f"{name:<22} {papers:>4} papers {found['words'][0]:>8,} words | ours "
        f"{min(ours):>8,.0f} {statistics.median(ours):>8,.0f} {max(ours):>8,.0f} w/s | baseline "
        f"{min(base):>9,.0f} {statistics.median(base):>9,.0f} {max(base):>9,.0f} w/s | "
        f"ratio {ratio:.2f} (repeats {min(each):.2f}-{max(each):.2f}; "
        f"target >= 0.5: {'yes' if ratio >= 0.5 else 'NO'})"
    )


def main(argv: list[str] | None = None) -> int:
    """Print one line per corpus: min/median/max words/s (CPU) of ours and the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--synthetic", metavar="DIR", help="synthetic papers (default: made)")
    parser.add_argument("--papers", type=int, default=150, help="synthetic papers to make")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    corpus = _papers(REPO / "corpus")
    print("words/s of CPU time: min median max")
    print(_line("corpus (seed, dev, ...)", _measure(corpus, args.repeats), len(corpus)))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.synthetic or tmp)
        if not args.synthetic:
            subprocess.run(
                [sys.executable, str(REPO / "bench" / "generate.py"), tmp,
                 "--papers", str(args.papers), "--pdf-share", "0"],
                check=True, capture_output=True,
            )  # fmt: skip
        synthetic = _papers(folder)
        print(_line("synthetic (bench)", _measure(synthetic, args.repeats), len(synthetic)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
