"""Every example in docs/TUTORIAL.md runs, as README.md's do (``doc_examples``), against a fresh
build, offline."""

from __future__ import annotations

import pytest
from api_support import offline_env
from conftest import ROOT
from doc_examples import blocks, commands, run_commands, run_python

TEXT = (ROOT / "docs" / "TUTORIAL.md").read_text(encoding="utf-8")
PYTHON = blocks(TEXT, "python")
COMMANDS = commands(TEXT)


@pytest.fixture(scope="module")
def env(built_data, tmp_path_factory):
    return offline_env(built_data, tmp_path_factory.mktemp("hf-cache"))


def test_the_tutorial_answers_each_question_in_code():
    assert len(PYTHON) >= 7 and len(COMMANDS) >= 6
    for needle in ("actor_all=", 'load("votes", country=', 'topic="thaad"', "evidence(", "codebook("):
        assert any(needle in block for block in PYTHON), needle


def test_tutorial_python_runs(env, tmp_path):
    result = run_python(PYTHON, "TUTORIAL", env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Xi Jinping" in result.stdout


def test_tutorial_commands_run(env, tmp_path):
    result = run_commands(COMMANDS, env, tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
