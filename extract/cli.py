"""`extract`: one paper to JSON, or a folder of papers to one pooled table.

Imports are deferred so that `extract --version` answers without loading spaCy.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from extract import __version__


def _positive_int(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


EXAMPLES = """examples:
  extract paper.txt                          JSON to stdout
  extract paper.pdf --out paper.json         JSON written atomically (.json only for one paper)
  extract paper.pdf --html review.html       a review page: every value beside its evidence
  extract papers/ -r --out pooled.csv        a folder and its sub-folders to one pooled table
  extract papers/ -r --out pooled.csv --report analysis/   + the meta-analysis report
  extract --analyze pooled.csv --report analysis/         the analysis again, from a saved table
  extract --schema                           the JSON Schema of the output
"""


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="extract",
        description="Extract patient-level data from DVA case reports (text or PDF) to JSON; "
        "a folder gives one pooled, patient-level table.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", help="a paper (.txt, .md, .pdf) or a folder of papers")
    parser.add_argument(
        "--out", "-o", help="write the result here (atomically) instead of stdout; '-' is stdout"
    )
    parser.add_argument("--schema", action="store_true", help="print the output JSON Schema")
    parser.add_argument("--version", action="version", version=f"dva-extract {__version__}")
    parser.add_argument("--model", help="an installed spaCy pipeline to use instead of blank 'en'")
    parser.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=100 * 1024 * 1024,
        metavar="N",
        help="refuse a file larger than N bytes, or a PDF that inflates past it (default 100 MB)",
    )
    parser.add_argument(
        "--max-pages",
        type=_positive_int,
        default=200,
        metavar="N",
        help="refuse a PDF of more than N pages (default 200)",
    )
    parser.add_argument(
        "--max-chars",
        type=_positive_int,
        default=1_000_000,
        metavar="N",
        help="refuse a paper whose text is longer than N characters (default 1,000,000)",
    )
    parser.add_argument(
        "--max-memory",
        type=_positive_int,
        default=1024,
        metavar="MB",
        help="memory allowed for reading one paper (default 1024 MB)",
    )
    parser.add_argument("--html", metavar="FILE", help="also write a review page for the paper")
    parser.add_argument("--gold", metavar="FILE", help="with --html: mark values that differ")
    parser.add_argument(
        "--compare",
        nargs="+",
        metavar="GOLD",
        help="with --html: A.gold.json B.gold.json shows reviewer A's values with B's beside "
        "each disagreement (one file: the extracted values against it)",
    )
    corpus = parser.add_argument_group("corpus mode (PATH is a folder)")
    corpus.add_argument("-r", "--recursive", action="store_true", help="read sub-folders too")
    corpus.add_argument(
        "--format",
        choices=["csv", "jsonl", "parquet"],
        help="the pooled table's format (default: from --out's extension)",
    )
    corpus.add_argument("--evidence", metavar="FILE", help="long-format evidence table")
    corpus.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="papers extracted in parallel (default: the number of cores)",
    )
    corpus.add_argument("--resume", action="store_true", help="skip papers already done")
    corpus.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    corpus.add_argument("--html-dir", metavar="DIR", help="one review page per paper")
    corpus.add_argument(
        "--follow-links", action="store_true", help="read symlinks leading out of the folder"
    )
    corpus.add_argument(
        "--corrections", metavar="DIR", help="apply the review pages' exports (*.gold.json) in DIR"
    )
    corpus.add_argument(
        "--keep-duplicates",
        action="store_true",
        help="count a patient published twice twice (pairs are still listed)",
    )
    analysis = parser.add_argument_group("analysis (pooled proportions, survival, forest plots)")
    analysis.add_argument("--report", metavar="DIR", help="also write the analysis to DIR")
    analysis.add_argument("--analyze", metavar="TABLE", help="redo it from a saved pooled table")
    return parser


def _print_schema() -> None:
    import json

    from schemas.models import ExtractionResult

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **ExtractionResult.model_json_schema(),
    }
    print(json.dumps(schema, indent=2))


def _run_single(args: argparse.Namespace) -> int:
    from extract.atomic import atomic_write_text
    from extract.outputs import check_targets, is_stdout
    from extract.pipeline import extract_paper

    inputs = {"input paper": args.path, "gold file": args.gold}
    check_targets(inputs, {"--out": args.out, "--html": args.html})  # before the work
    _check_out_format(args.out)
    result = extract_paper(
        args.path,
        model=args.model,
        max_bytes=args.max_bytes,
        max_pages=args.max_pages,
        max_chars=args.max_chars,
        max_memory=args.max_memory << 20,
    )
    text = result.model_dump_json(indent=2) + "\n"
    if args.html and args.compare:
        _write_compare_page(result, args.html, args.compare)
    elif args.html:
        from extract.review import render_review, write_review

        if is_stdout(args.html):
            sys.stdout.write(render_review(result, gold=args.gold))
        else:
            write_review(result, args.html, gold=args.gold)
    if args.out and not is_stdout(args.out):
        atomic_write_text(args.out, text)
    elif not is_stdout(args.html):
        sys.stdout.write(text)
    for warning in result.warnings:
        print(f"warning: {_one_line(warning)}", file=sys.stderr)
    return 0


NOT_JSON = {".csv", ".tsv", ".jsonl", ".parquet", ".html", ".htm", ".txt", ".md", ".pdf", ".xlsx"}


def _check_out_format(out: str | None) -> None:
    """One paper's result is JSON: refuse an --out whose name says another format."""
    from extract.errors import OutputError

    suffix = Path(out).suffix.lower() if out else ""
    if suffix in NOT_JSON:
        raise OutputError(
            f"{out}: one paper's result is JSON (name it .json); tables ({suffix}) are written "
            "for a folder of papers, review pages with --html"
        )


