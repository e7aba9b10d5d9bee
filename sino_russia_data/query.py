"""Row filters shared by ``load``, ``records``, ``to_pandas``, ``to_polars`` and the command line.

Each filter becomes a boolean mask computed with :mod:`pyarrow.compute` over whole columns; the
masks are combined with AND. A filter given a list matches rows that match any of its values;
``actor_all`` and ``topic_all`` take a list that must all match (Xi *and* Putin).

Which filter reads what:

============  ===========================================================================
``since``,    the record's date span: ``date_start``/``date_end`` (events, statements,
``until``     positions, votes), ``published_start``/``published_end`` (sources). A bound may be
              a ``datetime.date``, a year as an integer (``since=2019``) or an ISO string:
              ``since="2019-03"`` means from 1 March
              2019, ``until="2019-03"`` up to 31 March 2019. By default a record matches
              when its span *overlaps* ``[since, until]``: an event known only to March 2019
              matches ``since=until="2019-03-15"``. With ``contained=True`` the whole span
              must lie inside. Records with no date (a source of unknown date) never match.
``kind``      the ``kind`` column (events, sources); terms of the closed vocabulary.
``topic``     the ``topics`` list (events, statements, positions); ids of the topics table.
              A topic matches its narrower topics too (``korean-peninsula`` finds records
              tagged ``thaad``), following ``broader`` in the topics table; with
              ``topic_exact=True`` only the topic itself. ``topic_all``: every one must match.
``actor``     actor ids, the actor itself as listed: events' ``participants[].actor``,
              statements' ``speaker``; positions' ``holders`` for state actors (``act-china``
              holds what ``CHN`` holds). A state actor (``act-china``) matches only records
              that list the state itself, not its officials; for anyone of a country use
              ``country``. ``actor_all``: every one must be listed (Xi and Putin together).
``country``   ISO 3166-1 alpha-3 codes: actors' ``country``; events' host ``country`` or any
              participant's country; statements' speaker's country; positions' ``holders``;
              votes' ``state`` (the member voting).
``text``      words in the record's text columns (``FILTERS[table]["text"]``) and in the quotes of
              its citations, ignoring case and accents in every script (``putin`` finds
              ``Putin``, ``путин`` finds ``Путин``, ``Sergeï`` finds ``Sergei``); Chinese
              characters must be in the form the text uses (``萨德``, simplified). Every word
              of a value must occur, in any order and also inside longer words (``xi putin``);
              ``"red light"`` in double quotes is one phrase. A list: any of its values.
============  ===========================================================================

Which columns each filter reads is declared on the models' fields (``Filter`` markers) and written
out in :mod:`sino_russia_data.plan_facts`. A filter that does not apply to the table, an unknown kind, topic or actor id, or a malformed
date or country code raises ValueError saying what is allowed (``CN``: did you mean ``CHN``?).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from functools import reduce
from typing import TYPE_CHECKING, TypedDict

import pyarrow as pa
import pyarrow.compute as pc

from . import dates, vocabularies
from .plan_facts import FILTERS, VOCABULARIES

if TYPE_CHECKING:
    from .columns import Path  # the plan, written out in plan_facts: no pydantic here


def paths(name: str, role: str) -> tuple[Path, ...]:
    """The columns of table ``name`` that the filter ``role`` reads (see
    :class:`sino_russia_data.models.Filter`), as the models' ``Filter`` markers declare them."""
    return FILTERS.get(name, {}).get(role, ())


_LISTED = 30  # list every allowed value up to this many; beyond, suggest close matches

Reader = Callable[[str], pa.Table]
DateLike = dt.date | str | int
Values = str | Iterable[str]


