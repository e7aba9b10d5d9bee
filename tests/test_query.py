"""Filters of load(): partial-date overlap vs containment, the other filters against a plain-Python
reading of the same rows, and the errors that say what is allowed."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

import pyarrow as pa
import pytest

import sino_russia_data as srd
from sino_russia_data import dates, query
from sino_russia_data.arrow_schema import to_arrow
from sino_russia_data.models import Actor, Position, Statement
from sino_russia_data.vocabularies import EVENT_KINDS

pytestmark = pytest.mark.readside  # runs on the lowest runtime versions too (.ci/run)

MONTH_ONLY = "ev-2019-03-cn-ru-korean-peninsula-consultation"  # date '2019-03'


def ids(table: pa.Table) -> list[str]:
    return table.column("id").to_pylist()


def test_month_precision_event_overlaps_a_day_inside_it_but_is_not_contained():
    event = srd.get(MONTH_ONLY)
    assert (event.date_start, event.date_end) == (dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    assert MONTH_ONLY in ids(srd.load("events", since="2019-03-15", until="2019-03-15"))
    assert MONTH_ONLY not in ids(srd.load("events", since="2019-03-15", until="2019-03-15", contained=True))
    assert MONTH_ONLY in ids(srd.load("events", since="2019-03", until="2019-03", contained=True))


BOUNDS = [
    ("2019-03-15", "2019-03-15"),
    ("2019", "2019"),
    ("2016-07", None),
    (None, "2017-01-12"),
    (dt.date(2016, 6, 7), dt.date(2016, 8, 1)),
    ("2016-12-31", "2017-01-01"),
]


@pytest.mark.parametrize("contained", [False, True])
@pytest.mark.parametrize(("since", "until"), BOUNDS)
def test_date_filters_match_the_span_reading(since, until, contained):
    low = since if isinstance(since, dt.date) or since is None else dates.parse(since).start
    high = until if isinstance(until, dt.date) or until is None else dates.parse(until).end
    low, high = low or dt.date.min, high or dt.date.max

    def expected(row):
        if contained:
            return low <= row["date_start"] and row["date_end"] <= high
        return row["date_end"] >= low and row["date_start"] <= high

    rows = srd.load("events").to_pylist()
    assert ids(srd.load("events", since=since, until=until, contained=contained)) == [
        r["id"] for r in rows if expected(r)
    ]


def test_sources_filter_on_their_publication_span_and_undated_ones_never_match():
    rows = srd.load("sources").to_pylist()
    found = ids(srd.load("sources", since="2017", until="2017"))
    assert found == [
        r["id"] for r in rows if r["published_start"] and r["published_start"].year <= 2017 <= r["published_end"].year
    ]
    undated = [r["id"] for r in rows if r["published_start"] is None]
    assert not set(undated) & set(ids(srd.load("sources", since="1900")))


def test_actor_topic_kind_and_country_filters_on_events():
    events = srd.load("events").to_pylist()
    countries = {a["id"]: a["country"] for a in srd.load("actors").to_pylist()}
    assert ids(srd.load("events", actor="act-kong-xuanyou")) == [
        e["id"] for e in events if any(p["actor"] == "act-kong-xuanyou" for p in e["participants"])
    ]
    assert ids(srd.load("events", topic=["thaad", "afghanistan"])) == [
        e["id"] for e in events if {"thaad", "afghanistan"} & set(e["topics"])
    ]
    assert ids(srd.load("events", kind="vice_ministerial_consultation")) == [
        e["id"] for e in events if e["kind"] == "vice_ministerial_consultation"
    ]
    for kind in ("weapons_test", "phone_or_video_call"):  # a known kind with no rows is not an error either
        assert ids(srd.load("events", kind=kind)) == [e["id"] for e in events if e["kind"] == kind]
    assert ids(srd.load("events", country="RUS")) == [
        e["id"]
        for e in events
        if e["country"] == "RUS" or any(countries[p["actor"]] == "RUS" for p in e["participants"])
    ]


def test_filters_combine_with_and():
    both = ids(srd.load("events", since="2019", country="CHN", topic="korean-peninsula"))
    assert both == [
        i
        for i in ids(srd.load("events", since="2019"))
        if i in ids(srd.load("events", country="CHN")) and i in ids(srd.load("events", topic="korean-peninsula"))
    ]
    assert both


def test_records_take_the_same_filters():
    assert [r.id for r in srd.records("actors", country="CHN")] == ids(srd.load("actors", country="CHN"))
    assert all(a.country == "CHN" for a in srd.records("actors", country="CHN"))


@pytest.mark.parametrize(
    ("table", "filters", "message"),
    [
        ("events", {"kind": "summit"}, "unknown kind 'summit'; allowed: " + ", ".join(EVENT_KINDS)),
        ("events", {"topic": "nukes"}, "unknown topic 'nukes'; allowed: afghanistan,"),
        ("events", {"actor": "act-wang-li"}, "unknown actor 'act-wang-li'; did you mean act-wang-yi"),
        ("events", {"country": "KR"}, "'KR' is not an ISO 3166-1 alpha-3 country code"),
        (
            "events",
            {"country": "CN"},
            "'CN' is not an ISO 3166-1 alpha-3 country code (ISO alpha-2); ISO alpha-3: did you mean CHN (China)?",
        ),
        ("events", {"country": "china"}, "(a name); ISO alpha-3: did you mean CHN"),
        ("events", {"country": "rus"}, "(not in capitals); ISO alpha-3: did you mean RUS"),
        ("events", {"country": "South Korea"}, "(a name); ISO alpha-3: did you mean KOR"),
        ("events", {"country": "Russia"}, "(a name); ISO alpha-3: did you mean RUS"),
        ("events", {"actor_all": "act-wang-li"}, "unknown actor 'act-wang-li'"),
        ("events", {"topic_all": ["thaad", "nukes"]}, "unknown topic 'nukes'"),
        ("events", {"text": " "}, "text takes words to look for"),
        ("events", {"columns": ["id", "nope"]}, "unknown column 'nope'; events has: id, kind,"),
        ("events", {"since": 20190}, "since: 20190 is not a year"),
        ("events", {"since": "2019-02-30"}, "since: '2019-02-30': day 30 does not exist"),
        ("events", {"since": "2020", "until": "2019"}, "since (2020-01-01) is after until (2019-12-31)"),
        ("topics", {"kind": "x"}, "filter 'kind' does not apply to table 'topics'; its filters are: text"),
        (
            "actors",
            {"since": "2019"},
            "filter 'since' does not apply to table 'actors'; its filters are: country, text",
        ),
        ("citations", {"actor": "act-china"}, "filter 'actor' does not apply to table 'citations'"),
        ("sources", {"topic": "thaad"}, "its filters are: since, until, kind"),
        ("event", {}, "unknown table 'event'; tables are: "),
    ],
)
def test_errors_say_what_is_allowed(table, filters, message):
    with pytest.raises(ValueError) as raised:
        srd.load(table, **filters)
    assert message in str(raised.value)


def test_wrong_value_types_are_type_errors():
    with pytest.raises(TypeError, match="kind takes a string or a non-empty list"):
        srd.load("events", kind=[])
    with pytest.raises(TypeError, match="since takes a datetime.date, a year"):
        srd.load("events", since=2019.0)
    with pytest.raises(TypeError, match="since takes a datetime.date, a year"):
        srd.load("events", since=True)


# Hand-built statements and positions, so each filter's expected rows are known exactly.

ACTORS = [
    Actor(id="act-china", name="China", type="state", country="CHN"),
    Actor(id="act-russia", name="Russia", type="state", country="RUS"),
    Actor(id="act-wang-yi", name="Wang Yi", type="person", country="CHN"),
    Actor(id="act-lavrov", name="Sergey Lavrov", type="person", country="RUS"),
]
STATEMENTS = [
    Statement(
        id="st-a",
        speaker="act-wang-yi",
        speaker_office=None,
        text="a",
        language="en",
        translated=True,
        translated_from="zh",
        text_en="a",
        text_en_origin="same_as_text",
        mode="direct_quote",
        date="2017-03",
        topics=["thaad"],
    ),
    Statement(
        id="st-b",
        speaker="act-lavrov",
        speaker_office=None,
        text="b",
        language="en",
        translated=False,
        text_en="b",
        text_en_origin="same_as_text",
        mode="reported_speech",
        date="2017-07-04",
        topics=["korean-peninsula"],
    ),
]
POSITIONS = [
    Position(
        id="pos-double-freeze",
        name="Double freeze",
        holders=["CHN", "RUS"],
        proposes="x",
        date="2017-03-08",
        topics=["korean-peninsula"],
    ),
    Position(id="pos-china-only", name="Dual track", holders=["CHN"], proposes="y", date="2017-03", topics=["thaad"]),
]
TABLES = {
    "actors": to_arrow("actors", ACTORS),
    "statements": to_arrow("statements", STATEMENTS),
    "positions": to_arrow("positions", POSITIONS),
    "topics": pa.table({"id": ["thaad", "korean-peninsula"]}),
}


def select(name, **filters):
    return ids(query.select(name, TABLES[name], query.Filters(**filters), TABLES.__getitem__))


def test_statements_filter_by_speaker_and_speaker_country():
    assert select("statements", actor="act-lavrov") == ["st-b"]
    assert select("statements", country="CHN") == ["st-a"]
    assert select("statements", topic="thaad", since="2017-03-31", until="2017-03-31") == ["st-a"]
    assert select("statements", since="2017-03-31", until="2017-03-31", contained=True) == []


def test_positions_filter_by_holders_directly_or_through_a_state_actor():
    assert select("positions", country="RUS") == ["pos-double-freeze"]
    assert select("positions", actor="act-china") == ["pos-double-freeze", "pos-china-only"]
    assert select("positions", actor=["act-russia"]) == ["pos-double-freeze"]
    with pytest.raises(ValueError, match="'act-wang-yi' is not a state actor"):
        select("positions", actor="act-wang-yi")


def test_applicable_filters_per_table():
    assert {name: query.applicable(name) for name in srd.tables()} == {
        "actors": ["country", "text"],
        "citations": ["text"],
        "events": ["since", "until", "kind", "actor", "country", "topic", "actor_all", "topic_all", "text"],
        "positions": ["since", "until", "actor", "country", "topic", "actor_all", "topic_all", "text"],
        "sources": ["since", "until", "kind", "text"],
        "statements": ["since", "until", "actor", "country", "topic", "actor_all", "topic_all", "text"],
        "topics": ["text"],
        "votes": ["since", "until", "country", "text"],
    }


def test_a_long_list_of_allowed_values_gives_close_matches_instead():
    many = to_arrow(
        "actors", [Actor(id=f"act-person-{n}", name=f"P {n}", type="person", country="CHN") for n in range(40)]
    )
    tables = {"actors": many, "statements": TABLES["statements"]}
    with pytest.raises(
        ValueError,
        match=r"unknown actor 'act-persn-7'; did you mean act-person-7.*\? \(40 known; see load\('actors'\)\)",
    ):
        query.select("statements", tables["statements"], query.Filters(actor="act-persn-7"), tables.__getitem__)


def test_the_typed_keywords_are_the_filters():
    """FilterArgs (what type checkers and IDEs see) lists exactly the fields of Filters (what runs),
    in order and with the same types."""
    typed = {name: hint.__forward_arg__ for name, hint in query.FilterArgs.__annotations__.items()}
    assert list(typed.items()) == [(f.name, f.type) for f in fields(query.Filters)]
    assert query.FilterArgs.__required_keys__ == frozenset()
