"""Only an installed wheel proves the data ships: build one, install it into a fresh virtual
environment, and load every table from a folder with no raw/ or build/ in sight."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

from conftest import ROOT

SCRIPT = """
import json, sino_russia_data as s
s.verify()
print(json.dumps({"file": s.__file__, "rows": {t: s.load(t).num_rows for t in s.tables()},
                  "records": len(s.records("events"))}))
"""


def test_wheel_installs_and_loads_everywhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True, capture_output=True
    )
    wheel = next(dist.glob("sino_russia_data-*.whl"))
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([str(python), "-c", SCRIPT], cwd=elsewhere, check=True, capture_output=True, text=True)
    loaded = json.loads(result.stdout)
    assert loaded["file"].startswith(str(env_dir)), "imported from the repository, not the wheel"
    manifest = json.loads((ROOT / "sino_russia_data" / "data" / "manifest.json").read_text())
    assert loaded["rows"] == {name: entry["rows"] for name, entry in manifest["tables"].items()}
    assert loaded["records"] == manifest["tables"]["events"]["rows"]
    assert not (elsewhere / "raw").exists() and not (elsewhere / "build").exists()
    for command in (["site", "site"], ["downloads", "downloads"], ["export", "export", "--format", "csv"]):
        subprocess.run(
            [str(env_dir / "bin" / "sino-russia-data"), *command], cwd=elsewhere, check=True, capture_output=True
        )
    assert sorted(p.name for p in (elsewhere / "site").iterdir()) == ["app.js", "data.js", "index.html", "style.css"]
    assert (elsewhere / "downloads" / "datapackage.json").is_file() and (
        elsewhere / "export" / "LICENSE-DATA"
    ).is_file()
