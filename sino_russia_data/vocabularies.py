"""Closed vocabularies, each term with the definition the codebook prints.

The models turn each mapping into a ``Literal`` type, so adding a term here is the whole change;
removing one is a breaking (MAJOR) change. Topics are not here: they are data, kept in ``raw/topics/``.
"""

from __future__ import annotations

EVENT_KINDS: dict[str, str] = {
    "state_visit_or_summit": "A head of state's state or official visit abroad, or a meeting of heads of "
    "state or government, including the talks held during it.",
    "ministerial_meeting": "An in-person meeting of ministers (usually foreign or defence ministers), "
    "including a minister's official visit and the talks held during it.",
    "vice_ministerial_consultation": "A round of consultations led by vice, deputy or assistant ministers, "
    "often one of a numbered series.",
    "phone_or_video_call": "A telephone or video conversation between officials.",
    "sideline_meeting": "A bilateral meeting held on the sidelines of a multilateral summit or forum.",
    "multilateral_summit": "Context: a summit or forum of several states (G7, G20, NATO, Belt and Road Forum).",
    "joint_statement": "A joint statement, agreement or initiative published by two or more governments.",
    "deployment_decision": "Context: a decision or announcement about deploying a weapons system or forces.",
    "military_deployment": "Context: the movement or arrival of forces or weapons systems.",
    "weapons_test": "Context: a missile launch or a nuclear test.",
    "military_parade": "Context: a military parade or public display of weapons.",
    "unsc_resolution": "Context: the adoption of a UN Security Council resolution.",
    "unsc_draft_not_adopted": "Context: a draft UN Security Council resolution put to the vote and not "
    "adopted (vetoed, or short of nine votes in favour).",
    "security_consultation": "A round of consultations between security chiefs, such as China's state "
    "councillor or foreign-affairs chief and the Secretary of Russia's Security Council.",
}

SOURCE_KINDS: dict[str, str] = {
    "news_report": "A news agency or newspaper report of events.",
    "analysis": "An analysis, commentary or op-ed: an author's argument that also states facts.",
    "official_document": "A government press release, statement, communiqué or transcript.",
    "reference": "A reference work (encyclopaedia, biographical dictionary, database entry).",
}

ACTOR_TYPES: dict[str, str] = {
    "person": "A named individual.",
    "state": "A sovereign state, as a whole.",
    "organisation": "A ministry, armed force, international organisation or other institution.",
}

STATEMENT_MODES: dict[str, str] = {
    "direct_quote": "The text is the speaker's own words as the source prints them in quotation marks.",
    "reported_speech": "The text is the source's paraphrase of what the speaker said.",
}

VOTE_CASTS: dict[str, str] = {
    "in_favour": "The member voted for the draft.",
    "against": "The member voted against the draft; from a permanent member, on a draft with nine or more "
    "votes in favour, this is a veto.",
    "abstention": "The member abstained.",
    "did_not_vote": "The member was present or absent but cast no vote.",
}

UNSC_OUTCOMES: dict[str, str] = {
    "adopted": "The draft was adopted as a resolution.",
    "not_adopted": "The draft was not adopted (vetoed, or short of nine votes in favour).",
}

TEXT_EN_ORIGINS: dict[str, str] = {
    "same_as_text": "`text` is itself English; `text_en` repeats it.",
    "cited_source": "`text_en` stands verbatim in an English source the statement cites (checked by the build).",
    "curators_translation": "`text_en` is the curators' own translation of `text`; no English source gave it.",
}

DATE_FORMS: dict[str, str] = {
    "day": "A single known day (`2017-07-04`).",
    "span": "The fact lasted over the whole range: a multi-day event (`2017-07-03/2017-07-04`).",
    "window": "One unknown day (or short stretch) somewhere in the range: a month or year known only "
    "(`2019-03`), or a window written `[2017-01-20..2017-04-02]`.",
}

DATE_PRECISIONS: dict[str, str] = {
    "day": "The exact day is known; date_start and date_end are the first and last day of the fact.",
    "month": "Only the month is known for at least one end: the range covers the whole month.",
    "year": "Only the year is known for at least one end: the range covers the whole year.",
}
