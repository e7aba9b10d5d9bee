"""The README's coverage section, generated from the built tables so it cannot drift from the data.

"Independent origins" counts sources, not documents: sources sharing an author count once (the two
Hammond op-eds are one author's claims published twice), and unsigned sources of one publisher
count once (several TASS reports are one origin).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyarrow as pa
from pipeline.summary import date_table, statistics

from sino_russia_data.vocabularies import EVENT_KINDS

FILE = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"
OVERVIEW = ("<!-- overview:start -->", "<!-- overview:end -->")
TABLES = ("<!-- tables:start -->", "<!-- tables:end -->")
#: Event kinds that are contacts between officials: neither context by third parties (their
#: definitions say "Context:") nor published texts.
CONTACT_KINDS = tuple(
    kind for kind, text in EVENT_KINDS.items() if not text.startswith("Context:") and kind != "joint_statement"
)


def _origins(sources: list[dict]) -> int:
    """Sources grouped so that any shared author or, for unsigned ones, the same publisher joins them."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for source in sources:
        keys = [f"author:{a}" for a in source["authors"]] or [f"publisher:{source['publisher']}"]
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
        find(keys[0])
    return len({find(key) for key in parent})


def render(tables: dict[str, pa.Table]) -> str:
    """The coverage section's body: rows per table, events per kind, date forms and precision,
    sources and languages."""
    stats = statistics(tables)
    lines = ["| table | rows |", "|---|---:|"]
    lines += [f"| `{name}` | {rows} |" for name, rows in stats.rows.items()]
    lines += ["", "| event kind | events |", "|---|---:|"]
    lines += [f"| `{kind}` | {count} |" for kind, count in stats.event_kinds]
    lines += ["", *date_table(stats)]
    sources = tables["sources"].to_pylist()
    languages = Counter(s["language"] for s in sources)
    lines += [
        "",
        f"Sources: {len(sources)} documents from {_origins(sources)} independent origins (sources sharing an "
        "author, or unsigned sources of one publisher, count once); languages: "
        + ", ".join(f"{lang} {n}" for lang, n in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0])))
        + ".",
        f"Events span {stats.event_years[0]}–{stats.event_years[1]}." if stats.event_years else "No events yet.",
    ]
    return "\n".join(lines)


def _between(person_a: str, person_b: str, events: list[dict]) -> int:
    return sum(1 for e in events if {person_a, person_b} <= {p["actor"] for p in e["participants"]})


def overview(tables: dict[str, pa.Table]) -> str:
    """The README's opening paragraph and events-by-year table: what the data hold, in numbers,
    computed from the tables so the first thing a reader sees cannot overstate them."""
    stats = statistics(tables)
    events = tables["events"].to_pylist()
    countries = dict(zip(tables["actors"].column("id").to_pylist(), tables["actors"].column("country").to_pylist()))
    contacts = [  # China–Russia contacts: a contact with a Chinese and a Russian participant
        e
        for e in events
        if e["kind"] in CONTACT_KINDS and {"CHN", "RUS"} <= {countries.get(p["actor"]) for p in e["participants"]}
    ]
    joint = sum(e["kind"] == "joint_statement" for e in events)
    votes = tables["votes"].to_pylist()
    decisions = len({v["event"] for v in votes})
    speakers = len(set(tables["statements"].column("speaker").to_pylist()))
    languages = len(set(tables["sources"].column("language").to_pylist()))
    first, last = stats.event_years or (0, 0)
    paragraph = (
        f"**{stats.rows['events']} events, {first}–{last}:** {len(contacts)} contacts between Chinese and Russian officials "
        f"(among them {_between('act-xi-jinping', 'act-vladimir-putin', contacts)} meetings and calls of Xi Jinping "
        f"and Vladimir Putin and {_between('act-wang-yi', 'act-sergey-lavrov', contacts)} of Wang Yi and Sergey "
        f"Lavrov), {joint} joint statements and agreements, and {len(events) - len(contacts) - joint} other events "
        f"(North Korean tests, THAAD milestones, Security Council decisions, Kim Jong Un's summits); **{stats.rows['statements']} statements** by "
        f"{speakers} speakers, each in the language printed with an English rendering; "
        f"**{stats.rows['votes']} Security Council votes** on {decisions} decisions on North Korea; "
        f"{stats.rows['positions']} named policy positions; all resting on **{stats.rows['citations']} "
        f"verbatim quotes** from {stats.rows['sources']} sources in {languages} languages."
    )
    years = range(first, last + 1)
    kinds = [k for k, _ in stats.event_kinds]
    counts = Counter((e["kind"], e["date_start"].year) for e in events)
    table = ["| kind | " + " | ".join(f"{y % 100:02d}" for y in years) + " |", "|---|" + "---:|" * len(years)]
    for kind in kinds:
        table.append(f"| `{kind}` | " + " | ".join(str(counts[kind, y] or "·") for y in years) + " |")
    return "\n".join(
        [
            paragraph,
            "",
            f"Events by kind and year of their first possible day (20{first % 100:02d}–20{last % 100:02d}):",
            "",
            *table,
        ]
    )


def splice(readme: str, body: str, markers: tuple[str, str] = (START, END)) -> str:
    """``readme`` with the text between ``markers`` (default: the coverage markers) replaced by ``body``."""
    start, end = markers
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(readme):
        raise ValueError(f"README.md has no {start} … {end} markers")
    return pattern.sub(lambda _: f"{start}\n{body}\n{end}", readme)


def readme(text: str, tables: dict[str, pa.Table]) -> str:
    """README.md with its generated overview, table of tables and coverage sections current."""
    from .codebook import readme_tables

    return splice(splice(splice(text, render(tables)), overview(tables), OVERVIEW), readme_tables(), TABLES)
