"""CITATION.cff, generated from ``sino_russia_data.metadata`` by the package's own CFF writer (the
one ``cite("cff")`` uses), so the committed file and the citation a user gets cannot drift."""

from __future__ import annotations

from pathlib import Path

from pipeline.changelog import released

from sino_russia_data import metadata
from sino_russia_data.citation import cff_text

FILE = Path(__file__).resolve().parents[2] / "CITATION.cff"
HEADER = "# Generated from sino_russia_data/metadata.py by `python build/release.py write`; do not edit.\n"


def render() -> str:
    return HEADER + cff_text(metadata.VERSION, released=released(metadata.VERSION))
