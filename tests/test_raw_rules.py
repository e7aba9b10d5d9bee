"""Issue 17, classes 2–4 and 7 (raw/ side): evidence that proves something, text hygiene, integrity
rules the schema lacks, and pathological sizes. Each input is a small edit to a copy of the real
raw/; each gives the exact located one-line problem, and the output folder is left as it was.
"""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest
from buildrun import compile_in_process, snapshot
from test_bad_input import EVENTS, _fails_with, _raw_copy, line, replace, write

DELEGATES = "actors/consultation-delegates.yaml"
STATEMENTS = "statements/founding.yaml"
POSITIONS = "positions/founding.yaml"
TOPICS = "topics/topics.yaml"
FOUNDING_EVENTS = "events/founding-2017.yaml"
QUOTE = (
    "      quote: Since April 2015, when the “First Consultation on Northeast Asian Security” was held in Shanghai\n"
)
QUOTE_LINE = line(EVENTS, QUOTE.rstrip("\n"))
ROUND_1_TITLE = "  title: First China–Russia Consultation on Northeast Asian Security\n"
CJK_QUOTE = "      quote: 外交部副部长罗照辉\n"
CJK_LINE = line(DELEGATES, CJK_QUOTE.rstrip("\n"))
ST_TEXT = "  text: 사드는 북한보다는 중국을 염두에 둔 무기라는 인식을 갖고 있다\n"
ST_LINE = line(STATEMENTS, ST_TEXT.rstrip("\n"))
TITLE = line(EVENTS, "  title: First China–Russia Consultation")
SUMMARY = line(EVENTS, "  summary: ")
CITY = line(EVENTS, "  city: Shanghai")
DATE = line(EVENTS, "  date: 2015-04-23")
PARTICIPANT = line(EVENTS, "    - actor: act-liu-jianchao")
TOPICS_LINE = line(EVENTS, "  topics: [northeast-asia-security, china-russia-relations]")
ROUND = line(EVENTS, "  round: 1")
MORGULOV_NAME = line(DELEGATES, "  name: Igor Morgulov")
MFA_RUSSIA = line(DELEGATES, "      organisation: act-mfa-russia")
HOLDERS = line(POSITIONS, "  holders: [USA]")
COUNTRY = line(EVENTS, "  country: CHN")
TOPIC = "- id: {id}\n  label: A topic\n  definition: Records about something.\n"

Case = tuple[str, object, list[str]]


SUMMARY_TEXT = (
    "  summary: >-\n"
    "    First round of the vice-ministerial consultation on Northeast Asian security, co-chaired by\n"
    "    Liu Jianchao and Igor Morgulov with foreign, defence and security officials of both countries.\n"
)


def summary(text: str):
    """Replace the first event's summary with ``text`` (YAML as written)."""
    return replace(EVENTS, SUMMARY_TEXT, f"  summary: {text}\n")


def cases(table: list[Case]) -> list:
    return [pytest.param(edit, expected, id=name) for name, edit, expected in table]


