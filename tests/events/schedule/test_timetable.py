"""The layout of released sessions: the day grid, now and next, and agenda clashes."""

import datetime

import pytest

from events.models import Slot
from events.schedule.rows import session_rows
from events.schedule.timetable import agenda_clashes, day_grid, day_rooms, now_and_next
from tests.factories import RoomFactory, ScheduleFactory, SlotFactory, local_datetime

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    """Two rooms; 09:00-10:00 a talk in A and a 30-minute one in B, then lunch for all: as
    the SessionRows the public pages lay out."""
    schedule = ScheduleFactory(released=True)
    conference = schedule.conference
    first, second = (
        RoomFactory(conference=conference, name="A", order=1),
        RoomFactory(conference=conference, name="B", order=2),
    )
    at = lambda hour, minute=0: local_datetime(conference, conference.starts_on, hour, minute)  # noqa: E731 - a local shorthand
    SlotFactory(schedule=schedule, room=first, start=at(9), end=at(10), title="Long")
    SlotFactory(schedule=schedule, room=second, start=at(9), end=at(9, 30), title="Short")
    SlotFactory(schedule=schedule, room=None, start=at(10), end=at(11), title="Lunch")
    slots = session_rows(slots=Slot.objects.filter(schedule=schedule))
    assert [slot.title for slot in slots] == ["Long", "Short", "Lunch"]
    return slots, at


def test_day_rooms_are_those_used_in_room_order(day):
    slots, _ = day

    assert [room.name for room in day_rooms(slots)] == ["A", "B"]


def test_day_grid_spans_rows_and_whole_venue_blocks_span_rooms(day):
    slots, _ = day
    rooms = day_rooms(slots)

    rows = day_grid(slots, rooms)

    layout = [
        [(cell.slot.title if cell.slot else None, cell.rowspan, cell.colspan) for cell in row.cells]
        for row in rows
    ]
    assert layout == [
        [("Long", 2, 1), ("Short", 1, 1)],
        [(None, 1, 1)],
        [("Lunch", 1, 2)],
    ]
    assert [row.has_sessions for row in rows] == [True, False, True]


def test_day_grid_leaves_filtered_out_sessions_as_empty_stretches(day):
    slots, _ = day

    rows = day_grid(slots, day_rooms(slots), shown={slots[1].uid})

    assert [(cell.slot, cell.rowspan) for cell in rows[0].cells] == [(None, 2), (slots[1], 1)]


def test_day_grid_of_empty_day_has_no_rows():
    assert day_grid([], []) == []


def test_now_and_next_at_a_moment_of_the_day(day):
    slots, at = day

    current, upcoming = now_and_next(slots, at(9, 40))

    assert ([s.title for s in current], [s.title for s in upcoming]) == (["Long"], ["Lunch"])


def test_now_and_next_after_the_last_session_is_empty(day):
    slots, at = day

    assert now_and_next(slots, at(12)) == ([], [])


def test_agenda_clashes_pairs_overlapping_sessions_only(day):
    slots, _ = day

    clashes = agenda_clashes(slots)

    long, short, _lunch = slots
    assert clashes == {long.uid: [short], short.uid: [long]}


def test_agenda_clashes_ignore_cancelled_sessions(day):
    slots, _ = day
    slots[1].cancelled = True

    assert agenda_clashes(slots) == {}


def test_agenda_clashes_back_to_back_sessions_do_not_clash(day):
    slots, at = day
    slots[0].end = at(9) + datetime.timedelta(minutes=30)
    slots[1].start, slots[1].end = at(9, 30), at(10)

    assert agenda_clashes(slots) == {}
