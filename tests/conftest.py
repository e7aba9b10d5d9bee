"""Shared test setup: the build pipeline (a folder of scripts, not a package) on sys.path, and
the repository's real raw/ and data folders."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
DATA = ROOT / "sino_russia_data" / "data"
sys.path.insert(0, str(ROOT / "build"))


@pytest.fixture(scope="session")
def built_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """raw/ built once per session (with its dataset card) into a temporary folder. Tests read it,
    or copy it before changing anything."""
    import pipeline  # build/ is on sys.path from here on

    out = tmp_path_factory.mktemp("built") / "data"
    pipeline.build(RAW, out)
    return out


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of the real raw/ folder, named raw/ so that messages read raw/…."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target
