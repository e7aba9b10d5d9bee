"""Every example in README.md runs: the opening example and each block of the "Using the data"
section (``doc_examples``), against a fresh build (with its dataset card), offline."""

from __future__ import annotations

import pytest
from api_support import offline_env
from conftest import ROOT
from doc_examples import blocks, commands, run_commands, run_python

SECTION = "## Using the data"


def _parts() -> tuple[str, str]:
    """README's opening (before its first section) and its "Using the data" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[: text.index("\n## ")], text[start : end if end != -1 else None]


OPENING, USING = _parts()
PYTHON = blocks(OPENING, "python") + blocks(USING, "python")
COMMANDS = commands(USING)


@pytest.fixture(scope="module")
def env(built_data, tmp_path_factory):
    return offline_env(built_data, tmp_path_factory.mktemp("hf-cache"))


def test_the_readme_has_examples():
    assert blocks(OPENING, "python") and len(PYTHON) >= 6
    assert {"info", "show", "get", "export", "cite"} <= {c.split()[1] for c in COMMANDS}


def test_python_examples_run(env, tmp_path):
    result = run_python(PYTHON, "README", env, tmp_path)
    assert result.returncode == 0, result.stderr


def test_command_line_examples_run(env, tmp_path):
    result = run_commands(COMMANDS, env, tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "CITATION.cff").read_text(encoding="utf-8").startswith("cff-version: 1.2.0")
