"""The distributions: building the sdist and wheel with ``python -m build``, what the wheel must
(and must not) hold, ``twine check``, and whether two builds give the same wheel byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from sino_russia_data import __version__
from sino_russia_data.store import MANIFEST, parse_manifest, read_manifest

PACKAGE = "sino_russia_data"
DATA = f"{PACKAGE}/data"


def build(root: Path, out: Path, epoch: str | None, *, wheel_only: bool = False) -> list[Path]:
    """Run ``python -m build`` on ``root`` into ``out``: the sdist and the wheel built from it, or with
    ``wheel_only`` the wheel straight from the tree. Returns the files built."""
    command = [sys.executable, "-m", "build", "--outdir", str(out), *(["--wheel"] if wheel_only else []), str(root)]
    env = {**os.environ, **({"SOURCE_DATE_EPOCH": epoch} if epoch else {})}
    done = subprocess.run(command, check=False, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"python -m build failed:\n{done.stdout}{done.stderr}")
    return sorted(out.iterdir())


def wheel_problems(wheel: Path, data: Path) -> list[str]:
    """What is wrong with the wheel's contents, measured against the built data folder ``data``."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        shipped = (
            parse_manifest(archive.read(f"{DATA}/{MANIFEST}"), Path(wheel.name) / DATA / MANIFEST)
            if f"{DATA}/{MANIFEST}" in names
            else None
        )
    problems = []
    dist_info = f"{PACKAGE}-{__version__}.dist-info/"
    strays = sorted(n for n in names if not n.startswith((f"{PACKAGE}/", dist_info)))
    if strays:
        problems.append(f"files outside the package: {', '.join(strays[:5])}{' …' if len(strays) > 5 else ''}")
    caches = sorted(n for n in names if "__pycache__" in n or ".srd-build-" in n)
    if caches:
        problems.append(f"caches or interrupted builds: {', '.join(caches[:5])}")
    if shipped is None:
        return [*problems, f"no {DATA}/{MANIFEST}"]
    expected = {entry["file"] for entry in shipped["tables"].values()} | set(shipped.get("files", {}))
    missing = sorted(f for f in expected if f"{DATA}/{f}" not in names)
    if missing:
        problems.append(f"missing data files: {', '.join(missing)}")
    if shipped != read_manifest(data):
        problems.append(f"its {MANIFEST} differs from {data / MANIFEST}")
    if shipped.get("version") != __version__:
        problems.append(f"its data is version {shipped.get('version')}, the code {__version__}")
    return problems


def describe(wheel: Path) -> str:
    """One line on the wheel's size and what it holds, for the release check's report."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    data = [n for n in names if n.startswith(f"{DATA}/")]
    top = sorted({n.split("/")[0] + "/" for n in names})
    return f"wheel {wheel.stat().st_size} bytes, {len(names)} files ({len(data)} in {DATA}/) under {', '.join(top)}"


#: Run in the clean environment: the installed wheel's data verify, load and validate.
_LOAD_EVERYTHING = """
import sino_russia_data as srd
manifest = srd.verify()
rows = {name: len(srd.records(name)) for name in srd.tables()}
assert rows == {name: entry["rows"] for name, entry in manifest["tables"].items()}, rows
print(srd.__version__, srd.data_dir(), rows)
"""


def install_problems(wheel: Path, work: Path) -> tuple[list[str], str]:
    """Install the wheel alone in a new virtual environment and load every table from it."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SINO_RUSSIA_DATA_DIR", "VIRTUAL_ENV")}
    python = work / "venv" / "bin" / "python"
    steps = [
        [sys.executable, "-m", "venv", str(work / "venv")],
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        [str(python), "-I", "-c", _LOAD_EVERYTHING],
    ]
    for command in steps:
        done = subprocess.run(command, check=False, capture_output=True, text=True, env=env, cwd=work)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            return [f"`{' '.join(command[:4])} …` failed: {last}"], done.stderr
    return [], done.stdout.strip()


def twine_check(paths: list[Path]) -> tuple[bool, str]:
    """``twine check --strict`` on the distributions: passed, and what twine printed."""
    done = subprocess.run(
        [sys.executable, "-m", "twine", "--no-color", "check", "--strict", *map(str, paths)],
        check=False,
        capture_output=True,
        text=True,
    )
    return done.returncode == 0, (done.stdout + done.stderr).strip()
