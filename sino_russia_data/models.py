"""The schema: one pydantic model per table, the single source of truth.

Models are strict (no type coercion) and reject unknown fields. Every fact about a column beyond
its type is declared once, as a marker in its annotation: :class:`Reference` (holds the id of a
record in another table), :class:`Derived` (computed, never written by hand), :class:`Vocabulary`
(a closed vocabulary, by name), :class:`Edtf` (a date written in EDTF, with derived first and last
days) and :class:`Filter` (which query filters read it). :mod:`sino_russia_data.columns` compiles
the models into a column plan, and the Arrow schemas, JSON Schema, codebook, Hugging Face
``Features``, card, downloads, query filters and the build's checks all read that plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import core_schema

from . import codes, dates, vocabularies

#: Version of the table layout; MAJOR changes when a reader of the previous layout would break.
SCHEMA_VERSION = "1.1.1"

#: The Security Council's permanent members, whose negative vote on a draft with nine or more votes
#: in favour is a veto (UN Charter, Article 27(3)).
PERMANENT_MEMBERS: frozenset[str] = frozenset({"CHN", "FRA", "GBR", "RUS", "USA"})
#: Event kinds that are votes of the Security Council, and the outcome each kind means.
UNSC_VOTE_KINDS: dict[str, str] = {"unsc_resolution": "adopted", "unsc_draft_not_adopted": "not_adopted"}


@dataclass(frozen=True)
class Reference:
    """Annotation marker: the value is the id of a record in ``table``; the build checks it resolves."""

    table: str


@dataclass(frozen=True)
class Derived:
    """Annotation marker: computed by the model or the build from other fields, so raw/ must not
    write it. The JSON Schema says so with the standard ``readOnly``."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema["readOnly"] = True
        return schema


@dataclass(frozen=True)
class Vocabulary:
    """Annotation marker: the value is a term of the closed vocabulary ``name`` in
    :mod:`sino_russia_data.vocabularies` (its terms, in order, are the ``Literal``'s)."""

    name: str

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(getattr(vocabularies, self.name))

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        """Validate as the ``Literal`` of the terms would: the value must be one of them."""
        return core_schema.literal_schema(list(self.terms))


@dataclass(frozen=True)
class Edtf:
    """Annotation marker: an EDTF date whose first and last possible days are derived into
    ``<field>_start`` and ``<field>_end``; ``open_ends`` allows ``..`` (a term of office)."""

    open_ends: bool


@dataclass(frozen=True)
class Filter:
    """Annotation marker: the query filter ``role`` reads this column. Roles: ``date`` (``since``
    and ``until`` read its ``_start``/``_end``), ``kind``, ``topic``, ``actor`` (actor ids),
    ``holder`` (country codes standing for state actors), ``country`` and ``text``."""

    role: str

    def __post_init__(self) -> None:
        if self.role not in FILTER_ROLES:
            raise ValueError(f"unknown filter role {self.role!r}; roles are: {', '.join(FILTER_ROLES)}")


#: The filter roles a column can play (see :class:`Filter`).
FILTER_ROLES = ("date", "kind", "topic", "actor", "holder", "country", "text")


DERIVED = Derived()
#: The markers most fields use: the ``text`` filter searches the column; ``since``/``until`` read the
#: table's date; the ``kind`` and ``topic`` filters.
SEARCHED = Filter("text")
DATED = Filter("date")
KIND = Filter("kind")
TOPIC = Filter("topic")


