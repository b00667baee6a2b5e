"""How many papers and tests exercise each cue of the cue tables (a cue for one paper is a defect).

    python corpus/tools/cue_audit.py [--max-papers 1] [--all]

Papers: every corpus text (``corpus/**/*.txt``) and every cached real text (``corpus/real/.cache``,
blind batches excluded with ``--exclude RD``). Tests: the string constants of ``tests/**/*.py``
(implicitly joined literals count as one text). A cue is listed when it matches at most
``--max-papers`` papers and no test text.
"""

from __future__ import annotations

import argparse
import ast
import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TABLES = [
    "extract/fields/cues.toml",
    "extract/fields/study/cues.toml",
    "extract/patients/cues.toml",
]


def _cues() -> list[tuple[str, str, str]]:
    """(table, section.name, regex) of every cue."""
    out = []
    for table in TABLES:
        data = tomllib.loads((REPO / table).read_text(encoding="utf-8"))
        for section, entries in data.items():
            if not isinstance(entries, dict):
                continue
            for name, patterns in entries.items():
                if isinstance(patterns, list):
                    out += [(table, f"{section}.{name}", p) for p in patterns if isinstance(p, str)]
    return out


def _papers(exclude: list[str]) -> dict[str, str]:
    files = [p for p in (REPO / "corpus").rglob("*.txt") if ".cache" not in p.parts]
    files += sorted((REPO / "corpus/real/.cache").glob("*.txt"))
    keep = [p for p in files if not any(p.name.startswith(x) for x in exclude)]
    return {p.name: p.read_text(encoding="utf-8", errors="replace") for p in keep}


def _test_texts() -> list[str]:
    texts = []
    for path in (REPO / "tests").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        texts += [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]
    return texts


def main(argv: list[str] | None = None) -> int:
    """Print the cues exercised by at most ``--max-papers`` papers and by no test."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-papers", type=int, default=1)
    parser.add_argument(
        "--exclude", nargs="*", default=["RD"], help="real-text id prefixes to skip"
    )
    parser.add_argument("--all", action="store_true", help="list every cue with its counts")
    args = parser.parse_args(argv)
    papers, tests = _papers(args.exclude), _test_texts()
    rows = []
    for table, name, pattern in _cues():
        try:
            rx = re.compile(pattern, re.IGNORECASE)
        except re.error:
            rx = re.compile(re.escape(pattern), re.IGNORECASE)
        hits = [p for p, text in papers.items() if rx.search(text)]
        tested = sum(1 for t in tests if rx.search(t))
        if args.all or (len(hits) <= args.max_papers and not tested):
            rows.append((table, name, pattern, len(hits), tested, hits[:1]))
    for table, name, pattern, n, tested, first in rows:
        print(f"{n:3d} papers {tested:3d} tests  {table}:{name}  {pattern[:70]!r}  {first}")
    total = len(_cues())
    print(f"{len(rows)} of {total} cues listed ({len(papers)} papers, {len(tests)} test texts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
