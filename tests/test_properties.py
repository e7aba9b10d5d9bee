"""Properties of the build over generated datasets (see raw_trees.py):

- a valid raw tree builds, loads, verifies, and every record reads back as it was written;
- how records are spread over files and ordered in them does not change a byte of the output;
- one mutation of a valid tree either is refused with a problem at the file and line it was made,
  or (comments, blank lines, spacing, key order) changes nothing; the output folder is never touched;
- the output does not depend on the time zone or locale the build runs in.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from buildrun import compile_in_process, compile_subprocess, snapshot
from conftest import RAW
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pipeline.records import citation_id
from raw_trees import TABLES, RawFile, layout, trees, write_raw

import sino_russia_data as srd
from sino_russia_data.models import CITED_TABLES
from sino_russia_data.store import DATA_DIR_ENV


def examples(count: int) -> settings:
    return settings(
        max_examples=count, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
    )


@contextlib.contextmanager
def workspace() -> Iterator[Path]:
    """A fresh folder per example (the store caches by folder path), with SINO_RUSSIA_DATA_DIR
    pointing at its ``out`` while in use."""
    before = os.environ.get(DATA_DIR_ENV)
    with tempfile.TemporaryDirectory() as folder:
        os.environ[DATA_DIR_ENV] = str(Path(folder) / "out")
        try:
            yield Path(folder)
        finally:
            if before is None:
                del os.environ[DATA_DIR_ENV]
            else:
                os.environ[DATA_DIR_ENV] = before


def _built(tree: dict[str, Any], folder: Path, files: dict | None = None) -> dict[str, RawFile]:
    written = write_raw(tree, folder / "raw", files)
    status, _, stderr = compile_in_process(folder / "raw", folder / "out")
    assert status == 0, stderr
    return written


def _holds(loaded: Any, written: Any) -> bool:
    """Whether every field written in raw/ has the same value in the loaded record (dicts recursively)."""
    if isinstance(written, dict):
        return isinstance(loaded, dict) and all(_holds(loaded.get(key), value) for key, value in written.items())
    if isinstance(written, list):
        return isinstance(loaded, list) and len(loaded) == len(written) and all(map(_holds, loaded, written))
    return loaded == written


@examples(20)
@given(trees())
def test_valid_trees_build_load_and_read_back_as_written(tree: dict[str, Any]):
    with workspace() as folder:
        _built(tree, folder)
        assert srd.verify()["tables"].keys() == {*TABLES, "citations"}
        cited = {}
        for table in TABLES:
            loaded = {r.id: r.model_dump() for r in srd.records(table)}
            assert sorted(loaded) == sorted(r["id"] for r in tree[table])
            for written in tree[table]:
                fields = {k: v for k, v in written.items() if k != "citations"}
                assert _holds(loaded[written["id"]], fields), written["id"]
                cited.update({citation_id(written["id"], c): c for c in written.get("citations", [])})
        citations = {c.id: c.model_dump() for c in srd.records("citations")}
        assert citations.keys() == cited.keys()
        assert all(_holds(citations[cid], c) for cid, c in cited.items())


@examples(10)
@given(tree=trees(), data=st.data())
def test_file_layout_and_record_order_do_not_change_the_output(tree: dict[str, Any], data: st.DataObject):
    shuffled = {table: data.draw(st.permutations(tree[table])) for table in TABLES}
    shuffled = {table: [dict(reversed(r.items())) for r in records] for table, records in shuffled.items()}
    spread = layout(shuffled, {table: data.draw(st.integers(1, 3)) for table in TABLES})
    with workspace() as one, workspace() as other:
        _built(tree, one)
        _built({**shuffled, "texts": tree["texts"]}, other, spread)
        assert snapshot(one / "out") == snapshot(other / "out")


# --- single mutations -------------------------------------------------------------------------

REQUIRED = {
    "topics": ["label", "definition"],
    "sources": ["publisher", "kind", "language"],
    "actors": ["name", "type"],
    "events": ["kind", "title", "date", "summary"],
    "statements": ["text", "mode", "language", "date"],
    "positions": ["name", "proposes", "date"],
    "votes": ["event", "state", "vote"],
}
DATED = {"events": "date", "statements": "date", "positions": "date", "sources": "published"}
NAMED = {"topics": "label", "sources": "publisher", "actors": "name", "events": "title", "positions": "name"}


def _lines_of(raw_file: RawFile, index: int) -> range:
    """The 0-based line numbers of record ``index`` of a file."""
    starts = [*raw_file.records, len(raw_file.lines) + 1]
    return range(starts[index] - 1, starts[index + 1] - 1)


@dataclass
class _Target:
    """Where a mutation is made: record ``index`` of file ``name`` (``first``: its first line,
    0-based), a random line position ``at``, and the file's ``lines``, which the mutation edits."""

    name: str
    raw_file: RawFile
    lines: list[str]
    index: int
    first: int
    at: int
    data: st.DataObject

    @property
    def table(self) -> str:
        return self.name.split("/")[0]

    def line_of(self, field: str) -> int:
        return self.raw_file.fields[(self.index, field)] - 1

    def line_with(self, text: str) -> int:
        return self.data.draw(
            st.sampled_from([n for n in _lines_of(self.raw_file, self.index) if text in self.lines[n]])
        )