# A closed vocabulary is a string the Vocabulary marker validates against its terms: written as
# ``Literal[tuple(terms)]`` it would be ``Any`` to a type checker, and the vocabulary's name is lost.
EventKind = Annotated[str, Vocabulary("EVENT_KINDS")]
SourceKind = Annotated[str, Vocabulary("SOURCE_KINDS")]
ActorType = Annotated[str, Vocabulary("ACTOR_TYPES")]
StatementMode = Annotated[str, Vocabulary("STATEMENT_MODES")]
Precision = Annotated[str, Vocabulary("DATE_PRECISIONS")]
DateForm = Annotated[str, Vocabulary("DATE_FORMS")]
VoteCast = Annotated[str, Vocabulary("VOTE_CASTS")]
UnscOutcome = Annotated[str, Vocabulary("UNSC_OUTCOMES")]
TextEnOrigin = Annotated[str, Vocabulary("TEXT_EN_ORIGINS")]

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"

#: Every record id starts with its table's prefix, so an id alone names its table.
ID_PREFIXES: dict[str, str] = {
    "sources": "src-",
    "actors": "act-",
    "events": "ev-",
    "statements": "st-",
    "positions": "pos-",
    "votes": "vote-",
}


def _id(table: str) -> StringConstraints:
    """The form of ``table``'s ids: its prefix and a slug."""
    return StringConstraints(pattern=rf"^{ID_PREFIXES[table]}{_SLUG}$", max_length=120)


TopicId = Annotated[str, StringConstraints(pattern=rf"^{_SLUG}$", max_length=60)]
SourceId = Annotated[str, _id("sources")]
ActorId = Annotated[str, _id("actors")]
EventId = Annotated[str, _id("events")]
StatementId = Annotated[str, _id("statements")]
PositionId = Annotated[str, _id("positions")]
VoteId = Annotated[str, _id("votes")]
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
#: A UN document symbol: ``S/RES/2397 (2017)``, a draft's ``S/2022/431``, a meeting record ``S/PV.8151``.
UnSymbol = Annotated[str, StringConstraints(pattern=r"^S/[A-Z0-9./]+(?: \([0-9]{4}\))?$", max_length=40)]


def _country(code: str) -> str:
    if code not in codes.COUNTRIES:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 country code (South Korea is KOR)")
    return code


def _language(code: str) -> str:
    if code not in codes.LANGUAGES:
        raise ValueError(f"{code!r} is not an ISO 639-1 language code (en, zh, ru, ko, …)")
    return code


def _edtf_date(text: str) -> str:
    dates.parse(text)
    return text


def _edtf_term(text: str) -> str:
    dates.parse(text, open_ends=True)
    return text


CountryCode = Annotated[str, AfterValidator(_country)]
LanguageCode = Annotated[str, AfterValidator(_language)]
EdtfDate = Annotated[str, AfterValidator(_edtf_date), Edtf(open_ends=False)]
EdtfTerm = Annotated[str, AfterValidator(_edtf_term), Edtf(open_ends=True)]


def _dated(field: str, *, open_ends: bool = False) -> Any:
    """A before-validator filling ``<field>_start/_end/_precision`` (and, for dates that are not
    terms of office, ``<field>_form``) from the EDTF string in ``field``.

    When the derived values are supplied (a row read back from Parquet) they must agree. Each model
    binds it to a private name (``_dates = _dated("date")``): pydantic collects validator decorators
    under any attribute name, so the name only keeps it out of the fields.
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
        if not open_ends:
            derived[f"{field}_form"] = parsed.form
        for key, expected in derived.items():
            if key in data and data[key] != expected:
                raise ValueError(f"{key} is {data[key]!r} but {field} {data[field]!r} gives {expected!r}")
        return {**data, **derived}

    return model_validator(mode="before")(derive)


class Record(BaseModel):
    """Base of every row: strict types, unknown fields rejected, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Topic(Record):
    """A term of the controlled topic vocabulary."""

    # Docstrings describe the row: they ship as the Parquet schema's description and in the card,
    # where raw/ paths mean nothing (topics are kept in raw/topics/, source texts in raw/sources/texts/).

    id: TopicId = Field(description="Topic id, a lowercase slug (e.g. `thaad`).")
    label: Annotated[Name, SEARCHED] = Field(description="Short human-readable name.")
    broader: TopicRef | None = Field(
        default=None, description="Id of the broader topic this one falls under; null at the top."
    )
    definition: Annotated[Text, SEARCHED] = Field(description="What records tagged with this topic are about.")


