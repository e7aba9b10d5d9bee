"""The EDTF subset: what is accepted, what each form means, and what is refused."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sino_russia_data.dates import PartialDate, parse

pytestmark = pytest.mark.readside  # runs on the lowest runtime versions too (.ci/run)

DAYS = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@given(DAYS)
def test_a_day_is_itself(day: dt.date) -> None:
    assert parse(day.isoformat()) == PartialDate(day, day, "day", "day")


@given(DAYS)
def test_a_month_spans_the_whole_month(day: dt.date) -> None:
    parsed = parse(day.isoformat()[:7])
    assert parsed.precision == "month"
    assert parsed.start == day.replace(day=1)
    assert parsed.start <= day <= parsed.end
    assert parsed.end.day == calendar.monthrange(day.year, day.month)[1]  # (end + 1 day overflows in 9999-12)


@given(st.lists(DAYS, min_size=2, max_size=2).map(sorted))
def test_an_interval_runs_from_first_to_last(pair: list[dt.date]) -> None:
    low, high = pair
    assert parse(f"{low.isoformat()}/{high.isoformat()}") == PartialDate(low, high, "day", "span")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-07-04", PartialDate(dt.date(2017, 7, 4), dt.date(2017, 7, 4), "day", "day")),
        ("2019-03", PartialDate(dt.date(2019, 3, 1), dt.date(2019, 3, 31), "month", "window")),
        ("2020-02", PartialDate(dt.date(2020, 2, 1), dt.date(2020, 2, 29), "month", "window")),
        ("2017", PartialDate(dt.date(2017, 1, 1), dt.date(2017, 12, 31), "year", "window")),
        ("2017-07-03/2017-07-04", PartialDate(dt.date(2017, 7, 3), dt.date(2017, 7, 4), "day", "span")),
        ("2016-07/2017-01", PartialDate(dt.date(2016, 7, 1), dt.date(2017, 1, 31), "month", "span")),
        ("2015/2018-01-02", PartialDate(dt.date(2015, 1, 1), dt.date(2018, 1, 2), "year", "span")),
        # one unknown day within a range: EDTF's "one of a set" over a single range
        ("[2017-01-20..2017-04-02]", PartialDate(dt.date(2017, 1, 20), dt.date(2017, 4, 2), "day", "window")),
        ("[2016-07..2017-01]", PartialDate(dt.date(2016, 7, 1), dt.date(2017, 1, 31), "month", "window")),
        ("[2019-08-01..2019-08]", PartialDate(dt.date(2019, 8, 1), dt.date(2019, 8, 31), "month", "window")),
    ],
)
def test_forms(text: str, expected: PartialDate) -> None:
    assert parse(text) == expected


def test_open_ends_only_where_allowed() -> None:
    assert parse("2013-03-14/..", open_ends=True) == PartialDate(dt.date(2013, 3, 14), None, "day", "span")
    assert parse("../2015-04", open_ends=True) == PartialDate(None, dt.date(2015, 4, 30), "month", "span")
    with pytest.raises(ValueError, match="open ends"):
        parse("2013-03-14/..")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-02-30", "day 30 does not exist in 2019-02"),
        ("2019-02-29", "day 29 does not exist in 2019-02"),
        ("2019-13", "month 13 does not exist"),
        ("2019-3", "is not a date"),
        ("19-03-05", "is not a date"),
        ("2019-03-05T10:00", "is not a date"),
        ("2019-21", "month 21 does not exist"),
        ("2019-03?", "is not a date"),
        ("2017-07-04/2017-07-03", "ends before it starts"),
        ("../..", "at least one known end"),
        ("", "is not a date"),
        ("２０１９-03-05", "is not a date"),  # full-width digits
        ("٢٠١٩-03", "is not a date"),  # Arabic-Indic digits
    ],
)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(text, open_ends=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[2017-04-02..2017-01-20]", "must end after it starts"),
        ("[2017-03..2017-03]", "two different ends"),
        ("[2017-01-20..]", "a window is written"),
        ("[..2017-04-02]", "a window is written"),
        ("[2017-01-20,2017-04-02]", "a window is written"),
        ("[2017-01-20..2017-04-02", "a window is written"),
        ("[2017-01-20/2017-04-02]", "a window is written"),
        ("[2017-02-30..2017-04-02]", "day 30 does not exist"),
    ],
)
def test_windows_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(text)


def test_no_windows_in_terms_of_office() -> None:
    with pytest.raises(ValueError, match="term of office is an interval"):
        parse("[2017-01-20..2017-04-02]", open_ends=True)
