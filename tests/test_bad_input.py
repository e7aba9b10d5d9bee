"""Bad input: every class of mistake in raw/ fails the build with its problems located (file, line,
field) and coded, and leaves the output folder byte-for-byte as it was. A few cases also keep the
exact ``file:line: field: message`` a contributor sees; the others leave the wording free to improve.

Each case is a small edit to a copy of the real raw/.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pyarrow.parquet as pq
import pytest
from buildrun import compile_in_process, snapshot
from conftest import RAW
from vote_records import event as vote_event
from vote_records import vote

Edit = Callable[[Path], None]


class Expected(NamedTuple):
    """A problem the build must report: where, its code and, for a few cases, the whole printed line."""

    file: str
    line: int
    field: str
    code: str
    text: str | None = None


EVENTS = "events/consultation-series.yaml"
DELEGATES = "actors/consultation-delegates.yaml"
STATES = "actors/states-and-ministries.yaml"
TOPICS = "topics/topics.yaml"
ROUND_1_TITLE = "  title: First China–Russia Consultation on Northeast Asian Security\n"
STATEMENT = """\
- id: st-2016-03-04-morgulov-second-round
  speaker: act-igor-morgulov
  speaker_office: Deputy Minister of Foreign Affairs
  text: The Russian delegation was led by Deputy Foreign Minister Igor Morgulov
  language: en
  mode: reported_speech
  date: 2016-03-04
  event: {event}
  topics: [northeast-asia-security]
  translated: true
  translated_from: ru
  text_en: The Russian delegation was led by Deputy Foreign Minister Igor Morgulov
  text_en_origin: same_as_text
  citations:
    - source_id: src-interfax-2016-03-04-second-round
      quote: The Russian delegation was led by Deputy Foreign Minister Igor Morgulov
"""


def replace(relative: str, old: str, new: str) -> Edit:
    def edit(raw: Path) -> None:
        path = raw / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def drop_citations(relative: str, record_id: str) -> Edit:
    """Remove the ``citations:`` block of record ``record_id`` (up to the next record)."""

    def edit(raw: Path) -> None:
        path = raw / relative
        text = path.read_text(encoding="utf-8")
        start = text.index(f"- id: {record_id}\n")
        block = text.index("  citations:\n", start)
        following = text.find("\n- id: ", block)
        path.write_text(text[:block] + (text[following + 1 :] if following != -1 else ""), encoding="utf-8")

    return edit


def edits(*steps: Edit) -> Edit:
    def edit(raw: Path) -> None:
        for step in steps:
            step(raw)

    return edit


def write(relative: str, data: bytes | str) -> Edit:
    def edit(raw: Path) -> None:
        (raw / relative).parent.mkdir(parents=True, exist_ok=True)
        (raw / relative).write_bytes(data.encode() if isinstance(data, str) else data)

    return edit


def link(relative: str, target: Path) -> Edit:
    def edit(raw: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("- id: outside\n  label: Outside\n  definition: Read from outside raw/.\n")
        os.symlink(target, raw / relative)

    return edit


def links_out_of_raw(raw: Path) -> None:
    outside = raw.parent / "elsewhere"
    link("topics/linked.yaml", outside / "topics.yaml")(raw)
    os.symlink(outside, raw / "sources" / "texts" / "more")


def pipe_and_broken_link(raw: Path) -> None:
    os.mkfifo(raw / "topics" / "pipe.yaml")  # reading it would block the build for ever
    os.symlink(raw / "topics" / "gone.yaml", raw / "topics" / "broken.yaml")


def line(relative: str, start: str) -> int:
    """The number of the first line of ``raw/relative`` that starts with ``start``."""
    lines = (RAW / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(start))


# Lines in the real raw/ that the cases edit, looked up so that data added upstream moves them.
ROUND_1 = line(EVENTS, "- id: ev-2015-04-23-")
KIND, TITLE, DATE = ROUND_1 + 1, ROUND_1 + 2, ROUND_1 + 3
CITY = line(EVENTS, "  city: Shanghai")
PARTICIPANT = line(EVENTS, "    - actor: act-liu-jianchao")
TOPICS_LINE = line(EVENTS, "  topics: [northeast-asia-security, china-russia-relations]")
ROUND = line(EVENTS, "  round: 1")
COUNTRY = line(EVENTS, "  country: CHN")
CITATION = line(EVENTS, "    - source_id: src-diplomat-2020-03-kim-kim-consultations")
PERSON_TYPE = line(DELEGATES, "  type: person")
MFA_RUSSIA = line(DELEGATES, "      organisation: act-mfa-russia")
CHINA = line(STATES, "- id: act-china")
TASS_THIRD = line("sources/consultation-series.yaml", "- id: src-tass-2016-06-07-third-round")
THAAD = line(TOPICS, "- id: thaad")
NEXT_DOUBLE_QUOTE = next(
    number
    for number, text in enumerate((RAW / TOPICS).read_text().splitlines(), 1)
    if number > THAAD + 1 and '"' in text
)
FOUNDING = "sources/founding.yaml"
FIRST_PUBLISHED_LINE, FIRST_PUBLISHED = next(
    (number, line)
    for number, line in enumerate((RAW / FOUNDING).read_text().splitlines(keepends=True), 1)
    if line.startswith("  published: ")
)

ROUND_2 = "ev-2016-03-04-cn-ru-nea-security-consultation-2"
#: The first event's citation, as written.
CITED = (
    "    - source_id: src-diplomat-2020-03-kim-kim-consultations\n      quote: Since April 2015, "
    "when the “First Consultation on Northeast Asian Security” was held in Shanghai\n"
)
BOMB = """\
- id: lol
  label: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
  definition: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  note: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
