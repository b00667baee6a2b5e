"""Fuzz tests import their strategies from ``fuzz_strategies.py`` beside this file."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:  # --import-mode=importlib does not put test folders on sys.path
    sys.path.insert(0, _HERE)
