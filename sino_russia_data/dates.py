"""Partial dates: the strict subset of EDTF (ISO 8601-2, level 0) that records are written in.

A fact known only to a month is written ``2019-03`` and stored as the span of days it can fall on
(2019-03-01 .. 2019-03-31) with precision ``month``; it is never pinned to the 1st. Intervals are
written ``start/end`` (``2017-07-03/2017-07-04``) and mean the fact lasted over the whole range; an
office still held, or a term whose start is unknown, may use an open end (``2013-03-14/..``), which
comes back as ``None``.

A single day known only to lie somewhere in a range is written with EDTF's "one of a set" form
(ISO 8601-2 level 2), restricted to one range: ``[2017-01-20..2017-04-02]``. It has the same
``start``/``end`` as the interval would, but its ``form`` is ``window``, not ``span``: a two-day
visit and an interview given on one unknown day of ten weeks are told apart in the data. A month or
year alone (``2019-03``) is a window too.

Why not the ``edtf`` package: measured with edtf 5.0.2 it takes ~15 ms a parse (25 minutes for the
100k-record build target), accepts ``2019-02-29`` and raises TypeError on open intervals. This module
accepts only what the dataset allows and lets :mod:`datetime` decide which days exist.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .vocabularies import DATE_FORMS, DATE_PRECISIONS

#: Finer first: an interval's precision is that of its coarser end.
PRECISION_RANK: dict[str, int] = {name: rank for rank, name in enumerate(DATE_PRECISIONS)}

OPEN = ".."
_SINGLE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_WINDOW = re.compile(r"\[([^\[\].]+)\.\.([^\[\].]+)\]")
assert set(DATE_FORMS) == {"day", "span", "window"}


@dataclass(frozen=True)
class PartialDate:
    """The first and last day a fact can fall on, and how precisely it is known."""

    start: date | None
    end: date | None
    precision: str
    #: ``day`` (one known day), ``span`` (lasted over the range) or ``window`` (one unknown day in it).
    form: str


def _single(text: str) -> tuple[date, date, str]:
    match = _SINGLE.fullmatch(text)
    if match is None:
        other = next((c for c in text if c.isdigit() and not c.isascii()), None)
        digits = f" with the digits 0-9 (not {other!r})" if other else ""
        raise ValueError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD{digits}")
    year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if year < 1:
        raise ValueError(f"{text!r}: year {year_s} does not exist")
    if month_s is None:
        return date(year, 1, 1), date(year, 12, 31), "year"
    month = int(month_s)
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: month {month_s} does not exist")
    if day_s is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
    try:
        day = date(year, month, int(day_s))
    except ValueError:
        raise ValueError(f"{text!r}: day {day_s} does not exist in {year_s}-{month_s}") from None
    return day, day, "day"


@lru_cache(maxsize=65536)
def parse(text: str, *, open_ends: bool = False) -> PartialDate:
    """Parse ``YYYY[-MM[-DD]]``, ``A/B`` or, unless ``open_ends`` (terms of office), ``[A..B]``;
    ``..`` for an open end only when ``open_ends``."""
    if text.startswith("["):
        return _window(text, open_ends)
    start: date | None  # an interval's end may be open
    end: date | None
    if "/" not in text:
        start, end, precision = _single(text)
        return PartialDate(start, end, precision, "day" if precision == "day" else "window")
    low, _, high = text.partition("/")
    if low == OPEN and high == OPEN:
        raise ValueError(f"{text!r}: an interval needs at least one known end")
    if OPEN in (low, high) and not open_ends:
        raise ValueError(f"{text!r}: open ends ('..') are not allowed here")
    ranks = []
    start = end = None
    if low != OPEN:
        start, _, low_precision = _single(low)
        ranks.append(low_precision)
    if high != OPEN:
        _, end, high_precision = _single(high)
        ranks.append(high_precision)
    if start is not None and end is not None and start > end:
        raise ValueError(f"{text!r}: the interval ends before it starts")
    precision = max(ranks, key=PRECISION_RANK.__getitem__)
    return PartialDate(start, end, precision, "span")


def _window(text: str, open_ends: bool) -> PartialDate:
    if open_ends:
        raise ValueError(f"{text!r}: a term of office is an interval (A/B), not a window")
    match = _WINDOW.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date: a window is written [YYYY-MM-DD..YYYY-MM-DD]")
    if match.group(1) == match.group(2):
        raise ValueError(f"{text!r}: a window needs two different ends; for one day, month or year write it alone")
    start, _, low_precision = _single(match.group(1))
    _, end, high_precision = _single(match.group(2))
    if start >= end:
        raise ValueError(f"{text!r}: a window must end after it starts (for one known day, write the day)")
    precision = max((low_precision, high_precision), key=PRECISION_RANK.__getitem__)
    return PartialDate(start, end, precision, "window")
