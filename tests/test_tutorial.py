"""Every example in docs/TUTORIAL.md runs, as README.md's do: each ```python block in a namespace of
its own, each ``$ sino-russia-data`` line in a shell, against a fresh build, offline."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys

import pytest
from api_support import offline_env
from conftest import ROOT
from test_readme_examples import RUN_BLOCKS

TEXT = (ROOT / "docs" / "TUTORIAL.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", TEXT, flags=re.DOTALL | re.MULTILINE)


PYTHON = _blocks("python")
COMMANDS = [
    line[2:] for block in _blocks("console") for line in block.splitlines() if line.startswith("$ sino-russia-data")
]


@pytest.fixture(scope="module")
def env(built_data, tmp_path_factory):
    return offline_env(built_data, tmp_path_factory.mktemp("hf-cache"))


def test_the_tutorial_answers_each_question_in_code():
    assert len(PYTHON) >= 7 and len(COMMANDS) >= 6
    for needle in ("actor_all=", 'load("votes", country=', 'topic="thaad"', "evidence(", "codebook("):
        assert any(needle in block for block in PYTHON), needle


def test_tutorial_python_runs(env, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", RUN_BLOCKS.replace("README", "TUTORIAL")],
        input=json.dumps(PYTHON),
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Xi Jinping" in result.stdout


def test_tutorial_commands_run(env, tmp_path):
    script = "\n".join(f"{c} || {{ echo {shlex.quote('failed: ' + c)} >&2; exit 1; }}" for c in COMMANDS)
    result = subprocess.run(["bash", "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")
