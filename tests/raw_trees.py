"""Hypothesis strategies for small valid raw/ trees, and writing them out as raw YAML files.

A tree is ``{table: [record, ...]}`` in the form written in raw/ (inline citations included) plus
``texts`` (source id → archived text). Every reference resolves, every office covers the dates it is
claimed on, every quote is a passage of its source's text, and no date is after ``LATEST``.

Files are written in block YAML with every string double-quoted (JSON string syntax is valid YAML),
one field per line, so a test knows the line of each record and field it wants to change.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from pipeline.checks import MIN_PASSAGE, normalise

from sino_russia_data.models import TABLES as MODEL_TABLES
from sino_russia_data.models import UNSC_VOTE_KINDS
from sino_russia_data.vocabularies import EVENT_KINDS, SOURCE_KINDS, STATEMENT_MODES

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2024, 12, 31)
LANGUAGES = ["en", "zh", "ru", "ko"]
COUNTRIES = ["CHN", "RUS", "KOR", "PRK", "USA", "JPN"]
#: Letters from the dataset's scripts, typographic quotes included; all in the BMP, no line breaks.
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéü中国俄罗斯Россия한국“”‘’'-,."
_SLUG = r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?"

words = st.text(_LETTERS, min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)
slugs = st.from_regex(_SLUG, fullmatch=True)


def _unique_slugs(prefix: str, count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(slugs, min_size=count, max_size=count, unique=True).map(lambda s: [prefix + x for x in s])


@st.composite
def days(draw: st.DrawFn, low: dt.date = EARLIEST, high: dt.date = LATEST) -> dt.date:
    return draw(st.dates(low, high))


@dataclass(frozen=True)
class Span:
    """A date as written (EDTF) and the first and last day it can fall on."""

    text: str
    start: dt.date
    end: dt.date


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


@st.composite
def spans(draw: st.DrawFn, low: dt.date = EARLIEST, high: dt.date = LATEST) -> Span:
    """A day, month, year or interval of days falling entirely within [low, high]."""
    first = draw(days(low, high))
    shape = draw(st.sampled_from(["day", "month", "year", "interval"]))
    if shape == "month" and first.replace(day=1) >= low and _month_end(first) <= high:
        return Span(first.strftime("%Y-%m"), first.replace(day=1), _month_end(first))
    if shape == "year" and first.replace(month=1, day=1) >= low and first.replace(month=12, day=31) <= high:
        return Span(str(first.year), first.replace(month=1, day=1), first.replace(month=12, day=31))
    if shape == "interval":
        last = draw(days(first, min(high, first + dt.timedelta(days=10))))
        return Span(f"{first.isoformat()}/{last.isoformat()}", first, last)
    return Span(first.isoformat(), first, first)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """An archived text: a few lines of words, long enough to quote a real passage from."""
    lines = draw(st.lists(st.lists(words, min_size=3, max_size=10).map(" ".join), min_size=1, max_size=4))
    text = "\n".join(lines) + "\n"
    return text if len(" ".join(text.split())) >= 2 * MIN_PASSAGE else text + "the archived passage of this source\n"


@st.composite
def quotes(draw: st.DrawFn, text: str) -> str:
    """A passage of ``text``: a run of its words, at least as long as the build requires."""
    tokens = text.split()
    start = draw(st.integers(0, len(tokens) - 1))
    end = draw(st.integers(start + 1, min(len(tokens), start + 6)))
    while len(" ".join(tokens[start:end])) < MIN_PASSAGE:
        start, end = (start, end + 1) if end < len(tokens) else (start - 1, end)
    return " ".join(tokens[start:end])


@st.composite
def citations(draw: st.DrawFn, sources: dict[str, str]) -> list[dict[str, Any]]:
    """One to three citations of distinct passages."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for _ in range(draw(st.integers(1, 3))):
        source_id = draw(st.sampled_from(sorted(sources)))
        citation = {"source_id": source_id, "quote": draw(quotes(sources[source_id]))}
        if draw(st.booleans()):
            citation["locator"] = f"para {draw(st.integers(1, 20))}"
        found.setdefault((source_id, normalise(citation["quote"])), citation)  # the build refuses repeats
    return list(found.values())


@st.composite
def offices(draw: st.DrawFn) -> tuple[dict[str, Any], Span]:
    """An office as written, and the days it certainly covers (an open end reaches any day)."""
    held = draw(spans())
    open_end = draw(st.sampled_from(["neither", "start", "end"]))
    low = ".." if open_end == "start" else held.text.partition("/")[0]
    high = ".." if open_end == "end" else held.text.rpartition("/")[2]
    covers = Span("", EARLIEST if open_end == "start" else held.start, LATEST if open_end == "end" else held.end)
    return {"title": draw(names), "term": f"{low}/{high}"}, covers


