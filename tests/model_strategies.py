"""Hypothesis strategies for any table's records, derived from the models' annotations.

Field constraints come from the models themselves (patterns, literals, nested models); only the
validators that no annotation spells out (ISO codes, EDTF strings) get a strategy by name.
"""

from __future__ import annotations

import datetime as dt
import types
import typing

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.types import StringConstraints

from sino_russia_data import models
from sino_russia_data.introspect import unwrap

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
    elif low != high and draw(st.booleans()):
        return f"[{low}..{high}]"
    return f"{low}/{high}"


_BY_ANNOTATION = {
    repr(models.CountryCode): st.sampled_from(["CHN", "RUS", "KOR", "PRK", "USA", "JPN"]),
    repr(models.LanguageCode): st.sampled_from(["en", "zh", "ru", "ko", "ja"]),
    repr(models.EdtfDate): edtf(),
    repr(models.EdtfTerm): edtf(open_ends=True),
}
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


def for_annotation(annotation: typing.Any) -> st.SearchStrategy:
    bare, nullable, _ = unwrap(annotation)
    inner = _for_bare(annotation, bare)
    return st.one_of(st.none(), inner) if nullable else inner


def _for_bare(annotation: typing.Any, bare: typing.Any) -> st.SearchStrategy:
    for candidate in typing.get_args(annotation) or (annotation,):
        if repr(candidate) in _BY_ANNOTATION:
            return _BY_ANNOTATION[repr(candidate)]
    if repr(annotation) in _BY_ANNOTATION:
        return _BY_ANNOTATION[repr(annotation)]
    origin = typing.get_origin(bare)
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(bare))
    if origin is list:
        least = next((m.min_length for m in _metadata(annotation) if isinstance(m, annotated_types.MinLen)), 0)
        return st.lists(for_annotation(typing.get_args(bare)[0]), min_size=least, max_size=3)
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return record(bare)
    if bare is bool:
        return st.booleans()
    if bare is int:
        return st.integers(min_value=1, max_value=50)
    if bare is dt.date:
        return DAYS
    if bare is str:
        limits = _constraints(annotation)
        if limits is None or limits.pattern is None:
            return _TEXT
        longest = limits.max_length or 120
        return st.from_regex(limits.pattern, fullmatch=True).filter(lambda text: len(text) <= longest)
    raise TypeError(f"no strategy for {annotation!r}")


def _metadata(annotation: typing.Any) -> tuple:
    return annotation.__metadata__ if typing.get_origin(annotation) is typing.Annotated else ()


def _constraints(annotation: typing.Any) -> StringConstraints | None:
    """The StringConstraints in an annotation's ``Annotated`` metadata, through ``| None``."""
    if typing.get_origin(annotation) is typing.Annotated:
        found = next((m for m in annotation.__metadata__ if isinstance(m, StringConstraints)), None)
        return found or _constraints(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next(filter(None, (_constraints(a) for a in typing.get_args(annotation))), None)
    return None


def record(model: type[BaseModel]) -> st.SearchStrategy:
    """Valid instances of ``model``: every non-derived field drawn from its annotation."""
    derived = models.derived_fields(model)
    fields = {
        name: for_annotation(info.rebuild_annotation())
        for name, info in model.model_fields.items()
        if name not in derived
    }
    if model is models.Source:
        fields["text_sha256"] = st.from_regex(r"[0-9a-f]{64}", fullmatch=True)
    if model is models.Citation:
        fields["id"] = st.just("ev-x#0123456789")
        fields["record_id"] = st.just("ev-x")
    if model is models.Vote:  # the build derives these from the event and the other votes
        fields |= {
            "date": DAYS.map(dt.date.isoformat),
            "document": for_annotation(models.Vote.model_fields["document"].rebuild_annotation()),
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
