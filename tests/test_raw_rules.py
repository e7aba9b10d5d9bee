"""Issue 17, classes 2–4 and 7 (raw/ side): evidence that proves something, text hygiene, integrity
rules the schema lacks, and pathological sizes. Each input is a small edit to a copy of the real
raw/; each gives its located and coded problem (a few the exact line too, above all where a line
could be forged or run long), and the output folder is left as it was.
"""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest
from buildrun import compile_in_process, snapshot
from pipeline.problems import CODES, Problem
from test_bad_input import (
    CASES,
    CITY,
    COUNTRY,
    DELEGATES,
    EVENTS,
    MFA_RUSSIA,
    PARTICIPANT,
    PERSON_TYPE,
    ROUND,
    ROUND_1_TITLE,
    TOPICS_LINE,
    Expected,
    _fails_with,
    _raw_copy,
    cases,
    fails_on_a_copy,
    line,
    replace,
    write,
)

STATEMENTS = "statements/founding.yaml"
POSITIONS = "positions/founding.yaml"
FOUNDING_EVENTS = "events/founding-2017.yaml"
QUOTE = (
    "      quote: Since April 2015, when the “First Consultation on Northeast Asian Security” was held in Shanghai\n"
)
QUOTE_LINE = line(EVENTS, QUOTE.rstrip("\n"))
CJK_QUOTE = "      quote: 外交部副部长罗照辉\n"
CJK_LINE = line(DELEGATES, CJK_QUOTE.rstrip("\n"))
ST_TEXT = "  text: 사드는 북한보다는 중국을 염두에 둔 무기라는 인식을 갖고 있다\n"
ST_LINE = line(STATEMENTS, ST_TEXT.rstrip("\n"))
TITLE = line(EVENTS, "  title: First China–Russia Consultation")
SUMMARY = line(EVENTS, "  summary: ")
DATE = line(EVENTS, "  date: 2015-04-23")
MORGULOV_NAME = line(DELEGATES, "  name: Igor Morgulov")
HOLDERS = line(POSITIONS, "  holders: [USA]")
TOPIC = "- id: {id}\n  label: A topic\n  definition: Records about something.\n"

Case = tuple[str, object, list[Expected]]


SUMMARY_TEXT = (
    "  summary: >-\n"
    "    First round of the vice-ministerial consultation on Northeast Asian security, co-chaired by\n"
    "    Liu Jianchao and Igor Morgulov with foreign, defence and security officials of both countries.\n"
)


def summary(text: str):
    """Replace the first event's summary with ``text`` (YAML as written)."""
    return replace(EVENTS, SUMMARY_TEXT, f"  summary: {text}\n")


EVIDENCE: list[Case] = [
    (
        "one-character quote",
        replace(EVENTS, QUOTE, "      quote: S\n"),
        [Expected(f"raw/{EVENTS}", QUOTE_LINE, "citations[0].quote", "passage-too-short")],
    ),
    (
        "one-word quote",
        replace(EVENTS, QUOTE, "      quote: Shanghai\n"),
        [
            Expected(
                f"raw/{EVENTS}",
                QUOTE_LINE,
                "citations[0].quote",
                "passage-too-short",
                f"raw/{EVENTS}:{QUOTE_LINE}: citations[0].quote: is 8 characters; a passage that proves something "
                "has at least 20 (6 for Chinese, Japanese or Korean): copy the whole sentence or clause",
            )
        ],
    ),
    (
        "spaces do not lengthen a quote",
        replace(EVENTS, QUOTE, "      quote: 'Since     April          2015'\n"),
        [Expected(f"raw/{EVENTS}", QUOTE_LINE, "citations[0].quote", "passage-too-short")],
    ),
    (
        "short CJK quote",
        replace(DELEGATES, CJK_QUOTE, "      quote: 罗照辉\n"),
        [Expected(f"raw/{DELEGATES}", CJK_LINE, "citations[2].quote", "passage-too-short")],
    ),
    (
        "zero-width-only quote",
        replace(EVENTS, QUOTE, '      quote: "\\u200b\\u200b\\u200b"\n'),
        [Expected(f"raw/{EVENTS}", QUOTE_LINE, "citations[0].quote", "invisible-character")],
    ),
    (
        "blank statement text",
        replace(STATEMENTS, ST_TEXT, "  text: '   '\n"),
        [Expected(f"raw/{STATEMENTS}", ST_LINE, "text", "blank-value")],
    ),
    (
        "statement text of one word",
        replace(STATEMENTS, ST_TEXT, "  text: 사드\n"),
        [Expected(f"raw/{STATEMENTS}", ST_LINE, "text", "passage-too-short")],
    ),
    (
        "blank summary",
        summary("'  '"),
        [Expected(f"raw/{EVENTS}", SUMMARY, "summary", "blank-value")],
    ),
    (
        "invisible-only title",
        replace(
            EVENTS, "  title: First China–Russia Consultation on Northeast Asian Security\n", '  title: "\\u2060"\n'
        ),
        [Expected(f"raw/{EVENTS}", TITLE, "title", "invisible-character")],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), cases(EVIDENCE))
