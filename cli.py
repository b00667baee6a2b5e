"""`python cli.py`: the `extract` command run from a checkout (the logic is extract.cli)."""

import sys

from extract.cli import build_parser, main  # noqa: F401  (tests use both)

if __name__ == "__main__":
    sys.exit(main())
