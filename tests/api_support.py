"""Helper for the user-side tests: the environment of a clean, offline process reading a build."""

from __future__ import annotations

import os
import sys
from pathlib import Path


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
