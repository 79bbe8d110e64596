"""The scheduling rule (events/schedule/services.py: slot_check, slot_save), part two:
what a slot may not collide with — another slot in its room, a whole-venue block, its
speakers elsewhere, the same talk twice — and what does not count as a collision
(cancelled slots, released copies, itself); every conflict is named, at a constant query
count."""

import pytest
from django.core.exceptions import ValidationError

from events.models import Slot
from events.schedule.services import slot_save
from tests.events.conftest import refusal_code
from tests.events.schedule.services.conftest import (
    JUNE_10,
    JUNE_11,
    accepted_talk,
    at,
    new_slot,
    place,
)
from tests.factories import MemberFactory, ScheduleFactory, SlotFactory

pytestmark = pytest.mark.django_db


def test_slot_save_free_room_accepted(conference, working, room):
    talk = accepted_talk(conference, "Streaming at Orbit")

    slot = slot_save(
        slot=new_slot(
            working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), submission=talk
        )
    )

    assert list(working.slots.values_list("pk", "submission", "room")) == [
        (slot.pk, talk.pk, room.pk)
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ((9, 30), (10, 30)),  # starts during
        ((8, 30), (9, 30)),  # ends during
        ((9, 15), (9, 45)),  # lies within
        ((8, 0), (11, 0)),  # encloses
        ((9, 0), (10, 0)),  # the same time
    ],
)
def test_slot_save_overlap_in_same_room_refused(conference, working, room, start, end):
    place(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit"),
    )
    slot = new_slot(
        working, room, at(conference, JUNE_10, *start), at(conference, JUNE_10, *end), title="Q&A"
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (error.value.messages, refusal_code(error), working.slots.count()) == (
        ["Auditorium is taken from 09:00 to 10:00 by “Streaming at Orbit” (Auditorium)."],
        "room_overlap",
        1,
    )


@pytest.mark.parametrize(
    ("start", "end"), [((8, 0), (9, 0)), ((10, 0), (11, 0))], ids=["before", "after"]
)
def test_slot_save_back_to_back_in_same_room_accepted(conference, working, room, start, end):
    place(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="Opening")

    slot_save(
        slot=new_slot(
            working,
            room,
            at(conference, JUNE_10, *start),
            at(conference, JUNE_10, *end),
            title="Coffee",
        )
    )

    assert working.slots.count() == 2


def test_slot_save_same_time_in_other_room_accepted(conference, working, room, other_room):
    place(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="Opening")

    slot_save(
        slot=new_slot(
            working,
            other_room,
            at(conference, JUNE_10, 9),
            at(conference, JUNE_10, 10),
            title="Lab setup",
        )
    )

    assert working.slots.count() == 2


def test_slot_save_room_slot_during_whole_venue_block_refused(conference, working, room):
    place(working, None, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Lunch")
    slot = new_slot(
        working, room, at(conference, JUNE_10, 12, 30), at(conference, JUNE_10, 13, 30), title="X"
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (error.value.messages, working.slots.count()) == (
        ["Auditorium is taken from 12:00 to 13:00 by “Lunch” (the whole venue)."],
        1,
    )


def test_slot_save_whole_venue_block_over_room_slots_refused(conference, working, room, other_room):
    place(working, room, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Panel")
    place(
        working,
        other_room,
        at(conference, JUNE_10, 11),
        at(conference, JUNE_10, 12, 30),
        title="Lab",
    )
    slot = new_slot(
        working, None, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Lunch"
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (sorted(error.value.messages), working.slots.count()) == (
        [
            "The whole venue is taken from 11:00 to 12:30 by “Lab” (Studio).",
            "The whole venue is taken from 12:00 to 13:00 by “Panel” (Auditorium).",
        ],
        2,
    )


def test_slot_save_whole_venue_blocks_overlapping_refused(conference, working):
    place(working, None, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Lunch")
    slot = new_slot(
        working,
        None,
        at(conference, JUNE_10, 12, 45),
        at(conference, JUNE_10, 13, 15),
        title="Group photo",
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert error.value.messages == [
        "The whole venue is taken from 12:00 to 13:00 by “Lunch” (the whole venue)."
    ]


def test_slot_save_whole_venue_block_back_to_back_accepted(conference, working, room):
    place(working, room, at(conference, JUNE_10, 11), at(conference, JUNE_10, 12), title="Panel")

    slot_save(
        slot=new_slot(
            working, None, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Lunch"
        )
    )

    assert working.slots.count() == 2


def test_slot_save_speaker_in_two_rooms_at_once_refused(conference, working, room, other_room):
    ada = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    place(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit", ada),
    )
    second = accepted_talk(conference, "Lakehouse lessons", ada)
    slot = new_slot(
        working,
        other_room,
        at(conference, JUNE_10, 9, 30),
        at(conference, JUNE_10, 10, 30),
        submission=second,
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (error.value.messages, refusal_code(error), working.slots.count()) == (
        ["Ada Lovelace already speaks in “Streaming at Orbit” (Auditorium, 09:00 to 10:00)."],
        "speaker_overlap",
        1,
    )


def test_slot_save_co_speaker_in_two_rooms_at_once_refused(conference, working, room, other_room):
    ada = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    place(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit", MemberFactory(), ada),
    )
    second = accepted_talk(conference, "Lakehouse lessons", MemberFactory(), ada)
    slot = new_slot(
        working,
        other_room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=second,
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert error.value.messages == [
        "Ada Lovelace already speaks in “Streaming at Orbit” (Auditorium, 09:00 to 10:00)."
    ]


def test_slot_save_speaker_in_consecutive_talks_accepted(conference, working, room, other_room):
    ada = MemberFactory()
    place(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit", ada),
    )

    slot_save(
        slot=new_slot(
            working,
            other_room,
            at(conference, JUNE_10, 10),
            at(conference, JUNE_10, 11),
            submission=accepted_talk(conference, "Lakehouse lessons", ada),
        )
    )

    assert working.slots.count() == 2


def test_slot_save_moving_a_slot_does_not_clash_with_itself(conference, working, room):
    slot = place(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit"),
    )
    slot.start, slot.end = at(conference, JUNE_10, 9, 30), at(conference, JUNE_10, 10, 30)

    slot_save(slot=slot)

    assert Slot.objects.get(pk=slot.pk).start == at(conference, JUNE_10, 9, 30)


def test_slot_save_same_talk_twice_in_schedule_refused(conference, working, room, other_room):
    talk = accepted_talk(conference, "Streaming at Orbit")
    place(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), submission=talk)
    slot = new_slot(
        working,
        other_room,
        at(conference, JUNE_11, 9),
        at(conference, JUNE_11, 10),
        submission=talk,
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (refusal_code(error), working.slots.count()) == ("already_placed", 1)


def test_slot_save_over_cancelled_slot_accepted(conference, working, room):
    ada = MemberFactory()
    place(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit", ada),
        cancelled=True,
    )

    slot_save(
        slot=new_slot(
            working,
            room,
            at(conference, JUNE_10, 9),
            at(conference, JUNE_10, 10),
            submission=accepted_talk(conference, "Lakehouse lessons", ada),
        )
    )

    assert working.slots.active().get().submission.title == "Lakehouse lessons"


def test_slot_save_overlap_with_released_copy_accepted(conference, working, room):
    release = ScheduleFactory(conference=conference, released=True)
    place(release, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="Opening")

    slot_save(
        slot=new_slot(
            working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="Welcome"
        )
    )

    assert working.slots.count() == 1


def test_slot_save_names_every_conflict(conference, working, room, other_room):
    ada = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    place(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="Opening")
    place(
        working,
        other_room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit", ada),
    )
    slot = new_slot(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Lakehouse lessons", ada),
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert sorted(error.value.messages) == [
        "Ada Lovelace already speaks in “Streaming at Orbit” (Studio, 09:00 to 10:00).",
        "Auditorium is taken from 09:00 to 10:00 by “Opening” (Auditorium).",
    ]


@pytest.mark.parametrize("existing", [1, 30])
def test_slot_save_query_count_independent_of_schedule_size(
    django_assert_num_queries, conference, working, room, existing
):
    # Every existing talk runs at the same time in a room of its own, with its own speaker.
    for _ in range(existing):
        SlotFactory(
            schedule=working,
            talk=True,
            start=at(conference, JUNE_10, 9),
            end=at(conference, JUNE_10, 10),
        )
    slot = new_slot(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit", MemberFactory()),
    )

    with django_assert_num_queries(12):
        slot_save(slot=slot)

    assert working.slots.count() == existing + 1
