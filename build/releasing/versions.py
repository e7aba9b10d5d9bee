"""Release versions and the bump the version policy (README, "Versions and releases") requires.

MAJOR: a change that breaks a reader of the previous release (a table or column removed, renamed or
retyped, a column made nullable, a vocabulary value removed, a record id retired). MINOR: something
added (records, tables, columns, vocabulary values). PATCH: corrections to existing records and
documentation of the schema.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Bump kinds, weakest first.
KINDS = ("patch", "minor", "major")


class Version(NamedTuple):
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version:
        match = re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)", text)
        if match is None:
            raise ValueError(f"{text!r} is not a release version MAJOR.MINOR.PATCH")
        return cls(*map(int, match.groups()))

    def bumped(self, kind: str) -> Version:
        if kind == "major":
            return Version(self.major + 1, 0, 0)
        if kind == "minor":
            return Version(self.major, self.minor + 1, 0)
        if kind == "patch":
            return Version(self.major, self.minor, self.patch + 1)
        raise ValueError(f"unknown bump {kind!r}; one of {', '.join(KINDS)}")

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def strongest(kinds: list[str]) -> str | None:
    """The strongest bump among ``kinds``; None when there is nothing to release."""
    return max(kinds, key=KINDS.index, default=None)


def required(previous: Version | None, kind: str | None) -> Version | None:
    """The lowest version a release may carry; None when there is no previous release."""
    if previous is None:
        return None
    return previous.bumped(kind) if kind else previous
