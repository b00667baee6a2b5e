"""dva-extract: structured extraction from deep vein arterialization case reports."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"
