"""dva-extract: structured extraction from deep vein arterialization case reports.

``extract_paper(path)`` reads one paper and gives exactly what ``extract PAPER`` prints;
``load_pipeline(model=None)`` is the spaCy ``Language`` that analyses a paper's text as one Doc.
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    """``extract_paper`` and ``load_pipeline``, imported on first use (``--version`` stays fast)."""
    if name == "SCHEMA_VERSION":
        from schemas.models import SCHEMA_VERSION

        return SCHEMA_VERSION
    if name in ("extract_paper", "load_pipeline", "extract_document"):
        from extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
