"""`python -m extract.export [table ...]`: print the column documentation as Markdown."""

import sys

from extract.export.columns import TABLES, markdown

for table_name in sys.argv[1:] or TABLES:
    print(f"### {table_name}\n\n{markdown(table_name)}")
