"""The shipped data folder: where it is, what the manifest promises, and loading tables from it.

Imports only the standard library at first and pyarrow when a Parquet file is read, so that the
manifest (and ``cite()``, which reads it) costs no pyarrow import, and loading a table costs no more
than reading the Parquet file. ``load`` checks each file cheaply (size, row count) on first use;
``verify`` recomputes every checksum.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

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
    folder = Path(override) if override else Path(__file__).parent / "data"
    if folder.name.startswith(TEMP_PREFIX):
        raise DataIntegrityError(
            f"{folder}: is an unfinished build's temporary folder, not data; "
            f"point {DATA_DIR_ENV} at the build's --out folder"
        )
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
        # type(...) is, not isinstance: a boolean is an int to isinstance, and no count
        if not isinstance(entry, dict) or any(type(entry.get(k)) is not t for k, t in _ENTRY_FIELDS.items()):
            return f"the entry for {name!r} lacks one of {', '.join(_ENTRY_FIELDS)}"
        if entry["rows"] < 0 or entry["bytes"] < 0:
            return f"the entry for {name!r} counts below zero"
        if Path(entry["file"]).name != entry["file"]:
            return f"the entry for {name!r} names a file outside the data folder"
    others = manifest.get("files", {})
    if not isinstance(others, dict) or not all(
        isinstance(e, dict)
        and isinstance(e.get("sha256"), str)
        and ".." not in Path(f).parts
        and not Path(f).is_absolute()
        for f, e in others.items()
    ):
        return "its list of other files is damaged"
    for key in ("version", "schema_version"):
        if not isinstance(manifest.get(key), str):
            return f"its {key} is not text"
    return None


#: A manifest file's identity (see _identity): device, inode, size, modification time in ns.
Identity = tuple[int, int, int, int]
_T = TypeVar("_T")

#: Tries at reading a build that a rebuild may be replacing meanwhile, and the pause between them.
_ATTEMPTS, _PAUSE = 5, 0.02
#: Parsed manifests by (folder, identity of the manifest file read): a rebuild swaps in a new file,
#: so a long-running process reads the new manifest, never the folder's first one for ever.
_MANIFESTS: dict[tuple[Path, Identity], dict[str, Any]] = {}


def _identity(folder: Path) -> Identity | None:
    """What tells one manifest file from the next in the same place: device, inode, size, time."""
    try:
        found = os.stat(folder / MANIFEST)
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


def parse_manifest(data: bytes, path: Path) -> dict[str, Any]:
    """A manifest's bytes (read from ``path``) parsed and checked, or the one-line DataIntegrityError."""
    try:
        manifest = json.loads(data)
    except RecursionError:
        raise _damaged(path, "the manifest is not valid (it is nested too deeply)") from None
    except ValueError as error:
        raise _damaged(path, f"the manifest is not valid JSON ({' '.join(str(error).split())})") from None
    wrong = _malformed(manifest)
    if wrong:
        raise _damaged(path, f"the manifest is not valid ({wrong})")
    return cast("dict[str, Any]", manifest)  # _malformed found it a dict (json.loads is typed Any)


def _read_manifest(folder: Path) -> tuple[Identity, dict[str, Any]]:
    path = folder / MANIFEST
    try:
        with path.open("rb") as stream:
            found = os.fstat(stream.fileno())
            data = stream.read()
    except FileNotFoundError:
        raise _damaged(path, "the manifest is missing") from None
    except OSError as error:
        raise _unreadable(path, error) from None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns), parse_manifest(data, path)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the build in ``folder``, checked as ``load`` checks the installed one, and
    not cached: for tools that read other builds (kept releases, the release check)."""
    return _read_manifest(folder)[1]


def _parse(folder: Path) -> tuple[Identity, dict[str, Any]]:
    identity, manifest = _read_manifest(folder)
    if len(_MANIFESTS) > 16:
        _MANIFESTS.clear()
    _MANIFESTS[(folder, identity)] = manifest
    return identity, manifest


def _snapshot(folder: Path) -> tuple[Identity, dict[str, Any]]:
    """The folder's current manifest and the identity of its file, re-read after a rebuild. A
    manifest missing for a moment (a rebuild swapping folders where it cannot do so atomically) is
    waited for briefly before it is reported."""
    for attempt in range(_ATTEMPTS):
        identity = _identity(folder)
        if identity is not None and (folder, identity) in _MANIFESTS:
            return identity, _MANIFESTS[(folder, identity)]
        try:
            return _parse(folder)
        except DataIntegrityError:
            if attempt == _ATTEMPTS - 1 or (_identity(folder) == identity and identity is not None):
                raise
            time.sleep(_PAUSE)
    raise AssertionError("unreachable")


def _manifest(folder: Path) -> dict[str, Any]:
    return _snapshot(folder)[1]


def _consistent(work: Callable[[Path, Identity, dict[str, Any]], _T]) -> _T:
    """``work(folder, identity, manifest)``, tried again when the build was replaced meanwhile: a
    reader during a rebuild sees the old build or the new one, never a false "damaged"."""
    folder = data_dir()
    for attempt in range(_ATTEMPTS):
        identity, found = _snapshot(folder)
        try:
            return work(folder, identity, found)
        except DataIntegrityError:
            if attempt == _ATTEMPTS - 1 or _identity(folder) == identity:
                raise
    raise AssertionError("unreachable")


def manifest() -> dict[str, Any]:
    """The build's manifest: version, schema version, and per-table file, rows, bytes and SHA-256."""
    return _manifest(data_dir())