@dataclass(frozen=True)
class Filters:
    """The filters of one query, as given by the caller (``None``: not filtered; the two switches
    default to False). The one list of filters: ``load``'s keywords (:class:`FilterArgs`) and the
    command line's options are these fields, each option's help in its metadata."""

    since: DateLike | None = field(default=None, metadata={"help": "from this date on", "one": True})
    until: DateLike | None = field(default=None, metadata={"help": "up to this date", "one": True})
    contained: bool = field(default=False, metadata={"help": "the whole date span must lie in [since, until]"})
    kind: Values | None = field(default=None, metadata={"help": "kind of event or source"})
    actor: Values | None = field(default=None, metadata={"help": "actor id (act-…); any of them"})
    actor_all: Values | None = field(default=None, metadata={"help": "actor id; repeated, all of them (Xi and Putin)"})
    country: Values | None = field(
        default=None, metadata={"help": "ISO 3166-1 alpha-3 code (CHN, RUS, PRK, KOR, USA, …)"}
    )
    topic: Values | None = field(default=None, metadata={"help": "topic id (narrower topics included); any of them"})
    topic_all: Values | None = field(default=None, metadata={"help": "topic id; repeated, all of them"})
    topic_exact: bool = field(default=False, metadata={"help": "topics match only themselves, not narrower ones"})
    text: Values | None = field(
        default=None,
        metadata={
            "help": "words that must all occur in the record's text or its quotes (any case or accent; "
            '"a phrase" in quotes); repeated, any of them'
        },
    )

    def given(self) -> list[str]:
        """The filters given a value (the switches only change how others match)."""
        return [f.name for f in fields(self) if f.default is None and getattr(self, f.name) is not None]


class FilterArgs(TypedDict, total=False):
    """The keyword filters of ``load`` and of every function taking ``**filters``: the fields of
    :class:`Filters`, for type checkers and IDEs (a test checks the two agree)."""

    since: DateLike | None
    until: DateLike | None
    contained: bool
    kind: Values | None
    actor: Values | None
    actor_all: Values | None
    country: Values | None
    topic: Values | None
    topic_all: Values | None
    topic_exact: bool
    text: Values | None


class LoadArgs(FilterArgs, total=False):
    """The keywords of ``load`` besides the table: the filters and the columns to keep."""

    columns: Values | None


def date_columns(name: str) -> tuple[str, str] | None:
    """The first and last day columns the date filters read in table ``name``, if any: the
    ``_start``/``_end`` of its dated field."""
    found = paths(name, "date")
    return (f"{found[0][0]}_start", f"{found[0][0]}_end") if found else None


def applicable(name: str) -> list[str]:
    """The filters that apply to table ``name``."""
    roles = FILTERS.get(name, {})
    found = ["since", "until"] if "date" in roles else []
    found += ["kind"] if "kind" in roles else []
    found += ["actor"] if "actor" in roles or "holder" in roles else []
    found += ["country"] if "country" in roles or "actor" in roles else []
    found += ["topic"] if "topic" in roles else []
    found += ["actor_all"] if "actor" in found else []
    found += ["topic_all"] if "topic" in found else []
    found += ["text"] if "text" in roles else []
    return found


def _values(flag: str, value: Values) -> tuple[str, ...]:
    values = (value,) if isinstance(value, str) else tuple(value)
    if not values or not all(isinstance(v, str) for v in values):
        raise TypeError(f"{flag} takes a string or a non-empty list of strings, not {value!r}")
    return values


def _check_known(flag: str, values: tuple[str, ...], allowed: Iterable[str], where: str) -> None:
    allowed = list(allowed)
    known = set(allowed)
    unknown = [v for v in values if v not in known]
    if not unknown:
        return
    if len(allowed) <= _LISTED:
        hint = f"allowed: {', '.join(allowed)}"
    else:
        close = difflib.get_close_matches(unknown[0], allowed, n=5)
        hint = (f"did you mean {', '.join(close)}? " if close else "") + f"({len(allowed)} known; see {where})"
    raise ValueError(f"unknown {flag} {', '.join(map(repr, unknown))}; {hint}")


