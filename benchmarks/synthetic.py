"""Synthetic raw/ trees of any size, for timing the build: seeded, and valid by construction.

    python benchmarks/synthetic.py N OUT [--seed S]

Every record is built through the package's models, so it validates exactly as a hand-written one
must, and is dumped as block-style YAML (derived fields left out, as in raw/). Persons hold offices
that cover the dates they are cited at, statements fall on their events' dates, every citation
quotes a sentence of its source's archived text, and words, kinds and modes come from the
vocabularies. ``N`` counts top-level records (topics, sources, actors, events, statements,
positions); inline citations come on top, one to three per cited record.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
from pathlib import Path

from ruamel.yaml import YAML

from sino_russia_data import vocabularies
from sino_russia_data.columns import derived
from sino_russia_data.models import (
    CITED_TABLES,
    Actor,
    Citation,
    Event,
    Office,
    Position,
    Record,
    Source,
    Statement,
    Topic,
)

#: Records per YAML file: a few hundred, like a contributor's file, well under the 2 MiB limit.
FILE_RECORDS = 500
SENTENCES_PER_TEXT = 12
FIRST_DAY, LAST_DAY = dt.date(2013, 1, 1), dt.date(2025, 12, 31)
COUNTRIES = ("CHN", "RUS", "KOR", "PRK", "USA", "JPN")
LANGUAGES = ("en", "zh", "ru", "ko")
TITLES = (
    "Deputy Minister of Foreign Affairs",
    "Vice Minister of Foreign Affairs",
    "Ambassador",
    "Special Representative on Korean Peninsula Affairs",
    "Minister of Foreign Affairs",
)
#: Share of the N records per table (topics are fixed at TOPICS, positions take what is left).
SHARES = {"sources": 0.20, "actors": 0.06, "events": 0.40, "statements": 0.30}
TOPICS = 20
_VOCABULARIES = (
    vocabularies.EVENT_KINDS,
    vocabularies.SOURCE_KINDS,
    vocabularies.ACTOR_TYPES,
    vocabularies.STATEMENT_MODES,
    vocabularies.DATE_PRECISIONS,
)
#: Words for sentences, from the vocabularies' definitions.
_WORDS = sorted(
    {
        w.lower()
        for vocabulary in _VOCABULARIES
        for text in vocabulary.values()
        for w in re.findall(r"[A-Za-z]{3,}", text)
    }
)


def _day(rng: random.Random, low: dt.date = FIRST_DAY, high: dt.date = LAST_DAY) -> dt.date:
    return low + dt.timedelta(days=rng.randrange((high - low).days + 1))


def _edtf(rng: random.Random) -> str:
    """Mostly days, some months and two-day intervals, as in the real data."""
    day = _day(rng)
    roll = rng.random()
    if roll < 0.1:
        return day.strftime("%Y-%m")
    if roll < 0.15:
        return f"{day}/{min(day + dt.timedelta(days=1), LAST_DAY)}"
    return day.isoformat()


def _sentence(rng: random.Random) -> str:
    words = rng.sample(_WORDS, rng.randrange(8, 16))
    return " ".join(words).capitalize() + "."


class _Tree:
    """The records of one tree, built table by table so that every reference resolves."""

    def __init__(self, n: int, seed: int):
        self.rng = random.Random(seed)
        counts = {table: max(1, int(n * share)) for table, share in SHARES.items()}
        counts["positions"] = max(1, n - TOPICS - sum(counts.values()))
        self.counts = counts
        self.rows: dict[str, list[dict]] = {}
        self.texts: dict[str, str] = {}
        self.sentences: dict[str, list[str]] = {}

    def build(self) -> _Tree:
        self.rows["topics"] = [
            self._dump(Topic(id=f"topic-{i}", label=f"Topic {i}", definition=_sentence(self.rng)))
            for i in range(TOPICS)
        ]
        self.rows["sources"] = [self._source(i) for i in range(self.counts["sources"])]
        self.rows["actors"] = self._actors(self.counts["actors"])
        self.rows["events"] = [self._event(i) for i in range(self.counts["events"])]
        self.rows["statements"] = [self._statement(i) for i in range(self.counts["statements"])]
        self.rows["positions"] = [self._position(i) for i in range(self.counts["positions"])]
        self.rows["votes"] = []  # votes need Council vote events; the synthetic tree has none
        return self

    def _dump(self, record: Record, citations: list[dict] | None = None) -> dict:
        row = record.model_dump(mode="json", exclude=derived(type(record)), exclude_defaults=True)
        for office in row.get("offices", []):
            for key in derived(Office):
                del office[key]
        if citations is not None:
            row["citations"] = citations
        return row

    def _cite(self, record_id: str) -> list[dict]:
        """One to three distinct passages from random sources."""
        rng, cited = self.rng, []
        picks = {
            (rng.randrange(self.counts["sources"]), rng.randrange(SENTENCES_PER_TEXT)) for _ in range(rng.randint(1, 3))
        }
        for number, (source, sentence) in enumerate(sorted(picks), start=1):
            source_id = f"src-synthetic-{source}"
            citation = Citation(
                id=f"{record_id}#{number:010x}",
                record_id=record_id,
                source_id=source_id,
                quote=self.sentences[source_id][sentence],
                locator=f"para {sentence + 1}" if rng.random() < 0.5 else None,
            )
            cited.append(self._dump(citation))
        return cited

    def _source(self, i: int) -> dict:
        rng, source_id = self.rng, f"src-synthetic-{i}"
        self.sentences[source_id] = [_sentence(rng) for _ in range(SENTENCES_PER_TEXT)]
        text = "\n\n".join(self.sentences[source_id]) + "\n"
        self.texts[source_id] = text
        source = Source(
            id=source_id,
            title=_sentence(rng)[:-1],
            publisher=rng.choice(("TASS", "Xinhua", "Yonhap")),
            authors=[f"Author {rng.randrange(500)}"] if rng.random() < 0.5 else [],
            published=_day(rng).isoformat(),
            url=f"https://example.org/{source_id}",
            kind=rng.choice(tuple(vocabularies.SOURCE_KINDS)),
            language=rng.choice(LANGUAGES),
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        )
        return self._dump(source)

    def _actors(self, count: int) -> list[dict]:
        """A ministry per country, then persons each holding two offices that split 2013–today."""
        rng, rows, self.persons = self.rng, [], []
        for country in COUNTRIES:
            actor_id = f"act-mfa-{country.lower()}"
            actor = Actor(
                id=actor_id, name=f"Ministry of Foreign Affairs of {country}", type="organisation", country=country
            )
            rows.append(self._dump(actor, self._cite(actor_id)))
        for i in range(max(1, count - len(COUNTRIES))):
            actor_id, country = f"act-person-{i}", rng.choice(COUNTRIES)
            split = _day(rng, FIRST_DAY + dt.timedelta(days=1))
            first, second = rng.sample(TITLES, 2)
            organisation = f"act-mfa-{country.lower()}"
            offices = [
                {"title": first, "organisation": organisation, "term": f"{FIRST_DAY}/{split - dt.timedelta(days=1)}"},
                {"title": second, "organisation": organisation, "term": f"{split}/.."},
            ]
            actor = Actor.model_validate(
                {
                    "id": actor_id,
                    "name": f"Person {i}",
                    "type": "person",
                    "country": country,
                    "aliases": [f"P. {i}"] if rng.random() < 0.3 else [],
                    "offices": offices,
                }
            )
            self.persons.append(actor)
            rows.append(self._dump(actor, self._cite(actor_id)))
        return rows

    def _office(self, actor: Actor, start: dt.date, end: dt.date) -> str | None:
        """The title the actor held throughout start..end, if one office covers it."""
        for office in actor.offices:
            if office.term_start <= start and (office.term_end is None or end <= office.term_end):
                return office.title
        return None

    def _topics(self) -> list[str]:
        return [f"topic-{t}" for t in self.rng.sample(range(TOPICS), self.rng.randint(1, 3))]

    def _event(self, i: int) -> dict:
        rng, event_id = self.rng, f"ev-synthetic-{i}"
        fields = {
            "id": event_id,
            "kind": rng.choice(tuple(vocabularies.EVENT_KINDS)),
            "title": f"Synthetic event {i}",
            "date": _edtf(rng),
            "topics": self._topics(),
            "summary": _sentence(rng),
            "country": rng.choice(COUNTRIES),
        }
        probe = Event.model_validate(fields)
        people = rng.sample(self.persons, min(2, len(self.persons)))
        participants = [{"actor": p.id, "office": self._office(p, probe.date_start, probe.date_end)} for p in people]
        return self._dump(Event.model_validate({**fields, "participants": participants}), self._cite(event_id))

    def _statement(self, i: int) -> dict:
        rng, statement_id = self.rng, f"st-synthetic-{i}"
        speaker = rng.choice(self.persons)
        cited = self._cite(statement_id)  # the statement's words stand in a source it cites
        language = rng.choice(LANGUAGES)
        english = language == "en"
        fields = {
            "id": statement_id,
            "speaker": speaker.id,
            "text": cited[0]["quote"],
            "language": language,
            "translated": not english,
            "text_en": cited[0]["quote"] if english else _sentence(rng),
            "text_en_origin": "same_as_text" if english else "curators_translation",
            "mode": rng.choice(tuple(vocabularies.STATEMENT_MODES)),
            "topics": self._topics(),
        }
        if rng.random() < 0.5:
            event = self.rows["events"][rng.randrange(len(self.rows["events"]))]
            fields |= {"date": event["date"], "event": event["id"]}
        else:
            fields |= {"date": _edtf(rng), "occasion": "Press briefing"}
        probe = Statement.model_validate({**fields, "speaker_office": None})
        office = self._office(speaker, probe.date_start, probe.date_end)
        return self._dump(Statement.model_validate({**fields, "speaker_office": office}), cited)

    def _position(self, i: int) -> dict:
        rng, position_id = self.rng, f"pos-synthetic-{i}"
        events, statements = self.rows["events"], self.rows["statements"]
        position = Position(
            id=position_id,
            name=f"Synthetic position {i}",
            holders=rng.sample(COUNTRIES, 2),
            proposes=_sentence(rng),
            date=_edtf(rng),
            topics=self._topics(),
            events=[events[rng.randrange(len(events))]["id"]],
            statements=[statements[rng.randrange(len(statements))]["id"]],
        )
        return self._dump(position, self._cite(position_id))


def write(n: int, out: Path, seed: int = 0) -> dict[str, int]:
    """Write a tree of ``n`` records to ``out`` (a new or empty folder); rows per table."""
    tree = _Tree(n, seed).build()
    yaml = YAML(typ="safe")  # the C emitter where ruamel.yaml.clib is installed
    yaml.default_flow_style = False
    yaml.representer.sort_base_mapping_type_on_output = False  # keep the models' field order
    yaml.width = 4096
    for table, rows in tree.rows.items():
        (out / table).mkdir(parents=True, exist_ok=True)
        for part, first in enumerate(range(0, len(rows), FILE_RECORDS)):
            with (out / table / f"part-{part:04d}.yaml").open("w", encoding="utf-8") as stream:
                yaml.dump(rows[first : first + FILE_RECORDS], stream)
    (out / "sources" / "texts").mkdir(parents=True, exist_ok=True)
    for source_id, text in tree.texts.items():
        (out / "sources" / "texts" / f"{source_id}.txt").write_text(text, encoding="utf-8")
    counts = {table: len(rows) for table, rows in tree.rows.items()}
    counts["citations"] = sum(len(row.get("citations", ())) for table in CITED_TABLES for row in tree.rows[table])
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of top-level records")
    parser.add_argument("out", type=Path, help="folder to write the raw/ tree into (must not exist)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True)
    print(write(args.n, args.out, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
