"""Readers across rebuilds (issue 17, class 5): a long-running process sees each new build whole
(data, manifest and citation checksums), a reader during a rebuild sees the old or the new build
and never a false "damaged", verify() compares the table layout, and a malformed manifest is one
DataIntegrityError line."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from pipeline import output

import sino_russia_data as srd
from sino_russia_data import store

pytestmark = pytest.mark.readside  # runs on the lowest runtime versions too (.ci/run)


@pytest.fixture(scope="module")
def builds(built_data: Path) -> tuple[dict, dict]:
    """Two different builds' tables: the real one, and one with fewer events."""
    whole = {path.stem: pq.read_table(path) for path in sorted(built_data.glob("*.parquet"))}
    fewer = {**whole, "events": whole["events"].slice(0, 5)}
    order = list(json.loads((built_data / "manifest.json").read_text())["tables"])
    return {n: whole[n] for n in order}, {n: fewer[n] for n in order}


@pytest.fixture
def folder(built_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = tmp_path / "data"
    shutil.copytree(built_data, out)
    monkeypatch.setenv(store.DATA_DIR_ENV, str(out))
    return out


READERS: dict[str, Callable[[], object]] = {
    "load": lambda: srd.load("events").num_rows,
    "records": lambda: len(srd.records("events")),
    "manifest": lambda: srd.manifest()["tables"]["events"]["rows"],
    "cite": lambda: srd.cite("cff").count(srd.manifest()["tables"]["events"]["sha256"]),
    "verify": lambda: srd.verify()["tables"]["events"]["rows"],
}


@pytest.mark.parametrize("reader", list(READERS))
def test_a_long_running_process_sees_the_rebuild(folder: Path, builds, reader: str):
    whole, fewer = builds
    first = READERS[reader]()
    output.write(folder, fewer)
    second = READERS[reader]()
    assert srd.load("events").num_rows == srd.manifest()["tables"]["events"]["rows"] == 5
    if reader == "cite":
        assert first == second == 1  # the citation names the new build's checksum
        assert json.loads((folder / "manifest.json").read_text())["tables"]["events"]["sha256"] in srd.cite("cff")
    else:
        assert (first, second) == (whole["events"].num_rows, 5)


@pytest.mark.parametrize("reader", ["load", "manifest", "verify"])
def test_a_reader_during_rebuilds_never_sees_a_false_damage(folder: Path, builds, reader: str):
    whole, fewer = builds
    stop = threading.Event()
    written = []

    def rebuild() -> None:
        while not stop.is_set():
            output.write(folder, fewer if len(written) % 2 else whole)
            written.append(1)

    writer = threading.Thread(target=rebuild)
    writer.start()
    seen = set()
    try:
        deadline = time.monotonic() + 0.7
        while time.monotonic() < deadline or len(written) < 3:
            seen.add(READERS[reader]())
    finally:
        stop.set()
        writer.join()
    assert seen <= {whole["events"].num_rows, 5}
    assert len(written) >= 3


def test_verify_compares_the_table_layout(folder: Path):
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps({**manifest, "schema_version": "0.9.0"}))
    with pytest.raises(srd.DataIntegrityError, match=r"the data has table layout 0\.9\.0, the code 1\."):
        srd.verify()


def _entry(**changes) -> Callable[[dict], dict]:
    def change(manifest: dict) -> dict:
        manifest["tables"]["events"].update(changes)
        return manifest

    return change


MALFORMED: list[tuple[str, Callable[[dict], object] | str, str]] = [
    ("deep nesting", "[" * 100_000 + "]" * 100_000, "the manifest is not valid (it is nested too deeply)"),
    ("deep nesting, unclosed", '{"tables": ' + "[" * 100_000, "the manifest is not valid (it is nested too deeply)"),
    ("boolean row count", _entry(rows=True), "the entry for 'events' lacks one of file, rows, bytes, sha256"),
    ("boolean byte count", _entry(bytes=False), "the entry for 'events' lacks one of file, rows, bytes, sha256"),
    ("float row count", _entry(rows=33.0), "the entry for 'events' lacks one of file, rows, bytes, sha256"),
    ("negative row count", _entry(rows=-1), "the entry for 'events' counts below zero"),
    ("version a number", lambda m: {**m, "version": 1}, "its version is not text"),
    ("schema version null", lambda m: {**m, "schema_version": None}, "its schema_version is not text"),
    ("tables a list", lambda m: {**m, "tables": []}, "it has no table of tables"),
]


@pytest.mark.parametrize(("change", "what"), [pytest.param(c, w, id=n) for n, c, w in MALFORMED])
def test_a_malformed_manifest_is_one_line(folder: Path, change, what: str):
    path = folder / "manifest.json"
    if isinstance(change, str):
        path.write_text(change)
    else:
        path.write_text(json.dumps(change(json.loads(path.read_text()))))
    for call in (lambda: srd.load("events"), srd.verify, srd.tables, srd.cite):
        with pytest.raises(srd.DataIntegrityError) as caught:
            call()
        message = str(caught.value)
        assert "\n" not in message and len(message) < 400
        assert message.startswith(f"{path}: ") and what in message
