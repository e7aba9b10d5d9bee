"""Hypothesis strategies for any table's records, derived from the column plan.

Field constraints come from the models themselves (patterns, vocabularies, nested models, EDTF
markers); only the validators that no annotation spells out (ISO codes) get a strategy by name.
"""

from __future__ import annotations

import datetime as dt
import typing

import annotated_types
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel
from pydantic.types import StringConstraints

from sino_russia_data import dates, models
from sino_russia_data.columns import Column, named, plan

DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2025, 12, 31))


def _single_edtf(day: dt.date, precision: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]


@st.composite
def edtf(draw: st.DrawFn, open_ends: bool = False) -> str:
    """A valid EDTF string: a day, month or year, an ordered interval of them or (not for terms of
    office) a window of one unknown day between two of them."""
    first, second = sorted(draw(st.lists(DAYS, min_size=2, max_size=2)))
    precisions = st.sampled_from(["day", "month", "year"])
    if not draw(st.booleans()):
        return _single_edtf(first, draw(precisions))
    low, high = _single_edtf(first, draw(precisions)), _single_edtf(second, draw(precisions))
    if open_ends:
        low, high = draw(st.sampled_from([(low, high), ("..", high), (low, "..")]))
    elif _window_possible(low, high) and draw(st.booleans()):
        return f"[{low}..{high}]"
    return f"{low}/{high}"


def _window_possible(low: str, high: str) -> bool:
    """Whether ``[low..high]`` is a window the parser takes: two different ends, the window ending
    after it starts (not ``[2000-01..2000-01]`` nor ``[2000-01..2000-01-01]``)."""
    return low != high and dates.parse(low).start < dates.parse(high).end


def _check(alias: typing.Any) -> typing.Any:
    """The function of the ``AfterValidator`` in a type alias of the models."""
    return next(m.func for m in alias.__metadata__ if isinstance(m, AfterValidator))


#: Values for the validators no annotation spells out, by the validator's function.
_BY_CHECK = {
    _check(models.CountryCode): st.sampled_from(["CHN", "RUS", "KOR", "PRK", "USA", "JPN"]),
    _check(models.LanguageCode): st.sampled_from(["en", "zh", "ru", "ko", "ja"]),
}
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


def for_column(column: Column) -> st.SearchStrategy:
    """Valid values of ``column``, from what the column plan says of it."""
    if column.is_list:
        least = next((m.min_length for m in column.markers if isinstance(m, annotated_types.MinLen)), 0)
        inner = st.lists(_value(column, column.item_markers), min_size=least, max_size=3)
    else:
        inner = _value(column, column.markers)
    return st.one_of(st.none(), inner) if column.nullable else inner


def _value(column: Column, markers: tuple[typing.Any, ...]) -> st.SearchStrategy:
    """One value (one item, for a list) of ``column``; ``markers`` are its annotations' metadata."""
    for marker in markers:
        if isinstance(marker, models.Edtf):
            return edtf(open_ends=marker.open_ends)
        if isinstance(marker, AfterValidator) and marker.func in _BY_CHECK:
            return _BY_CHECK[marker.func]
    if column.terms is not None:
        return st.sampled_from(column.terms)
    if column.model is not None:
        return record(column.model)
    if column.base is bool:
        return st.booleans()
    if column.base is int:
        return st.integers(min_value=1, max_value=50)
    if column.base is dt.date:
        return DAYS
    if column.base is str:
        limits = next((m for m in markers if isinstance(m, StringConstraints)), None)
        if limits is None or limits.pattern is None:
            return _TEXT
        longest = limits.max_length or 120
        return st.from_regex(limits.pattern, fullmatch=True).filter(lambda text: len(text) <= longest)
    raise TypeError(f"no strategy for {'.'.join(column.path)}")


def record(model: type[BaseModel]) -> st.SearchStrategy:
    """Valid instances of ``model``: every non-derived field drawn from its annotation."""
    fields = {column.name: for_column(column) for column in plan(model) if not column.derived}
    if model is models.Source:
        fields["text_sha256"] = st.from_regex(r"[0-9a-f]{64}", fullmatch=True)
    if model is models.Citation:
        fields["id"] = st.just("ev-x#0123456789")
        fields["record_id"] = st.just("ev-x")
    if model is models.Vote:  # the build derives these from the event and the other votes
        fields |= {
            "date": DAYS.map(dt.date.isoformat),
            "document": for_column(named(models.Vote)["document"]),
            "veto": st.just(False),
        }
    drawn = st.fixed_dictionaries(fields)
    if model is models.Event:
        drawn = drawn.map(_event_rules)
    if model is models.Statement:
        drawn = drawn.map(_statement_rules)
    if model is models.Vote:  # the day's first and last day, as the build copies them from the event
        drawn = drawn.map(
            lambda d: {
                **d,
                "date_start": dt.date.fromisoformat(d["date"]),
                "date_end": dt.date.fromisoformat(d["date"]),
            }
        )
    return drawn.map(model.model_validate)


def _event_rules(event: dict) -> dict:
    """A round or series name only within a series; UN document symbols only on Council votes."""
    if not event["series"]:
        event = {**event, "round": None, "series_name": None}
    if event["kind"] not in models.UNSC_VOTE_KINDS:
        event = {**event, "document": None, "meeting_record": None}
    return event


def _statement_rules(statement: dict) -> dict:
    """The language facts agree: an English text is its own rendering; a translation is from
    another language. A statement is not "about" the event it was made at."""
    if statement["language"] == "en":
        statement = {**statement, "text_en": statement["text"], "text_en_origin": "same_as_text"}
    elif statement["text_en_origin"] == "same_as_text":
        statement = {**statement, "text_en_origin": "curators_translation"}
    if not statement["translated"] or statement["translated_from"] == statement["language"]:
        statement = {**statement, "translated_from": None}
    return {**statement, "about": [e for e in statement["about"] if e != statement["event"]]}