#: Common names and abbreviations that are not a country's ISO name.
_COMMON_NAMES = {
    "russia": "RUS",
    "south korea": "KOR",
    "north korea": "PRK",
    "dprk": "PRK",
    "rok": "KOR",
    "us": "USA",
    "america": "USA",
    "uk": "GBR",
    "britain": "GBR",
    "prc": "CHN",
}


def country_hint(code: str) -> str:
    """Why ``code`` is not an ISO 3166-1 alpha-3 code, with the code it most likely means."""
    from .codes import ALPHA_2, COUNTRIES  # literals: no pycountry at runtime

    message = f"{code!r} is not an ISO 3166-1 alpha-3 country code"
    typed = code.strip()
    by_name = {name.casefold(): a3 for a3, (_, name) in COUNTRIES.items()}
    a3 = (
        _COMMON_NAMES.get(typed.casefold())
        or ALPHA_2.get(typed.upper())
        or (typed.upper() if typed.upper() in COUNTRIES else None)
        or by_name.get(typed.casefold())
    )
    if a3 is None:
        close = difflib.get_close_matches(typed.upper(), list(COUNTRIES), n=3)
        return message + (
            f"; did you mean {' or '.join(close)}?" if close else " (China is CHN, Russia RUS, South Korea KOR)"
        )
    if typed.upper() == COUNTRIES[a3][0]:
        form = "ISO alpha-2"
    elif typed.upper() == a3:
        form = "not in capitals"
    else:
        form = "a name"
    return f"{message} ({form}); ISO alpha-3: did you mean {a3} ({COUNTRIES[a3][1]})?"


def _check_countries(values: tuple[str, ...]) -> None:
    from .codes import COUNTRIES

    for code in values:
        if code not in COUNTRIES:
            raise ValueError(country_hint(code))


def _bound(flag: str, value: DateLike, *, end: bool) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 9999:
            raise ValueError(f"{flag}: {value} is not a year (1 to 9999)")
        value = f"{value:04d}"
    if not isinstance(value, str):
        raise TypeError(f"{flag} takes a datetime.date, a year (2019) or an ISO date string, not {value!r}")
    try:
        parsed = dates.parse(value)
    except ValueError as error:
        raise ValueError(f"{flag}: {error}") from None
    bound = parsed.end if end else parsed.start
    if bound is None:  # cannot happen: parse() refuses open ends unless asked to allow them
        raise ValueError(f"{flag}: {value!r} has an open end")
    return bound


def _matches(table: pa.Table, path: tuple[str, ...], values: Iterable[str]) -> pa.Array:
    """Rows where the value at ``path`` (or any of them, through lists) is one of ``values``.

    How: flatten down the path, keeping for each flattened value the row it came from
    (``list_parent_indices``, composed through nested lists); test the flat values; then a row
    matches when its number is among the rows of the values that hit. All in Arrow, no Python loop."""
    array = table.column(path[0]).combine_chunks()
    rest, parents = list(path[1:]), None
    while True:
        if pa.types.is_list(array.type):
            inner = pc.list_parent_indices(array)
            parents = inner if parents is None else pc.take(parents, inner)
            array = pc.list_flatten(array)
        elif rest:
            array = pc.struct_field(array, rest.pop(0))
        else:
            break
    hits = pc.fill_null(pc.is_in(array, value_set=pa.array(list(values), pa.string())), False)
    if parents is None:
        return hits
    return pc.is_in(_row_numbers(table.num_rows), value_set=pc.filter(parents, hits))


def _any(table: pa.Table, where: Iterable[Path], values: Iterable[str]) -> pa.Array:
    """Rows where any of the columns at ``where`` holds one of ``values``."""
    values = list(values)
    return reduce(pc.or_, [_matches(table, path, values) for path in where])


def _row_numbers(count: int) -> pa.Array:
    """0 … count-1 as an Arrow array (``pa.arange`` is pyarrow 16+; the package supports 15)."""
    arange = getattr(pa, "arange", None)
    return arange(0, count) if arange is not None else pa.array(range(count), pa.int64())


