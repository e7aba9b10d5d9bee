"""Running the examples a document shows: each ```python block in a namespace of its own (all in one
process, to keep start-up costs down) and each ``$ sino-russia-data`` line of its ```console blocks
in one shell; a failure names the block or the command. Used for README.md and docs/TUTORIAL.md."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

_RUN_BLOCKS = """
import json, sys, traceback
label = sys.argv[1]
for number, code in enumerate(json.load(sys.stdin), 1):
    try:
        exec(compile(code, f"{label} python block {number}", "exec"), {"__name__": "__main__"})
    except BaseException:
        sys.exit(f"{label} python block {number} failed:\\n{code}\\n{traceback.format_exc()}")
"""


def blocks(text: str, language: str) -> list[str]:
    """The fenced code blocks of ``language`` in ``text``."""
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


def commands(text: str) -> list[str]:
    """The ``sino-russia-data`` command lines of the ```console blocks in ``text``."""
    return [
        line[2:]
        for block in blocks(text, "console")
        for line in block.splitlines()
        if line.startswith("$ sino-russia-data")
    ]


def run_python(code_blocks: list[str], label: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _RUN_BLOCKS, label],
        input=json.dumps(code_blocks),
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def run_commands(lines: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    script = "\n".join(f"{c} || {{ echo {shlex.quote('failed: ' + c)} >&2; exit 1; }}" for c in lines)
    return subprocess.run(["bash", "-c", script], env=env, cwd=cwd, capture_output=True, text=True, check=False)
