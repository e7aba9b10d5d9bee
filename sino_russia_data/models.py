"""The schema: one pydantic model per table, the single source of truth.

Arrow schemas, JSON Schema, the codebook and Hugging Face ``Features`` are all derived from these
classes. Models are strict (no type coercion) and reject unknown fields. Fields marked derived are
computed (by the model or the build) and must not be written in ``raw/``. Fields annotated with a
:class:`Reference` hold the id of a record in another table; the build checks that it resolves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from . import dates
from .vocabularies import ACTOR_TYPES, DATE_PRECISIONS, EVENT_KINDS, SOURCE_KINDS, STATEMENT_MODES

#: Version of the table layout; MAJOR changes when a reader of the previous layout would break.
SCHEMA_VERSION = "1.0.0"

DERIVED = {"derived": True}


@dataclass(frozen=True)
class Reference:
    """Annotation marker: the value is the id of a record in ``table``."""

    table: str


def _literal(vocabulary: dict[str, str]) -> Any:
    return Literal[tuple(vocabulary)]


EventKind = _literal(EVENT_KINDS)
SourceKind = _literal(SOURCE_KINDS)
ActorType = _literal(ACTOR_TYPES)
StatementMode = _literal(STATEMENT_MODES)
Precision = _literal(DATE_PRECISIONS)

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"

#: Every record id starts with its table's prefix, so an id alone names its table.
ID_PREFIXES: dict[str, str] = {
    "sources": "src-",
    "actors": "act-",
    "events": "ev-",
    "statements": "st-",
    "positions": "pos-",
}


def _id(table: str) -> Any:
    return Annotated[str, StringConstraints(pattern=rf"^{ID_PREFIXES[table]}{_SLUG}$", max_length=120)]


TopicId = Annotated[str, StringConstraints(pattern=rf"^{_SLUG}$", max_length=60)]
SourceId, ActorId, EventId, StatementId, PositionId = (_id(t) for t in ID_PREFIXES)
TopicRef = Annotated[TopicId, Reference("topics")]
SourceRef = Annotated[SourceId, Reference("sources")]
ActorRef = Annotated[ActorId, Reference("actors")]
EventRef = Annotated[EventId, Reference("events")]
StatementRef = Annotated[StatementId, Reference("statements")]

Text = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=r"^\S(?:.*\S)?$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$", max_length=2000)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
WikidataId = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]


@lru_cache(maxsize=1)
def _iso_codes() -> tuple[frozenset[str], frozenset[str]]:
    import pycountry  # lazy: only validation needs the code tables

    countries = frozenset(c.alpha_3 for c in pycountry.countries)
    languages = frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    return countries, languages


def _country(code: str) -> str:
    if code not in _iso_codes()[0]:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 country code (South Korea is KOR)")
    return code


def _language(code: str) -> str:
    if code not in _iso_codes()[1]:
        raise ValueError(f"{code!r} is not an ISO 639-1 language code (en, zh, ru, ko, …)")
    return code


def _edtf(open_ends: bool) -> Any:
    def check(text: str) -> str:
        dates.parse(text, open_ends=open_ends)
        return text

    return Annotated[str, AfterValidator(check)]


CountryCode = Annotated[str, AfterValidator(_country)]
LanguageCode = Annotated[str, AfterValidator(_language)]
EdtfDate = _edtf(open_ends=False)
EdtfTerm = _edtf(open_ends=True)


def _dated(field: str, *, open_ends: bool = False) -> Any:
    """A before-validator filling ``<field>_start/_end/_precision`` from the EDTF string in ``field``.

    When the derived values are supplied (a row read back from Parquet) they must agree.
    """

    def derive(cls: type, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get(field), str):
            return data
        try:
            parsed = dates.parse(data[field], open_ends=open_ends)
        except ValueError:
            return data  # the field's own validator reports it
        derived = {
            f"{field}_start": parsed.start,
            f"{field}_end": parsed.end,
            f"{field}_precision": parsed.precision,
        }
        for key, expected in derived.items():
            if key in data and data[key] != expected:
                raise ValueError(f"{key} is {data[key]!r} but {field} {data[field]!r} gives {expected!r}")
        return {**data, **derived}

    return model_validator(mode="before")(derive)


class Record(BaseModel):
    """Base of every row: strict types, unknown fields rejected, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Topic(Record):
    """A term of the controlled topic vocabulary kept in ``raw/topics/``."""

    id: TopicId = Field(description="Topic id, a lowercase slug (e.g. `thaad`).")
    label: Name = Field(description="Short human-readable name.")
    definition: Text = Field(description="What records tagged with this topic are about.")


