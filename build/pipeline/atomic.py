"""Replacing a folder in one step: the new folder is built beside the output and swapped in only
when complete.

On Linux the swap is ``renameat2(RENAME_EXCHANGE)``: the output folder is always either the old
complete build or the new one, even if the process is killed or another build runs at once.
Elsewhere it falls back to two renames, with a moment in which the folder is absent (and the
previous folder put back if the second rename fails). A killed build leaves its temporary folder
(``.srd-build-<pid>-…``) behind; the next build into the same place removes those whose process is
gone. The package never reads such a folder as data.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path

from sino_russia_data.store import TEMP_PREFIX


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def temp_folder(parent: Path) -> Path:
    """A new folder beside the output, named after this process so a killed build's can be found."""
    return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=parent))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process
    return True


def remove_leftovers(parent: Path) -> None:
    """Remove the temporary folders of builds that were killed (their process is gone)."""
    for path in parent.glob(f"{TEMP_PREFIX}*"):
        pid = path.name.removeprefix(TEMP_PREFIX).partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def sync(*paths: Path) -> None:
    """Flush files and folder entries to disk, so a crash after the swap cannot leave empty files."""
    for path in paths:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def replace_folder(new: Path, out: Path) -> None:
    """Put the complete folder ``new`` in the place of ``out`` (absent, or a previous build)."""
    try:
        os.rename(new, out)  # succeeds when out is absent or an empty folder
        return
    except OSError as error:
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise  # permission, a full disk…: not a previous build in the way, and a swap would fail too
    if _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # now holds the previous build
        return
    old = temp_folder(out.parent)
    os.replace(out, old / "previous")
    try:
        os.rename(new, out)
    except OSError:
        os.replace(old / "previous", out)  # put the previous build back before reporting
        raise
    shutil.rmtree(old, ignore_errors=True)