class Source(Record):
    """A publication cited as evidence; the quotes citing it were checked against its archived text."""

    id: SourceId = Field(description="Source id, `src-` plus a slug.")
    title: Annotated[Name | None, SEARCHED] = Field(
        description="Title as published; null where it could not be established."
    )
    publisher: Annotated[Name, SEARCHED] = Field(
        description="Outlet or institution that first published it (the original outlet)."
    )
    host: Name | None = Field(
        default=None,
        description="Site the archived copy was read on, where it is not the publisher's own; null otherwise.",
    )
    authors: Annotated[list[Name], SEARCHED] = Field(
        default_factory=list, description="Authors as credited; empty if none."
    )
    published: Annotated[EdtfDate | None, DATED] = Field(
        description="Publication date as EDTF (`2017-06-30`, `2017-05`); null if unknown."
    )
    published_start: Annotated[dt.date | None, DERIVED] = Field(
        default=None, description="First day it can have appeared."
    )
    published_end: Annotated[dt.date | None, DERIVED] = Field(
        default=None, description="Last day it can have appeared."
    )
    published_precision: Annotated[Precision | None, DERIVED] = Field(
        default=None, description="Precision of `published`."
    )
    published_form: Annotated[DateForm | None, DERIVED] = Field(
        default=None, description="Form of `published`: a day, a span or a window."
    )
    url: Url | None = Field(description="Address of the publication; null where not established.")
    kind: Annotated[SourceKind, KIND] = Field(description="What sort of publication it is.")
    language: LanguageCode = Field(description="ISO 639-1 code of the text's language.")
    text_sha256: Annotated[Sha256, DERIVED] = Field(description="SHA-256 of the archived text.")
    note: Text | None = Field(default=None, description="What the archived text is (full text, excerpt) and caveats.")
    _dates = _dated("published")


class Office(Record):
    """An office a person held, with the term they held it."""

    title: Name = Field(description="The office as commonly titled in English.")
    organisation: ActorRef | None = Field(default=None, description="Actor id of the body the office belongs to.")
    term: EdtfTerm = Field(description="Term as an EDTF interval; `..` marks an open or unknown end.")
    term_start: Annotated[dt.date | None, DERIVED] = Field(description="First possible day of the term.")
    term_end: Annotated[dt.date | None, DERIVED] = Field(description="Last possible day; null if open.")
    term_precision: Annotated[Precision, DERIVED] = Field(description="Precision of `term`.")
    _dates = _dated("term", open_ends=True)


class Actor(Record):
    """A person, state or organisation that takes part in events or makes statements."""

    id: ActorId = Field(description="Actor id, `act-` plus a slug.")
    name: Annotated[Name, SEARCHED] = Field(description="Common English name.")
    name_zh: Annotated[Name | None, SEARCHED] = Field(
        default=None, description="Name in Chinese (simplified characters)."
    )
    name_ru: Annotated[Name | None, SEARCHED] = Field(default=None, description="Name in Russian (Cyrillic).")
    name_ko: Annotated[Name | None, SEARCHED] = Field(default=None, description="Name in Korean (Hangul).")
    aliases: Annotated[list[Name], SEARCHED] = Field(
        default_factory=list, description="Other spellings, including misprints in sources."
    )
    type: ActorType = Field(description="Person, state or organisation.")
    country: Annotated[CountryCode | None, Filter("country")] = Field(
        description="ISO 3166-1 alpha-3 code; null for international bodies."
    )
    wikidata: WikidataId | None = Field(default=None, description="Wikidata QID where known.")
    offices: list[Office] = Field(default_factory=list, description="Offices held, with terms.")


