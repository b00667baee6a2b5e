"""Pages per second (per CPU core) of the PDF reader, against plain PDFium and pdfplumber.

    python bench/pdf_throughput.py                 # seed PDF + corpus papers rendered to PDF
    python bench/pdf_throughput.py paper.pdf ...   # your own PDFs
    python bench/pdf_throughput.py --min 50        # exit 1 below 50 pages/s/core

Times are CPU seconds of this process (``time.process_time``), so the figure is per core and
does not depend on what else the machine is doing. The corpus papers (``corpus/**/*.txt``)
are rendered to two-column PDFs with corpus/tools/render_pdf.py first (needs reportlab); the
tables they hold (ruled, pipe, space-aligned) land on some of their pages.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 50.0  # pages/s/core, issue 9


def corpus_pdfs(folder: Path) -> list[Path]:
    """The seed PDF plus every corpus text paper rendered to a PDF in ``folder``."""
    pdfs = sorted((ROOT / "corpus").glob("*.pdf"))
    if importlib.util.find_spec("reportlab") is None:
        print("reportlab missing: only the committed PDFs are measured", file=sys.stderr)
        return pdfs
    tool = ROOT / "corpus" / "tools" / "render_pdf.py"
    for txt in sorted((ROOT / "corpus").glob("*/*.txt")):
        out = folder / f"{txt.parent.name}-{txt.stem}.pdf"
        subprocess.run([sys.executable, str(tool), str(txt), "-o", str(out)], check=True,
                       capture_output=True)  # fmt: skip
        pdfs.append(out)
    return pdfs


def cpu_seconds(work, repeat: int) -> float:
    """Best CPU time of ``repeat`` runs of ``work()``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def run_reader(files: list[tuple[Path, bytes]]) -> None:
    """Our reader: PDFium words and rulings, layout, pdfplumber's table finder."""
    from extract.reading.pdf import read_pdf

    for path, data in files:
        read_pdf(path, data, max_pages=10_000)


def run_reader_phases(files: list[tuple[Path, bytes]]) -> tuple[float, float]:
    """CPU seconds in PDFium reading, and in layout + tables + text."""
    import pypdfium2 as pdfium

    from extract.reading.pdf import layout_document, settings
    from extract.reading.pdf_chars import read_page

    read = layout = 0.0
    for path, data in files:
        start = time.process_time()
        pdf = pdfium.PdfDocument(data)
        pages = [read_page(pdf, k) for k in range(len(pdf))]
        pdf.close()
        middle = time.process_time()
        layout_document(str(path), data, pages, settings())
        read += middle - start
        layout += time.process_time() - middle
    return read, layout


def run_pdfium_text(files: list[tuple[Path, bytes]]) -> None:
    """Plain PDFium text (no layout, no tables): the floor."""
    import pypdfium2 as pdfium

    for _, data in files:
        pdf = pdfium.PdfDocument(data)
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()


def run_pdfplumber(files: list[tuple[Path, bytes]]) -> None:
    """pdfplumber alone: text of every page and its tables (pdfminer glyph objects)."""
    import pdfplumber

    for path, _ in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()


def main(argv: list[str] | None = None) -> int:
    """Measure and print pages/s/core."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--min", type=float, help="exit 1 when the reader is below this")
    parser.add_argument("--no-baselines", action="store_true", help="skip PDFium/pdfplumber")
    args = parser.parse_args(argv)
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        paths = args.pdfs or corpus_pdfs(Path(tmp))
        files = [(p, p.read_bytes()) for p in paths]
        pages = sum(len(pdfium.PdfDocument(data)) for _, data in files)
        run_reader(files)  # warm up: imports, settings, fonts
        rows = [("dva-extract reader (PDFium + pdfplumber tables)", cpu_seconds(
            lambda: run_reader(files), args.repeat))]  # fmt: skip
        if not args.no_baselines:
            rows.append(("PDFium text only (no layout)", cpu_seconds(
                lambda: run_pdfium_text(files), args.repeat)))  # fmt: skip
            rows.append(("pdfplumber text + tables", cpu_seconds(
                lambda: run_pdfplumber(files), 1)))  # fmt: skip
        read, layout = run_reader_phases(files)
    print(f"{len(files)} PDFs, {pages} pages; CPU time, best of {args.repeat}")
    print(f"{'reader':52} {'s':>7} {'pages/s/core':>13} {'ms/page':>8}")
    for name, seconds in rows:
        rate = pages / seconds if seconds else float("inf")
        print(f"{name:52} {seconds:7.3f} {rate:13.1f} {1000 * seconds / pages:8.2f}")
    print(f"reader split: PDFium words+rulings {1000 * read / pages:.2f} ms/page, "
          f"layout+tables+text {1000 * layout / pages:.2f} ms/page")  # fmt: skip
    rate = pages / rows[0][1]
    print(f"target {TARGET:.0f} pages/s/core: {'met' if rate >= TARGET else 'NOT met'}")
    if args.min is not None and rate < args.min:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
