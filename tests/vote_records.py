"""Raw YAML for a made-up Security Council vote on 30 November 2016, citing the adoption of
resolution 2321 as archived in raw/: an event and its members' votes, for tests to break or build."""

from __future__ import annotations

SOURCE = "src-usembassy-seoul-2016-11-30-res-2321"
QUOTE = "Resolution 2321 (2016), adopted unanimously by the UN Security Council on November 30, 2016"
EVENT_ID = "ev-2016-11-30-test-vote"


def event(kind: str = "unsc_draft_not_adopted", extra: str = "") -> str:
    """The vote's event of ``kind``; ``extra`` lines go before its citations."""
    return f"""\
- id: {EVENT_ID}
  kind: {kind}
  title: A vote
  date: 2016-11-30
  participants:
    - actor: act-unsc
  topics: [un-security-council]
  summary: A vote.
  document: S/2016/999
  meeting_record: S/PV.7821
{extra}  citations:
    - source_id: {SOURCE}
      quote: {QUOTE}
"""


def vote(state: str, cast: str, event: str = EVENT_ID, again: bool = False) -> str:
    """A raw vote of ``state`` on ``event`` (a second one of ``state`` if ``again``)."""
    return (
        f"- id: vote-2016-11-30-test-{state.lower()}{'-again' if again else ''}\n  event: {event}\n"
        f"  state: {state}\n  vote: {cast}\n  citations:\n    - source_id: {SOURCE}\n      quote: {QUOTE}\n"
    )


def votes(casts: dict[str, str], event: str = EVENT_ID) -> str:
    """One raw vote per state of ``casts``."""
    return "".join(vote(state, cast, event) for state, cast in casts.items())
