"""Release versions and the bump the version policy (README, "Versions and releases") requires.

MAJOR: a change that breaks a reader of the previous release (a table or column removed, renamed or
retyped, a column made nullable, a vocabulary value removed, a record id retired). MINOR: something
added (records, tables, columns, vocabulary values). PATCH: corrections to existing records and
documentation of the schema.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

#: Bump kinds, weakest first.
KINDS = ("patch", "minor", "major")


@dataclass(frozen=True, order=True)
class Version:
    """``MAJOR.MINOR.PATCH``, or the development version ``MAJOR.MINOR.PATCH.devN`` that main carries
    between releases; as in PEP 440, ``0.2.0.dev0`` sorts before ``0.2.0``."""

    major: int
    minor: int
    patch: int
    dev: float = math.inf  # N of .devN; infinite for a release, so that a release sorts after its dev versions

    @classmethod
    def parse(cls, text: str) -> Version:
        match = re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.dev(0|[1-9]\d*))?", text)
        if match is None:
            raise ValueError(f"{text!r} is not a version MAJOR.MINOR.PATCH (or MAJOR.MINOR.PATCH.devN)")
        major, minor, patch, dev = match.groups()
        return cls(int(major), int(minor), int(patch), math.inf if dev is None else int(dev))

    @property
    def is_dev(self) -> bool:
        return self.dev != math.inf

    @property
    def release(self) -> Version:
        """The release this version leads to: ``0.2.0`` for ``0.2.0.dev0``."""
        return replace(self, dev=math.inf)

    def bumped(self, kind: str) -> Version:
        if kind == "major":
            return Version(self.major + 1, 0, 0)
        if kind == "minor":
            return Version(self.major, self.minor + 1, 0)
        if kind == "patch":
            return Version(self.major, self.minor, self.patch + 1)
        raise ValueError(f"unknown bump {kind!r}; one of {', '.join(KINDS)}")

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}" + (f".dev{self.dev}" if self.is_dev else "")


def strongest(kinds: list[str]) -> str | None:
    """The strongest bump among ``kinds``; None when there is nothing to release."""
    return max(kinds, key=KINDS.index, default=None)


def required(previous: Version | None, kind: str | None) -> Version | None:
    """The lowest version a release may carry; None when there is no previous release."""
    if previous is None:
        return None
    return previous.bumped(kind) if kind else previous
