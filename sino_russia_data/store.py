"""The shipped data folder: where it is, what the manifest promises, and loading tables from it.

Imports only pyarrow and the standard library, so that loading a table costs no more than reading
the Parquet file. ``load`` checks each file cheaply (size, row count) on first use; ``verify``
recomputes every checksum.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ._version import __version__
from .errors import DataIntegrityError

MANIFEST = "manifest.json"
#: Set to a folder holding a build's output to load that instead of the installed data.
DATA_DIR_ENV = "SINO_RUSSIA_DATA_DIR"
_REINSTALL = f"reinstall the package (pip install --force-reinstall sino-russia-data=={__version__})"


def data_dir() -> Path:
    """The folder holding the Parquet files and ``manifest.json``.

    Found beside this module rather than through ``importlib.resources``, whose import alone cost
    ~9 ms of a ~125 ms cold load (Parquet is read from a real file in either case)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(__file__).parent / "data"


def _damaged(path: Path, what: str) -> DataIntegrityError:
    return DataIntegrityError(f"{path}: {what}; {_REINSTALL}")


@cache
def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_bytes())
        manifest["tables"]  # noqa: B018 - a manifest without tables is damaged
    except FileNotFoundError:
        raise _damaged(path, "the manifest is missing") from None
    except (ValueError, KeyError, TypeError) as error:
        raise _damaged(path, f"the manifest is not valid ({error})") from None
    return manifest


def manifest() -> dict[str, Any]:
    """The build's manifest: version, schema version, and per-table file, rows, bytes and SHA-256."""
    return _manifest(data_dir())


def tables() -> list[str]:
    """Names of the tables in the installed data, in build order."""
    return list(manifest()["tables"])


def _entry(name: str) -> dict[str, Any]:
    known = manifest()["tables"]
    if name not in known:
        raise ValueError(f"unknown table {name!r}; tables are: {', '.join(known)}")
    return known[name]


@cache
def _checked(folder: Path, name: str) -> Path:
    """The table's file, after the cheap check: it exists, and its size and row count match."""
    entry = _entry(name)
    path = folder / entry["file"]
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _damaged(path, "the file is missing") from None
    if size != entry["bytes"]:
        raise _damaged(path, f"the file has {size} bytes, the manifest says {entry['bytes']}")
    try:
        rows = pq.read_metadata(path).num_rows
    except (pa.ArrowException, OSError) as error:
        raise _damaged(path, f"the file cannot be read ({error})") from None
    if rows != entry["rows"]:
        raise _damaged(path, f"the file has {rows} rows, the manifest says {entry['rows']}")
    return path


def read(name: str) -> pa.Table:
    """The whole table ``name`` as read from its Parquet file."""
    path = _checked(data_dir(), name)
    try:
        return pq.read_table(path)
    except (pa.ArrowException, OSError) as error:
        raise _damaged(path, f"the file cannot be read ({error})") from None


def sha256(path: Path) -> str:
    import hashlib  # only verify() hashes; a load should not pay for importing it

    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify() -> dict[str, Any]:
    """Recompute every file's SHA-256 against the manifest; raise naming the first damaged file."""
    folder = data_dir()
    found = manifest()
    if found.get("version") != __version__:
        raise _damaged(folder / MANIFEST, f"the data is version {found.get('version')}, the code {__version__}")
    for name, entry in found["tables"].items():
        path = _checked(folder, name)
        if sha256(path) != entry["sha256"]:
            raise _damaged(path, "its SHA-256 differs from the manifest")
    for relative, entry in found.get("files", {}).items():
        path = folder / relative
        if not path.is_file():
            raise _damaged(path, "the file is missing")
        if sha256(path) != entry["sha256"]:
            raise _damaged(path, "its SHA-256 differs from the manifest")
    return found