#: A mutation edits ``t.lines`` and returns the 1-based line it must be reported at (None if
#: harmless) and the field the report must name (None: any).
Outcome = tuple[int | None, str | None]


def _insert(t: _Target, text: str) -> Outcome:
    t.lines.insert(t.at, text)
    return None, ""


def _trailing_spaces(t: _Target) -> Outcome:
    t.lines[min(t.at, len(t.lines) - 1)] += "   "
    return None, ""


def _key_order(t: _Target) -> Outcome:
    single = [
        n
        for n in _lines_of(t.raw_file, t.index)
        if n > t.first
        and t.lines[n].startswith("  ")
        and not t.lines[n].startswith("   ")
        and not t.lines[n].endswith(":")
    ]
    a, b = t.data.draw(st.lists(st.sampled_from(single), min_size=2, max_size=2, unique=True))
    t.lines[a], t.lines[b] = t.lines[b], t.lines[a]
    return None, ""


def _duplicate_key(t: _Target) -> Outcome:
    line = t.line_of(t.data.draw(st.sampled_from(REQUIRED[t.table])))
    t.lines.insert(line + 1, t.lines[line])
    return line + 2, t.lines[line].split(":")[0].strip()


def _missing_field(t: _Target) -> Outcome:
    field = t.data.draw(st.sampled_from(REQUIRED[t.table]))
    del t.lines[t.line_of(field)]
    return t.first + 1, field


def _replace(t: _Target, line: int, text: str, field: str | None) -> Outcome:
    t.lines[line] = text
    return line + 1, field


def _not_utf8(t: _Target) -> Outcome:
    line = t.data.draw(st.integers(0, len(t.lines) - 1))
    t.lines[line] += "\udcff"  # written back as the byte 0xff (surrogateescape)
    return line + 1, "(file)"


def _quote_altered(t: _Target) -> Outcome:
    line = t.line_with("  quote: ")
    return _replace(t, line, t.lines[line].replace('quote: "', 'quote: "§', 1), None)


def _added(t: _Target, text: str, field: str) -> Outcome:
    t.lines.insert(t.first + 1, text)
    return t.first + 2, field


MUTATIONS: dict[str, Callable[[_Target], Outcome]] = {
    "comment": lambda t: _insert(t, "# a contributor's note"),
    "blank line": lambda t: _insert(t, ""),
    "trailing spaces": _trailing_spaces,
    "key order": _key_order,
    "duplicate key": _duplicate_key,
    "unknown field": lambda t: _added(t, '  colour: "red"', "colour"),
    "missing field": _missing_field,
    "dangling topic": lambda t: _replace(t, t.line_of("topics"), '  topics: ["no-such-topic"]', "topics[0]"),
    "dangling source": lambda t: _replace(
        t, t.line_with("- source_id: "), '    - source_id: "src-no-such-source"', None
    ),
    "impossible date": lambda t: _replace(
        t, t.line_of(DATED[t.table]), f'  {DATED[t.table]}: "2019-02-30"', DATED[t.table]
    ),
    "number for text": lambda t: _replace(t, t.line_of(NAMED[t.table]), f"  {NAMED[t.table]}: 1e3", NAMED[t.table]),
    "quote altered": _quote_altered,
    "not UTF-8": _not_utf8,
    "derived field": lambda t: _added(t, '  date_start: "2001-01-01"', "date_start"),
}
HARMLESS = ("comment", "blank line", "trailing spaces", "key order")
HARMFUL = tuple(kind for kind in MUTATIONS if kind not in HARMLESS)


