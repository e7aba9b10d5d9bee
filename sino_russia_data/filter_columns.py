"""Which columns each query filter reads, per table: generated from the column plan
(the ``Filter`` markers in sino_russia_data/models.py) by `python build/release.py write`
(build/releasing/filter_columns.py); do not edit.

Literals, so a filtered ``load()`` costs no import of pydantic.
"""

#: table → filter role → the columns it reads, each as a path of field names through lists and
#: nested models. Roles: see :class:`sino_russia_data.models.Filter`.
FILTERS: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "topics": {
        "text": (("label",), ("definition",)),
    },
    "sources": {
        "text": (("title",), ("publisher",), ("authors",)),
        "date": (("published",),),
        "kind": (("kind",),),
    },
    "actors": {
        "text": (("name",), ("name_zh",), ("name_ru",), ("name_ko",), ("aliases",)),
        "country": (("country",),),
    },
    "events": {
        "kind": (("kind",),),
        "text": (("title",), ("city",), ("summary",), ("series_name",)),
        "date": (("date",),),
        "country": (("country",),),
        "actor": (("participants", "actor"),),
        "topic": (("topics",),),
    },
    "statements": {
        "actor": (("speaker",),),
        "text": (("text",), ("text_en",), ("occasion",)),
        "date": (("date",),),
        "topic": (("topics",),),
    },
    "positions": {
        "text": (("name",), ("aliases",), ("proposes",)),
        "country": (("holders",),),
        "holder": (("holders",),),
        "date": (("date",),),
        "topic": (("topics",),),
    },
    "votes": {
        "country": (("state",),),
        "date": (("date",),),
        "text": (("document",),),
    },
    "citations": {
        "text": (("quote",), ("locator",), ("note",)),
    },
}

#: table → the vocabulary (in sino_russia_data.vocabularies) of the column the kind filter reads
KINDS: dict[str, str] = {
    "sources": "SOURCE_KINDS",
    "events": "EVENT_KINDS",
}
