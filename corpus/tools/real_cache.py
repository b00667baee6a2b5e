"""Check the cache of real texts against corpus/real/SOURCES.toml.

    python corpus/tools/real_cache.py            # which texts are cached, missing or changed

A real text is never committed: it is the excerpt the search tool's `pages` corpus returns for
the entry's `query` at its `rank` (the address is `url`), saved as corpus/real/.cache/<file>.txt.
This lists what is missing, with the query to retrieve it, and which saved texts differ from the
sha256 recorded when their gold was written.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "real"


def entries(real: Path = REAL) -> list[dict]:
    """The entries of SOURCES.toml."""
    with open(real / "SOURCES.toml", "rb") as handle:
        return tomllib.load(handle)["text"]


def status(real: Path = REAL) -> dict[str, list[dict]]:
    """Entries by state: cached (bytes as recorded), changed, missing."""
    found: dict[str, list[dict]] = {"cached": [], "changed": [], "missing": []}
    for entry in entries(real):
        path = real / ".cache" / f"{entry['file']}.txt"
        if not path.is_file():
            found["missing"].append(entry)
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            found["changed"].append(entry)
        else:
            found["cached"].append(entry)
    return found


def main(argv: list[str] | None = None) -> int:
    """Print the cache's state; exit 1 when a text is missing or changed."""
    found = status()
    print(
        f"{len(found['cached'])} cached, {len(found['changed'])} changed, "
        f"{len(found['missing'])} missing in {REAL / '.cache'}"
    )
    for entry in found["missing"]:
        print(
            f"missing {entry['file']}: search pages {entry['query']!r}, rank {entry['rank']} "
            f"({entry['url']})"
        )
    for entry in found["changed"]:
        print(f"changed {entry['file']}: sha256 differs from SOURCES.toml")
    return 1 if found["missing"] or found["changed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
