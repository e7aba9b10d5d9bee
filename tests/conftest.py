"""Shared test setup: the repository's real raw/ and data folders, and one build of raw/ per session.
(build/, benchmarks/ and tests/ are on the import path through pyproject.toml's pytest pythonpath.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
DATA = ROOT / "sino_russia_data" / "data"


@pytest.fixture(scope="session")
def built_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """raw/ built once per session (with its dataset card) into a temporary folder. Tests read it,
    or copy it before changing anything."""
    import pipeline

    out = tmp_path_factory.mktemp("built") / "data"
    pipeline.build(RAW, out)
    return out


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of the real raw/ folder, named raw/ so that messages read raw/…."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target
