"""`python evaluate.py`: score extraction against gold/ (the logic is extract.evaluation.cli;
installed as the `dva-evaluate` command, which reads ./corpus and ./gold)."""

import sys
from pathlib import Path

from extract.evaluation.cli import build_parser  # noqa: F401  (for the tests and --help)
from extract.evaluation.cli import main as _main

ROOT = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    """Evaluate this checkout's corpus/ against its gold/."""
    return _main(argv, root=ROOT)


if __name__ == "__main__":
    sys.exit(main())
