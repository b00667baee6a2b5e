"""`python evaluate.py`: score extraction against the gold annotations in gold/.

Runs `extract` over every paper in corpus/ that has gold/<same path>.json and prints a per-field
table (support, precision, recall, F1, exact-match rate), micro and macro totals, per-paper
totals and micro F1 per paper group. ``--agreement A B`` compares two human annotations instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _fraction(text: str) -> float:
    """An argparse type: a number between 0 and 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} must be between 0 and 1")
    return value


def build_parser(root: Path | None = None) -> argparse.ArgumentParser:
    """The command-line interface; corpus/ and gold/ are looked for in ``root`` (default: the
    current folder)."""
    root = root or Path.cwd()
    parser = argparse.ArgumentParser(
        prog="evaluate.py",
        description="Score extraction against gold annotations (per field, micro/macro, "
        "per paper, per group), or compare two annotators with --agreement.",
    )
    parser.add_argument(
        "--corpus", default=str(root / "corpus"), metavar="DIR", help="papers (default ./corpus)"
    )
    parser.add_argument(
        "--gold", default=str(root / "gold"), metavar="DIR", help="gold (default ./gold)"
    )
    parser.add_argument(
        "--paper",
        action="append",
        metavar="NAME",
        help="only this paper (name, stem, file name or glob such as 'dev/D*'); repeatable",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the report as JSON")
    parser.add_argument(
        "--show-errors", action="store_true", help="list every wrong value with its evidence"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print the totals lines only")
    parser.add_argument(
        "--min-f1", type=_fraction, metavar="X", help="exit 1 when micro F1 is below X"
    )
    parser.add_argument(
        "--predictions",
        metavar="DIR",
        help="score saved `extract` outputs (DIR/<paper>.json) instead of running extraction",
    )
    parser.add_argument(
        "--agreement",
        nargs=2,
        metavar=("GOLD_A", "GOLD_B"),
        help="percent agreement (null = null agrees) and Cohen's kappa of categorical fields "
        "between two annotations (files, or folders paired by file name)",
    )
    parser.add_argument(
        "--consensus",
        metavar="OUT",
        help="with --agreement: write the consensus (values both give; a folder for folders)",
    )
    parser.add_argument(
        "--disagreements",
        metavar="FILE",
        help="with --agreement: list every disagreement to settle (.csv, else JSON)",
    )
    return parser


def _agreement_pairs(first: Path, second: Path, named: bool = False):
    from extract.errors import InputError
    from extract.evaluation import load_gold

    if first.is_dir() and second.is_dir():
        names = sorted(
            p.relative_to(first)
            for p in first.rglob("*.json")
            if (second / p.relative_to(first)).is_file()
        )
        if not names:
            raise InputError(f"{first} and {second} have no annotation file in common")
        pairs = [(load_gold(first / n), load_gold(second / n)) for n in names]
        return list(zip(names, pairs, strict=True)) if named else pairs
    pair = (load_gold(first), load_gold(second))
    return [(Path(first.name), pair)] if named else [pair]


def _write_consensus(args: argparse.Namespace, first: Path, second: Path) -> str:
    """Consensus file(s) and the disagreement list; a one-line note of what was written."""
    from extract.dataset.consensus import consensus, write_consensus, write_disagreements

    issues = []
    out = Path(args.consensus) if args.consensus else None
    named = _agreement_pairs(first, second, named=True)
    for name, (a, b) in named:
        data, found = consensus(a, b, name.as_posix())
        issues += found
        if out is not None:
            target = out / name if first.is_dir() else out
            target.parent.mkdir(parents=True, exist_ok=True)
            write_consensus(data, target)
    if args.disagreements:
        write_disagreements(issues, args.disagreements)
    where = [str(p) for p in (args.consensus, args.disagreements) if p]
    return f"{len(issues)} disagreement(s) to settle; written: {', '.join(where)}\n"


def _run_agreement(args: argparse.Namespace) -> int:
    from extract.atomic import atomic_write_text, check_output_path
    from extract.evaluation import agreement

    first, second = (Path(p) for p in args.agreement)
    for target in (args.json, args.disagreements):
        if target:
            check_output_path(target)
    if args.consensus and not (first.is_dir() and second.is_dir()):
        check_output_path(args.consensus)
    results = agreement.compare(_agreement_pairs(first, second))
    sys.stdout.write(agreement.render(results, f"Agreement: {first} vs {second}"))
    if args.json:
        atomic_write_text(args.json, json.dumps(agreement.to_json(results), indent=2) + "\n")
    if args.consensus or args.disagreements:
        sys.stdout.write(_write_consensus(args, first, second))
    return 0


def _run_evaluation(args: argparse.Namespace) -> int:
    from extract.atomic import atomic_write_text, check_output_path
    from extract.evaluation import evaluate

    if args.json:
        check_output_path(args.json)
    report = evaluate(args.corpus, args.gold, patterns=args.paper, predictions=args.predictions)
    sys.stdout.write(report.render(show_errors=args.show_errors, quiet=args.quiet))
    if args.json:
        atomic_write_text(args.json, json.dumps(report.to_json(), indent=2) + "\n")
    if args.min_f1 is not None:
        f1 = report.micro_f1() or 0.0
        if f1 < args.min_f1:
            print(
                f"evaluate.py: micro F1 {f1:.3f} is below --min-f1 {args.min_f1}", file=sys.stderr
            )
            return 1
    return 0


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Entry point (`dva-evaluate`, `python evaluate.py`); our errors become one line on stderr
    and exit code 2."""
    from extract.errors import ExtractError

    args = build_parser(root).parse_args(argv)
    try:
        if args.agreement:
            return _run_agreement(args)
        if args.consensus or args.disagreements:
            print(
                "evaluate.py: error: --consensus and --disagreements need --agreement A B",
                file=sys.stderr,
            )
            return 2
        return _run_evaluation(args)
    except ExtractError as exc:
        print(f"evaluate.py: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("evaluate.py: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