def _column_values(table: pa.Table, mask: pa.Array, column: str) -> list[str]:
    values: list[str] = pc.unique(pc.filter(table.column(column), mask)).drop_null().to_pylist()
    return values


def select(name: str, table: pa.Table, filters: Filters, read: Reader) -> pa.Table:
    """The rows of ``table`` (table ``name``) that pass ``filters``; ``read`` loads other tables."""
    given = filters.given()
    if not given:
        return table
    allowed = applicable(name)
    for flag in given:
        if flag not in allowed:
            raise ValueError(
                f"filter {flag!r} does not apply to table {name!r}; "
                + (f"its filters are: {', '.join(allowed)}" if allowed else "it takes no filters")
            )
    masks = []
    if filters.since is not None or filters.until is not None:
        masks.append(_date_mask(name, table, filters))
    if filters.kind is not None:
        kinds = _values("kind", filters.kind)
        for path in paths(name, "kind"):
            _check_known("kind", kinds, getattr(vocabularies, VOCABULARIES[name][path]), "the codebook")
        masks.append(_any(table, paths(name, "kind"), kinds))
    if filters.topic is not None:
        masks.append(_topic_mask(name, table, _values("topic", filters.topic), filters.topic_exact, read))
    if filters.topic_all is not None:
        masks += [
            _topic_mask(name, table, (topic,), filters.topic_exact, read)
            for topic in _values("topic_all", filters.topic_all)
        ]
    if filters.actor is not None:
        masks.append(_actor_mask(name, table, _values("actor", filters.actor), read))
    if filters.actor_all is not None:
        masks += [_actor_mask(name, table, (actor,), read) for actor in _values("actor_all", filters.actor_all)]
    if filters.country is not None:
        masks.append(_country_mask(name, table, _values("country", filters.country), read))
    if filters.text is not None:
        masks.append(_text_mask(name, table, _values("text", filters.text), read))
    return table.filter(reduce(pc.and_, masks))


def narrower(topics: pa.Table) -> dict[str, list[str]]:
    """Each topic id with the ids of the topics directly under it (through ``broader``)."""
    under: dict[str, list[str]] = {topic: [] for topic in topics.column("id").to_pylist()}
    if "broader" in topics.column_names:
        for topic, broader in zip(topics.column("id").to_pylist(), topics.column("broader").to_pylist(), strict=True):
            if broader is not None:
                under.setdefault(broader, []).append(topic)
    return under


def with_narrower(topic_ids: Iterable[str], topics: pa.Table) -> list[str]:
    """``topic_ids`` and every topic under them, at any depth (each once, in walk order)."""
    under = narrower(topics)
    found: list[str] = []
    stack = list(reversed(list(topic_ids)))
    while stack:
        topic = stack.pop()
        if topic not in found:
            found.append(topic)
            stack.extend(reversed(under.get(topic, [])))
    return found


def _topic_mask(name: str, table: pa.Table, topic_ids: tuple[str, ...], exact: bool, read: Reader) -> pa.Array:
    topics = read("topics")
    _check_known("topic", topic_ids, topics.column("id").to_pylist(), "load('topics')")
    return _any(table, paths(name, "topic"), topic_ids if exact else with_narrower(topic_ids, topics))


def fold(text: str) -> str:
    """``text`` for matching: case folded, accents and other combining marks dropped (NFKD), runs of
    whitespace made one space. Works the same in every script: 'Путин' and 'путин', 'Sergeï' and
    'sergei', full-width 'ＴＨＡＡＤ' and 'thaad'."""
    if text.isascii():  # most text: NFKD leaves ASCII as it is and it has no combining marks
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(decomposed.translate(_COMBINING_MARKS).split())