def tables() -> list[str]:
    """Names of the tables in the installed data, in build order."""
    return list(manifest()["tables"])


def _entry(name: str, found: dict[str, Any]) -> dict[str, Any]:
    known: dict[str, dict[str, Any]] = found["tables"]
    if name not in known:
        raise ValueError(f"unknown table {name!r}; tables are: {', '.join(known)}")
    return known[name]


@lru_cache(maxsize=64)
def _checked(folder: Path, name: str, identity: Identity, entry_items: tuple[tuple[str, Any], ...]) -> Path:
    """The table's file, after the cheap check: it exists, and its size, magic bytes and row count
    match. Cached per manifest identity, so a rebuilt file is checked again."""
    entry = dict(entry_items)
    path: Path = folder / entry["file"]
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
    except (pa.ArrowException, OSError, UnicodeDecodeError) as error:  # pyarrow 15: a damaged footer's
        # names can fail to decode before Arrow raises
        raise _unreadable(path, error) from None
    if rows != entry["rows"]:
        raise _damaged(path, f"the file has {rows} rows, the manifest says {entry['rows']}")
    return path


def _checked_in(folder: Path, identity: Identity, found: dict[str, Any], name: str) -> Path:
    return _checked(folder, name, identity, tuple(_entry(name, found).items()))


def read(name: str) -> pa.Table:
    """The whole table ``name`` as read from its Parquet file, every page checked against its CRC."""

    def work(folder: Path, identity: Identity, found: dict[str, Any]) -> pa.Table:
        path = _checked_in(folder, identity, found, name)
        import pyarrow as pa  # imported (and cached) by _checked already
        import pyarrow.parquet as pq

        try:
            # ParquetFile, not read_table: pyarrow.dataset imports pandas (~0.4 s) when it is installed
            with pq.ParquetFile(path, page_checksum_verification=True) as parquet:
                table = parquet.read()
        except (pa.ArrowException, OSError, UnicodeDecodeError) as error:
            raise _unreadable(path, error) from None
        if table.num_rows != found["tables"][name]["rows"]:  # the file was swapped after the check
            raise _damaged(
                path, f"the file has {table.num_rows} rows, the manifest says {found['tables'][name]['rows']}"
            )
        return table

    return _consistent(work)


def sha256(path: Path) -> str:
    import hashlib  # only verify() hashes; a load should not pay for importing it

    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify() -> dict[str, Any]:
    """Recompute every file's SHA-256 against the manifest, and compare its version and table
    layout (schema version) with the code's; raise naming the first damaged file."""
    from .models import SCHEMA_VERSION  # verify hashes every file anyway; pydantic is no extra cost here

    def work(folder: Path, identity: Identity, found: dict[str, Any]) -> dict[str, Any]:
        if found.get("version") != __version__:
            raise _damaged(folder / MANIFEST, f"the data is version {found.get('version')}, the code {__version__}")
        if found.get("schema_version") != SCHEMA_VERSION:
            raise _damaged(
                folder / MANIFEST, f"the data has table layout {found.get('schema_version')}, the code {SCHEMA_VERSION}"
            )
        for name, entry in found["tables"].items():
            path = _checked_in(folder, identity, found, name)
            if sha256(path) != entry["sha256"]:
                raise _damaged(path, "its SHA-256 differs from the manifest")
        for relative, entry in found.get("files", {}).items():
            path = folder / relative
            if not path.is_file():
                raise _damaged(path, "the file is missing")
            if sha256(path) != entry["sha256"]:
                raise _damaged(path, "its SHA-256 differs from the manifest")
        return found

    return _consistent(work)