class Source(Record):
    """A publication cited as evidence; its text is archived in ``raw/sources/texts/<id>.txt``."""

    id: SourceId = Field(description="Source id, `src-` plus a slug.")
    title: Name | None = Field(description="Title as published; null where it could not be established.")
    publisher: Name = Field(description="Outlet or institution that published it.")
    authors: list[Name] = Field(default_factory=list, description="Authors as credited; empty if none.")
    published: EdtfDate | None = Field(description="Publication date as EDTF (`2017-06-30`, `2017-05`); null if unknown.")
    published_start: dt.date | None = Field(default=None, json_schema_extra=DERIVED, description="First day it can have appeared.")
    published_end: dt.date | None = Field(default=None, json_schema_extra=DERIVED, description="Last day it can have appeared.")
    published_precision: Precision | None = Field(default=None, json_schema_extra=DERIVED, description="Precision of `published`.")
    url: Url | None = Field(description="Address of the publication; null where not established.")
    kind: SourceKind = Field(description="What sort of publication it is.")
    language: LanguageCode = Field(description="ISO 639-1 code of the text's language.")
    text_sha256: Sha256 = Field(json_schema_extra=DERIVED, description="SHA-256 of the archived text.")
    note: Text | None = Field(default=None, description="What the archived text is (full text, excerpt) and caveats.")
    _dates = _dated("published")


class Office(Record):
    """An office a person held, with the term they held it."""

    title: Name = Field(description="The office as commonly titled in English.")
    organisation: ActorRef | None = Field(
        default=None, description="Actor id of the body the office belongs to."
    )
    term: EdtfTerm = Field(description="Term as an EDTF interval; `..` marks an open or unknown end.")
    term_start: dt.date | None = Field(json_schema_extra=DERIVED, description="First possible day of the term.")
    term_end: dt.date | None = Field(json_schema_extra=DERIVED, description="Last possible day; null if open.")
    term_precision: Precision = Field(json_schema_extra=DERIVED, description="Precision of `term`.")
    _dates = _dated("term", open_ends=True)


class Actor(Record):
    """A person, state or organisation that takes part in events or makes statements."""

    id: ActorId = Field(description="Actor id, `act-` plus a slug.")
    name: Name = Field(description="Common English name.")
    name_zh: Name | None = Field(default=None, description="Name in Chinese (simplified characters).")
    name_ru: Name | None = Field(default=None, description="Name in Russian (Cyrillic).")
    name_ko: Name | None = Field(default=None, description="Name in Korean (Hangul).")
    aliases: list[Name] = Field(default_factory=list, description="Other spellings, including misprints in sources.")
    type: ActorType = Field(description="Person, state or organisation.")
    country: CountryCode | None = Field(description="ISO 3166-1 alpha-3 code; null for international bodies.")
    wikidata: WikidataId | None = Field(default=None, description="Wikidata QID where known.")
    offices: list[Office] = Field(default_factory=list, description="Offices held, with terms.")


class Participant(Record):
    """An actor taking part in an event, with the office held on that date."""

    actor: ActorRef = Field(description="Actor id.")
    office: Name | None = Field(default=None, description="Office held at the event date (one of the actor's offices).")


class Event(Record):
    """A meeting, call, visit, or a context event (deployment, test, resolution) by third parties."""

    id: EventId = Field(description="Event id, `ev-` plus a slug.")
    kind: EventKind = Field(description="What sort of event.")
    title: Name = Field(description="Short descriptive title.")
    date: EdtfDate = Field(description="When, as EDTF: a day, month, year or an interval of them.")
    date_start: dt.date = Field(json_schema_extra=DERIVED, description="First day the event can fall on.")
    date_end: dt.date = Field(json_schema_extra=DERIVED, description="Last day the event can fall on.")
    date_precision: Precision = Field(json_schema_extra=DERIVED, description="Precision of `date`.")
    city: Name | None = Field(default=None, description="City where it took place.")
    country: CountryCode | None = Field(default=None, description="ISO 3166-1 alpha-3 code of the host country.")
    participants: list[Participant] = Field(default_factory=list, description="Named participants.")
    topics: list[TopicRef] = Field(min_length=1, description="Topic ids.")
    summary: Text = Field(description="What happened, in a sentence or two.")
    series: Annotated[str, StringConstraints(pattern=rf"^{_SLUG}$")] | None = Field(
        default=None, description="Slug of the numbered series the event belongs to."
    )
    series_name: Name | None = Field(default=None, description="The series' name as used at this round.")
    round: Annotated[int, Field(ge=1)] | None = Field(default=None, description="Round number within the series.")
    _dates = _dated("date")

    @model_validator(mode="after")
    def _round_needs_series(self) -> Event:
        if (self.round is not None or self.series_name is not None) and self.series is None:
            raise ValueError("round and series_name need a series")
        return self


