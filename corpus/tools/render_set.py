"""Render the corpus papers that have gold in the journal layouts of the PDF render set.

Writes ``corpus/renders/<layout>/<path>.pdf`` for every ``corpus/<path>.txt`` with a
``gold/<path>.json``; ``python evaluate.py`` scores each layout as its own group against the gold
of the text paper it was made from. The PDFs are not kept in git: this command makes them again
(an up-to-date PDF is skipped).

    python corpus/tools/render_set.py                      # every layout, every paper with gold
    python corpus/tools/render_set.py --layout A --paper 'n/*' --paper 'p/*'

Layouts: A (two-column LaTeX journal), A-tight (the same with \\tabcolsep 2 pt narrower),
B (WeasyPrint manuscript with line numbers and ruled tables), C (WeasyPrint three columns with
space-aligned monospaced tables). A needs pdflatex (Debian: texlive-latex-extra,
texlive-fonts-recommended); B and C need WeasyPrint (``pip install -e ".[render]"``).
"""

from __future__ import annotations

import argparse
import fnmatch
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[1]
sys.path.insert(0, str(TOOLS))

LAYOUTS = {
    "A": ("render_latex", {"tight": False}),
    "A-tight": ("render_latex", {"tight": True}),
    "B": ("render_html", {"layout": "manuscript"}),
    "C": ("render_html", {"layout": "three-column"}),
}


def available(layout: str) -> str | None:
    """Why ``layout`` cannot be rendered here (None when it can)."""
    module = LAYOUTS[layout][0]
    if module == "render_latex" and shutil.which("pdflatex") is None:
        return "pdflatex not found (apt-get install texlive-latex-extra texlive-fonts-recommended)"
    if module == "render_html":
        try:
            import weasyprint  # noqa: F401
        except (ImportError, OSError) as exc:
            return f"WeasyPrint cannot be imported ({exc}); pip install -e '.[render]'"
    return None


def papers(corpus: Path, gold: Path, patterns: list[str]) -> list[str]:
    """Paths (under corpus/, without suffix) of text papers that have gold."""
    names = []
    for txt in sorted(corpus.rglob("*.txt")):
        rel = txt.relative_to(corpus).with_suffix("").as_posix()
        if rel.startswith("renders/") or not (gold / f"{rel}.json").is_file():
            continue
        if patterns and not any(fnmatch.fnmatchcase(rel, p) for p in patterns):
            continue
        names.append(rel)
    return names


def render_one(layout: str, source: Path, out: Path) -> str:
    """Render one paper; returns a one-line status."""
    import importlib

    module_name, options = LAYOUTS[layout]
    module = importlib.import_module(module_name)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".pdf.part")
    try:
        text = source.read_text(encoding="utf-8")
        pages = module.build(text, tmp, **options)
        tmp.replace(out)
    except Exception as exc:  # noqa: BLE001 - one paper failing must not stop the set
        tmp.unlink(missing_ok=True)
        return f"FAILED {layout} {source}: {type(exc).__name__}: {str(exc)[:200]}"
    return f"{layout} {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {pages} pages"


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layout", action="append", choices=sorted(LAYOUTS))
    parser.add_argument("--paper", action="append", default=[], help="glob such as 'n/*'")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--gold", type=Path, default=ROOT / "gold")
    parser.add_argument("--out", type=Path, default=ROOT / "corpus" / "renders")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--force", action="store_true", help="render up-to-date PDFs again")
    args = parser.parse_args(argv)
    layouts = args.layout or list(LAYOUTS)
    names = papers(args.corpus, args.gold, args.paper)
    if not names:
        print("render_set: no paper with gold matches", file=sys.stderr)
        return 2
    jobs = []
    for layout in layouts:
        why = available(layout)
        if why:
            print(f"render_set: layout {layout} skipped: {why}", file=sys.stderr)
            continue
        for name in names:
            source = args.corpus / f"{name}.txt"
            out = args.out / layout / f"{name}.pdf"
            code = [TOOLS / "paper_blocks.py", TOOLS / f"{LAYOUTS[layout][0]}.py"]
            newest = max(p.stat().st_mtime for p in [source, *code])
            fresh = out.exists() and out.stat().st_mtime >= newest
            if args.force or not fresh:
                jobs.append((layout, source, out))
    failed = 0
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for status in pool.map(render_one, *zip(*jobs, strict=True)) if jobs else []:
            failed += status.startswith("FAILED")
            print(status)
    print(f"render_set: {len(jobs) - failed} rendered, {failed} failed, "
          f"{len(layouts) * len(names) - len(jobs)} up to date or skipped")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
