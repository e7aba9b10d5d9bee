"""Checks on every raw value before the models see it: invisible and control characters, blank
text, look-alike letters in ids and codes, lengths, integers the Arrow column cannot hold, and the
same item listed twice.

Rules (README, "When the build says no"):

* No control characters (C0, C1, DEL) anywhere, except a line break or tab inside free text
  (``FREE_TEXT``). No format characters (bidi overrides and isolates, zero-width space, word
  joiner, byte-order mark, soft hyphen, …) and no line or paragraph separators anywhere, except
  the zero-width joiner and non-joiner (U+200D, U+200C) between two letters or marks outside
  ASCII, where scripts such as Persian, Arabic or Devanagari need them; never in ids or codes.
* No value that is blank once spaces and invisible characters are taken away.
* Ids, references and codes are ASCII: a look-alike letter (Cyrillic 'а' in ``act-chinа``) is
  named with its code point.
* Free text at most ``MAX_FREE_TEXT`` characters, any other text at most ``MAX_OTHER`` (names have
  their own, smaller bound in the models).
* Integers fit the Arrow column (``int32``).
* A topic id does not start with another table's prefix (``act-``, ``ev-``, …).
* A list (topics, holders, events, statements, aliases, authors) does not hold one item twice, and
  an event does not list one actor as two participants.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sino_russia_data.columns import plan, walk
from sino_russia_data.models import ID_PREFIXES, TABLES

from .problems import field_path

FREE_TEXT = frozenset({"definition", "summary", "text", "proposes", "quote", "note"})
ASCII_ONLY = frozenset(
    {
        "id",
        "source_id",
        "actor",
        "speaker",
        "organisation",
        "event",
        "topics",
        "events",
        "statements",
        "series",
        "country",
        "holders",
        "language",
        "kind",
        "type",
        "mode",
        "date",
        "published",
        "term",
        "wikidata",
    }
)
#: Fields written as EDTF dates (``date``, ``published``, an office's ``term``), from the column plan.
DATES = frozenset(column.name for model in TABLES.values() for column in walk(plan(model)) if column.edtf)
UNIQUE_LISTS = frozenset({"topics", "holders", "events", "statements", "aliases", "authors"})
MAX_FREE_TEXT = 4000
MAX_OTHER = 2000
INT32 = (-(2**31), 2**31 - 1)
#: Prefixes of other tables' ids (and of tables being added), which a topic id must not start with.
OTHER_PREFIXES = tuple(sorted({*ID_PREFIXES.values(), "vote-"}))
JOINERS = frozenset({"\u200c", "\u200d"})
_CONTROL_NAMES = {
    0: "NULL",
    7: "BELL",
    8: "BACKSPACE",
    9: "TAB",
    10: "LINE FEED",
    13: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}
#: Letters that look like ASCII ones, for the message (NFKC folds full-width and other compatibility forms).
_LOOK_ALIKES = dict(
    zip(
        "аеорсухіјѕԁһӏАВЕКМНОРСТХІЈЅοαιϳνκρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdhlABEKMHOPCTXIJSoaijvkptuxABEZHIKMNOPTYX",
        strict=True,
    )
)


def char_name(char: str) -> str:
    """``U+001B ESCAPE``: a character as a message names it."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "control character")
    return f"U+{ord(char):04X} {name}"


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in {"Cc", "Cf", "Zl", "Zp"}


def _joiner_allowed(text: str, index: int) -> bool:
    """ZWJ/ZWNJ between two letters or marks outside ASCII (a joining script's)."""
    if index == 0 or index == len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    return all(not c.isascii() and unicodedata.category(c)[0] in "LM" for c in (before, after))


def _forbidden(text: str, free: bool, ascii_only: bool) -> str | None:
    for index, char in enumerate(text):
        if not _invisible(char):
            continue
        if free and char in "\n\t":
            continue
        if char in JOINERS and not ascii_only and _joiner_allowed(text, index):
            continue
        where = f"character {index + 1}"
        if char in JOINERS:
            return (
                f"has the invisible {char_name(char)} at {where}; it is allowed only between two letters of "
                "a script that joins them (Persian, Arabic, Devanagari, …); delete it"
            )
        return f"has the invisible {char_name(char)} at {where}; delete it"
    return None