def test_evidence_must_prove_something(tmp_path: Path, built_data: Path, edit, expected):
    fails_on_a_copy(tmp_path, built_data, edit, expected)


HYGIENE: list[Case] = [
    (
        "ESC in a name",
        replace(DELEGATES, "  name: Igor Morgulov\n", '  name: "Igor \\e[31mMorgulov"\n'),
        [
            Expected(
                f"raw/{DELEGATES}",
                MORGULOV_NAME,
                "name",
                "invisible-character",
                f"raw/{DELEGATES}:{MORGULOV_NAME}: name: has the invisible U+001B ESCAPE at character 6; delete it",
            )
        ],
    ),
    (
        "BEL in a title",
        replace(EVENTS, ROUND_1_TITLE, '  title: "\\aFirst China"\n'),
        [Expected(f"raw/{EVENTS}", TITLE, "title", "invisible-character")],
    ),
    (
        "NUL in a summary",
        summary('"The first round\\0 was held."'),
        [Expected(f"raw/{EVENTS}", SUMMARY, "summary", "invisible-character")],
    ),
    (
        "bidi override in a city",
        replace(EVENTS, "  city: Shanghai\n", '  city: "Shang\\u202Eiahg"\n'),
        [Expected(f"raw/{EVENTS}", CITY, "city", "invisible-character")],
    ),
    (
        "bidi isolate in a quote",
        replace(EVENTS, QUOTE, QUOTE.replace("Since", "\u2066Since")),
        [Expected(f"raw/{EVENTS}", QUOTE_LINE, "citations[0].quote", "invisible-character")],
    ),
    (
        "zero-width space in a reference",
        replace(EVENTS, "    - actor: act-liu-jianchao\n", '    - actor: "act-liu-\\u200bjianchao"\n'),
        [Expected(f"raw/{EVENTS}", PARTICIPANT, "participants[0].actor", "invisible-character")],
    ),
    (
        "zero-width joiner between Latin letters",
        replace(DELEGATES, "  name: Igor Morgulov\n", '  name: "Igor Mor\\u200dgulov"\n'),
        [Expected(f"raw/{DELEGATES}", MORGULOV_NAME, "name", "invisible-character")],
    ),
    (
        "byte-order mark inside a title",
        replace(EVENTS, ROUND_1_TITLE, '  title: "First\\uFEFF China"\n'),
        [Expected(f"raw/{EVENTS}", TITLE, "title", "invisible-character")],
    ),
    (
        "full-width digits in a date",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: ２０１５-04-23\n"),
        [Expected(f"raw/{EVENTS}", DATE, "date", "non-ascii")],
    ),
    (
        "Arabic-Indic digits in a date",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: ٢٠١٥-04-23\n"),
        [Expected(f"raw/{EVENTS}", DATE, "date", "non-ascii")],
    ),
    (
        "Cyrillic look-alike in an id",
        replace(EVENTS, "    - actor: act-liu-jianchao\n", "    - actor: act-liu-jianchаo\n"),
        [
            Expected(
                f"raw/{EVENTS}",
                PARTICIPANT,
                "participants[0].actor",
                "non-ascii",
                f"raw/{EVENTS}:{PARTICIPANT}: participants[0].actor: has the non-ASCII character 'а' (U+0430 "
                "CYRILLIC SMALL LETTER A), which looks like 'a'; ids and codes are written in ASCII",
            )
        ],
    ),
    (
        "Cyrillic look-alike in a country code",
        replace(EVENTS, "  country: CHN\n", "  country: СHN\n"),
        [Expected(f"raw/{EVENTS}", COUNTRY, "country", "non-ascii")],
    ),
    (
        "Greek look-alike in a topic id",
        write("topics/greek.yaml", TOPIC.format(id="thaad-ο")),
        [Expected("raw/topics/greek.yaml", 1, "id", "non-ascii")],
    ),
    (
        "newline in a file name cannot forge a line",
        write("topics/x\nraw/topics/y.yaml:1: id: forged.yaml", "- id: x\n"),
        [
            Expected(
                "raw/topics/x\nraw/topics/y.yaml:1: id: forged.yaml",
                1,
                "(file)",
                "unexpected-file",
                "raw/topics/x\\nraw/topics/y.yaml:1: id: forged.yaml:1: (file): unexpected file; records go in "
                "raw/<table>/*.yaml (tables: topics, sources, actors, events, statements, positions, votes), source "
                "texts in raw/sources/texts/<id>.txt",
            )
        ],
    ),
    (
        "newline in a record file name",
        write("topics/a\nraw:1: id: forged.yaml", "- id: x\n"),
        [
            Expected(
                "raw/topics/a\nraw:1: id: forged.yaml",
                1,
                "definition",
                "missing-field",
                "raw/topics/a\\nraw:1: id: forged.yaml:1: definition: Field required",
            ),
            Expected(
                "raw/topics/a\nraw:1: id: forged.yaml",
                1,
                "label",
                "missing-field",
                "raw/topics/a\\nraw:1: id: forged.yaml:1: label: Field required",
            ),
        ],
    ),
    (
        "newline in a value cannot forge a line",
        replace(DELEGATES, "  type: person\n", '  type: "human\\nraw/x.yaml:1: id: forged"\n'),
        [
            Expected(
                f"raw/{DELEGATES}",
                PERSON_TYPE,
                "type",
                "invisible-character",
                f"raw/{DELEGATES}:{PERSON_TYPE}: type: has the invisible U+000A LINE FEED at character 6; delete it",
            )
        ],
    ),
    (
        "newline in an echoed value",
        replace(EVENTS, "  kind: vice_ministerial_consultation\n", '  kind: "summit\\u0085raw/x.yaml:1: id: forged"\n'),
        [
            Expected(
                f"raw/{EVENTS}",
                TITLE - 1,
                "kind",
                "invisible-character",
                f"raw/{EVENTS}:{TITLE - 1}: kind: has the invisible U+0085 control character at character 7; delete it",
            )
        ],
    ),
    (
        "long value echoed cut",
        replace(DELEGATES, "  type: person\n", f"  type: {'h' * 1500}\n"),
        [
            Expected(
                f"raw/{DELEGATES}",
                PERSON_TYPE,
                "type",
                "not-in-vocabulary",
                f"raw/{DELEGATES}:{PERSON_TYPE}: type: '{'h' * 79}…' is not in the vocabulary "
                "(sino_russia_data/vocabularies.py); use 'person', 'state' or 'organisation'",
            )
        ],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), cases(HYGIENE))
