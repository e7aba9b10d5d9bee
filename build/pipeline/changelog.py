"""The release dates CHANGELOG.md gives each version: the one place a release's date is written.

The build copies this version's date into the manifest, so the installed package (which has no
CHANGELOG) can date its citations; a development version has none.
"""

from __future__ import annotations

import re
from pathlib import Path

CHANGELOG = Path(__file__).resolve().parents[2] / "CHANGELOG.md"


def released(version: str, changelog: str | None = None) -> str | None:
    """The date ``## [<version>] - YYYY-MM-DD`` gives ``version`` in CHANGELOG.md; None if unreleased."""
    text = CHANGELOG.read_text(encoding="utf-8") if changelog is None else changelog
    match = re.search(rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})", text, re.MULTILINE)
    return match.group(1) if match else None
