"""The session rows pages and feeds show (events/schedule/rows.py), read in a fixed number
of queries."""

import pytest

from events.schedule.rows import session_rows
from events.schedule.selectors import schedule_slots
from tests.events.schedule.conftest import release_with_talks
from tests.factories import ScheduleFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 5])
def test_session_rows_match_schedule_slots_in_two_queries(django_assert_num_queries, count):
    release = release_with_talks(count)
    SlotFactory(schedule=release, room=None, title="Lunch", kind="meal", description="Soup")
    expected = list(schedule_slots(schedule=release))

    with django_assert_num_queries(2):
        rows = session_rows(slots=release.slots.all())

    assert [row.uid for row in rows] == [slot.uid for slot in expected]
    for row, slot in zip(rows, expected, strict=True):
        talk = slot.submission
        assert row.title == slot.display_title
        assert row.abstract == (talk.abstract if talk else slot.description)
        assert (row.start, row.end, row.cancelled) == (slot.start, slot.end, slot.cancelled)
        assert row.kind_label == slot.get_kind_display()
        assert row.room_name == (slot.room.name if slot.room_id else "")
        assert row.format_name == (talk.format.name if talk else "")
        assert [(s.name, s.company) for s in row.speakers] == (
            [
                (s.member.name, s.member.company.name if s.member.company else "")
                for s in talk.submission_speakers.all()
            ]
            if talk
            else []
        )
    assert sum(len(row.speakers) for row in rows) == 2 * count  # primary and co-speaker


def test_session_rows_of_nothing_is_one_query(django_assert_num_queries):
    release = ScheduleFactory(released=True)

    with django_assert_num_queries(1):
        assert session_rows(slots=release.slots.all()) == []
