"""Running the build on a folder from tests: the CLI in-process, or build/compile.py in a subprocess."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

COMPILE = ROOT / "build" / "compile.py"


def _cli():
    spec = importlib.util.spec_from_file_location("compile_cli", COMPILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CLI = _cli()


def compile_in_process(raw: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    """``build/compile.py --raw raw --out out`` run in this process: exit status, stdout, stderr."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            status = CLI.main(["--raw", str(raw), "--out", str(out), *extra])
        except SystemExit as exited:  # argparse's usage errors
            status = exited.code
    return status, stdout.getvalue(), stderr.getvalue()


def compile_command(raw: Path, out: Path) -> list[str]:
    return [sys.executable, str(COMPILE), "--raw", str(raw), "--out", str(out)]


def compile_subprocess(raw: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        compile_command(raw, out), capture_output=True, text=True, check=False, env={**os.environ, **(env or {})}
    )


def snapshot(folder: Path) -> dict[str, str] | None:
    """Every file under ``folder`` (relative path → SHA-256); None if the folder does not exist."""
    if not folder.exists():
        return None
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
