"""The shipped data folder: where it is, what the manifest promises, and loading tables from it.

Imports only the standard library at first and pyarrow when a Parquet file is read, so that the
manifest (and ``cite()``, which reads it) costs no pyarrow import, and loading a table costs no more
than reading the Parquet file. ``load`` checks each file cheaply (size, row count) on first use;
``verify`` recomputes every checksum.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import DataIntegrityError

if TYPE_CHECKING:
    import pyarrow as pa

MANIFEST = "manifest.json"
#: Prefix of the folders a build writes before swapping them into place; never data to load.
TEMP_PREFIX = ".srd-build-"
_MAGIC = b"PAR1"
_ENTRY_FIELDS = {"file": str, "rows": int, "bytes": int, "sha256": str}
#: Set to a folder holding a build's output to load that instead of the installed data.
DATA_DIR_ENV = "SINO_RUSSIA_DATA_DIR"
_REINSTALL = f"reinstall the package (pip install --force-reinstall sino-russia-data=={__version__})"


def data_dir() -> Path:
    """The folder holding the Parquet files and ``manifest.json``.

    Found beside this module rather than through ``importlib.resources``, whose import alone cost
    ~9 ms of a ~125 ms cold load (Parquet is read from a real file in either case)."""
    override = os.environ.get(DATA_DIR_ENV)
    # The package folder itself, not importlib.resources: pyarrow needs a real path, wheels install
    # unzipped, and importing importlib.resources costs ~9 ms on every load.
    folder = Path(override) if override else Path(__file__).parent / "data"
    if folder.name.startswith(TEMP_PREFIX):
        raise DataIntegrityError(f"{folder}: is an unfinished build's temporary folder, not data; "
                                 f"point {DATA_DIR_ENV} at the build's --out folder")
    return folder


def _damaged(path: Path, what: str) -> DataIntegrityError:
    if os.environ.get(DATA_DIR_ENV):
        advice = f"rebuild it (python build/compile.py --out DIR) or unset {DATA_DIR_ENV} to use the installed data"
    else:
        advice = _REINSTALL
    return DataIntegrityError(f"{path}: {what}; {advice}")


def _unreadable(path: Path, error: Exception) -> DataIntegrityError:
    return _damaged(path, f"the file cannot be read ({' '.join(str(error).split())})")


def _malformed(manifest: Any) -> str | None:
    """What is wrong with a parsed manifest's layout, or None."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        return "it has no table of tables"
    for name, entry in manifest["tables"].items():
        if not isinstance(entry, dict) or any(not isinstance(entry.get(k), t) for k, t in _ENTRY_FIELDS.items()):
            return f"the entry for {name!r} lacks one of {', '.join(_ENTRY_FIELDS)}"
        if Path(entry["file"]).name != entry["file"]:
            return f"the entry for {name!r} names a file outside the data folder"
    others = manifest.get("files", {})
    if not isinstance(others, dict) or not all(
        isinstance(e, dict) and isinstance(e.get("sha256"), str) and ".." not in Path(f).parts and not Path(f).is_absolute()
        for f, e in others.items()
    ):
        return "its list of other files is damaged"
    return None


@cache
def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise _damaged(path, "the manifest is missing") from None
    except (OSError, ValueError) as error:
        raise _damaged(path, f"the manifest is not valid JSON ({error})") from None
    wrong = _malformed(manifest)
    if wrong:
        raise _damaged(path, f"the manifest is not valid ({wrong})")
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
    """The table's file, after the cheap check: it exists, and its size, magic bytes and row count match."""
    entry = _entry(name)
    path = folder / entry["file"]
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            magic = stream.read(len(_MAGIC))
    except FileNotFoundError:
        raise _damaged(path, "the file is missing") from None
    except OSError as error:
        raise _unreadable(path, error) from None
    if size != entry["bytes"]:
        raise _damaged(path, f"the file has {size} bytes, the manifest says {entry['bytes']}")
    if magic != _MAGIC:
        raise _damaged(path, "the file does not start as a Parquet file does")
    import pyarrow as pa  # only once a Parquet file is read
    import pyarrow.parquet as pq

    try:
        rows = pq.read_metadata(path).num_rows
    except (pa.ArrowException, OSError) as error:
        raise _unreadable(path, error) from None
    if rows != entry["rows"]:
        raise _damaged(path, f"the file has {rows} rows, the manifest says {entry['rows']}")
    return path


def read(name: str) -> pa.Table:
    """The whole table ``name`` as read from its Parquet file, every page checked against its CRC."""
    path = _checked(data_dir(), name)
    import pyarrow as pa  # imported (and cached) by _checked already
    import pyarrow.parquet as pq

    try:
        # ParquetFile, not read_table: pyarrow.dataset imports pandas (~0.4 s) when it is installed
        with pq.ParquetFile(path, page_checksum_verification=True) as parquet:
            return parquet.read()
    except (pa.ArrowException, OSError) as error:
        raise _unreadable(path, error) from None


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
