"""A located problem in raw/, its code, and how it prints: ``file:line: field: message``.

The code names the class of mistake (``dangling-reference``), so tests and tools key on it rather
than on the wording, which may improve; every code is registered, with what it means, in ``CODES``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A problem line's parts are cut to these lengths (the middle of a file name, the end of a message).
MAX_FILE, MAX_FIELD, MAX_MESSAGE = 200, 120, 700

#: Every problem code, with what is wrong (README.md's table of codes is generated from this).
CODES: dict[str, str] = {
    # files and folders
    "unexpected-file": "a file that is neither a table's YAML file of records nor an archived source text",
    "bad-link": "a link that loops, leads out of raw/ or names a folder",
    "not-a-regular-file": "a broken link, a pipe or a device where a file should be",
    "file-too-large": "a record file or archived text larger than the build reads",
    "empty-file": "a file with nothing in it (a YAML file: nothing but comments)",
    "bad-encoding": "a file that is not UTF-8, or starts with a byte-order mark",
    "no-records": "raw/ holds no records, or none of a table the previous build in --out has rows in",
    # YAML
    "yaml-syntax": "YAML the parser cannot read",
    "yaml-refused": "YAML raw/ does not allow: anchors and aliases, explicit tags, keys that are not names, deep nesting",
    "duplicate-key": "a key written twice in one mapping",
    "not-a-list": "a file that is not one YAML list of records",
    # fields and values
    "unknown-field": "a field the table does not have (often a misspelt one)",
    "missing-field": "a required field left out, or written empty (null)",
    "derived-field-written": "a field the build derives, written by hand",
    "wrong-type": "a value of the wrong type (a number or a list where text is meant, a record that is not a mapping)",
    "not-in-vocabulary": "a term that is not in its vocabulary (sino_russia_data/vocabularies.py)",
    "bad-format": "text not in its field's form (an id, URL, UN document symbol, Wikidata id, …)",
    "date-invalid": "a date that does not exist or is not written as the field allows",
    "invalid-value": "a value its field's own rule refuses (a country or language code, …)",
    "fields-disagree": "fields of one record that contradict each other",
    "out-of-range": "a number below its field's minimum or beyond what the column holds",
    "too-long": "text longer than its field holds",
    "blank-value": "text that is only spaces or invisible characters",
    "invisible-character": "a control or invisible format character",
    "non-ascii": "a non-ASCII (often look-alike) character in an id, code or date",
    "reserved-prefix": "a topic id that starts with another table's id prefix",
    "duplicate-item": "one item listed twice in a record's list, or one actor taking part twice",
    # evidence
    "missing-citation": "a record without a citation",
    "missing-source-text": "a source without its archived text in sources/texts/",
    "passage-too-short": "a quote or statement text too short to prove anything",
    "quote-not-in-source": "a quote, or a statement's text, not found verbatim in the archived text of its source",
    "duplicate-citation": "a record citing the same passage of a source twice",
    # across records
    "duplicate-id": "an id given to two records",
    "dangling-reference": "a reference to an id no record has",
    "topic-cycle": "topics whose broader topics lead back to themselves",
    "office-not-of-a-body": "an office said to belong to the actor itself or to a person",
    "office-not-held": "an office the actor did not hold throughout the date",
    "date-outside-event": "a statement dated outside the date of the event it was made at",
    "future-date": "a date that starts after today",
    "not-a-vote-event": "a vote on an event that is not a Security Council vote",
    "duplicate-vote": "a state voting twice on one draft",
    "votes-contradict-event": "votes an event cannot have: more than fifteen, or an outcome they do not allow",
}


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
    code: str
    message: str

    def __post_init__(self) -> None:
        """A code outside ``CODES`` is a typo in the build, which would slip past any test keyed on codes."""
        if self.code not in CODES:
            raise ValueError(f"problem code {self.code!r} is not registered in pipeline.problems.CODES")

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
