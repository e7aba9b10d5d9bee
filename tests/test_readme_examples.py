"""Every example in README.md's "Using the data" section runs: each ```python block in a namespace
of its own, each ``$ sino-russia-data`` line of the ```console blocks in a shell; against a fresh
build (with its dataset card), offline. One process runs all Python blocks, one shell all commands,
to keep start-up costs down; a failure names the block or command."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys

import pytest
from api_support import offline_env
from conftest import ROOT

SECTION = "## Using the data"
RUN_BLOCKS = """
import json, sys, traceback
for number, code in enumerate(json.load(sys.stdin), 1):
    try:
        exec(compile(code, f"README python block {number}", "exec"), {"__name__": "__main__"})
    except BaseException:
        sys.exit(f"README python block {number} failed:\\n{code}\\n{traceback.format_exc()}")
"""


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start : end if end != -1 else None]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", _section(), flags=re.DOTALL | re.MULTILINE)


PYTHON = _blocks("python")
COMMANDS = [
    line[2:] for block in _blocks("console") for line in block.splitlines() if line.startswith("$ sino-russia-data")
]


@pytest.fixture(scope="module")
def env(built_data, tmp_path_factory):
    return offline_env(built_data, tmp_path_factory.mktemp("hf-cache"))


def test_the_section_has_examples():
    assert len(PYTHON) >= 5
    assert {"info", "show", "get", "export", "cite"} <= {c.split()[1] for c in COMMANDS}


def test_python_examples_run(env, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", RUN_BLOCKS],
        input=json.dumps(PYTHON),
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_command_line_examples_run(env, tmp_path):
    script = "\n".join(f"{c} || {{ echo {shlex.quote('failed: ' + c)} >&2; exit 1; }}" for c in COMMANDS)
    result = subprocess.run(["bash", "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "CITATION.cff").read_text(encoding="utf-8").startswith("cff-version: 1.2.0")