def _mutate(kind: str, data: st.DataObject, files: dict[str, RawFile]) -> tuple[str, list[str], int | None, str | None]:
    """Apply mutation ``kind`` to one record of one file; the file's name, new lines, the 1-based
    line it must be reported at (None if harmless) and the field it must name (None: any)."""
    candidates = sorted(n for n in files if _applicable(kind, n))
    assume(candidates)
    name = data.draw(st.sampled_from(candidates))
    raw_file = files[name]
    index = data.draw(st.integers(0, len(raw_file.records) - 1))
    lines = list(raw_file.lines)
    target = _Target(
        name, raw_file, lines, index, raw_file.records[index] - 1, data.draw(st.integers(0, len(lines))), data
    )
    line, field = MUTATIONS[kind](target)
    return name, target.lines, line, field


def _applicable(kind: str, name: str) -> bool:
    table = name.split("/")[0]
    return {
        "dangling topic": table in ("events", "statements", "positions"),
        "dangling source": table in CITED_TABLES,
        "quote altered": table in CITED_TABLES,
        "impossible date": table in DATED,
        "number for text": table in NAMED,
        "derived field": table in ("events", "statements", "positions"),
    }.get(kind, True)


@pytest.mark.parametrize("kind", HARMLESS + HARMFUL)
@examples(4)
@given(tree=trees(), data=st.data())
def test_one_mutation_is_refused_where_made_or_changes_nothing(tree: dict[str, Any], kind: str, data: st.DataObject):
    with workspace() as folder:
        files = _built(tree, folder)
        before = snapshot(folder / "out")
        name, lines, line, field = _mutate(kind, data, files)
        (folder / "raw" / name).write_bytes("".join(f"{x}\n" for x in lines).encode("utf-8", "surrogateescape"))
        status, _, stderr = compile_in_process(folder / "raw", folder / "out")
        assert snapshot(folder / "out") == before  # refused: untouched; harmless: rebuilt byte for byte
        if line is None:
            assert status == 0, stderr
            return
        assert status == 1
        problems = stderr.splitlines()[:-1]
        expected = f"raw/{name}:{line}: {field}: " if field else f"raw/{name}:{line}: "
        assert any(p.startswith(expected) for p in problems), (expected, problems)
        for problem in problems:  # every problem points at a line that exists
            path, number = problem.split(":")[:2]
            assert 1 <= int(number) <= max(1, len((folder / path).read_bytes().splitlines())), problem


# --- environment ------------------------------------------------------------------------------

ENVIRONMENTS = [
    {"TZ": "UTC", "LC_ALL": "C.UTF-8"},
    {"TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "tr_TR.UTF-8"},
    {"TZ": "Etc/GMT+12", "LC_ALL": "POSIX", "PYTHONHASHSEED": "12345"},
]


def test_output_does_not_depend_on_time_zone_locale_or_hash_seed(tmp_path: Path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(
            pool.map(
                lambda n: compile_subprocess(raw, tmp_path / f"out-{n}", ENVIRONMENTS[n]), range(len(ENVIRONMENTS))
            )
        )
    assert [run.returncode for run in runs] == [0] * len(runs), [run.stderr for run in runs]
    outputs = [snapshot(tmp_path / f"out-{n}") for n in range(len(ENVIRONMENTS))]
    assert outputs[0] and all(output == outputs[0] for output in outputs)


@pytest.mark.parametrize("environment", ENVIRONMENTS[1:], ids=["Kiritimati C", "GMT+12 POSIX"])
def test_problems_read_the_same_in_any_time_zone_and_locale(tmp_path: Path, environment: dict[str, str]):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    topics = raw / "topics" / "topics.yaml"
    topics.write_text(
        topics.read_text().replace("  label: THAAD in South Korea\n", "  label: ТХААД “THAAD”\n  colour: 紅\n")
    )
    runs = [compile_subprocess(raw, tmp_path / "out", env) for env in (ENVIRONMENTS[0], environment)]
    assert runs[0].returncode == runs[1].returncode == 1
    assert runs[0].stderr == runs[1].stderr
    assert ": colour: Extra inputs are not permitted\n" in runs[1].stderr