@dataclass
class _Drawn:
    """What the tables drawn so far offer the next ones to refer to."""

    draw: st.DrawFn
    topic_ids: list[str]
    archived: dict[str, str]  # source id → archived text
    covered: dict[str, list[tuple[str, Span]]] = field(default_factory=dict)  # actor → (office, span)
    event_spans: dict[str, Span] = field(default_factory=dict)

    def topics(self) -> list[str]:
        return self.draw(st.lists(st.sampled_from(self.topic_ids), min_size=1, max_size=2, unique=True))

    def citations(self) -> list[dict[str, Any]]:
        return self.draw(citations(self.archived))

    def claim(self, when: Span) -> tuple[str, str | None]:
        """An actor and an office they held throughout ``when`` (or no office)."""
        actor = self.draw(st.sampled_from(sorted(self.covered)))
        fitting = [title for title, span in self.covered[actor] if span.start <= when.start and when.end <= span.end]
        return actor, self.draw(st.none() | st.sampled_from(fitting)) if fitting else None


def _sources(drawn: _Drawn) -> list[dict[str, Any]]:
    draw, found = drawn.draw, []
    for sid in drawn.archived:
        published = draw(st.none() | spans())
        found.append(
            {
                "id": sid,
                "title": draw(st.none() | names),
                "publisher": draw(names),
                "published": published.text if published else None,
                "url": draw(st.none() | slugs.map(lambda s: f"https://example.org/{s}")),
                "kind": draw(st.sampled_from(sorted(SOURCE_KINDS))),
                "language": draw(st.sampled_from(LANGUAGES)),
            }
        )
    return found


def _actors(drawn: _Drawn) -> list[dict[str, Any]]:
    draw, found = drawn.draw, []
    for aid in draw(_unique_slugs("act-", draw(st.integers(1, 3)))):
        held = [draw(offices()) for _ in range(draw(st.integers(0, 2)))]
        held = list({office["title"]: (office, span) for office, span in held}.values())
        drawn.covered[aid] = [(office["title"], span) for office, span in held]
        found.append(
            {
                "id": aid,
                "name": draw(names),
                "type": "person",
                "country": draw(st.none() | st.sampled_from(COUNTRIES)),
                "offices": [office for office, _ in held],
                "citations": drawn.citations(),
            }
        )
    return found


def _events(drawn: _Drawn) -> list[dict[str, Any]]:
    draw, found = drawn.draw, []
    for eid in draw(_unique_slugs("ev-", draw(st.integers(0, 3)))):
        when = drawn.event_spans[eid] = draw(spans())
        claimed = dict(drawn.claim(when) for _ in range(draw(st.integers(0, 2))))  # an actor once
        participants = [{"actor": aid} | ({"office": office} if office else {}) for aid, office in claimed.items()]
        found.append(
            {
                "id": eid,
                "kind": draw(st.sampled_from(sorted(EVENT_KINDS))),
                "title": draw(names),
                "date": when.text,
                "participants": sorted(participants, key=lambda p: p["actor"]),
                "topics": drawn.topics(),
                "summary": draw(names),
                "citations": drawn.citations(),
            }
        )
    return found


def _statements(drawn: _Drawn) -> list[dict[str, Any]]:
    draw, found, events = drawn.draw, [], sorted(drawn.event_spans)
    for stid in draw(_unique_slugs("st-", draw(st.integers(0, 2)))):
        event = draw(st.none() | st.sampled_from(events)) if events else None
        when = drawn.event_spans[event] if event else draw(spans())
        speaker, office = drawn.claim(when)
        cited = drawn.citations()
        language = draw(st.sampled_from(LANGUAGES))
        found.append(
            {
                "id": stid,
                "speaker": speaker,
                "speaker_office": office,
                "text": cited[0]["quote"],  # a statement's words stand in a source it cites
                "language": language,
                "translated": draw(st.booleans()),
                "text_en": cited[0]["quote"] if language == "en" else draw(names),
                "text_en_origin": "same_as_text" if language == "en" else "curators_translation",
                "mode": draw(st.sampled_from(sorted(STATEMENT_MODES))),
                "date": when.text,
                "event": event,
                "topics": drawn.topics(),
                "citations": cited,
            }
        )
    return found