def visible(text: str) -> str:
    """``text`` without invisible characters, with runs of whitespace as one space, trimmed."""
    return " ".join("".join(c for c in text if not _invisible(c) or c in "\n\t").split())


def _look_alike(text: str, key: str) -> str | None:
    rule = "dates are written with the digits 0-9" if key in DATES else "ids and codes are written in ASCII"
    for char in text:
        if char.isascii():
            continue
        folded = _LOOK_ALIKES.get(char) or unicodedata.normalize("NFKC", char)
        like = f", which looks like {folded!r}" if folded.isascii() and folded.isprintable() else ""
        return f"has the non-ASCII character {char!r} ({char_name(char)}){like}; {rule}"
    return None


def _string(text: str, key: str, loc: tuple, table: str) -> tuple[str, str] | None:
    """What is wrong with a text value: ``(code, message)``, or None."""
    free = key in FREE_TEXT
    ascii_only = key in ASCII_ONLY
    limit = MAX_FREE_TEXT if free else MAX_OTHER
    if len(text) > limit:
        kind = "free text" if free else "this field"
        return "too-long", f"is {len(text)} characters long; {kind} holds at most {limit}"
    printable = text.isprintable()  # the common case, checked in C: no control or format character
    wrong = None if printable else _forbidden(text, free, ascii_only)
    if wrong:
        return "invisible-character", wrong
    if not (text.strip() if printable else visible(text)):
        if key == "quote":
            return "blank-value", "is blank; copy the passage that supports the record"
        return (
            "blank-value",
            "is blank (only spaces or invisible characters); write the value, or leave out a field that may be empty",
        )
    if ascii_only and not text.isascii():
        wrong = _look_alike(text, key)
        if wrong:
            return "non-ascii", wrong
    if table == "topics" and loc == ("id",) and text.startswith(OTHER_PREFIXES):
        prefix = next(p for p in OTHER_PREFIXES if text.startswith(p))
        return (
            "reserved-prefix",
            f"{text!r} starts with {prefix!r}, the prefix of another table's ids; topic ids are bare slugs",
        )
    return None


def scan(table: str, value: Any) -> list[tuple[tuple, str, str]]:
    """Every problem in a raw record's values: ``(path in the record, code, message)``."""
    found: list[tuple[tuple, str, str]] = []
    _walk(value, (), "", table, found)
    return found


def _walk(item: Any, loc: tuple, key: str, table: str, found: list[tuple[tuple, str, str]]) -> None:
    """Add to ``found`` the problems in ``item`` at ``loc`` (a module function, not a closure that
    calls itself: that would be a reference cycle per record, left for the paused cycle collector)."""
    if isinstance(item, bool):
        return
    if isinstance(item, str):
        if len(item) <= MAX_OTHER and item.isascii() and item.isprintable() and item.strip() and key != "id":
            return  # the common case, in C: nothing below can be wrong with it
        wrong = _string(item, key, loc, table)
        if wrong:
            found.append((loc, *wrong))
    elif isinstance(item, int):
        if not INT32[0] <= item <= INT32[1]:
            whole = f"whole numbers from {INT32[0]} to {INT32[1]}"
            found.append((loc, "out-of-range", f"{_clip(str(item))} does not fit the column ({whole})"))
    elif isinstance(item, dict):
        for name, inner in item.items():
            if isinstance(name, str):
                _walk(inner, (*loc, name), name, table, found)
    elif isinstance(item, list):
        for index, inner in enumerate(item):
            _walk(inner, (*loc, index), key, table, found)
        if key in UNIQUE_LISTS:
            found.extend(_repeats(item, loc, lambda x: x, "is listed twice"))
        if key == "participants":
            found.extend(
                _repeats(
                    item,
                    loc,
                    lambda x: x.get("actor") if isinstance(x, dict) else None,
                    "takes part twice",
                    "actor",
                )
            )


def _repeats(items: list, loc: tuple, key: Any, what: str, field: str | None = None) -> list[tuple[tuple, str, str]]:
    first: dict[str, int] = {}
    found = []
    for index, item in enumerate(items):
        value = key(item)
        if not isinstance(value, str):
            continue
        if value in first:
            where = (*loc, index, field) if field else (*loc, index)
            first_at = field_path((*loc, first[value]))
            found.append((where, "duplicate-item", f"{_clip(value)!r} {what} (first at {first_at})"))
        else:
            first[value] = index
    return found


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