class Participant(Record):
    """An actor taking part in an event, with the office held on that date."""

    actor: Annotated[ActorRef, Filter("actor")] = Field(description="Actor id.")
    office: Name | None = Field(default=None, description="Office held at the event date (one of the actor's offices).")


class Event(Record):
    """A meeting, call, visit, or a context event (deployment, test, resolution) by third parties."""

    id: EventId = Field(description="Event id, `ev-` plus a slug.")
    kind: Annotated[EventKind, KIND] = Field(description="What sort of event.")
    title: Annotated[Name, SEARCHED] = Field(description="Short descriptive title.")
    date: Annotated[EdtfDate, DATED] = Field(description="When, as EDTF: a day, month, year or an interval of them.")
    date_start: Annotated[dt.date, DERIVED] = Field(description="First day the event can fall on.")
    date_end: Annotated[dt.date, DERIVED] = Field(description="Last day the event can fall on.")
    date_precision: Annotated[Precision, DERIVED] = Field(description="Precision of `date`.")
    date_form: Annotated[DateForm, DERIVED] = Field(
        description="`day`: one known day; `span`: lasted over the range; `window`: one unknown day within it.",
    )
    city: Annotated[Name | None, SEARCHED] = Field(default=None, description="City where it took place.")
    country: Annotated[CountryCode | None, Filter("country")] = Field(
        default=None, description="ISO 3166-1 alpha-3 code of the host country."
    )
    participants: list[Participant] = Field(default_factory=list, description="Named participants.")
    topics: Annotated[list[TopicRef], TOPIC] = Field(min_length=1, description="Topic ids.")
    summary: Annotated[Text, SEARCHED] = Field(description="What happened, in a sentence or two.")
    series: Annotated[str, StringConstraints(pattern=rf"^{_SLUG}$")] | None = Field(
        default=None, description="Slug of the numbered series the event belongs to."
    )
    series_name: Annotated[Name | None, SEARCHED] = Field(
        default=None, description="The series' name as used at this round."
    )
    round: Annotated[int, Field(ge=1)] | None = Field(default=None, description="Round number within the series.")
    document: UnSymbol | None = Field(
        default=None,
        description="UN Security Council votes: the document voted on (`S/RES/2397 (2017)`, a draft's `S/2022/431`).",
    )
    outcome: Annotated[UnscOutcome | None, DERIVED] = Field(
        default=None,
        description="UN Security Council votes: adopted or not, from `kind`; null for other events.",
    )
    meeting_record: UnSymbol | None = Field(
        default=None, description="UN Security Council votes: the meeting's verbatim record (`S/PV.8151`)."
    )
    _dates = _dated("date")

    @model_validator(mode="before")
    @classmethod
    def _derive_outcome(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
            return data
        outcome = UNSC_VOTE_KINDS.get(data["kind"])
        if "outcome" in data and data["outcome"] != outcome:
            raise ValueError(f"outcome is {data['outcome']!r} but kind {data['kind']!r} gives {outcome!r}")
        return {**data, "outcome": outcome}

    @model_validator(mode="after")
    def _round_needs_series(self) -> Event:
        if (self.round is not None or self.series_name is not None) and self.series is None:
            raise ValueError("round and series_name need a series")
        if self.kind not in UNSC_VOTE_KINDS and (self.document is not None or self.meeting_record is not None):
            raise ValueError(
                f"document and meeting_record are for Security Council votes ({', '.join(UNSC_VOTE_KINDS)})"
            )
        return self


class Statement(Record):
    """Something a named official said or wrote, verbatim as published."""

    id: StatementId = Field(description="Statement id, `st-` plus a slug.")
    speaker: Annotated[ActorRef, Filter("actor")] = Field(description="Actor id of the speaker.")
    speaker_office: Name | None = Field(
        description="Office the speaker held on that date (one of the actor's offices)."
    )
    text: Annotated[Text, SEARCHED] = Field(description="What was said, verbatim as the source prints it.")
    language: LanguageCode = Field(description="Language of `text` as printed.")
    translated: bool = Field(
        description="True when `text` is a translation of what the speaker said (by the source), false when it is in the speaker's own language."
    )
    translated_from: LanguageCode | None = Field(
        default=None, description="When `translated`: the language the speaker used, where known; null otherwise."
    )
    text_en: Annotated[Text, SEARCHED] = Field(
        description="An English rendering of `text`; `text_en_origin` says where it comes from."
    )
    text_en_origin: TextEnOrigin = Field(
        description="Where `text_en` comes from: `text` itself, a cited English source, or the curators."
    )
    mode: StatementMode = Field(description="Direct quotation or reported speech.")
    date: Annotated[EdtfDate, DATED] = Field(description="When it was said, as EDTF.")
    date_start: Annotated[dt.date, DERIVED] = Field(description="First day it can have been said.")
    date_end: Annotated[dt.date, DERIVED] = Field(description="Last day it can have been said.")
    date_precision: Annotated[Precision, DERIVED] = Field(description="Precision of `date`.")
    date_form: Annotated[DateForm, DERIVED] = Field(
        description="`day`: one known day; `span`: lasted over the range; `window`: one unknown day within it.",
    )
    event: EventRef | None = Field(default=None, description="Event it was made at, if any.")
    occasion: Annotated[Name | None, SEARCHED] = Field(
        default=None, description="Where or how it was said, if not at a recorded event."
    )
    about: list[EventRef] = Field(
        default_factory=list,
        description="Events it comments on, when it was not made at them (a reaction to a test, a vote or a summit).",
    )
    topics: Annotated[list[TopicRef], TOPIC] = Field(min_length=1, description="Topic ids.")
    _dates = _dated("date")

    @model_validator(mode="after")
    def _languages_agree(self) -> Statement:
        if self.event is not None and self.event in self.about:
            raise ValueError(f"about lists {self.event}, the event it was made at; list only other events")
        if not self.translated and self.translated_from is not None:
            raise ValueError("translated_from is only for a translated text (translated: true)")
        if self.translated_from is not None and self.translated_from == self.language:
            raise ValueError(f"translated_from is {self.translated_from!r}, the language of text itself")
        if (self.language == "en") != (self.text_en_origin == "same_as_text"):
            raise ValueError("text_en_origin is 'same_as_text' exactly when text is English (language: en)")
        if self.text_en_origin == "same_as_text" and self.text_en != self.text:
            raise ValueError("text_en must repeat text when text_en_origin is 'same_as_text'")
        return self


class Position(Record):
    """A named policy proposal or position, with who holds it and when it was first stated."""

    id: PositionId = Field(description="Position id, `pos-` plus a slug.")
    name: Annotated[Name, SEARCHED] = Field(description="Its most common English name.")
    aliases: Annotated[list[Name], SEARCHED] = Field(default_factory=list, description="Other names it goes by.")
    holders: Annotated[list[CountryCode], Filter("country"), Filter("holder")] = Field(
        min_length=1, description="ISO alpha-3 codes of the states holding it."
    )
    proposes: Annotated[Text, SEARCHED] = Field(description="What it proposes.")
    date: Annotated[EdtfDate, DATED] = Field(description="When it was first stated, as EDTF.")
    date_start: Annotated[dt.date, DERIVED] = Field(description="First day it can first have been stated.")
    date_end: Annotated[dt.date, DERIVED] = Field(description="Last day it can first have been stated.")
    date_precision: Annotated[Precision, DERIVED] = Field(description="Precision of `date`.")
    date_form: Annotated[DateForm, DERIVED] = Field(
        description="`day`: one known day; `span`: lasted over the range; `window`: one unknown day within it.",
    )
    topics: Annotated[list[TopicRef], TOPIC] = Field(min_length=1, description="Topic ids.")
    events: list[EventRef] = Field(default_factory=list, description="Events where it was put forward or endorsed.")
    statements: list[StatementRef] = Field(default_factory=list, description="Statements that state it.")
    _dates = _dated("date")


class Vote(Record):
    """One Security Council member's vote on one draft resolution about North Korea."""

    id: VoteId = Field(description="Vote id, `vote-` plus a slug (date, document, member).")
    event: EventRef = Field(description="The vote's event (kind `unsc_resolution` or `unsc_draft_not_adopted`).")
    state: Annotated[CountryCode, Filter("country")] = Field(
        description="ISO 3166-1 alpha-3 code of the member voting."
    )
    vote: VoteCast = Field(description="How the member voted.")
    permanent_member: Annotated[bool, DERIVED] = Field(
        description="Whether the member is one of the five permanent members."
    )
    veto: Annotated[bool, DERIVED] = Field(
        description="A permanent member's vote against a draft that had nine or more votes in favour (derived from the event's votes).",
    )
    date: Annotated[EdtfDate, DERIVED, DATED] = Field(
        description="When the vote was held: the event's `date` (a day, or a window where the day is unknown).",
    )
    date_start: Annotated[dt.date, DERIVED] = Field(description="First day the vote can fall on (the event's).")
    date_end: Annotated[dt.date, DERIVED] = Field(description="Last day the vote can fall on (the event's).")
    document: Annotated[UnSymbol | None, DERIVED, SEARCHED] = Field(
        description="The document voted on (the event's `document`)."
    )

    @model_validator(mode="before")
    @classmethod
    def _derive_permanent(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("state"), str):
            return data
        permanent = data["state"] in PERMANENT_MEMBERS
        if "permanent_member" in data and data["permanent_member"] != permanent:
            raise ValueError(
                f"permanent_member is {data['permanent_member']!r} but state {data['state']!r} gives {permanent!r}"
            )
        return {**data, "permanent_member": permanent}

    @model_validator(mode="after")
    def _veto_is_against(self) -> Vote:
        if self.veto and not (self.permanent_member and self.vote == "against"):
            raise ValueError("veto is only a permanent member's vote against")
        return self


class Citation(Record):
    """One link from a record to a source, with the verbatim passage that supports the record."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z]+-[a-z0-9-]+#[0-9a-f]{10}$"), DERIVED] = Field(
        description="`<record_id>#<h>`, h the first 10 hex digits of the SHA-256 of the source id, a newline and "
        "the quote (typographic quotes folded, whitespace collapsed): stable when other citations change.",
    )
    record_id: Annotated[str, StringConstraints(min_length=1), DERIVED] = Field(
        description="Id of the cited record (actor, event, statement, position or vote)."
    )
    source_id: SourceRef = Field(description="Id of the source.")
    quote: Annotated[Text, SEARCHED] = Field(
        description="Passage verbatim from the source's archived text, typos included."
    )
    locator: Annotated[Name | None, SEARCHED] = Field(
        default=None, description="Where in the source: paragraph number, heading."
    )
    note: Annotated[Text | None, SEARCHED] = Field(
        default=None, description="Where the source is wrong or loose, and what was verified."
    )


#: Every table, in the order the build reports and writes them.
TABLES: dict[str, type[Record]] = {
    "topics": Topic,
    "sources": Source,
    "actors": Actor,
    "events": Event,
    "statements": Statement,
    "positions": Position,
    "votes": Vote,
    "citations": Citation,
}

#: Tables whose every record must cite at least one source (inline `citations:` in raw/).
CITED_TABLES: tuple[str, ...] = ("actors", "events", "statements", "positions", "votes")


def table_of(record_id: str) -> str:
    """The table an id belongs to: a citation's has ``#``; other records' start with their table's
    prefix; a bare slug is a topic's. The one place the id grammar is read."""
    if "#" in record_id:
        return "citations"
    for table, prefix in ID_PREFIXES.items():
        if record_id.startswith(prefix):
            return table
    return "topics"