def _positions(drawn: _Drawn, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    draw, events = drawn.draw, sorted(drawn.event_spans)
    return [
        {
            "id": pid,
            "name": draw(names),
            "holders": draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=2, unique=True)),
            "proposes": draw(names),
            "date": draw(spans()).text,
            "topics": drawn.topics(),
            "events": draw(st.lists(st.sampled_from(events), max_size=2, unique=True)) if events else [],
            "statements": [s["id"] for s in statements[: draw(st.integers(0, len(statements)))]],
            "citations": drawn.citations(),
        }
        for pid in draw(_unique_slugs("pos-", draw(st.integers(0, 2))))
    ]


def _votes(drawn: _Drawn, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": f"vote-{event['id'].removeprefix('ev-')}-{state.lower()}",
            "event": event["id"],
            "state": state,
            # a vote against by a permanent member would not let an adopted resolution through
            "vote": drawn.draw(st.sampled_from(["in_favour", "abstention", "did_not_vote"])),
            "citations": drawn.citations(),
        }
        for event in events
        if event["kind"] in UNSC_VOTE_KINDS
        for state in drawn.draw(st.lists(st.sampled_from(COUNTRIES), max_size=3, unique=True))
    ]


@st.composite
def trees(draw: st.DrawFn) -> dict[str, Any]:
    """A small valid raw tree, a table at a time, each referring only to those drawn before it."""
    topic_ids = draw(_unique_slugs("", draw(st.integers(1, 3))))
    source_ids = draw(_unique_slugs("src-", draw(st.integers(1, 3))))
    drawn = _Drawn(draw, topic_ids, {sid: draw(texts()) for sid in source_ids})
    topics = [{"id": t, "label": draw(names), "definition": draw(names)} for t in topic_ids]
    sources, actors = _sources(drawn), _actors(drawn)
    events = _events(drawn)
    statements = _statements(drawn)
    return {
        "topics": topics,
        "sources": sources,
        "actors": actors,
        "events": events,
        "statements": statements,
        "positions": _positions(drawn, statements),
        "votes": _votes(drawn, events),
        "texts": drawn.archived,
    }


# --- writing a tree as raw/ files -------------------------------------------------------------


def _scalar(value: Any) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


@dataclass
class RawFile:
    """A raw YAML file's lines, and the 1-based line of each record and each of its top-level fields."""

    lines: list[str] = field(default_factory=list)
    records: list[int] = field(default_factory=list)
    fields: dict[tuple[int, str], int] = field(default_factory=dict)

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def render(records: list[dict[str, Any]]) -> RawFile:
    """Block YAML for a list of records: scalars and short lists on the key's line, mappings below."""
    out = RawFile()
    for index, record in enumerate(records):
        out.records.append(len(out.lines) + 1)
        for position, (key, value) in enumerate(record.items()):
            lead = "- " if position == 0 else "  "
            out.fields[(index, key)] = len(out.lines) + 1
            if isinstance(value, list) and value and isinstance(value[0], dict):
                out.lines.append(f"{lead}{key}:")
                for item in value:
                    for inner, (item_key, item_value) in enumerate(item.items()):
                        out.lines.append(f"    {'- ' if inner == 0 else '  '}{item_key}: {_scalar(item_value)}")
            elif isinstance(value, list):
                out.lines.append(f"{lead}{key}: [{', '.join(_scalar(v) for v in value)}]")
            else:
                out.lines.append(f"{lead}{key}: {_scalar(value)}")
    return out


#: The tables written in raw/ (citations are written inline in their records).
TABLES = tuple(name for name in MODEL_TABLES if name != "citations")


def layout(tree: dict[str, Any], files_per_table: dict[str, int] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Which records go in which file: ``<table>/part-<n>.yaml``, records dealt out in turn."""
    files: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        count = (files_per_table or {}).get(table, 1)
        for index, record in enumerate(tree[table]):
            files.setdefault(f"{table}/part-{index % count}.yaml", []).append(record)
    return files


def write_raw(
    tree: dict[str, Any], raw: Path, files: dict[str, list[dict[str, Any]]] | None = None
) -> dict[str, RawFile]:
    """Write the tree under ``raw`` (in the given file layout) and return each file as written."""
    written = {}
    for relative, records in (files or layout(tree)).items():
        (raw / relative).parent.mkdir(parents=True, exist_ok=True)
        written[relative] = render(records)
        (raw / relative).write_text(written[relative].text(), encoding="utf-8")
    (raw / "sources" / "texts").mkdir(parents=True, exist_ok=True)
    for source_id, text in tree["texts"].items():
        (raw / "sources" / "texts" / f"{source_id}.txt").write_text(text, encoding="utf-8")
    return written
