"""Security Council votes: the values a vote row takes from its event and from the other votes.

A vote row is written with only its event, state and vote; the build fills in the day and the
document from the event, and whether the vote was a veto, which needs every vote on the draft: a
permanent member's vote against a draft with nine or more votes in favour (UN Charter, Art. 27(3)).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sino_russia_data.models import UNSC_VOTE_KINDS, Event, Vote

from .problems import Problem
from .records import Entry

#: Members of the Security Council, and the affirmative votes a decision needs (Art. 23, 27).
MEMBERS = 15
NEEDED = 9


def from_event(fields: dict[str, Any], events: dict[str, Event]) -> dict[str, Any]:
    """``fields`` of a raw vote with the values it takes from its event (if that event is valid).

    ``veto`` starts False and is settled by :func:`settle_vetoes` once every vote has been read."""
    event = events.get(fields.get("event")) if isinstance(fields.get("event"), str) else None
    if event is None:
        return fields
    return {
        **fields,
        "date": event.date,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "document": event.document,
        "veto": False,
    }


def settle_vetoes(entries: list[Entry]) -> list[Entry]:
    """The vote entries with ``veto`` set from the count of votes in favour on their draft."""
    in_favour = Counter(e.record.event for e in entries if e.record.vote == "in_favour")
    settled = []
    for entry in entries:
        vote: Vote = entry.record
        veto = vote.permanent_member and vote.vote == "against" and in_favour[vote.event] >= NEEDED
        settled.append(Entry(vote.model_copy(update={"veto": veto}), entry.origin, entry.loc) if veto else entry)
    return settled


def check(entries: Iterable[Entry], events: dict[str, Event]) -> list[Problem]:
    """Each vote on a vote event, one vote per member, at most fifteen, and an outcome the votes allow."""
    problems = []
    by_event: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        vote: Vote = entry.record
        event = events.get(vote.event)
        if event is None:
            continue  # dangling or invalid: reported by the reference check or on the event itself
        if event.kind not in UNSC_VOTE_KINDS:
            problems.append(
                entry.problem(
                    ("event",),
                    "not-a-vote-event",
                    f"{event.id} is a {event.kind!r} event; votes belong to "
                    f"{' or '.join(map(repr, UNSC_VOTE_KINDS))} events",
                )
            )
            continue
        earlier = next((e for e in by_event[vote.event] if e.record.state == vote.state), None)
        if earlier is not None:
            line = earlier.origin.line((*earlier.loc, "state"))
            problems.append(
                entry.problem(
                    ("state",),
                    "duplicate-vote",
                    f"{vote.state} already has a vote on {vote.event} "
                    f"({earlier.record.id}, {earlier.origin.file}:{line})",
                )
            )
            continue
        by_event[vote.event].append(entry)
    for event_id, votes in by_event.items():
        problems += _outcome_agrees(events[event_id], votes)
    return problems


def _outcome_agrees(event: Event, votes: list[Entry]) -> list[Problem]:
    last = votes[-1]
    if len(votes) > MEMBERS:
        too_many = f"{event.id} has {len(votes)} votes; the Council has {MEMBERS} members"
        return [last.problem(("event",), "votes-contradict-event", too_many)]
    cast = Counter(e.record.vote for e in votes)
    vetoed = any(e.record.permanent_member and e.record.vote == "against" for e in votes)
    if event.outcome == "adopted" and (vetoed or len(votes) == MEMBERS and cast["in_favour"] < NEEDED):
        why = "a permanent member voted against" if vetoed else f"only {cast['in_favour']} of {MEMBERS} voted in favour"
        return [last.problem(("vote",), "votes-contradict-event", f"{event.id} is recorded as adopted, but {why}")]
    if event.outcome == "not_adopted" and len(votes) == MEMBERS and cast["in_favour"] >= NEEDED and not vetoed:
        return [
            last.problem(
                ("vote",),
                "votes-contradict-event",
                f"{event.id} is recorded as not adopted, but {cast['in_favour']} voted in "
                "favour and no permanent member against",
            )
        ]
    return []