def _write_compare_page(result, html: str, files: list[str]) -> None:
    """The review page with reviewer A's values (or the extracted ones) and B's beside them."""
    from extract.dataset.corrections import apply, load_file
    from extract.errors import InputError
    from extract.review import write_review
    from extract.review.gold import load_gold

    if len(files) > 2:
        raise InputError("--compare takes one or two corrections files (A and B)")
    views = [load_gold(f) for f in files]
    if len(views) == 2:
        result = apply(result, load_file(files[0])).result
    write_review(result, html, gold=views[-1], gold_label=f"reviewer B ({Path(files[-1]).name})")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `extract` console script."""
    from extract.errors import ExtractError

    args = build_parser().parse_args(argv)
    try:
        if args.schema:
            _print_schema()
            return 0
        if args.analyze:
            from extract.analysis import run_analyze

            return run_analyze(args)
        if not args.path:
            print("extract: error: give a paper or a folder (see --help)", file=sys.stderr)
            return 2
        is_dir = os.path.isdir(args.path)  # False, not an error, for an unusable path
        if args.report and not is_dir:
            from extract.errors import InputError

            raise InputError("--report needs a folder of papers, or --analyze TABLE")
        if is_dir:
            from extract.corpus import run_corpus

            return run_corpus(args)
        return _run_single(args)
    except ExtractError as exc:
        print(f"extract: error: {_one_line(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("extract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of stdout went away (`extract paper.txt | head`)
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except Exception as exc:  # a bug, not bad input: still one line unless EXTRACT_DEBUG is set
        if os.environ.get("EXTRACT_DEBUG"):
            raise
        print(
            f"extract: internal error: {type(exc).__name__}: {_one_line(exc)} "
            "(set EXTRACT_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 1


def _one_line(message: object) -> str:
    """A message on one line: line breaks and other control characters (from file names) escaped."""
    from extract.errors import one_line

    return one_line(message)


if __name__ == "__main__":
    sys.exit(main())