class _CombiningMarks(dict[int, int | None]):
    """A ``str.translate`` table deleting combining marks, filled in as characters are first met
    (cheaper than listing the marks up front, and no exception per character as with a miss)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING_MARKS = _CombiningMarks()


def _folded_texts(table: pa.Table, columns: Iterable[str]) -> list[str]:
    """Per row, the folded text of ``columns`` (lists joined), one newline between values."""
    rows: list[list[str]] = [[] for _ in range(table.num_rows)]
    for column in columns:
        if column not in table.column_names:
            continue
        for row, value in zip(rows, table.column(column).to_pylist(), strict=True):
            if isinstance(value, list):
                row.extend(v for v in value if v)
            elif value:
                row.append(value)
    return [fold("\n".join(row)) for row in rows]


def terms(value: str) -> list[str]:
    """The folded words of a text filter's value; a passage in double quotes is one term."""
    found = [fold(phrase or word) for phrase, word in re.findall(r'"([^"]*)"|(\S+)', value)]
    return [term for term in found if term]


def _text_mask(name: str, table: pa.Table, values: tuple[str, ...], read: Reader) -> pa.Array:
    wanted = [terms(value) for value in values]
    if not all(wanted):
        raise ValueError("text takes words to look for, not blank text")
    texts = _folded_texts(table, [path[0] for path in paths(name, "text")])
    if name not in ("citations", "topics") and "id" in table.column_names:
        citations = read("citations")
        citations = citations.filter(
            pc.is_in(citations.column("record_id"), value_set=table.column("id").combine_chunks())
        )
        quotes: dict[str, list[str]] = {}
        for record_id, quote in zip(
            citations.column("record_id").to_pylist(), _folded_texts(citations, ("quote",)), strict=True
        ):
            quotes.setdefault(record_id, []).append(quote)
        texts = [
            text + "\n" + "\n".join(quotes.get(record_id, ()))
            for text, record_id in zip(texts, table.column("id").to_pylist(), strict=True)
        ]
    return pa.array([any(all(term in text for term in value) for value in wanted) for text in texts], pa.bool_())


def _date_mask(name: str, table: pa.Table, filters: Filters) -> pa.Array:
    columns = date_columns(name)
    if columns is None:  # select() has checked that the date filters apply
        raise ValueError(f"table {name!r} has no date")
    start_column, end_column = columns
    start, end = table.column(start_column), table.column(end_column)
    since = None if filters.since is None else _bound("since", filters.since, end=False)
    until = None if filters.until is None else _bound("until", filters.until, end=True)
    if since is not None and until is not None and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    masks = []
    if since is not None:
        masks.append(pc.greater_equal(start if filters.contained else end, pa.scalar(since, pa.date32())))
    if until is not None:
        masks.append(pc.less_equal(end if filters.contained else start, pa.scalar(until, pa.date32())))
    return pc.fill_null(reduce(pc.and_, masks), False)


def _actor_mask(name: str, table: pa.Table, ids: tuple[str, ...], read: Reader) -> pa.Array:
    actors = read("actors")
    _check_known("actor", ids, actors.column("id").to_pylist(), "load('actors')")
    if paths(name, "actor"):
        return _any(table, paths(name, "actor"), ids)
    chosen = _matches(actors, ("id",), ids)
    not_states = pc.filter(actors.column("id"), pc.and_(chosen, pc.not_equal(actors.column("type"), "state")))
    if len(not_states):
        raise ValueError(
            f"{name} are held by states: {not_states[0].as_py()!r} is not a state actor; "
            "give a state (such as act-china) or use the country filter"
        )
    return _any(table, paths(name, "holder"), _column_values(actors, chosen, "country"))


def _country_mask(name: str, table: pa.Table, codes: tuple[str, ...], read: Reader) -> pa.Array:
    _check_countries(codes)
    masks = [_any(table, paths(name, "country"), codes)] if paths(name, "country") else []
    if paths(name, "actor"):
        actors = read("actors")
        ids = _column_values(actors, _any(actors, paths("actors", "country"), codes), "id")
        masks.append(_any(table, paths(name, "actor"), ids))
    return reduce(pc.or_, masks)
