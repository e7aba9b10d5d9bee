"""Bibliographic facts about the dataset, in one place: ``cite()``, CITATION.cff and the dataset
card are generated from these."""

from __future__ import annotations

from ._version import __version__

TITLE = "sino-russia-data: a hand-verified dataset of China–Russia diplomatic interactions on the Korean peninsula"
SHORT_TITLE = "sino-russia-data"
AUTHORS = ({"name": "sino-russia-data developers"},)
DATA_LICENSE = "CC-BY-4.0"
CODE_LICENSE = "MIT"
REPOSITORY = "https://pypi.org/project/sino-russia-data/"
ABSTRACT = (
    "China–Russia diplomatic interactions on the Korean peninsula, North Korea's nuclear programme, "
    "THAAD and regional security, 2013–2025: meetings and calls of the leaders, foreign ministers and "
    "security chiefs, vice-ministerial consultations, official statements (in the language printed, "
    "with an English rendering), UN Security Council votes on North Korea and named policy positions. "
    "Every record cites at least one source with a verbatim quote checked against an archived copy of "
    "the source's text."
)
KEYWORDS = ("China", "Russia", "North Korea", "THAAD", "diplomacy", "Korean peninsula", "UN Security Council")
VERSION = __version__
