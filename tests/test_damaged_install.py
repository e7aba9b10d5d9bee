"""Damaged installs: a truncated, altered or missing Parquet file or manifest makes ``load`` and
``verify`` raise DataIntegrityError naming the file and what to do, never a bare pyarrow error.

Each test damages its own copy of a fresh build (the store caches by folder path).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import sino_russia_data as srd
from sino_russia_data import store

pytestmark = pytest.mark.readside  # runs on the lowest runtime versions too (.ci/run)

REBUILD = "rebuild it (python build/compile.py --out DIR) or unset SINO_RUSSIA_DATA_DIR to use the installed data"


@pytest.fixture
def copy(built_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(built_data, folder)
    monkeypatch.setenv(store.DATA_DIR_ENV, str(folder))
    return folder


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _manifest_entry(folder: Path, name: str) -> dict:
    return json.loads((folder / "manifest.json").read_text())["tables"][name]


def _raises(call: Callable[[], object], message: str) -> None:
    with pytest.raises(srd.DataIntegrityError) as caught:
        call()
    assert str(caught.value) == f"{message}; {REBUILD}"


def test_intact_copy_loads_and_verifies(copy: Path):
    assert srd.verify()["tables"]["events"]["rows"] == srd.load("events").num_rows > 0


def test_truncated_parquet(copy: Path):
    path = copy / "events.parquet"
    size = path.stat().st_size
    path.write_bytes(path.read_bytes()[: size // 2])
    message = f"{path}: the file has {size // 2} bytes, the manifest says {size}"
    _raises(lambda: srd.load("events"), message)
    _raises(srd.verify, message)


def test_altered_page_is_caught_by_load_and_verify(copy: Path):
    path = copy / "events.parquet"
    column = pq.ParquetFile(path).metadata.row_group(0).column(0)
    _flip(path, column.data_page_offset + column.total_compressed_size - 1)  # the last byte of a page's data
    with pytest.raises(
        srd.DataIntegrityError,
        match=re.escape(
            f"{path}: the file cannot be read (could not verify page integrity, CRC checksum verification failed"
        ),
    ):
        srd.load("events")
    _raises(srd.verify, f"{path}: its SHA-256 differs from the manifest")


def test_altered_first_byte(copy: Path):
    path = copy / "events.parquet"
    _flip(path, 0)
    _raises(lambda: srd.load("events"), f"{path}: the file does not start as a Parquet file does")


def test_altered_footer(copy: Path):
    path = copy / "events.parquet"
    _flip(path, path.stat().st_size - 1)
    _raises(
        lambda: srd.load("events"),
        f"{path}: the file cannot be read (Parquet magic bytes not found in footer. "
        "Either the file is corrupted or this is not a parquet file.)",
    )


def test_missing_parquet(copy: Path):
    (copy / "actors.parquet").unlink()
    _raises(lambda: srd.load("actors"), f"{copy / 'actors.parquet'}: the file is missing")
    _raises(srd.verify, f"{copy / 'actors.parquet'}: the file is missing")
    assert srd.load("events").num_rows > 0  # the other tables still load


def test_missing_schema_file_is_caught_by_verify(copy: Path):
    (copy / "schema" / "events.schema.json").unlink()
    _raises(srd.verify, f"{copy / 'schema' / 'events.schema.json'}: the file is missing")


def test_row_count_differs_from_manifest(copy: Path):
    manifest = json.loads((copy / "manifest.json").read_text())
    rows = manifest["tables"]["events"]["rows"]
    manifest["tables"]["events"]["rows"] = rows + 1
    (copy / "manifest.json").write_text(json.dumps(manifest))
    _raises(
        lambda: srd.load("events"), f"{copy / 'events.parquet'}: the file has {rows} rows, the manifest says {rows + 1}"
    )


@pytest.mark.parametrize(
    ("damage", "what"),
    [
        (lambda path: path.unlink(), "the manifest is missing"),
        (
            lambda path: path.write_bytes(path.read_bytes()[:1]),
            "the manifest is not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
        ),
        (
            lambda path: path.write_bytes(b"\xff\xfe{}"),
            "the manifest is not valid JSON (Expecting value: line 1 column 1 (char 0))",
        ),
        (lambda path: path.write_text("null"), "the manifest is not valid (it has no table of tables)"),
        (
            lambda path: path.write_text('{"tables": {"events": {"file": "events.parquet"}}}'),
            "the manifest is not valid (the entry for 'events' lacks one of file, rows, bytes, sha256)",
        ),
        (
            lambda path: path.write_text(
                '{"tables": {"events": {"file": "../events.parquet", "rows": 1, "bytes": 1, "sha256": ""}}}'
            ),
            "the manifest is not valid (the entry for 'events' names a file outside the data folder)",
        ),
    ],
    ids=["missing", "truncated", "binary", "null", "entry incomplete", "path escapes"],
)
def test_damaged_manifest(copy: Path, damage: Callable[[Path], None], what: str):
    damage(copy / "manifest.json")
    for call in (lambda: srd.load("events"), srd.verify, srd.tables):
        _raises(call, f"{copy / 'manifest.json'}: {what}")


def test_installed_data_advises_reinstalling(copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(store.DATA_DIR_ENV)
    (copy / "manifest.json").unlink()
    with pytest.raises(srd.DataIntegrityError) as caught:
        store._manifest(copy)
    assert str(caught.value) == (
        f"{copy / 'manifest.json'}: the manifest is missing; reinstall the package "
        f"(pip install --force-reinstall sino-russia-data=={srd.__version__})"
    )


def test_unfinished_build_folder_is_not_data(built_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    leftover = tmp_path / ".srd-build-k2j4h1"
    shutil.copytree(built_data, leftover)  # complete, even: a build killed just before its swap
    monkeypatch.setenv(store.DATA_DIR_ENV, str(leftover))
    with pytest.raises(srd.DataIntegrityError, match="is an unfinished build's temporary folder, not data"):
        srd.load("events")


def test_no_single_byte_damage_escapes_as_a_bare_error(
    built_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Flip bytes across a file: load returns the table or raises DataIntegrityError; verify always raises."""
    size = (built_data / "events.parquet").stat().st_size
    for offset in range(0, size, max(1, size // 60)):
        folder = tmp_path / f"flip-{offset}"
        shutil.copytree(built_data, folder)
        _flip(folder / "events.parquet", offset)
        monkeypatch.setenv(store.DATA_DIR_ENV, str(folder))
        try:
            srd.load("events")
        except srd.DataIntegrityError as error:
            assert str(error).startswith(f"{folder / 'events.parquet'}: ")
        with pytest.raises(srd.DataIntegrityError, match=r"events\.parquet: "):
            srd.verify()