EVIDENCE: list[Case] = [
    (
        "one-character quote",
        replace(EVENTS, QUOTE, "      quote: S\n"),
        [
            f"raw/{EVENTS}:{QUOTE_LINE}: citations[0].quote: is 1 characters; a passage that proves something has at "
            "least 20 (6 for Chinese, Japanese or Korean): copy the whole sentence or clause"
        ],
    ),
    (
        "one-word quote",
        replace(EVENTS, QUOTE, "      quote: Shanghai\n"),
        [
            f"raw/{EVENTS}:{QUOTE_LINE}: citations[0].quote: is 8 characters; a passage that proves something has at "
            "least 20 (6 for Chinese, Japanese or Korean): copy the whole sentence or clause"
        ],
    ),
    (
        "spaces do not lengthen a quote",
        replace(EVENTS, QUOTE, "      quote: 'Since     April          2015'\n"),
        [
            f"raw/{EVENTS}:{QUOTE_LINE}: citations[0].quote: is 16 characters; a passage that proves something has at "
            "least 20 (6 for Chinese, Japanese or Korean): copy the whole sentence or clause"
        ],
    ),
    (
        "short CJK quote",
        replace(DELEGATES, CJK_QUOTE, "      quote: 罗照辉\n"),
        [
            f"raw/{DELEGATES}:{CJK_LINE}: citations[2].quote: is 3 characters; a passage that proves something has at "
            "least 6 (Chinese, Japanese or Korean): copy the whole sentence or clause"
        ],
    ),
    (
        "zero-width-only quote",
        replace(EVENTS, QUOTE, '      quote: "\\u200b\\u200b\\u200b"\n'),
        [
            f"raw/{EVENTS}:{QUOTE_LINE}: citations[0].quote: has the invisible U+200B ZERO WIDTH SPACE at character 1; "
            "delete it"
        ],
    ),
    (
        "blank statement text",
        replace(STATEMENTS, ST_TEXT, "  text: '   '\n"),
        [
            f"raw/{STATEMENTS}:{ST_LINE}: text: is blank (only spaces or invisible characters); write the value, or "
            "leave out a field that may be empty"
        ],
    ),
    (
        "statement text of one word",
        replace(STATEMENTS, ST_TEXT, "  text: 사드\n"),
        [
            f"raw/{STATEMENTS}:{ST_LINE}: text: is 2 characters; a statement's text, a passage of its source, has at least "
            "6 (Chinese, Japanese or Korean): copy the whole sentence or clause"
        ],
    ),
    (
        "blank summary",
        summary("'  '"),
        [
            f"raw/{EVENTS}:{SUMMARY}: summary: is blank (only spaces or invisible characters); write the value, or "
            "leave out a field that may be empty"
        ],
    ),
    (
        "invisible-only title",
        replace(
            EVENTS, "  title: First China–Russia Consultation on Northeast Asian Security\n", '  title: "\\u2060"\n'
        ),
        [f"raw/{EVENTS}:{TITLE}: title: has the invisible U+2060 WORD JOINER at character 1; delete it"],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), cases(EVIDENCE))
def test_evidence_must_prove_something(tmp_path: Path, built_data: Path, edit, expected):
    _run(tmp_path, built_data, edit, expected)