def test_text_hygiene(tmp_path: Path, built_data: Path, edit, expected):
    fails_on_a_copy(tmp_path, built_data, edit, expected)


def _nfd(raw: Path) -> None:
    """Every quote and statement text in the founding events and statements in NFD (Hangul and 'й' decompose)."""
    for relative in (FOUNDING_EVENTS, STATEMENTS):
        path = raw / relative
        path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")


def _nfd_sources(raw: Path) -> None:
    for path in (raw / "sources" / "texts").glob("*.txt"):
        path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")


ACCEPTED = [
    ("quotes in NFD against NFC sources", _nfd),
    ("NFC quotes against NFD sources", _nfd_sources),
    (
        "zero-width non-joiner inside a Persian word",
        summary("'The first round was held (\u0645\u06cc\u200c\u0634\u0648\u062f).'"),
    ),
    (
        "soft hyphen in the archived text only",
        lambda raw: (raw / "sources/texts/src-diplomat-2020-03-kim-kim-consultations.txt").write_text(
            (raw / "sources/texts/src-diplomat-2020-03-kim-kim-consultations.txt")
            .read_text(encoding="utf-8")
            .replace("Shanghai", "Shang\u00adhai"),
            encoding="utf-8",
        ),
    ),
]


@pytest.mark.parametrize("edit", [pytest.param(edit, id=name) for name, edit in ACCEPTED])
def test_documented_text_rules_accept(tmp_path: Path, edit):
    raw = _raw_copy(tmp_path)
    edit(raw)
    status, _, stderr = compile_in_process(raw, tmp_path / "out", "--check")
    assert status == 0, stderr


