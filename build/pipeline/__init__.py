"""The raw/ → Parquet pipeline: read every raw file, validate, check across records, write.

``compile_raw`` returns the validated records of every table or raises :class:`BuildFailed` with
every problem found; ``tables`` turns them into Arrow tables, and ``build`` also writes them. The steps are in
:mod:`.steps`, finding the files in :mod:`.discover`, writing in :mod:`.output`.
"""

from __future__ import annotations

from .discover import discover
from .output import OutputRefused, WriteFailed
from .problems import BuildFailed, Problem
from .steps import build, compile_raw, tables

__all__ = ["BuildFailed", "OutputRefused", "Problem", "WriteFailed", "build", "compile_raw", "discover", "tables"]
