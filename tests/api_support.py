"""Helpers for the user-side tests: a fresh build of raw/ (with its dataset card) in a temp folder,
and running a command in a clean, offline process that reads that build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(out: Path) -> Path:
    """Build raw/ into ``out`` with build/compile.py and return ``out``."""
    subprocess.run([sys.executable, str(ROOT / "build" / "compile.py"), "--out", str(out)],
                   check=True, capture_output=True, text=True)
    return out


def offline_env(data: Path, cache: Path) -> dict[str, str]:
    """Environment reading ``data`` with Hugging Face offline and its cache under ``cache``."""
    return {
        **os.environ,
        "SINO_RUSSIA_DATA_DIR": str(data),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(cache),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