class Statement(Record):
    """Something a named official said or wrote, verbatim as published."""

    id: StatementId = Field(description="Statement id, `st-` plus a slug.")
    speaker: ActorRef = Field(description="Actor id of the speaker.")
    speaker_office: Name | None = Field(description="Office the speaker held on that date (one of the actor's offices).")
    text: Text = Field(description="What was said, verbatim as the source prints it.")
    language: LanguageCode = Field(description="Language of `text`.")
    mode: StatementMode = Field(description="Direct quotation or reported speech.")
    date: EdtfDate = Field(description="When it was said, as EDTF.")
    date_start: dt.date = Field(json_schema_extra=DERIVED, description="First day it can have been said.")
    date_end: dt.date = Field(json_schema_extra=DERIVED, description="Last day it can have been said.")
    date_precision: Precision = Field(json_schema_extra=DERIVED, description="Precision of `date`.")
    event: EventRef | None = Field(default=None, description="Event it was made at, if any.")
    occasion: Name | None = Field(default=None, description="Where or how it was said, if not at a recorded event.")
    topics: list[TopicRef] = Field(min_length=1, description="Topic ids.")
    _dates = _dated("date")


class Position(Record):
    """A named policy proposal or position, with who holds it and when it was first stated."""

    id: PositionId = Field(description="Position id, `pos-` plus a slug.")
    name: Name = Field(description="Its most common English name.")
    aliases: list[Name] = Field(default_factory=list, description="Other names it goes by.")
    holders: list[CountryCode] = Field(min_length=1, description="ISO alpha-3 codes of the states holding it.")
    proposes: Text = Field(description="What it proposes.")
    date: EdtfDate = Field(description="When it was first stated, as EDTF.")
    date_start: dt.date = Field(json_schema_extra=DERIVED, description="First day it can first have been stated.")
    date_end: dt.date = Field(json_schema_extra=DERIVED, description="Last day it can first have been stated.")
    date_precision: Precision = Field(json_schema_extra=DERIVED, description="Precision of `date`.")
    topics: list[TopicRef] = Field(min_length=1, description="Topic ids.")
    events: list[EventRef] = Field(default_factory=list, description="Events where it was put forward or endorsed.")
    statements: list[StatementRef] = Field(default_factory=list, description="Statements that state it.")
    _dates = _dated("date")


class Citation(Record):
    """One link from a record to a source, with the verbatim passage that supports the record."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z]+-[a-z0-9-]+#[1-9][0-9]*$")] = Field(
        json_schema_extra=DERIVED, description="`<record_id>#<n>`, n counting the record's citations from 1."
    )
    record_id: Annotated[str, StringConstraints(min_length=1)] = Field(
        json_schema_extra=DERIVED, description="Id of the cited record (actor, event, statement or position)."
    )
    source_id: SourceRef = Field(description="Id of the source.")
    quote: Text = Field(description="Passage verbatim from the source's archived text, typos included.")
    locator: Name | None = Field(default=None, description="Where in the source: paragraph number, heading.")
    note: Text | None = Field(default=None, description="Where the source is wrong or loose, and what was verified.")


#: Every table, in the order the build reports and writes them.
TABLES: dict[str, type[Record]] = {
    "topics": Topic,
    "sources": Source,
    "actors": Actor,
    "events": Event,
    "statements": Statement,
    "positions": Position,
    "citations": Citation,
}

#: Tables whose every record must cite at least one source (inline `citations:` in raw/).
CITED_TABLES: tuple[str, ...] = ("actors", "events", "statements", "positions")


@cache
def derived_fields(model: type[BaseModel]) -> frozenset[str]:
    """Fields the build or the model computes; raw files must not write them."""
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("derived")
    )


def table_of(record_id: str) -> str:
    """The table a record id belongs to, from its prefix."""
    for table, prefix in ID_PREFIXES.items():
        if record_id.startswith(prefix):
            return table
    raise KeyError(record_id)
