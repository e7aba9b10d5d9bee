"""A located problem in raw/, and how it prints: ``file:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass

#: A problem line's parts are cut to these lengths (the middle of a file name, the end of a message).
MAX_FILE, MAX_FIELD, MAX_MESSAGE = 200, 120, 700


def escaped(text: str) -> str:
    """``text`` with line breaks and other non-printable characters as escapes (``\\n``, ``\\x1b``,
    ``\\u202e``), so no file name or value can start a second problem line or drive a terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _cut(text: str, limit: int, middle: bool = False) -> str:
    if len(text) <= limit:
        return text
    if middle:
        half = (limit - 1) // 2
        return f"{text[:half]}…{text[-half:]}"
    return text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        file = _cut(escaped(self.file), MAX_FILE, middle=True)
        field = _cut(escaped(self.field), MAX_FIELD, middle=True)
        return f"{file}:{self.line}: {field}: {_cut(escaped(self.message), MAX_MESSAGE)}"


def field_path(loc: tuple) -> str:
    """``('participants', 0, 'office')`` → ``participants[0].office``; ``()`` → ``(record)``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(record)"


class BuildFailed(Exception):
    """Raised with every problem found; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in raw/")
