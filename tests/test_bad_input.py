"""Bad input: every class of mistake in raw/ fails the build with the exact ``file:line: field:
message`` a contributor sees, and leaves the output folder byte-for-byte as it was.

Each case is a small edit to a copy of the real raw/.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from buildrun import compile_in_process, snapshot
from conftest import RAW

Edit = Callable[[Path], None]
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

BOMB = """\
- id: lol
  label: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
  definition: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  note: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
"""

#: (case, edit, the lines the build prints before its count); {today} is filled in at run time.
CASES: list[tuple[str, Edit, list[str]]] = [
    (
        "malformed syntax",
        replace(
            EVENTS,
            "  kind: vice_ministerial_consultation\n  title: First",
            "  kind: [vice_ministerial_consultation\n  title: First",
        ),
        [
            (
                f"raw/events/consultation-series.yaml:{TITLE}: (file): YAML syntax: expected ',' or ']', but got ':' "
                f"(while parsing a flow sequence begun on line {KIND})"
            )
        ],
    ),
    (
        "unclosed quote",
        replace(TOPICS, "  label: THAAD in South Korea\n", '  label: "THAAD in South Korea\n'),
        # the quoted text runs on to the next '"', so the parser stops there, naming the record it was in
        [
            (
                f"raw/topics/topics.yaml:{NEXT_DOUBLE_QUOTE}: (file): YAML syntax: expected <block end>, but found "
                f"'<scalar>' (while parsing a block mapping begun on line {THAAD})"
            )
        ],
    ),
    (
        "duplicate key",
        replace(EVENTS, "  city: Shanghai\n", "  city: Shanghai\n  city: Beijing\n"),
        [f"raw/events/consultation-series.yaml:{CITY + 1}: city: duplicate key (first written on line {CITY})"],
    ),
    (
        "number where text is meant",
        replace(EVENTS, "  city: Shanghai\n", "  city: 1e3\n"),
        [
            (
                f"raw/events/consultation-series.yaml:{CITY}: city: Input should be a valid string; "
                "YAML reads 1e3 as the float 1000.0: write '1e3' in quotes to keep the text"
            )
        ],
    ),
    (
        "boolean where text is meant",
        replace(EVENTS, "  city: Shanghai\n", "  city: true\n"),
        [
            (
                f"raw/events/consultation-series.yaml:{CITY}: city: Input should be a valid string; "
                "YAML reads true as the bool True: write 'true' in quotes to keep the text"
            )
        ],
    ),
    (
        "bare year read as a number",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015\n"),
        [
            (
                f"raw/events/consultation-series.yaml:{DATE}: date: Input should be a valid string; "
                "YAML reads 2015 as the int 2015: write '2015' in quotes to keep the text"
            )
        ],
    ),
    (
        "unknown field",
        replace(EVENTS, "  city: Shanghai\n", "  city: Shanghai\n  venue: Jinjiang Hotel\n"),
        [f"raw/events/consultation-series.yaml:{CITY + 1}: venue: Extra inputs are not permitted"],
    ),
    (
        "missing required field",
        replace(EVENTS, ROUND_1_TITLE, ""),
        [f"raw/events/consultation-series.yaml:{ROUND_1}: title: Field required"],
    ),
    (
        "null in a required field",
        replace(EVENTS, ROUND_1_TITLE, "  title: null\n"),
        [
            (
                f"raw/events/consultation-series.yaml:{TITLE}: title: Input should be a valid string; "
                "the value is empty (null) and this field needs one"
            )
        ],
    ),
    (
        "wrong type: quoted number",
        replace(EVENTS, "  round: 1\n", '  round: "1"\n'),
        [f"raw/events/consultation-series.yaml:{ROUND}: round: Input should be a valid integer, not '1'"],
    ),
    (
        "wrong type: text for a list",
        replace(
            EVENTS, "  topics: [northeast-asia-security, china-russia-relations]", "  topics: northeast-asia-security"
        ),
        [
            f"raw/events/consultation-series.yaml:{TOPICS_LINE}: topics: Input should be a valid list, not 'northeast-asia-security'"
        ],
    ),
    (
        "impossible day",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2019-02-30\n"),
        [f"raw/events/consultation-series.yaml:{DATE}: date: '2019-02-30': day 30 does not exist in 2019-02"],
    ),
    (
        "impossible month",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2019-13\n"),
        [f"raw/events/consultation-series.yaml:{DATE}: date: '2019-13': month 13 does not exist"],
    ),
    (
        "partial date written wrongly",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-4\n"),
        [
            (
                f"raw/events/consultation-series.yaml:{DATE}: date: '2015-4' is not a date: "
                "write YYYY, YYYY-MM or YYYY-MM-DD"
            )
        ],
    ),
    (
        "interval ending before it starts",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-04-24/2015-04-23\n"),
        [
            (
                f"raw/events/consultation-series.yaml:{DATE}: date: '2015-04-24/2015-04-23': "
                "the interval ends before it starts"
            )
        ],
    ),
    (
        "open end where not allowed",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-04-23/..\n"),
        [(f"raw/events/consultation-series.yaml:{DATE}: date: '2015-04-23/..': open ends ('..') are not allowed here")],
    ),
    (
        "date in the future",
        replace(FOUNDING, FIRST_PUBLISHED, "  published: 2099-01-01\n"),
        [
            (
                f"raw/sources/founding.yaml:{FIRST_PUBLISHED_LINE}: published: "
                "starts on 2099-01-01, after today ({today}); no future dates"
            )
        ],
    ),
    (
        "dangling actor",
        replace(EVENTS, "    - actor: act-liu-jianchao\n", "    - actor: act-liu-jianchoa\n"),
        [
            (
                f"raw/events/consultation-series.yaml:{PARTICIPANT}: participants[0].actor: "
                "'act-liu-jianchoa' is not the id of any record in actors"
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
        [
            (
                f"raw/events/consultation-series.yaml:{CITATION}: citations[0].source_id: "
                "'src-diplomat-2020-03-kim-kim' is not the id of any record in sources"
            )
        ],
    ),
    (
        "dangling event",
        write("statements/morgulov.yaml", STATEMENT.format(event="ev-2016-03-04-cn-ru-consultation")),
        [
            "raw/statements/morgulov.yaml:8: event: 'ev-2016-03-04-cn-ru-consultation' is not the id of any record in events"
        ],
    ),
    (
        "dangling topic",
        replace(
            EVENTS,
            "  topics: [northeast-asia-security, china-russia-relations]",
            "  topics: [northeast-asia-security, nuclear]",
        ),
        [
            f"raw/events/consultation-series.yaml:{TOPICS_LINE}: topics[1]: 'nuclear' is not the id of any record in topics"
        ],
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
        [
            f"raw/actors/states-and-ministries.yaml:{CHINA}: id: duplicate id 'act-china' (first at raw/actors/again.yaml:1)"
        ],
    ),
    (
        "quote not in its source",
        replace(EVENTS, "Since April 2015, when the", "Since May 2015, when the"),
        [
            (
                f"raw/events/consultation-series.yaml:{CITATION + 1}: citations[0].quote: not found in the archived text of "
                "src-diplomat-2020-03-kim-kim-consultations; the closest passage matches 85 of 94 characters in a row: "
                "the quote has 'Since May 2015, when the \"Fir' where the text has 'ince April 2015, when the \"Fir'; "
                "copy the passage exactly"
            )
        ],
    ),
    (
        "quote one character off",
        replace(EVENTS, "held in Shanghai\n", "held in Shanghal\n"),
        [
            (
                f"raw/events/consultation-series.yaml:{CITATION + 1}: citations[0].quote: not found in the archived text of "
                "src-diplomat-2020-03-kim-kim-consultations; the closest passage matches 95 of 96 characters in a row: "
                "the quote has ' was held in Shanghal' where the text has ' was held in Shanghai, a total'; "
                "copy the passage exactly"
            )
        ],
    ),
    (
        "blank quote",
        replace(
            EVENTS,
            "    - source_id: src-diplomat-2020-03-kim-kim-consultations\n      quote: Since April 2015, "
            "when the “First Consultation on Northeast Asian Security” was held in Shanghai\n",
            "    - source_id: src-diplomat-2020-03-kim-kim-consultations\n      quote: '  '\n",
        ),
        [
            f"raw/events/consultation-series.yaml:{CITATION + 1}: citations[0].quote: is blank; copy the passage that supports the record"
        ],
    ),
    (
        "office not covering the date",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-10-23\n"),
        [
            (
                f"raw/events/consultation-series.yaml:{PARTICIPANT + 1}: participants[0].office: act-liu-jianchao did not hold "
                "'Assistant Minister of Foreign Affairs' throughout 2015-10-23 "
                "(offices: 'Assistant Minister of Foreign Affairs' ../2015-09-15)"
            )
        ],
    ),
    (
        "unknown vocabulary term",
        replace(DELEGATES, "  type: person\n", "  type: human\n"),
        [
            (
                f"raw/actors/consultation-delegates.yaml:{PERSON_TYPE}: type: 'human' is not in the vocabulary "
                "(sino_russia_data/vocabularies.py); use 'person', 'state' or 'organisation'"
            )
        ],
    ),
    (
        "non-UTF-8 bytes",
        write("topics/latin1.yaml", b"- id: cafe\n  label: Caf\xe9\n  definition: x\n"),
        ["raw/topics/latin1.yaml:2: (file): is not UTF-8 (byte 0xe9); save it as UTF-8"],
    ),
    (
        "byte-order mark",
        write("topics/bom.yaml", "\ufeff- id: bom\n  label: BOM\n  definition: x\n"),
        ["raw/topics/bom.yaml:1: (file): starts with a byte-order mark; save it as UTF-8 without BOM"],
    ),
    (
        "empty file",
        write("topics/empty.yaml", b""),
        ["raw/topics/empty.yaml:1: (file): is empty; write a list of records or delete the file"],
    ),
    (
        "file of comments only",
        write("topics/comments.yaml", "# to do\n"),
        ["raw/topics/comments.yaml:1: (file): holds only comments; write a list of records or delete the file"],
    ),
    (
        "huge file",
        write("topics/huge.yaml", b"- id: huge\n  label: " + b"x" * (3 * 1024 * 1024) + b"\n"),
        ["raw/topics/huge.yaml:1: (file): is 3145749 bytes; split it (at most 2097152 per file)"],
    ),
    (
        "alias bomb (billion laughs)",
        write("topics/lol.yaml", BOMB),
        ["raw/topics/lol.yaml:2: (file): &a: anchors and aliases are not allowed; write the value out"],
    ),
    (
        "alias",
        write("topics/alias.yaml", "- id: alias\n  label: *label\n"),
        ["raw/topics/alias.yaml:2: (file): *label: anchors and aliases are not allowed; write the value out"],
    ),
    (
        "nesting bomb",
        write("topics/deep.yaml", "- id: deep\n  label: " + "[" * 5000 + "]" * 5000 + "\n"),
        [
            (
                "raw/topics/deep.yaml:2: (file): nested more than 20 levels deep; "
                "a record is a mapping of fields and short lists"
            )
        ],
    ),
    (
        "explicit tag",
        write("topics/tag.yaml", "- id: !!python/object:os.system x\n"),
        ["raw/topics/tag.yaml:1: id: explicit tag tag:yaml.org,2002:python/object:os.system is not allowed"],
    ),
    (
        "not a list",
        write("topics/mapping.yaml", "id: mapping\nlabel: Mapping\n"),
        ["raw/topics/mapping.yaml:1: (file): must be a list of records (each item starting with '- ')"],
    ),
    (
        "misplaced file",
        write("event/typo.yaml", "- id: x\n"),
        [
            (
                "raw/event/typo.yaml:1: (file): unexpected file; records go in raw/<table>/*.yaml (tables: topics, "
                "sources, actors, events, statements, positions, votes), source texts in raw/sources/texts/<id>.txt"
            )
        ],
    ),
    (
        "derived field written in raw",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: 2015-04-23\n  date_start: 2015-04-23\n"),
        [f"raw/events/consultation-series.yaml:{DATE + 1}: date_start: is derived by the build; do not write it"],
    ),
    (
        "record without citations",
        drop_citations(STATES, "act-china"),
        [
            (
                f"raw/actors/states-and-ministries.yaml:{CHINA}: citations: "
                "needs at least one citation with a verbatim quote (no source, no record)"
            )
        ],
    ),
    (
        "huge source text",
        write("sources/texts/src-tass-2016-06-07-third-round.txt", b"x" * (9 * 1024 * 1024)),
        [
            (
                "raw/sources/texts/src-tass-2016-06-07-third-round.txt:1: (file): is 9437184 bytes; "
                "archive the passages used (at most 8388608)"
            )
        ],
    ),
    (
        "source without archived text",
        lambda raw: (raw / "sources/texts/src-tass-2016-06-07-third-round.txt").unlink(),
        [
            (
                f"raw/sources/consultation-series.yaml:{TASS_THIRD}: id: no archived text at "
                "raw/sources/texts/src-tass-2016-06-07-third-round.txt"
            )
        ],
    ),
]


def _cases() -> list:
    return [pytest.param(edit, expected, id=name) for name, edit, expected in CASES]


def _raw_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw, symlinks=True)
    return raw


def _fails_with(raw: Path, out: Path, expected: list[str]) -> None:
    before, siblings = snapshot(out), sorted(p.name for p in out.parent.iterdir())
    status, stdout, stderr = compile_in_process(raw, out)
    expected = [line.format(today=dt.date.today()) for line in expected]
    assert stderr.splitlines() == [*expected, f"{len(expected)} problem(s); nothing was written."]
    assert (status, stdout) == (1, "")
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == siblings  # no temporary folder left behind


@pytest.mark.parametrize(("edit", "expected"), _cases())
def test_bad_input_is_located_and_writes_nothing(tmp_path: Path, built_data: Path, edit: Edit, expected: list[str]):
    raw = _raw_copy(tmp_path)
    edit(raw)
    out = tmp_path / "site" / "data"
    shutil.copytree(built_data, out)
    _fails_with(raw, out, expected)


@pytest.mark.parametrize(("edit", "expected"), _cases()[:3])
def test_failed_first_build_creates_no_output(tmp_path: Path, edit: Edit, expected: list[str]):
    raw = _raw_copy(tmp_path)
    edit(raw)
    (tmp_path / "site").mkdir()
    out = tmp_path / "site" / "data"
    _fails_with(raw, out, expected)
    assert not out.exists()


def test_link_out_of_raw_is_refused(tmp_path: Path, built_data: Path):
    raw = _raw_copy(tmp_path)
    outside = tmp_path / "elsewhere" / "topics.yaml"
    link("topics/linked.yaml", outside)(raw)
    os.symlink(tmp_path / "elsewhere", raw / "sources" / "texts" / "more")
    out = tmp_path / "site" / "data"
    shutil.copytree(built_data, out)
    _fails_with(
        raw,
        out,
        [
            f"raw/sources/texts/more:1: (file): is a link to {tmp_path / 'elsewhere'}, outside raw/",
            f"raw/topics/linked.yaml:1: (file): is a link to {outside}, outside raw/",
        ],
    )


def test_pipes_and_broken_links_are_refused_not_read(tmp_path: Path, built_data: Path):
    raw = _raw_copy(tmp_path)
    os.mkfifo(raw / "topics" / "pipe.yaml")  # reading it would block the build for ever
    os.symlink(raw / "topics" / "gone.yaml", raw / "topics" / "broken.yaml")
    out = tmp_path / "site" / "data"
    shutil.copytree(built_data, out)
    _fails_with(
        raw,
        out,
        [
            "raw/topics/broken.yaml:1: (file): is not a regular file (a broken link, a pipe or a device)",
            "raw/topics/pipe.yaml:1: (file): is not a regular file (a broken link, a pipe or a device)",
        ],
    )


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
            (
                f"raw/actors/consultation-delegates.yaml:{MFA_RUSSIA}: offices[0].organisation: "
                "'act-mfa-rusia' is not the id of any record in actors"
            ),
            f"raw/events/consultation-series.yaml:{DATE}: date: '2019-02-30': day 30 does not exist in 2019-02",
            f"raw/events/consultation-series.yaml:{ROUND}: round: Input should be greater than or equal to 1",
            (
                "raw/sources/texts/src-ria-2019-02-11-co-chairs.txt:1: (file): "
                "starts with a byte-order mark; save it as UTF-8 without BOM"
            ),
            f"raw/topics/topics.yaml:{THAAD + 1}: colour: Extra inputs are not permitted",
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