HYGIENE: list[Case] = [
    (
        "ESC in a name",
        replace(DELEGATES, "  name: Igor Morgulov\n", '  name: "Igor \\e[31mMorgulov"\n'),
        [f"raw/{DELEGATES}:{MORGULOV_NAME}: name: has the invisible U+001B ESCAPE at character 6; delete it"],
    ),
    (
        "BEL in a title",
        replace(EVENTS, ROUND_1_TITLE, '  title: "\\aFirst China"\n'),
        [f"raw/{EVENTS}:{TITLE}: title: has the invisible U+0007 BELL at character 1; delete it"],
    ),
    (
        "NUL in a summary",
        summary('"The first round\\0 was held."'),
        [f"raw/{EVENTS}:{SUMMARY}: summary: has the invisible U+0000 NULL at character 16; delete it"],
    ),
    (
        "bidi override in a city",
        replace(EVENTS, "  city: Shanghai\n", '  city: "Shang\\u202Eiahg"\n'),
        [f"raw/{EVENTS}:{CITY}: city: has the invisible U+202E RIGHT-TO-LEFT OVERRIDE at character 6; delete it"],
    ),
    (
        "bidi isolate in a quote",
        replace(EVENTS, QUOTE, QUOTE.replace("Since", "\u2066Since")),
        [
            f"raw/{EVENTS}:{QUOTE_LINE}: citations[0].quote: has the invisible U+2066 LEFT-TO-RIGHT ISOLATE at "
            "character 1; delete it"
        ],
    ),
    (
        "zero-width space in a reference",
        replace(EVENTS, "    - actor: act-liu-jianchao\n", '    - actor: "act-liu-\\u200bjianchao"\n'),
        [
            f"raw/{EVENTS}:{PARTICIPANT}: participants[0].actor: has the invisible U+200B ZERO WIDTH SPACE at "
            "character 9; delete it"
        ],
    ),
    (
        "zero-width joiner between Latin letters",
        replace(DELEGATES, "  name: Igor Morgulov\n", '  name: "Igor Mor\\u200dgulov"\n'),
        [
            f"raw/{DELEGATES}:{MORGULOV_NAME}: name: has the invisible U+200D ZERO WIDTH JOINER at character 9; it is "
            "allowed only between two letters of a script that joins them (Persian, Arabic, Devanagari, …); delete it"
        ],
    ),
    (
        "byte-order mark inside a title",
        replace(EVENTS, ROUND_1_TITLE, '  title: "First\\uFEFF China"\n'),
        [f"raw/{EVENTS}:{TITLE}: title: has the invisible U+FEFF ZERO WIDTH NO-BREAK SPACE at character 6; delete it"],
    ),
    (
        "full-width digits in a date",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: ２０１５-04-23\n"),
        [
            f"raw/{EVENTS}:{DATE}: date: has the non-ASCII character '２' (U+FF12 FULLWIDTH DIGIT TWO), which looks like "
            "'2'; dates are written with the digits 0-9"
        ],
    ),
    (
        "Arabic-Indic digits in a date",
        replace(EVENTS, "  date: 2015-04-23\n", "  date: ٢٠١٥-04-23\n"),
        [
            f"raw/{EVENTS}:{DATE}: date: has the non-ASCII character '٢' (U+0662 ARABIC-INDIC DIGIT TWO); dates are "
            "written with the digits 0-9"
        ],
    ),
    (
        "Cyrillic look-alike in an id",
        replace(EVENTS, "    - actor: act-liu-jianchao\n", "    - actor: act-liu-jianchаo\n"),
        [
            f"raw/{EVENTS}:{PARTICIPANT}: participants[0].actor: has the non-ASCII character 'а' (U+0430 CYRILLIC SMALL "
            "LETTER A), which looks like 'a'; ids and codes are written in ASCII"
        ],
    ),
    (
        "Cyrillic look-alike in a country code",
        replace(EVENTS, "  country: CHN\n", "  country: СHN\n"),
        [
            f"raw/{EVENTS}:{COUNTRY}: country: has the non-ASCII character 'С' (U+0421 CYRILLIC CAPITAL LETTER ES), "
            "which looks like 'C'; ids and codes are written in ASCII"
        ],
    ),
    (
        "Greek look-alike in a topic id",
        write("topics/greek.yaml", TOPIC.format(id="thaad-ο")),
        [
            "raw/topics/greek.yaml:1: id: has the non-ASCII character 'ο' (U+03BF GREEK SMALL LETTER OMICRON), which "
            "looks like 'o'; ids and codes are written in ASCII"
        ],
    ),
    (
        "newline in a file name cannot forge a line",
        write("topics/x\nraw/topics/y.yaml:1: id: forged.yaml", "- id: x\n"),
        [
            "raw/topics/x\\nraw/topics/y.yaml:1: id: forged.yaml:1: (file): unexpected file; records go in "
            "raw/<table>/*.yaml (tables: topics, sources, actors, events, statements, positions, votes), source texts in "
            "raw/sources/texts/<id>.txt"
        ],
    ),
    (
        "newline in a record file name",
        write("topics/a\nraw:1: id: forged.yaml", "- id: x\n"),
        [
            "raw/topics/a\\nraw:1: id: forged.yaml:1: definition: Field required",
            "raw/topics/a\\nraw:1: id: forged.yaml:1: label: Field required",
        ],
    ),
    (
        "newline in a value cannot forge a line",
        replace(DELEGATES, "  type: person\n", '  type: "human\\nraw/x.yaml:1: id: forged"\n'),
        [
            f"raw/{DELEGATES}:{line(DELEGATES, '  type: person')}: type: has the invisible U+000A LINE FEED at character 6; "
            "delete it"
        ],
    ),
    (
        "newline in an echoed value",
        replace(EVENTS, "  kind: vice_ministerial_consultation\n", '  kind: "summit\\u0085raw/x.yaml:1: id: forged"\n'),
        [f"raw/{EVENTS}:{TITLE - 1}: kind: has the invisible U+0085 control character at character 7; delete it"],
    ),
    (
        "long value echoed cut",
        replace(DELEGATES, "  type: person\n", f"  type: {'h' * 1500}\n"),
        [
            f"raw/{DELEGATES}:{line(DELEGATES, '  type: person')}: type: '{'h' * 79}…' is not in the vocabulary "
            "(sino_russia_data/vocabularies.py); use 'person', 'state' or 'organisation'"
        ],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), cases(HYGIENE))