INTEGRITY: list[Case] = [
    (
        "duplicate participant",
        replace(
            EVENTS,
            "    - actor: act-igor-morgulov\n      office: Deputy Minister of Foreign Affairs\n",
            "    - actor: act-liu-jianchao\n",
        ),
        [Expected(f"raw/{EVENTS}", PARTICIPANT + 2, "participants[1].actor", "duplicate-item")],
    ),
    (
        "duplicate topic",
        replace(
            EVENTS,
            "  topics: [northeast-asia-security, china-russia-relations]",
            "  topics: [northeast-asia-security, northeast-asia-security]",
        ),
        [Expected(f"raw/{EVENTS}", TOPICS_LINE, "topics[1]", "duplicate-item")],
    ),
    (
        "duplicate holder",
        replace(POSITIONS, "  holders: [USA]\n", "  holders: [USA, CHN, USA]\n"),
        [Expected(f"raw/{POSITIONS}", HOLDERS, "holders[2]", "duplicate-item")],
    ),
    (
        "office of the actor itself",
        replace(DELEGATES, "      organisation: act-mfa-russia\n", "      organisation: act-igor-morgulov\n"),
        [Expected(f"raw/{DELEGATES}", MFA_RUSSIA, "offices[0].organisation", "office-not-of-a-body")],
    ),
    (
        "office of a person",
        replace(DELEGATES, "      organisation: act-mfa-russia\n", "      organisation: act-liu-jianchao\n"),
        [Expected(f"raw/{DELEGATES}", MFA_RUSSIA, "offices[0].organisation", "office-not-of-a-body")],
    ),
    (
        "topic id shaped like an actor id",
        write("topics/more.yaml", TOPIC.format(id="act-china")),
        [Expected("raw/topics/more.yaml", 1, "id", "reserved-prefix")],
    ),
    (
        "topic id shaped like a vote id",
        write("topics/more.yaml", TOPIC.format(id="vote-2017-unsc")),
        [Expected("raw/topics/more.yaml", 1, "id", "reserved-prefix")],
    ),
    (
        "integer beyond int32",
        replace(EVENTS, "  round: 1\n", "  round: 99999999999999999999\n"),
        [Expected(f"raw/{EVENTS}", ROUND, "round", "out-of-range")],
    ),
    (
        "integer just beyond int32",
        replace(EVENTS, "  round: 1\n", "  round: 2147483648\n"),
        [Expected(f"raw/{EVENTS}", ROUND, "round", "out-of-range")],
    ),
    (
        "free text too long",
        summary("x" * 4001),
        [Expected(f"raw/{EVENTS}", SUMMARY, "summary", "too-long")],
    ),
    (
        "other text too long",
        replace(EVENTS, "  date: 2015-04-23\n", f"  date: 2015-{'0' * 1996}\n"),
        [Expected(f"raw/{EVENTS}", DATE, "date", "too-long")],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), cases(INTEGRITY))
