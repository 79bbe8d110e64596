"""The agenda builder's blocks (events/schedule/services.py: slot_block_create): a break
or social across the whole venue or one slot per room, saved all or nothing."""

import pytest
from django.core.exceptions import ValidationError

from events.models import Slot
from events.schedule.services import slot_block_create
from tests.events.schedule.services.conftest import JUNE_10, at, code_of, place

pytestmark = pytest.mark.django_db


def test_slot_block_create_without_rooms_is_one_whole_venue_slot(conference, working, room):
    slots = slot_block_create(
        schedule=working,
        kind=Slot.Kind.MEAL,
        title=" Lunch ",
        start=at(conference, JUNE_10, 12, 30),
        end=at(conference, JUNE_10, 13, 30),
    )

    assert [(slot.room, slot.kind, slot.title) for slot in slots] == [(None, "meal", "Lunch")]
    assert working.slots.count() == 1


def test_slot_block_create_over_several_rooms_is_one_slot_per_room(
    conference, working, room, other_room
):
    slots = slot_block_create(
        schedule=working,
        kind=Slot.Kind.KEYNOTE,
        title="Vendor keynote",
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 9, 45),
        rooms=[room, other_room],
    )

    assert sorted(working.slots.values_list("room__name", "kind", "title")) == [
        ("Auditorium", "keynote", "Vendor keynote"),
        ("Studio", "keynote", "Vendor keynote"),
    ]
    assert len({slot.uid for slot in slots}) == 2


def test_slot_block_create_with_one_room_taken_saves_no_room(conference, working, room, other_room):
    place(working, other_room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="Lab")

    with pytest.raises(ValidationError) as error:
        slot_block_create(
            schedule=working,
            kind=Slot.Kind.BREAK,
            title="Coffee",
            start=at(conference, JUNE_10, 9, 30),
            end=at(conference, JUNE_10, 10),
            rooms=[room, other_room],
        )

    assert (error.value.messages, working.slots.count()) == (
        ["Studio is taken from 09:00 to 10:00 by “Lab” (Studio)."],
        1,
    )


def test_slot_block_create_of_talk_kind_refused(conference, working):
    with pytest.raises(ValidationError) as error:
        slot_block_create(
            schedule=working,
            kind=Slot.Kind.TALK,
            title="Talk",
            start=at(conference, JUNE_10, 9),
            end=at(conference, JUNE_10, 10),
        )

    assert (code_of(error), working.slots.count()) == ({"kind"}, 0)


def test_slot_block_create_without_title_refused(conference, working):
    with pytest.raises(ValidationError) as error:
        slot_block_create(
            schedule=working,
            kind=Slot.Kind.BREAK,
            title="   ",
            start=at(conference, JUNE_10, 9),
            end=at(conference, JUNE_10, 10),
        )

    assert (error.value.messages, working.slots.count()) == (
        ["A block without a talk needs a title."],
        0,
    )
