"""Interrupted and concurrent builds: whatever happens to a build, the output folder is the
previous complete build or the new one, never a mixture, and leftovers are only ``.srd-build-*``.

Two raw trees that differ in one topic label give an "old" and a "new" build to tell apart.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from buildrun import COMPILE, compile_command, compile_in_process, snapshot
from conftest import RAW

from sino_russia_data.store import TEMP_PREFIX

#: Run in a child: for N = 1, 2, …, fork a build of RAW into SITE/step-N/data (a copy of OLD) that
#: is killed by SIGKILL just before or after its Nth file-system step; print N and whether it was
#: killed, until a build runs to its end. Validating once and forking only to write keeps it cheap.
KILL_EACH_STEP = f"""
import os, shutil, signal, sys
from pathlib import Path
sys.path.insert(0, {str(COMPILE.parent)!r})
import pyarrow.parquet as pq
from pipeline import atomic, compile_raw, output
from sino_russia_data.arrow_schema import to_arrow

raw, old, site = map(Path, sys.argv[1:])
tables = {{name: to_arrow(name, rows) for name, rows in compile_raw(raw).items()}}

def build_killed_at(target, out):
    steps = 0
    def killing(function):
        def wrapped(*args, **kwargs):
            nonlocal steps
            steps += 1
            if steps == target:
                os.kill(os.getpid(), signal.SIGKILL)
            result = function(*args, **kwargs)
            steps += 1
            if steps == target:
                os.kill(os.getpid(), signal.SIGKILL)
            return result
        return wrapped
    pq.write_table = killing(pq.write_table)
    os.rename, os.replace, shutil.rmtree = killing(os.rename), killing(os.replace), killing(shutil.rmtree)
    atomic._exchange, atomic.sync = killing(atomic._exchange), killing(atomic.sync)
    output.write(out, tables)

for target in range(1, 200):
    out = site / f"step-{{target}}" / "data"
    shutil.copytree(old, out)
    pid = os.fork()
    if pid == 0:
        build_killed_at(target, out)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    print(target, "killed" if killed else os.waitstatus_to_exitcode(status), flush=True)
    if not killed:
        break
"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The old and new raw trees and the snapshots of their complete builds."""
    base = tmp_path_factory.mktemp("builds")
    old_raw = base / "old-raw"
    shutil.copytree(RAW, old_raw)
    topics = old_raw / "topics" / "topics.yaml"
    topics.write_text(topics.read_text().replace("  label: THAAD in South Korea\n", "  label: THAAD (old label)\n"))
    found = {"old_raw": old_raw, "new_raw": RAW}
    for name, raw in (("old", old_raw), ("new", RAW)):
        status, _, stderr = compile_in_process(raw, base / name)
        assert status == 0, stderr
        found[name] = snapshot(base / name)
        found[f"{name}_dir"] = base / name
    assert found["old"] != found["new"]
    return found


def _site_with_old_build(builds: dict, site: Path) -> Path:
    out = site / "data"
    shutil.copytree(builds["old_dir"], out)
    return out


def _old_or_new(builds: dict, out: Path) -> str:
    """Which complete build ``out`` holds; fails on anything else. Leftovers must be temp folders."""
    found = snapshot(out)
    assert found in (builds["old"], builds["new"]), "the output folder is neither complete build"
    others = [p.name for p in out.parent.iterdir() if p != out]
    assert all(name.startswith(TEMP_PREFIX) for name in others), others
    return "old" if found == builds["old"] else "new"


def test_killed_at_every_step_leaves_a_complete_build(builds: dict, tmp_path: Path):
    """Kill the build before and after each table write, flush, rename, swap and removal."""
    child = subprocess.run(
        [sys.executable, "-c", KILL_EACH_STEP, str(RAW), str(builds["old_dir"]), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    results = [line.split() for line in child.stdout.splitlines()]
    assert results[-1][1] == "0" and {r for _, r in results[:-1]} == {"killed"}
    assert len(results) > 15  # every table file, the swap and the clean-up were each interrupted
    outcomes = [_old_or_new(builds, tmp_path / f"step-{n}" / "data") for n, _ in results]
    assert outcomes[0] == "old" and outcomes[-1] == "new"
    assert outcomes == sorted(outcomes, reverse=True)  # once swapped in, the new build stays


def test_killed_after_a_random_delay_leaves_a_complete_build(builds: dict, tmp_path: Path):
    out = _site_with_old_build(builds, tmp_path)
    rng = random.Random(20130101)
    for _ in range(5):
        child = subprocess.Popen(compile_command(RAW, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 1.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        _old_or_new(builds, out)


def test_next_build_removes_a_killed_builds_leftovers(builds: dict, tmp_path: Path):
    out = _site_with_old_build(builds, tmp_path)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    leftover = tmp_path / f"{TEMP_PREFIX}{dead.stdout.strip()}-x1y2z3"
    shutil.copytree(builds["old_dir"], leftover)
    ours = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-a1b2c3"  # a live process's: must be kept
    ours.mkdir()
    status, _, stderr = compile_in_process(RAW, out)
    assert status == 0, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([ours.name, "data"])
    assert _old_or_new(builds, out) == "new"


@pytest.mark.parametrize("round_", range(2))
def test_two_builds_at_once_leave_one_complete_build(builds: dict, tmp_path: Path, round_: int):
    out = _site_with_old_build(builds, tmp_path) if round_ else tmp_path / "data"
    children = [
        subprocess.Popen(compile_command(raw, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for raw in (builds["old_raw"], builds["new_raw"])
    ]
    for child in children:
        _, stderr = child.communicate()
        assert child.returncode == 0, stderr
    _old_or_new(builds, out)
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # both cleaned up after themselves
