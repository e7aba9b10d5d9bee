"""Only an installed wheel proves the data ships: build one, install it into a fresh virtual
environment (the release check's own install, releasing.distribution.install_problems, which loads
every table as records and checks the row counts), then run the commands from a folder with no raw/
or build/ in sight."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import ROOT
from releasing import distribution


def test_wheel_installs_and_loads_everywhere(tmp_path: Path) -> None:
    (wheel,) = distribution.build(ROOT, tmp_path / "dist", None, wheel_only=True)
    problems, printed = distribution.install_problems(wheel, tmp_path)
    assert problems == [], printed
    venv = tmp_path / "venv"
    assert str(venv) in printed, f"the data was not read from the installed wheel: {printed}"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SINO_RUSSIA_DATA_DIR")}
    for command in (["site", "site"], ["downloads", "downloads"], ["export", "export", "--format", "csv"]):
        subprocess.run(
            [str(venv / "bin" / "sino-russia-data"), *command], cwd=elsewhere, check=True, capture_output=True, env=env
        )
    assert not (elsewhere / "raw").exists() and not (elsewhere / "build").exists()
    assert sorted(p.name for p in (elsewhere / "site").iterdir()) == ["app.js", "data.js", "index.html", "style.css"]
    assert (elsewhere / "downloads" / "datapackage.json").is_file() and (
        elsewhere / "export" / "LICENSE-DATA"
    ).is_file()
