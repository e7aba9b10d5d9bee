"""docs/timeline.svg: the events by kind over time, drawn from the built tables.

An event known to the day is a dot; one whose date is a span (a month, a year, an interval) is a bar
from ``date_start`` to ``date_end``, so a month-precision date is never drawn as if it were a day.
Kinds whose codebook definition starts "Context:" (events by third parties) are drawn in grey.

The SVG is deterministic for one matplotlib version (fixed ``svg.hashsalt``, no date in the metadata).
A comment in it records the SHA-256 of the data drawn and the matplotlib version, so the staleness
check compares bytes under the same matplotlib and the data fingerprint under any other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path

import pyarrow as pa

from sino_russia_data.vocabularies import EVENT_KINDS

FILE = Path(__file__).resolve().parents[2] / "docs" / "timeline.svg"
DRAWN = ("id", "kind", "date_start", "date_end", "date_precision")
_STAMP = re.compile(r"<!-- sino-russia-data timeline: data sha256 ([0-9a-f]{64}), matplotlib (\S+) -->")
CONTACT, CONTEXT = "#c0392b", "#7f8c8d"  # meetings, calls, statements; context events


def fingerprint(events: pa.Table) -> str:
    rows = sorted(events.select(list(DRAWN)).to_pylist(), key=lambda r: r["id"])
    return hashlib.sha256(json.dumps(rows, default=str, sort_keys=True).encode()).hexdigest()


def _context(kind: str) -> bool:
    return EVENT_KINDS.get(kind, "").startswith("Context:")


def render(tables: dict[str, pa.Table]) -> str:
    """The SVG text of the timeline of ``tables["events"]``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    events = tables["events"].to_pylist()
    present = {e["kind"] for e in events}
    kinds = [k for k in EVENT_KINDS if k in present] + sorted(present - set(EVENT_KINDS))
    row = {kind: len(kinds) - 1 - i for i, kind in enumerate(kinds)}  # first kind on top
    with plt.rc_context(
        {"svg.hashsalt": "sino-russia-data", "svg.fonttype": "none", "font.size": 9, "font.family": "DejaVu Sans"}
    ):
        figure, axes = plt.subplots(figsize=(10, 1.2 + 0.38 * max(len(kinds), 1)))
        for event in sorted(events, key=lambda e: (e["date_start"], e["id"])):
            colour = CONTEXT if _context(event["kind"]) else CONTACT
            y = row[event["kind"]]
            start, end = event["date_start"], event["date_end"]
            if start == end:
                axes.plot([mdates.date2num(start)], [y], "o", color=colour, markersize=5, alpha=0.85)
            else:
                left = mdates.date2num(start)
                width = mdates.date2num(end + dt.timedelta(days=1)) - left
                axes.barh(y, width, left=left, height=0.45, color=colour, alpha=0.45, edgecolor=colour, linewidth=0.8)
        axes.set_yticks(range(len(kinds)), [k.replace("_", " ") for k in reversed(kinds)])
        axes.set_ylim(-0.7, len(kinds) - 0.3)
        axes.xaxis.set_major_locator(mdates.YearLocator())
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        years = sorted({e["date_start"].year for e in events} | {e["date_end"].year for e in events})
        span = f"{years[0]}–{years[-1]}" if years else "no events"
        axes.set_title(f"Events by kind, {span} ({len(events)} events)", loc="left")
        axes.legend(
            handles=[
                Line2D([], [], marker="o", linestyle="", color=CONTACT, label="event known to the day"),
                Patch(
                    facecolor=CONTACT, alpha=0.45, edgecolor=CONTACT, label="event whose date is a span (days, a month)"
                ),
                Line2D([], [], marker="o", linestyle="", color=CONTEXT, label="context event (third parties)"),
            ],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=3,
            frameon=False,
            fontsize=8,
        )
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
        plt.close(figure)
    svg = out.getvalue()
    drawn = fingerprint(tables["events"])
    stamp = f"<!-- sino-russia-data timeline: data sha256 {drawn}, matplotlib {matplotlib.__version__} -->"
    head, rest = svg.split("\n", 1)
    return f"{head}\n{stamp}\n{rest}"


def problems(current: str | None, expected: str) -> list[str]:
    """Why ``current`` (the committed SVG) is not the timeline ``expected`` from this build."""
    stale = [f"{FILE.name} is stale: run `python build/release.py write`"]
    if current is None:
        return stale
    have, want = _STAMP.search(current), _STAMP.search(expected)
    if have is None or want is None or have.group(1) != want.group(1):
        return stale
    if have.group(2) == want.group(2) and current != expected:
        return stale  # same data, same matplotlib: the bytes must agree
    return []