"""

#: (case, edit, the problems the build reports, in order). Each asserts where and which code; a few
#: representative ones also keep the whole line a contributor reads, so the wording may improve freely.
CASES: list[tuple[str, Edit, list[Expected]]] = [
    (
        "malformed syntax",
        replace(
            EVENTS,
            "  kind: vice_ministerial_consultation\n  title: First",
            "  kind: [vice_ministerial_consultation\n  title: First",
        ),
        [
            Expected(
                f"raw/{EVENTS}",
                TITLE,
                "(file)",
                "yaml-syntax",
                f"raw/events/consultation-series.yaml:{TITLE}: (file): YAML syntax: expected ',' or ']', but got ':' "
                f"(while parsing a flow sequence begun on line {KIND})",
            )
        ],
    ),
    (
        "unclosed quote",
        replace(TOPICS, "  label: THAAD in South Korea\n", '  label: "THAAD in South Korea\n'),
        # the quoted text runs on to the next '"', so the parser stops there, naming the record it was in
        [Expected(f"raw/{TOPICS}", NEXT_DOUBLE_QUOTE, "(file)", "yaml-syntax")],
    ),
    (
        "duplicate key",
        replace(EVENTS, "  city: Shanghai\n", "  city: Shanghai\n  city: Beijing\n"),
        [Expected(f"raw/{EVENTS}", CITY + 1, "city", "duplicate-key")],
    ),
    (
        "number where text is meant",
        replace(EVENTS, "  city: Shanghai\n", "  city: 1e3\n"),
        [
            Expected(
                f"raw/{EVENTS}",
                CITY,
                "city",
                "wrong-type",
                f"raw/events/consultation-series.yaml:{CITY}: city: Input should be a valid string; "
                "YAML reads 1e3 as the float 1000.0: write '1e3' in quotes to keep the text",
            )
        ],
    ),
    (
        "boolean where text is meant",
        replace(EVENTS, "  city: Shanghai\n", "  city: true\n"),
        [Expected(f"raw/{EVENTS}", CITY, "city", "wrong-type")],
    ),
    (
        "bare year read as a number",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015\n"),
        [Expected(f"raw/{EVENTS}", DATE, "date", "wrong-type")],
    ),
    (
        "unknown field",
        replace(EVENTS, "  city: Shanghai\n", "  city: Shanghai\n  venue: Jinjiang Hotel\n"),
        [Expected(f"raw/{EVENTS}", CITY + 1, "venue", "unknown-field")],
    ),
    (
        "missing required field",
        replace(EVENTS, ROUND_1_TITLE, ""),
        [Expected(f"raw/{EVENTS}", ROUND_1, "title", "missing-field")],
    ),
    (
        "null in a required field",
        replace(EVENTS, ROUND_1_TITLE, "  title: null\n"),
        [Expected(f"raw/{EVENTS}", TITLE, "title", "missing-field")],
    ),
    (
        "wrong type: quoted number",
        replace(EVENTS, "  round: 1\n", '  round: "1"\n'),
        [Expected(f"raw/{EVENTS}", ROUND, "round", "wrong-type")],
    ),
    (
        "wrong type: text for a list",
        replace(
            EVENTS, "  topics: [northeast-asia-security, china-russia-relations]", "  topics: northeast-asia-security"
        ),
        [Expected(f"raw/{EVENTS}", TOPICS_LINE, "topics", "wrong-type")],
    ),
    (
        "impossible day",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2019-02-30\n"),
        [Expected(f"raw/{EVENTS}", DATE, "date", "date-invalid")],
    ),
    (
        "impossible month",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2019-13\n"),
        [Expected(f"raw/{EVENTS}", DATE, "date", "date-invalid")],
    ),
    (
        "partial date written wrongly",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-4\n"),
        [Expected(f"raw/{EVENTS}", DATE, "date", "date-invalid")],
    ),
    (
        "interval ending before it starts",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-04-24/2015-04-23\n"),
        [Expected(f"raw/{EVENTS}", DATE, "date", "date-invalid")],
    ),
    (
        "open end where not allowed",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-04-23/..\n"),
        [Expected(f"raw/{EVENTS}", DATE, "date", "date-invalid")],
    ),
    (
        "date in the future",
        replace(FOUNDING, FIRST_PUBLISHED, "  published: 2099-01-01\n"),
        [Expected(f"raw/{FOUNDING}", FIRST_PUBLISHED_LINE, "published", "future-date")],
    ),
    (
        "dangling actor",
        replace(EVENTS, "    - actor: act-liu-jianchao\n", "    - actor: act-liu-jianchoa\n"),
        [
            Expected(
                f"raw/{EVENTS}",
                PARTICIPANT,
                "participants[0].actor",
                "dangling-reference",
                f"raw/events/consultation-series.yaml:{PARTICIPANT}: participants[0].actor: "
                "'act-liu-jianchoa' is not the id of any record in actors",
            )
        ],
    ),
    (
        "dangling source",
        replace(
            EVENTS,
            "    - source_id: src-diplomat-2020-03-kim-kim-consultations\n      quote: Since",
            "    - source_id: src-diplomat-2020-03-kim-kim\n      quote: Since",
        ),
        [Expected(f"raw/{EVENTS}", CITATION, "citations[0].source_id", "dangling-reference")],
    ),
    (
        "dangling event",
        write("statements/morgulov.yaml", STATEMENT.format(event="ev-2016-03-04-cn-ru-consultation")),
        [Expected("raw/statements/morgulov.yaml", 8, "event", "dangling-reference")],
    ),
    (
        "dangling topic",
        replace(
            EVENTS,
            "  topics: [northeast-asia-security, china-russia-relations]",
            "  topics: [northeast-asia-security, nuclear]",
        ),
        [Expected(f"raw/{EVENTS}", TOPICS_LINE, "topics[1]", "dangling-reference")],
    ),
    (
        "duplicate id across files",
        write(
            "actors/again.yaml",
            "- id: act-china\n  name: China\n  type: state\n"
            "  country: CHN\n  citations:\n"
            "    - source_id: src-diplomat-2020-03-kim-kim-consultations\n"
            "      quote: That China and Russia have been enjoying\n",
        ),
        [Expected(f"raw/{STATES}", CHINA, "id", "duplicate-id")],
    ),
    (
        "quote not in its source",
        replace(EVENTS, "Since April 2015, when the", "Since May 2015, when the"),
        [Expected(f"raw/{EVENTS}", CITATION + 1, "citations[0].quote", "quote-not-in-source")],
    ),
    (
        "quote one character off",
        replace(EVENTS, "held in Shanghai\n", "held in Shanghal\n"),
        [
            Expected(
                f"raw/{EVENTS}",
                CITATION + 1,
                "citations[0].quote",
                "quote-not-in-source",
                f"raw/events/consultation-series.yaml:{CITATION + 1}: citations[0].quote: not found in the archived "
                "text of src-diplomat-2020-03-kim-kim-consultations; the closest passage matches 95 of 96 characters "
                "in a row: the quote has ' was held in Shanghal' where the text has ' was held in Shanghai, a total'; "
                "copy the passage exactly",
            )
        ],
    ),
    (
        "blank quote",
        replace(EVENTS, CITED, "    - source_id: src-diplomat-2020-03-kim-kim-consultations\n      quote: '  '\n"),
        [Expected(f"raw/{EVENTS}", CITATION + 1, "citations[0].quote", "blank-value")],
    ),
    (
        "one passage cited twice",
        replace(EVENTS, CITED, CITED * 2),
        [Expected(f"raw/{EVENTS}", CITATION + 3, "citations[1].quote", "duplicate-citation")],
    ),
    (
        "office not covering the date",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-10-23\n"),
        [Expected(f"raw/{EVENTS}", PARTICIPANT + 1, "participants[0].office", "office-not-held")],
    ),
    (
        "unknown vocabulary term",
        replace(DELEGATES, "  type: person\n", "  type: human\n"),
        [
            Expected(
                f"raw/{DELEGATES}",
                PERSON_TYPE,
                "type",
                "not-in-vocabulary",
                f"raw/actors/consultation-delegates.yaml:{PERSON_TYPE}: type: 'human' is not in the vocabulary "
                "(sino_russia_data/vocabularies.py); use 'person', 'state' or 'organisation'",
            )
        ],
    ),
    (
        "text not in its field's form",
        write("topics/form.yaml", "- id: Korean_Peninsula\n  label: A topic\n  definition: Records about it.\n"),
        [Expected("raw/topics/form.yaml", 1, "id", "bad-format")],
    ),
    (
        "country code that is not ISO 3166-1 alpha-3",
        replace(EVENTS, "  country: CHN\n", "  country: CN\n"),
        [Expected(f"raw/{EVENTS}", COUNTRY, "country", "invalid-value")],
    ),
    (
        "fields that contradict each other",
        write(
            "statements/morgulov.yaml", STATEMENT.format(event=ROUND_2).replace("translated: true", "translated: false")
        ),
        [Expected("raw/statements/morgulov.yaml", 1, "(record)", "fields-disagree")],
    ),
    (
        "statement outside the date of its event",
        write(
            "statements/morgulov.yaml", STATEMENT.format(event=ROUND_2).replace("date: 2016-03-04", "date: 2016-03-05")
        ),
        [Expected("raw/statements/morgulov.yaml", 7, "date", "date-outside-event")],
    ),
    (
        "topics in a cycle",
        replace(TOPICS, "- id: northeast-asia-security\n", "- id: northeast-asia-security\n  broader: thaad\n"),
        # reported once, at the topic of the loop written first (korean-peninsula, above)
        [Expected(f"raw/{TOPICS}", line(TOPICS, "  broader: northeast-asia-security"), "broader", "topic-cycle")],
    ),
    (
        "vote on an event that is no vote",
        write("votes/test.yaml", vote("CHN", "in_favour", event="ev-2016-09-09-dprk-fifth-nuclear-test")),
        [Expected("raw/votes/test.yaml", 2, "event", "not-a-vote-event")],
    ),
    (
        "two votes of one member",
        edits(
            write("events/test.yaml", vote_event("unsc_draft_not_adopted")),
            write("votes/test.yaml", vote("CHN", "against") + vote("CHN", "in_favour", again=True)),
        ),
        [Expected("raw/votes/test.yaml", 10, "state", "duplicate-vote")],
    ),
    (
        "outcome the votes do not allow",
        edits(
            write("events/test.yaml", vote_event("unsc_resolution")),
            write("votes/test.yaml", vote("CHN", "against")),
        ),
        [Expected("raw/votes/test.yaml", 4, "vote", "votes-contradict-event")],
    ),
    (
        "non-UTF-8 bytes",
        write("topics/latin1.yaml", b"- id: cafe\n  label: Caf\xe9\n  definition: x\n"),
        [Expected("raw/topics/latin1.yaml", 2, "(file)", "bad-encoding")],
    ),
    (
        "byte-order mark",
        write("topics/bom.yaml", "\ufeff- id: bom\n  label: BOM\n  definition: x\n"),
        [Expected("raw/topics/bom.yaml", 1, "(file)", "bad-encoding")],
    ),
    (
        "empty file",
        write("topics/empty.yaml", b""),
        [Expected("raw/topics/empty.yaml", 1, "(file)", "empty-file")],
    ),
    (
        "file of comments only",
        write("topics/comments.yaml", "# to do\n"),
        [Expected("raw/topics/comments.yaml", 1, "(file)", "empty-file")],
    ),
    (
        "huge file",
        write("topics/huge.yaml", b"- id: huge\n  label: " + b"x" * (3 * 1024 * 1024) + b"\n"),
        [Expected("raw/topics/huge.yaml", 1, "(file)", "file-too-large")],
    ),
    (
        "alias bomb (billion laughs)",
        write("topics/lol.yaml", BOMB),
        [Expected("raw/topics/lol.yaml", 2, "(file)", "yaml-refused")],
    ),
    (
        "alias",
        write("topics/alias.yaml", "- id: alias\n  label: *label\n"),
        [Expected("raw/topics/alias.yaml", 2, "(file)", "yaml-refused")],
    ),
    (
        "nesting bomb",
        write("topics/deep.yaml", "- id: deep\n  label: " + "[" * 5000 + "]" * 5000 + "\n"),
        [Expected("raw/topics/deep.yaml", 2, "(file)", "yaml-refused")],
    ),
    (
        "explicit tag",
        write("topics/tag.yaml", "- id: !!python/object:os.system x\n"),
        [Expected("raw/topics/tag.yaml", 1, "id", "yaml-refused")],
    ),
    (
        "not a list",
        write("topics/mapping.yaml", "id: mapping\nlabel: Mapping\n"),
        [Expected("raw/topics/mapping.yaml", 1, "(file)", "not-a-list")],
    ),
    (
        "misplaced file",
        write("event/typo.yaml", "- id: x\n"),
        [
            Expected(
                "raw/event/typo.yaml",
                1,
                "(file)",
                "unexpected-file",
                "raw/event/typo.yaml:1: (file): unexpected file; records go in raw/<table>/*.yaml (tables: topics, "
                "sources, actors, events, statements, positions, votes), source texts in raw/sources/texts/<id>.txt",
            )
        ],
    ),
    (
        "links out of raw",
        links_out_of_raw,
        [
            Expected("raw/sources/texts/more", 1, "(file)", "bad-link"),
            Expected("raw/topics/linked.yaml", 1, "(file)", "bad-link"),
        ],
    ),
    (
        "pipe and broken link",
        pipe_and_broken_link,
        [
            Expected("raw/topics/broken.yaml", 1, "(file)", "not-a-regular-file"),
            Expected("raw/topics/pipe.yaml", 1, "(file)", "not-a-regular-file"),
        ],
    ),
    (
        "derived field written in raw",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-04-23\n  date_start: 2015-04-23\n"),
        [Expected(f"raw/{EVENTS}", DATE + 1, "date_start", "derived-field-written")],
    ),
    (
        "record without citations",
        drop_citations(STATES, "act-china"),
        [Expected(f"raw/{STATES}", CHINA, "citations", "missing-citation")],
    ),
    (
        "huge source text",
        write("sources/texts/src-tass-2016-06-07-third-round.txt", b"x" * (9 * 1024 * 1024)),
        [Expected("raw/sources/texts/src-tass-2016-06-07-third-round.txt", 1, "(file)", "file-too-large")],
    ),
    (
        "source without archived text",
        lambda raw: (raw / "sources/texts/src-tass-2016-06-07-third-round.txt").unlink(),
        [Expected("raw/sources/consultation-series.yaml", TASS_THIRD, "id", "missing-source-text")],
    ),
    (
        "a table emptied",
        lambda raw: (raw / "votes/unsc-votes.yaml").unlink(),
        [Expected("raw/votes/", 1, "(file)", "no-records")],
    ),
]


def cases(table: list[tuple[str, Edit, list[Expected]]]) -> list:
    """A case table as pytest parameters named by their cases."""
    return [pytest.param(edit, expected, id=name) for name, edit, expected in table]


def _raw_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw, symlinks=True)
    return raw


def _fails_with(raw: Path, out: Path, expected: list[Expected]) -> None:
    """The build of ``raw`` reports exactly ``expected`` (located and coded, from ``--format json``;
    the whole printed lines too where a case gives them) and leaves ``out`` and its folder as they were."""
    before, siblings = snapshot(out), sorted(p.name for p in out.parent.iterdir())
    count = f"{len(expected)} problem(s); nothing was written."
    status, stdout, stderr = compile_in_process(raw, out, "--format", "json")
    found = [json.loads(line) for line in stdout.splitlines()]
    assert [(p["file"], p["line"], p["field"], p["code"]) for p in found] == [e[:4] for e in expected], stdout
    assert (status, stderr) == (1, f"{count}\n")
    if any(e.text for e in expected):
        status, stdout, stderr = compile_in_process(raw, out)
        assert stderr.splitlines() == [*(e.text for e in expected), count]
        assert (status, stdout) == (1, "")
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == siblings  # no temporary folder left behind


@pytest.mark.parametrize(("edit", "expected"), cases(CASES))
def test_bad_input_is_located_and_writes_nothing(
    tmp_path: Path, built_data: Path, edit: Edit, expected: list[Expected]
):
    fails_on_a_copy(tmp_path, built_data, edit, expected)


def fails_on_a_copy(tmp_path: Path, built_data: Path, edit: Edit, expected: list[Expected]) -> None:
    """``edit`` a copy of raw/; its build beside a copy of the built data fails with ``expected``."""
    raw = _raw_copy(tmp_path)
    edit(raw)
    out = tmp_path / "site" / "data"
    shutil.copytree(built_data, out)
    _fails_with(raw, out, expected)


@pytest.mark.parametrize(("edit", "expected"), cases(CASES)[:3])
def test_failed_first_build_creates_no_output(tmp_path: Path, edit: Edit, expected: list[Expected]):
    raw = _raw_copy(tmp_path)
    edit(raw)
    (tmp_path / "site").mkdir()
    out = tmp_path / "site" / "data"
    _fails_with(raw, out, expected)
    assert not out.exists()


def test_problems_in_many_files_are_all_reported_sorted(tmp_path: Path, built_data: Path):
    raw = _raw_copy(tmp_path)
    replace(TOPICS, "- id: thaad\n", "- id: thaad\n  colour: red\n")(raw)
    replace(EVENTS, "  date: 2015-04-23\n", "  date: 2019-02-30\n")(raw)
    replace(EVENTS, "  round: 1\n", "  round: 0\n")(raw)
    replace(DELEGATES, "      organisation: act-mfa-russia\n", "      organisation: act-mfa-rusia\n")(raw)
    write("sources/texts/src-ria-2019-02-11-co-chairs.txt", "\ufeffBOM")(raw)
    out = tmp_path / "site" / "data"
    shutil.copytree(built_data, out)
    _fails_with(
        raw,
        out,
        [
            Expected(f"raw/{DELEGATES}", MFA_RUSSIA, "offices[0].organisation", "dangling-reference"),
            Expected(f"raw/{EVENTS}", DATE, "date", "date-invalid"),
            Expected(f"raw/{EVENTS}", ROUND, "round", "out-of-range"),
            Expected("raw/sources/texts/src-ria-2019-02-11-co-chairs.txt", 1, "(file)", "bad-encoding"),
            Expected(f"raw/{TOPICS}", THAAD + 1, "colour", "unknown-field"),
        ],
    )


def test_values_yaml_1_1_would_retype_stay_text(tmp_path: Path):
    """YAML 1.2 keeps NO/yes/on as strings and the reader keeps timestamps as written."""
    raw = _raw_copy(tmp_path)
    replace(EVENTS, "  city: Shanghai\n", "  city: NO\n")(raw)
    replace(EVENTS, "  city: Moscow\n", "  city: 2019-03\n")(raw)
    replace(DELEGATES, "  name_ru: Игорь Владимирович Моргулов\n", "  name_ru: 'on'\n  name_ko: yes\n")(raw)
    replace(TOPICS, "  label: THAAD in South Korea\n", "  label: 2017-03-07\n")(raw)
    out = tmp_path / "out"
    status, _, stderr = compile_in_process(raw, out)
    assert status == 0, stderr
    cities = pq.read_table(out / "events.parquet").column("city").to_pylist()
    assert {"NO", "2019-03"} <= set(cities)
    actors = pq.read_table(out / "actors.parquet").to_pylist()
    morgulov = next(a for a in actors if a["id"] == "act-igor-morgulov")
    assert (morgulov["name_ru"], morgulov["name_ko"]) == ("on", "yes")
    assert "2017-03-07" in pq.read_table(out / "topics.parquet").column("label").to_pylist()


@pytest.mark.parametrize("where", ["inside raw", "holding raw", "not a build", "a file"])
def test_output_that_is_not_a_previous_build_is_refused(tmp_path: Path, where: str):
    """The swap replaces the output folder whole: anything but a build (or a new or empty folder) is refused."""
    raw = _raw_copy(tmp_path)
    out = {
        "inside raw": raw / "topics",
        "holding raw": tmp_path,
        "not a build": tmp_path / "documents",
        "a file": tmp_path / "notes.txt",
    }[where]
    if where == "not a build":
        out.mkdir()
        (out / "thesis.tex").write_text("months of work")
    if where == "a file":
        out.write_text("notes")
    before = snapshot(tmp_path)
    status, _, stderr = compile_in_process(raw, out)
    assert status == 2
    message = stderr.splitlines()[-1]
    if where in ("inside raw", "holding raw"):
        assert message == f"build/compile.py: error: --out {out} overlaps --raw {raw}; write the build somewhere else"
    elif where == "a file":
        assert (
            message
            == f"build/compile.py: error: --out {out} is a file, not a folder; give the folder to write the build into"
        )
    else:
        assert message == (
            f"build/compile.py: error: --out {out} is not a previous build (it holds no manifest.json) "
            "and would be replaced whole; choose a new or empty folder"
        )
    assert snapshot(tmp_path) == before
