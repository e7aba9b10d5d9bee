"""The schema additions of table layout 1.1.0 on real raw/ data: Security Council votes (derived
veto, permanent membership, day and document; the checks across a draft's votes), statements'
language facts and English rendering, and dates known only within a window."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import vote_records as raw_vote
from buildrun import compile_in_process
from conftest import RAW

pytestmark = pytest.mark.readside  # runs on the lowest runtime versions too (.ci/run)

MEMBERS_2016 = ["CHN", "FRA", "GBR", "RUS", "USA", "ANG", "EGY", "ESP", "JPN", "MYS", "NZL", "SEN", "UKR", "URY", "VEN"]
MEMBERS_2016[5] = "AGO"  # Angola


def _build(tmp_path: Path, files: dict[str, str]) -> tuple[int, str, Path]:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    for relative, text in files.items():
        path = raw / relative
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    status, _, stderr = compile_in_process(raw, out)
    return status, stderr, out


VETOED = {state: "in_favour" for state in MEMBERS_2016} | {"CHN": "against", "RUS": "against"}


def test_vetoes_and_derived_columns(tmp_path: Path) -> None:
    status, stderr, out = _build(
        tmp_path, {"events/test.yaml": raw_vote.event(), "votes/test.yaml": raw_vote.votes(VETOED)}
    )
    assert status == 0, stderr
    votes = {
        row["state"]: row
        for row in pq.read_table(out / "votes.parquet").to_pylist()
        if row["event"] == "ev-2016-11-30-test-vote"
    }
    assert len(votes) == 15
    assert {s for s, row in votes.items() if row["veto"]} == {"CHN", "RUS"}
    assert {s for s, row in votes.items() if row["permanent_member"]} == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert {(row["date"], str(row["date_start"]), str(row["date_end"])) for row in votes.values()} == {
        ("2016-11-30", "2016-11-30", "2016-11-30")
    }
    assert {row["document"] for row in votes.values()} == {"S/2016/999"}
    event = next(e for e in pq.read_table(out / "events.parquet").to_pylist() if e["id"] == "ev-2016-11-30-test-vote")
    assert (event["outcome"], event["meeting_record"]) == ("not_adopted", "S/PV.7821")


def test_against_without_nine_in_favour_is_no_veto(tmp_path: Path) -> None:
    casts = {state: "abstention" for state in MEMBERS_2016} | {"USA": "against", "FRA": "in_favour"}
    status, stderr, out = _build(
        tmp_path, {"events/test.yaml": raw_vote.event(), "votes/test.yaml": raw_vote.votes(casts)}
    )
    assert status == 0, stderr
    assert not any(
        row["veto"]
        for row in pq.read_table(out / "votes.parquet").to_pylist()
        if row["event"] == "ev-2016-11-30-test-vote"
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"events/test.yaml": raw_vote.event("unsc_resolution"), "votes/test.yaml": raw_vote.votes(VETOED)},
            "ev-2016-11-30-test-vote is recorded as adopted, but a permanent member voted against",
        ),
        (
            {
                "events/test.yaml": raw_vote.event(),
                "votes/test.yaml": raw_vote.votes({s: "in_favour" for s in MEMBERS_2016}),
            },
            "is recorded as not adopted, but 15 voted in favour and no permanent member against",
        ),
        (
            {
                "events/test.yaml": raw_vote.event(),
                "votes/test.yaml": raw_vote.votes({"CHN": "against"})
                + raw_vote.votes({"CHN": "in_favour"}).replace("test-chn", "test-chn-again"),
            },
            "state: CHN already has a vote on ev-2016-11-30-test-vote",
        ),
        (
            {"votes/test.yaml": raw_vote.votes({"CHN": "in_favour"}, event="ev-2016-09-09-dprk-fifth-nuclear-test")},
            "event: ev-2016-09-09-dprk-fifth-nuclear-test is a 'weapons_test' event; votes belong to",
        ),
        (
            {"events/test.yaml": raw_vote.event(), "votes/test.yaml": raw_vote.votes({"CHN": "veto"})},
            "vote: 'veto' is not in the vocabulary",
        ),
        (
            {"events/test.yaml": raw_vote.event(), "votes/test.yaml": raw_vote.votes({"CN": "in_favour"})},
            "state: 'CN' is not an ISO 3166-1 alpha-3 country code",
        ),
        (
            {
                "events/test.yaml": raw_vote.event(extra="  outcome: adopted\n"),
                "votes/test.yaml": raw_vote.votes({"CHN": "against"}),
            },
            "outcome: is derived by the build; do not write it",
        ),
        (
            {"events/test.yaml": raw_vote.event().replace("S/2016/999", "Resolution 2321")},
            "document: String should match pattern",
        ),
        (
            {"events/test.yaml": raw_vote.event("weapons_test")},
            "document and meeting_record are for Security Council votes",
        ),
        (
            {
                "events/test.yaml": raw_vote.event().replace("  date: 2016-11-30\n", ""),
                "votes/test.yaml": raw_vote.votes({"CHN": "against"}),
            },
            "raw/events/test.yaml:1: date: Field required",
        ),
        (
            {
                "events/test.yaml": raw_vote.event(),
                "votes/test.yaml": raw_vote.votes({"CHN": "against"}).replace(
                    "  vote: against\n", "  vote: against\n  veto: true\n"
                ),
            },
            "veto: is derived by the build; do not write it",
        ),
    ],
    ids=[
        "adopted despite a veto",
        "not adopted with nine and no veto",
        "two votes of one member",
        "vote on an event that is no vote",
        "cast outside the vocabulary",
        "two-letter country code",
        "outcome written",
        "document not a UN symbol",
        "document on an event that is no vote",
        "event without its date (a field votes derive)",
        "veto written",
    ],
)
def test_bad_votes_are_located(tmp_path: Path, files: dict[str, str], message: str) -> None:
    status, stderr, out = _build(tmp_path, files)
    assert status == 1
    assert message in stderr, stderr
    assert not out.exists()


STATEMENT = """\
- id: st-2016-03-04-morgulov-second-round
  speaker: act-igor-morgulov
  speaker_office: Deputy Minister of Foreign Affairs
  text: The Russian delegation was led by Deputy Foreign Minister Igor Morgulov
  language: {language}
  translated: {translated}
  translated_from: {translated_from}
  text_en: {text_en}
  text_en_origin: {origin}
  mode: reported_speech
  date: {date}
  topics: [northeast-asia-security]
  citations:
    - source_id: src-interfax-2016-03-04-second-round
      quote: The Russian delegation was led by Deputy Foreign Minister Igor Morgulov
