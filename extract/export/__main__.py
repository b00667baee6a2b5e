"""`python -m extract.export [table ...]`: print the column documentation as Markdown;
`python -m extract.export --readme README.md`: rewrite that file's column tables in place."""

import re
import sys
from pathlib import Path

from extract.export.columns import TABLES, markdown, names

HEADER = "| column | dtype | description |"


def refresh_readme(path: Path) -> None:
    """Replace each column table of the README (in TABLES order) with the current one."""
    lines, out, tables = path.read_text(encoding="utf-8").split("\n"), [], iter(TABLES)
    i = 0
    while i < len(lines):
        if lines[i] == HEADER:
            table = next(tables, None)
            if table is not None:
                while i < len(lines) and lines[i].startswith("|"):
                    i += 1
                out.extend(markdown(table).rstrip("\n").split("\n"))
                continue
        out.append(lines[i])
        i += 1
    text = re.sub(
        r"a few of the \d+ columns", f"a few of the {len(names('pooled'))} columns", "\n".join(out)
    )
    path.write_text(text, encoding="utf-8")


if sys.argv[1:2] == ["--readme"]:
    refresh_readme(Path(sys.argv[2]))
else:
    for table_name in sys.argv[1:] or TABLES:
        print(f"### {table_name}\n\n{markdown(table_name)}")
