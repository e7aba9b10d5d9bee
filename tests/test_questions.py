"""Asking the data questions (issue 15): all-of filters, integer years, what a state actor matches,
the topic hierarchy, text search in every script, columns=, the long tables and the codebook.
Expected values are computed from the shipped tables, so the tests hold as records are added."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pipeline
import pyarrow as pa
import pytest
from pipeline.problems import BuildFailed

import sino_russia_data as srd
from sino_russia_data.query import fold, with_narrower

XI, PUTIN = "act-xi-jinping", "act-vladimir-putin"


def ids(table: pa.Table) -> list[str]:
    return table.column("id").to_pylist()


def participants_of(event: dict) -> set[str]:
    return {p["actor"] for p in event["participants"]}


def test_actor_all_needs_every_actor_and_actor_any_one_of_them():
    events = srd.load("events").to_pylist()
    both = ids(srd.load("events", actor_all=[XI, PUTIN]))
    assert both == [e["id"] for e in events if {XI, PUTIN} <= participants_of(e)]
    assert both, "the data holds Xi–Putin meetings"
    either = ids(srd.load("events", actor=[XI, PUTIN]))
    assert either == [e["id"] for e in events if {XI, PUTIN} & participants_of(e)]
    assert set(both) <= set(either)


def test_integer_years_mean_the_whole_year():
    for since, until in [(2019, None), (None, 2017), (2017, 2017)]:
        as_text = {k: str(v) for k, v in {"since": since, "until": until}.items() if v is not None}
        as_int = {k: v for k, v in {"since": since, "until": until}.items() if v is not None}
        assert ids(srd.load("events", **as_int)) == ids(srd.load("events", **as_text))


def test_a_state_actor_matches_the_state_itself_and_country_matches_anyone_of_it():
    events = srd.load("events").to_pylist()
    countries = {a["id"]: a["country"] for a in srd.load("actors").to_pylist()}
    assert ids(srd.load("events", actor="act-china")) == [e["id"] for e in events if "act-china" in participants_of(e)]
    anyone = ids(srd.load("events", country="CHN"))
    assert anyone == [
        e["id"] for e in events if e["country"] == "CHN" or any(countries[a] == "CHN" for a in participants_of(e))
    ]
    assert set(ids(srd.load("events", actor="act-china"))) <= set(anyone)


def test_topics_form_a_tree_and_a_topic_matches_its_narrower_topics():
    topics = srd.load("topics")
    broader = dict(zip(topics.column("id").to_pylist(), topics.column("broader").to_pylist(), strict=True))
    assert broader["thaad"] == "korean-peninsula" and broader["korean-peninsula"] == "northeast-asia-security"

    def under(topic: str, top: str) -> bool:
        while topic is not None:
            if topic == top:
                return True
            topic = broader[topic]
        return False

    for top in broader:
        expected = [t for t in broader if under(t, top)]
        assert sorted(with_narrower([top], topics)) == sorted(expected)
        for table in ("events", "statements", "positions"):
            rows = srd.load(table).to_pylist()
            assert ids(srd.load(table, topic=top)) == [r["id"] for r in rows if any(under(t, top) for t in r["topics"])]
            assert ids(srd.load(table, topic=top, topic_exact=True)) == [r["id"] for r in rows if top in r["topics"]]


def test_topic_all_needs_every_topic():
    rows = srd.load("events").to_pylist()
    narrower = {t: set(with_narrower([t], srd.load("topics"))) for t in ("thaad", "china-russia-relations")}
    found = ids(srd.load("events", topic_all=["thaad", "china-russia-relations"]))
    assert found == [r["id"] for r in rows if all(narrower[t] & set(r["topics"]) for t in narrower)]
    assert found


def test_every_consultation_round_is_under_northeast_asian_security():
    series = [
        r["id"] for r in srd.load("events").to_pylist() if r["series"] == "cn-ru-northeast-asia-security-consultation"
    ]
    found = ids(srd.load("events", kind="vice_ministerial_consultation", topic="northeast-asia-security"))
    assert set(series) <= set(found)


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Путин", "путин"),
        ("Sergeï", "SERGEI"),
        ("ＴＨＡＡＤ", "thaad"),
        ("사드", "사드"),
        ("萨德", "萨德"),
        ("Ёлка", "елка"),
    ],
)
def test_fold_ignores_case_and_accents_in_every_script(written, typed):
    assert fold(typed) in fold(f"… {written} …")


def _word(text: str, script: str) -> str | None:
    """A run of letters of ``script`` in ``text`` (a few characters: enough to be specific)."""
    prefix = {"Latin": "LATIN", "Cyrillic": "CYRILLIC", "Hangul": "HANGUL", "CJK": "CJK"}[script]
    run = ""
    for c in text:
        if c.isalpha() and unicodedata.name(c, "").startswith(prefix):
            run += c
            if len(run) >= (3 if script in ("CJK", "Hangul") else 6):
                return run
        else:
            run = ""
    return None


@pytest.mark.parametrize("script", ["Latin", "Cyrillic", "Hangul", "CJK"])
def test_text_finds_records_by_their_citations_quotes_in_every_script(script):
    citations = srd.load("citations").to_pylist()
    quote = next(c for c in citations if c["record_id"].startswith("ev-") and _word(c["quote"], script))
    word = _word(quote["quote"], script)
    typed = word.upper() if script in ("Latin", "Cyrillic") else word
    found = ids(srd.load("events", text=typed))
    assert quote["record_id"] in found
    events = {e["id"]: e for e in srd.load("events").to_pylist()}
    expected = {c["record_id"] for c in citations if fold(word) in fold(c["quote"]) and c["record_id"] in events}
    expected |= {
        i
        for i, e in events.items()
        if fold(word) in fold(" ".join(filter(None, [e["title"], e["summary"], e["series_name"], e["city"]])))
    }
    assert set(found) == expected


def test_text_searches_statement_texts_and_their_english():
    statements = srd.load("statements").to_pylist()
    for statement in statements:
        english = statement["text_en"].split()[:4]
        assert statement["id"] in ids(srd.load("statements", text=" ".join(english).lower()))
        assert statement["id"] in ids(srd.load("statements", text=statement["text"][:8]))


def test_columns_keep_only_those_in_that_order():
    table = srd.load("events", since=2019, columns=["title", "id"])
    assert table.column_names == ["title", "id"]
    assert table.column("id").to_pylist() == ids(srd.load("events", since=2019))
    assert list(srd.to_pandas("events", columns=["id", "kind"]).columns) == ["id", "kind"]
    assert srd.to_polars("actors", columns="type").columns == ["type"]
    with pytest.raises(TypeError, match="load\\(name, columns=...\\)"):
        srd.records("events", columns=["id"])


def test_participants_is_one_row_per_participant_with_names():
    actors = {a["id"]: a for a in srd.load("actors").to_pylist()}
    events = srd.load("events", since=2017).to_pylist()
    rows = srd.participants(since=2017).to_pylist()
    assert [(r["event_id"], r["actor_id"], r["office"]) for r in rows] == [
        (e["id"], p["actor"], p["office"]) for e in events for p in e["participants"]
    ]
    for row in rows:
        assert (row["actor_name"], row["country"], row["actor_type"]) == tuple(
            actors[row["actor_id"]][k] for k in ("name", "country", "type")
        )
    assert srd.to_pandas("participants").shape[0] == srd.load("participants").num_rows


def test_offices_record_topics_and_cited_sources_unnest_their_lists():
    actors = srd.load("actors").to_pylist()
    names = {a["id"]: a["name"] for a in actors}
    assert [(r["actor_id"], r["title"], r["organisation_name"]) for r in srd.offices().to_pylist()] == [
        (a["id"], o["title"], names.get(o["organisation"])) for a in actors for o in a["offices"]
    ]
    expected = [
        (r["id"], t, r["topics"])
        for table in ("events", "statements", "positions")
        for r in srd.load(table).to_pylist()
        for t in r["topics"]
    ]
    assert [(r["record_id"], r["topic"]) for r in srd.record_topics().to_pylist()] == [(i, t) for i, t, _ in expected]
    sources = {s["id"]: s for s in srd.load("sources").to_pylist()}
    citations = srd.load("citations").to_pylist()
    rows = srd.cited_sources().to_pylist()
    assert [r["citation_id"] for r in rows] == [c["id"] for c in citations]
    for row in rows:
        assert (row["title"], row["publisher"], row["url"]) == tuple(
            sources[row["source_id"]][k] for k in ("title", "publisher", "url")
        )
        assert srd.get(row["record_id"]).__class__.__name__.lower() + "s" in {row["table"], row["table"] + "s"}


def test_long_tables_take_the_filters_of_their_table():
    assert set(srd.participants(actor_all=[XI, PUTIN]).column("event_id").to_pylist()) == set(
        ids(srd.load("events", actor_all=[XI, PUTIN]))
    )
    assert srd.offices(country="RUS").column("country").unique().to_pylist() == ["RUS"]
    with pytest.raises(ValueError, match="offices takes the filters of actors: filter 'since' does not apply"):
        srd.offices(since=2019)


def test_codebook_lists_every_column_of_every_table():
    book = srd.codebook().to_pylist()
    for name in srd.tables():
        columns = [r["column"] for r in book if r["table"] == name and "." not in r["column"]]
        assert columns == srd.load(name).column_names
    kind = next(r for r in book if (r["table"], r["column"]) == ("events", "kind"))
    assert kind["vocabulary"][0] == "state_visit_or_summit" and not kind["derived"]
    assert next(r for r in book if (r["table"], r["column"]) == ("events", "date_start"))["derived"]
    assert next(r for r in book if (r["table"], r["column"]) == ("topics", "broader"))["refers_to"] == "topics"
    assert [r["column"] for r in srd.codebook("participants").to_pylist()] == srd.load("participants").column_names
    assert all(r["description"] for r in book)
    with pytest.raises(ValueError, match="unknown table 'event'"):
        srd.codebook("event")


def test_a_cycle_of_broader_topics_is_a_located_problem(raw_copy: Path):
    topics = raw_copy / "topics" / "topics.yaml"
    text = topics.read_text(encoding="utf-8")
    text = text.replace("- id: northeast-asia-security\n", "- id: northeast-asia-security\n  broader: thaad\n", 1)
    topics.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  broader: northeast-asia-security") + 1  # korean-peninsula, written first
    with pytest.raises(BuildFailed) as failed:
        pipeline.compile_raw(raw_copy)
    cycles = [str(p) for p in failed.value.problems if "cycle" in p.message]
    assert len(cycles) == 1, failed.value.problems
    assert cycles[0].startswith(
        f"raw/topics/topics.yaml:{line}: broader: korean-peninsula → northeast-asia-security → thaad → korean-peninsula is a cycle"
    )
    assert "korean-peninsula" in cycles[0] and "thaad" in cycles[0] and "northeast-asia-security" in cycles[0]


def test_hugging_face_takes_columns_and_long_tables():
    some = srd.to_hf("events", columns=["id", "kind"])
    assert list(some.features) == ["id", "kind"]
    assert [some.features["kind"].int2str(k) for k in some["kind"]] == srd.load("events").column("kind").to_pylist()
    long = srd.to_hf("participants", since=2019)
    assert long.num_rows == srd.participants(since=2019).num_rows
    assert long["actor_name"] == srd.participants(since=2019).column("actor_name").to_pylist()


def test_text_needs_every_word_in_any_order_and_quotes_keep_a_phrase():
    events = srd.load("events").to_pylist()
    quotes: dict[str, str] = {}
    for citation in srd.load("citations").to_pylist():
        quotes[citation["record_id"]] = quotes.get(citation["record_id"], "") + "\n" + citation["quote"]

    def text(event):
        return fold(
            " ".join(
                filter(
                    None,
                    [
                        event["title"],
                        event["summary"],
                        event["series_name"],
                        event["city"],
                        quotes.get(event["id"], ""),
                    ],
                )
            )
        )

    found = ids(srd.load("events", text="Putin XI"))
    assert found == [e["id"] for e in events if "putin" in text(e) and "xi" in text(e)]
    assert found
    phrase = ids(srd.load("events", text='"belt and road"'))
    assert phrase == [e["id"] for e in events if "belt and road" in text(e)]
    assert ids(srd.load("events", text='"road and belt"')) == [e["id"] for e in events if "road and belt" in text(e)]


def test_names_name_every_record_that_has_a_name():
    rows = srd.names().to_pylist()
    expected = []
    for table, column in (
        ("topics", "label"),
        ("sources", "title"),
        ("actors", "name"),
        ("events", "title"),
        ("positions", "name"),
    ):
        for record in srd.load(table).to_pylist():
            named = record[column] if record[column] is not None else record["publisher"]
            expected.append({"id": record["id"], "table": table, "name": named})
    assert rows == expected
    assert all(row["name"] for row in rows)
    speakers = srd.to_pandas("statements", columns=["id", "speaker"]).merge(
        srd.to_pandas("names", columns=["id", "name"]).rename(columns={"id": "speaker"}), on="speaker", how="left"
    )
    assert speakers["name"].notna().all()