"""
TEXT = "The Russian delegation was led by Deputy Foreign Minister Igor Morgulov"
GOOD = {
    "language": "en",
    "translated": "true",
    "translated_from": "ru",
    "text_en": TEXT,
    "origin": "same_as_text",
    "date": "2016-03-04",
}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"translated": "false"}, "translated_from is only for a translated text"),
        ({"translated_from": "en"}, "translated_from is 'en', the language of text itself"),
        ({"origin": "curators_translation"}, "text_en_origin is 'same_as_text' exactly when text is English"),
        ({"text_en": "The delegation was led by Morgulov"}, "text_en must repeat text"),
        ({"language": "de", "origin": "same_as_text"}, "text_en_origin is 'same_as_text' exactly when text is English"),
        (
            {"language": "de", "origin": "cited_source", "text_en": "Morgulov led the delegation"},
            "text_en: not found verbatim in any source it cites (src-interfax-2016-03-04-second-round)",
        ),
        ({"origin": "from_memory"}, "text_en_origin: 'from_memory' is not in the vocabulary"),
        ({"translated": "yes"}, "translated: Input should be a valid boolean"),
        ({"date": "2016-03-04/2016-03-06"}, None),
        ({"date": "'[2016-03-01..2016-03-31]'"}, None),
        ({"date": "'[2016-03-04..2016-03-04]'"}, "a window needs two different ends"),
        ({"date": "[2016-03-01..2016-03-31]"}, "YAML reads [...] as a list: write a window of dates in quotes"),
        ({"date": "2016-03-04\n  about: [ev-2016-03-04-cn-ru-nea-security-consultation-2]"}, None),
        (
            {"date": "2016-03-04\n  about: [ev-2016-03-04-no-such-event]"},
            "about[0]: 'ev-2016-03-04-no-such-event' is not the id of any record in events",
        ),
        (
            {
                "date": "2016-03-04\n  event: ev-2016-03-04-cn-ru-nea-security-consultation-2\n"
                "  about: [ev-2016-03-04-cn-ru-nea-security-consultation-2]"
            },
            "about lists ev-2016-03-04-cn-ru-nea-security-consultation-2, the event it was made at",
        ),
    ],
    ids=[
        "translated_from without translation",
        "translated from its own language",
        "English origin for English",
        "same_as_text differing",
        "same_as_text for German",
        "cited English rendering not in sources",
        "origin outside the vocabulary",
        "translated not a boolean",
        "a span",
        "a window",
        "a one-day window",
        "an unquoted window",
        "about another event",
        "about no event",
        "about its own event",
    ],
)
def test_statement_language_facts(tmp_path: Path, changes: dict[str, str], message: str | None) -> None:
    status, stderr, out = _build(tmp_path, {"statements/test.yaml": STATEMENT.format(**(GOOD | changes))})
    if message is None:
        assert status == 0, stderr
        row = next(r for r in pq.read_table(out / "statements.parquet").to_pylist() if r["id"].endswith("second-round"))
        assert row["date_form"] == (
            "span" if "/" in changes["date"] else "window" if changes["date"].startswith("'[") else "day"
        )
        assert row["date_precision"] == "day"
    else:
        assert status == 1
        assert message in stderr, stderr


def test_shipped_votes_filter_by_country_and_date() -> None:
    import sino_russia_data as srd

    votes = srd.load("votes")
    china = srd.load("votes", country="CHN")
    assert china.num_rows == sum(state == "CHN" for state in votes.column("state").to_pylist())
    if votes.num_rows:
        first = min(votes.column("date_start").to_pylist())
        assert srd.load("votes", since=first, until=first).num_rows >= 1
