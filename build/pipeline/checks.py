"""Checks across records: unique ids, references that resolve, quotes found in their sources,
offices held on the date, and no dates in the future. Each check is indexed (dict or set look-ups),
so the build stays linear in the number of records."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Container, Iterable
from functools import cache

from sino_russia_data.columns import references
from sino_russia_data.models import Actor, Citation, Event, Source, Statement

from .problems import Problem
from .records import Entry

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})
_SPACE = re.compile(r"\s+")
#: Format characters (soft hyphen, zero-width space and joiners, bidi marks, BOM): invisible, and
#: ignored when a quote is looked for in its source.
_FORMAT = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
#: A quote (and a statement's text) must be a real passage: at least this many characters once
#: whitespace runs count as one space, or ``MIN_CJK_PASSAGE`` where most of it is Chinese, Japanese or Korean.
MIN_PASSAGE, MIN_CJK_PASSAGE = 20, 6
#: Above this many characters of quote × text, the closest-passage hint is found by bisection
#: instead of difflib (a 40 kB quote against an 80 kB text took 29 s).
NEAR_MISS_BUDGET = 2_000_000


@cache
def normalise(text: str) -> str:
    """Compose to NFC, drop format characters, fold typographic quotes to ASCII and runs of
    whitespace to one space: a quote differing from its source only in these is found.

    Cached without bound: every quote is normalised twice (found, duplicated), and a bounded cache
    smaller than the number of quotes misses every time."""
    normal = unicodedata.normalize("NFC", _FORMAT.sub("", text))
    normal = _SPACE.sub(" ", normal.translate(_QUOTES)).strip()
    return text if normal == text else normal  # most quotes are normal already: no second copy of them


def _cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK", "HANGUL", "HIRAGANA", "KATAKANA"))


def too_short(passage: str, what: str = "a passage that proves something") -> str | None:
    """Why a normalised quote is too short to prove anything, or None."""
    if len(passage) >= MIN_PASSAGE:  # long enough in any script
        return None
    letters = passage.replace(" ", "")
    cjk = sum(map(_cjk, letters)) * 2 >= len(letters) > 0
    least = MIN_CJK_PASSAGE if cjk else MIN_PASSAGE
    if len(passage) < least:
        script = " (Chinese, Japanese or Korean)" if cjk else f" ({MIN_CJK_PASSAGE} for Chinese, Japanese or Korean)"
        return f"is {len(passage)} characters; {what} has at least {least}{script}: copy the whole sentence or clause"
    return None


def unique_ids(entries: Iterable[Entry]) -> list[Problem]:
    first: dict[str, Entry] = {}
    problems = []
    for entry in entries:
        rid = entry.record.id
        if rid in first:
            where = first[rid]
            first_line = where.origin.line((*where.loc, "id"))
            problems.append(
                entry.problem(
                    ("id",), "duplicate-id", f"duplicate id {rid!r} (first at {where.origin.file}:{first_line})"
                )
            )
        else:
            first[rid] = entry
    return problems


def resolve_references(
    entries: Iterable[Entry], ids: dict[str, set[str]], unknown: Container[str] = ()
) -> list[Problem]:
    """References to ids not in ``ids``; tables in ``unknown`` (a file could not be read) are not judged."""
    problems = []
    for entry in entries:
        for loc, table, value in references(entry.record):
            if table not in unknown and value not in ids[table]:
                problems.append(
                    entry.problem(loc, "dangling-reference", f"{value!r} is not the id of any record in {table}")
                )
    return problems


def quotes_found(citations: Iterable[Entry], texts: dict[str, str]) -> list[Problem]:
    problems = []
    for entry in citations:
        citation: Citation = entry.record
        text = texts.get(citation.source_id)
        if text is None:
            continue  # a dangling source_id is reported by resolve_references
        quote = normalise(citation.quote)
        short = too_short(quote) if quote else None
        if not quote:  # blank: found in any text, so it would prove nothing
            problems.append(
                entry.problem(("quote",), "blank-value", "is blank; copy the passage that supports the record")
            )
        elif short:
            problems.append(entry.problem(("quote",), "passage-too-short", short))
        elif quote not in text:
            problems.append(
                entry.problem(("quote",), "quote-not-in-source", _near_miss(quote, text, citation.source_id))
            )
    return problems


def _cited_sources(citations: Iterable[Entry]) -> dict[str, set[str]]:
    cited: dict[str, set[str]] = {}
    for entry in citations:
        cited.setdefault(entry.record.record_id, set()).add(entry.record.source_id)
    return cited


def statement_passages_found(
    statements: Iterable[Entry], citations: Iterable[Entry], texts: dict[str, str]
) -> list[Problem]:
    """A statement's text must stand verbatim in one of the sources it cites, so every row leads
    back to the words as published; so must an English rendering said to come from a cited source."""
    cited = _cited_sources(citations)
    problems = []
    for entry in statements:
        statement: Statement = entry.record
        sources = sorted(cited.get(statement.id, ()))
        fields = ("text", "text_en") if statement.text_en_origin == "cited_source" else ("text",)
        for field in fields:
            passage = normalise(getattr(statement, field))
            short = too_short(passage, f"a statement's {field}, a passage of its source,")
            if short:  # a blank or one-word text "is found" in every source
                problems.append(entry.problem((field,), "passage-too-short", short))
            elif sources and not any(passage in texts.get(source, "") for source in sources):
                missing = f"not found verbatim in any source it cites ({', '.join(sources)})"
                problems.append(entry.problem((field,), "quote-not-in-source", missing))
    return problems


def _near_miss(quote: str, text: str, source_id: str) -> str:
    """Where the quote parts from the closest passage of the text, so the typo can be seen."""
    if len(quote) * len(text) <= NEAR_MISS_BUDGET:
        matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
        match = matcher.find_longest_match(0, len(text), 0, len(quote))
    else:
        match = _longest_end_match(quote, text)
    if match.size == 0:
        return f"not found in the archived text of {source_id}"
    if match.b + match.size < len(quote):  # the quote parts from the text after the match
        at_text, at_quote = match.a + match.size, match.b + match.size
        shown_quote, shown_text = (
            quote[max(0, at_quote - 20) : at_quote + 10],
            text[max(0, at_text - 20) : at_text + 10],
        )
    else:  # the match runs to the quote's end, so they part before it
        shown_quote, shown_text = quote[max(0, match.b - 10) : match.b + 20], text[max(0, match.a - 10) : match.a + 20]
    return (
        f"not found in the archived text of {source_id}; the closest passage matches {match.size} of {len(quote)} "
        f"characters in a row: the quote has {shown_quote!r} where the text has {shown_text!r}; copy the passage exactly"
    )


def _longest_end_match(quote: str, text: str) -> difflib.Match:
    """The longer of the quote's longest beginning and longest end found in the text, by bisection
    on the length (each look-up is one linear-time ``str.find``): bounded where difflib is not."""

    def longest(found: Callable[[int], int]) -> tuple[int, int]:
        low, high, at = 0, len(quote), 0
        while low < high:
            middle = (low + high + 1) // 2
            where = found(middle)
            if where >= 0:
                low, at = middle, where
            else:
                high = middle - 1
        return low, at

    head, head_at = longest(lambda n: text.find(quote[:n]))
    tail, tail_at = longest(lambda n: text.find(quote[len(quote) - n :]))
    if head >= tail:
        return difflib.Match(head_at, 0, head)
    return difflib.Match(tail_at, len(quote) - tail, tail)


def offices_at_bodies(actors: Iterable[Entry], types: dict[str, str]) -> list[Problem]:
    """An office belongs to another body: not to the actor itself, nor to a person."""
    problems = []
    for entry in actors:
        actor: Actor = entry.record
        for index, office in enumerate(actor.offices):
            loc = ("offices", index, "organisation")
            if office.organisation == actor.id:
                problems.append(
                    entry.problem(
                        loc,
                        "office-not-of-a-body",
                        f"{actor.id!r} is the actor itself; an office belongs to another "
                        "body (a state or organisation)",
                    )
                )
            elif types.get(office.organisation) == "person":
                problems.append(
                    entry.problem(
                        loc,
                        "office-not-of-a-body",
                        f"{office.organisation!r} is a person; an office belongs to a state or organisation",
                    )
                )
    return problems


def _covers(office_start: dt.date | None, office_end: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return (office_start is None or office_start <= start) and (office_end is None or end <= office_end)


def offices_held(entries: Iterable[Entry], actors: dict[str, Actor]) -> list[Problem]:
    """A participant's office, or a speaker's, must be one the actor held on the whole date range.

    Terms are read at their widest (first possible day to last possible day), so a term known only
    to a month can cover an event in that month.
    """
    problems = []
    for entry in entries:
        record = entry.record
        if isinstance(record, Event):
            claims = [(("participants", i, "office"), p.actor, p.office) for i, p in enumerate(record.participants)]
        elif isinstance(record, Statement):
            claims = [(("speaker_office",), record.speaker, record.speaker_office)]
        else:
            continue
        for loc, actor_id, title in claims:
            actor = actors.get(actor_id)
            if title is None or actor is None:
                continue
            held = [o for o in actor.offices if o.title == title]
            if not any(_covers(o.term_start, o.term_end, record.date_start, record.date_end) for o in held):
                terms = "; ".join(f"{o.title!r} {o.term}" for o in actor.offices) or "none recorded"
                when = record.date
                not_held = f"{actor_id} did not hold {title!r} throughout {when} (offices: {terms})"
                problems.append(entry.problem(loc, "office-not-held", not_held))
    return problems


def statements_at_their_events(statements: Iterable[Entry], events: dict[str, Event]) -> list[Problem]:
    problems = []
    for entry in statements:
        statement: Statement = entry.record
        event = events.get(statement.event) if statement.event else None
        if event and (statement.date_end < event.date_start or event.date_end < statement.date_start):
            outside = f"{statement.date} does not overlap the date {event.date} of {event.id}"
            problems.append(entry.problem(("date",), "date-outside-event", outside))
    return problems


def not_in_future(entries: Iterable[Entry], today: dt.date) -> list[Problem]:
    problems = []
    for entry in entries:
        record = entry.record
        dated = [(("date",), getattr(record, "date_start", None))]
        if isinstance(record, Source):
            dated = [(("published",), record.published_start)]
        if isinstance(record, Actor):
            dated = [(("offices", i, "term"), o.term_start) for i, o in enumerate(record.offices)]
        for loc, start in dated:
            if start is not None and start > today:
                problems.append(
                    entry.problem(loc, "future-date", f"starts on {start}, after today ({today}); no future dates")
                )
    return problems


def duplicate_citations(citations: Iterable[Entry]) -> list[Problem]:
    seen: set[tuple[str, str, str]] = set()
    problems = []
    for entry in citations:
        c: Citation = entry.record
        key = (c.record_id, c.source_id, normalise(c.quote))
        if key in seen:
            problems.append(
                entry.problem(
                    ("quote",), "duplicate-citation", f"{c.record_id} already cites this quote from {c.source_id}"
                )
            )
        seen.add(key)
    return problems


def topic_cycles(topics: Iterable[Entry]) -> list[Problem]:
    """Topics must form a hierarchy: following ``broader`` from any topic ends at a top-level one.

    A cycle is reported once, at the topic of the cycle written first, naming the whole loop."""
    entries = list(topics)
    up = {e.record.id: e.record.broader for e in entries}
    reported: set[str] = set()
    problems = []
    for entry in entries:
        path = [entry.record.id]
        while (above := up.get(path[-1])) is not None and above not in path:
            path.append(above)
        if above is None or above != entry.record.id or set(path) & reported:
            continue  # reaches the top, or the loop is reached from outside it (reported at a member)
        reported.update(path)
        loop = " → ".join([*path, entry.record.id])
        problems.append(
            entry.problem(("broader",), "topic-cycle", f"{loop} is a cycle; a topic cannot fall under itself")
        )
    return problems