def test_text_hygiene(tmp_path: Path, built_data: Path, edit, expected):
    _run(tmp_path, built_data, edit, expected)


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
        [
            f"raw/{EVENTS}:{PARTICIPANT + 2}: participants[1].actor: 'act-liu-jianchao' takes part twice (first at "
            "participants[0])"
        ],
    ),
    (
        "duplicate topic",
        replace(
            EVENTS,
            "  topics: [northeast-asia-security, china-russia-relations]",
            "  topics: [northeast-asia-security, northeast-asia-security]",
        ),
        [f"raw/{EVENTS}:{TOPICS_LINE}: topics[1]: 'northeast-asia-security' is listed twice (first at topics[0])"],
    ),
    (
        "duplicate holder",
        replace(POSITIONS, "  holders: [USA]\n", "  holders: [USA, CHN, USA]\n"),
        [f"raw/{POSITIONS}:{HOLDERS}: holders[2]: 'USA' is listed twice (first at holders[0])"],
    ),
    (
        "office of the actor itself",
        replace(DELEGATES, "      organisation: act-mfa-russia\n", "      organisation: act-igor-morgulov\n"),
        [
            f"raw/{DELEGATES}:{MFA_RUSSIA}: offices[0].organisation: 'act-igor-morgulov' is the actor itself; an office "
            "belongs to another body (a state or organisation)"
        ],
    ),
    (
        "office of a person",
        replace(DELEGATES, "      organisation: act-mfa-russia\n", "      organisation: act-liu-jianchao\n"),
        [
            f"raw/{DELEGATES}:{MFA_RUSSIA}: offices[0].organisation: 'act-liu-jianchao' is a person; an office belongs to "
            "a state or organisation"
        ],
    ),
    (
        "topic id shaped like an actor id",
        write("topics/more.yaml", TOPIC.format(id="act-china")),
        [
            "raw/topics/more.yaml:1: id: 'act-china' starts with 'act-', the prefix of another table's ids; topic ids are "
            "bare slugs"
        ],
    ),
    (
        "topic id shaped like a vote id",
        write("topics/more.yaml", TOPIC.format(id="vote-2017-unsc")),
        [
            "raw/topics/more.yaml:1: id: 'vote-2017-unsc' starts with 'vote-', the prefix of another table's ids; topic ids "
            "are bare slugs"
        ],
    ),
    (
        "integer beyond int32",
        replace(EVENTS, "  round: 1\n", "  round: 99999999999999999999\n"),
        [
            f"raw/{EVENTS}:{ROUND}: round: 99999999999999999999 does not fit the column (whole numbers from -2147483648 "
            "to 2147483647)"
        ],
    ),
    (
        "integer just beyond int32",
        replace(EVENTS, "  round: 1\n", "  round: 2147483648\n"),
        [
            f"raw/{EVENTS}:{ROUND}: round: 2147483648 does not fit the column (whole numbers from -2147483648 "
            "to 2147483647)"
        ],
    ),
    (
        "free text too long",
        summary("x" * 4001),
        [f"raw/{EVENTS}:{SUMMARY}: summary: is 4001 characters long; free text holds at most 4000"],
    ),
    (
        "other text too long",
        replace(EVENTS, "  date: 2015-04-23\n", f"  date: 2015-{'0' * 1996}\n"),
        [f"raw/{EVENTS}:{DATE}: date: is 2001 characters long; this field holds at most 2000"],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), cases(INTEGRITY))
def test_integrity_rules(tmp_path: Path, built_data: Path, edit, expected):
    _run(tmp_path, built_data, edit, expected)


@pytest.mark.parametrize("number", ["2147483648", "-2147483649", "99999999999999999999"])
def test_integer_beyond_the_column_under_check(tmp_path: Path, number: str):
    raw = _raw_copy(tmp_path)
    replace(EVENTS, "  round: 1\n", f"  round: {number}\n")(raw)
    status, stdout, stderr = compile_in_process(raw, tmp_path / "out", "--check")
    assert (status, stdout) == (1, "")
    assert stderr.splitlines()[0].startswith(f"raw/{EVENTS}:{ROUND}: round: {number} does not fit the column")
    assert "Traceback" not in stderr


def _run(tmp_path: Path, built_data: Path, edit, expected: list[str]) -> None:
    raw = _raw_copy(tmp_path)
    edit(raw)
    out = tmp_path / "site" / "data"
    import shutil

    shutil.copytree(built_data, out)
    _fails_with(raw, out, expected)


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
        [
            f"raw/topics/{name}:1: (file): is a link that loops back to itself; replace it with the file it should name"
            for name in names
        ],
    )
    assert time.perf_counter() - started < 10
    assert snapshot(out) == before
