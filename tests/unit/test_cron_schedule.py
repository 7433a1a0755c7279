"""next_run_after: the one rule for when a schedule fires next (BEHAVIOUR.md §5)."""

import datetime as dt

import pytest

from djinn.domain.cron import next_run_after

UTC = dt.UTC


def at(*args):
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    "schedule, now, expected",
    [
        ("daily", at(2026, 11, 27, 12, 0), at(2026, 11, 28)),
        (
            "daily",
            at(2026, 11, 27, 0, 0),
            at(2026, 11, 28),
        ),  # strictly after: midnight itself goes to the next
        ("daily", at(2026, 12, 31, 23, 59, 59), at(2027, 1, 1)),
        ("weekly", at(2026, 11, 27, 12, 0), at(2026, 11, 30)),  # a Friday -> Monday
        ("weekly", at(2026, 11, 30, 0, 0), at(2026, 12, 7)),  # a Monday at midnight -> the next Monday
        ("weekly", at(2026, 11, 29, 23, 0), at(2026, 11, 30)),  # a Sunday night
        ("monthly", at(2026, 11, 27, 12, 0), at(2026, 12, 1)),
        ("monthly", at(2026, 12, 15), at(2027, 1, 1)),
        ("monthly", at(2026, 1, 31, 18), at(2026, 2, 1)),
        ("monthly", at(2028, 2, 29), at(2028, 3, 1)),
    ],
)
def test_next_run(schedule, now, expected):
    assert next_run_after(schedule, now) == expected


def test_other_time_zones_are_read_as_the_same_instant():
    tokyo = dt.timezone(dt.timedelta(hours=9))
    # 2026-11-28 08:00 in Tokyo is 2026-11-27 23:00 UTC: the next UTC midnight is the 28th.
    assert next_run_after("daily", dt.datetime(2026, 11, 28, 8, tzinfo=tokyo)) == at(2026, 11, 28)
