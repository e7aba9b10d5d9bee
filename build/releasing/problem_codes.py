"""README.md's table of problem codes ("When the build says no"), generated from the registry every
problem's code is checked against, so the codes documented are exactly the ones the build gives."""

from __future__ import annotations

from pipeline.problems import CODES

from .coverage import splice

MARKERS = ("<!-- problem-codes:start -->", "<!-- problem-codes:end -->")


def render() -> str:
    """Each code and what is wrong, in the registry's order (files, YAML, values, evidence, across records)."""
    rows = [f"| `{code}` | {text} |" for code, text in CODES.items()]
    return "\n".join(["| code | what is wrong |", "|---|---|", *rows])


def readme(text: str) -> str:
    """README.md text with its table of problem codes current."""
    return splice(text, render(), MARKERS)