def test_integrity_rules(tmp_path: Path, built_data: Path, edit, expected):
    fails_on_a_copy(tmp_path, built_data, edit, expected)


@pytest.mark.parametrize("number", ["2147483648", "-2147483649", "99999999999999999999"])
def test_integer_beyond_the_column_under_check(tmp_path: Path, number: str):
    raw = _raw_copy(tmp_path)
    replace(EVENTS, "  round: 1\n", f"  round: {number}\n")(raw)
    status, stdout, stderr = compile_in_process(raw, tmp_path / "out", "--check")
    assert (status, stdout) == (1, "")
    assert stderr.splitlines()[0].startswith(f"raw/{EVENTS}:{ROUND}: round: {number} does not fit the column")
    assert "Traceback" not in stderr


# --- class 7: pathological sizes -----------------------------------------------------------------


@pytest.mark.parametrize(("quote_kb", "text_kb"), [(40, 80), (8, 80), (2, 2000), (40, 8)])
def test_closest_passage_hint_is_bounded(quote_kb: int, text_kb: int):
    from pipeline.checks import _near_miss

    text = ("the delegations discussed the situation on the peninsula " * (text_kb * 1024 // 57 + 1))[: text_kb * 1024]
    quote = text[100 : 100 + quote_kb * 1024 // 2] + "X" + text[200 : 200 + quote_kb * 1024 // 2]
    started = time.perf_counter()
    message = _near_miss(quote, text, "src-x")
    assert time.perf_counter() - started < 2
    assert message.startswith("not found in the archived text of src-x; the closest passage matches ")


LOOPS = [
    ("link to itself", lambda topics: os.symlink("self.yaml", topics / "self.yaml"), ["self.yaml"]),
    (
        "two links to each other",
        lambda topics: (os.symlink("b.yaml", topics / "a.yaml"), os.symlink("a.yaml", topics / "b.yaml")),
        ["a.yaml", "b.yaml"],
    ),
    (
        "link through a looping folder link",
        lambda topics: (os.symlink("loop", topics / "loop"), os.symlink("loop/x.yaml", topics / "x.yaml")),
        ["loop", "x.yaml"],
    ),
]


@pytest.mark.parametrize(("make", "names"), [pytest.param(m, n, id=i) for i, m, n in LOOPS])
def test_symlink_loop_in_raw_is_located(tmp_path: Path, built_data: Path, make, names: list[str]):
    raw = _raw_copy(tmp_path)
    make(raw / "topics")
    out = tmp_path / "site" / "data"
    import shutil

    shutil.copytree(built_data, out)
    before = snapshot(out)
    started = time.perf_counter()
    _fails_with(
        raw,
        out,
        [Expected(f"raw/topics/{name}", 1, "(file)", "bad-link") for name in names],
    )
    assert time.perf_counter() - started < 10
    assert snapshot(out) == before


def test_every_code_is_produced_by_a_case():
    """Each registered code is asserted by at least one case here or in test_bad_input, so the
    registry holds no code that no mistake in raw/ gives, and no case names an unregistered one."""
    tables = [CASES, EVIDENCE, HYGIENE, INTEGRITY]
    produced = {expected.code for table in tables for _, _, problems in table for expected in problems}
    assert sorted(produced) == sorted(CODES)


def test_a_problem_with_an_unregistered_code_cannot_be_made():
    with pytest.raises(ValueError, match="'dangling-refrence' is not registered"):
        Problem("raw/events/x.yaml", 1, "event", "dangling-refrence", "'ev-x' is not the id of any record in events")
