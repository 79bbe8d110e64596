"""The scheduling rule (events/schedule/services.py: slot_check, slot_save), part one:
what a slot must be on its own — inside the conference days, for an accepted talk of the
same conference, in one of its rooms, ending after it starts, of a coherent kind, and in
the working copy rather than a release."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import Schedule, Slot
from events.schedule.services import schedule_working, slot_check, slot_save
from tests.events.conftest import refusal_code
from tests.events.schedule.services.conftest import (
    ACCEPTED,
    CONFIRMED,
    DRAFT,
    JUNE_10,
    JUNE_11,
    JUNE_12,
    REJECTED,
    SUBMITTED,
    WITHDRAWN,
    State,
    accepted_talk,
    at,
    new_slot,
    place,
)
from tests.factories import ConferenceFactory, RoomFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


def test_schedule_working_created_once(conference):
    first = schedule_working(conference=conference)

    second = schedule_working(conference=conference)

    assert (first.pk, first.version, Schedule.objects.filter(conference=conference).count()) == (
        second.pk,
        "",
        1,
    )


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (JUNE_11, (23, 30), (0, 0)),  # the last half hour of the last day
        (JUNE_10, (0, 0), (0, 30)),  # the first half hour, which is still 9 June in UTC
    ],
    ids=["last_day_23_30_local", "first_day_00_00_local"],
)
def test_slot_save_at_edges_of_conference_days_accepted(conference, working, room, day, start, end):
    start_at = at(conference, day, *start)
    end_at = start_at + datetime.timedelta(minutes=30)

    slot_save(slot=new_slot(working, room, start_at, end_at, title="Night owls"))

    assert working.slots.count() == 1


@pytest.mark.parametrize(
    ("day", "hour", "minute"),
    [
        (JUNE_12, 0, 30),  # 00:30 the day after, though still 11 June in UTC
        (datetime.date(2030, 6, 9), 23, 30),  # the evening before
        (JUNE_11, 23, 45),  # runs past midnight after the last day
    ],
    ids=["after_last_day_00_30_local", "evening_before", "past_midnight"],
)
def test_slot_save_outside_conference_days_refused(conference, working, room, day, hour, minute):
    start = at(conference, day, hour, minute)
    slot = new_slot(working, room, start, start + datetime.timedelta(minutes=30), title="Late")

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (refusal_code(error), working.slots.count()) == ("outside_conference", 0)


def test_slot_save_outside_conference_days_message_in_local_time(conference, working, room):
    start = at(conference, JUNE_12, 0, 30)
    slot = new_slot(working, room, start, start + datetime.timedelta(minutes=30), title="Late")

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert error.value.messages == [
        "Wed 12 Jun 00:30 to Wed 12 Jun 01:00 is outside the conference days "
        "(10 Jun to 11 Jun 2030, Europe/Amsterdam)."
    ]


@pytest.mark.parametrize("state", [DRAFT, SUBMITTED, REJECTED, WITHDRAWN, State.ALTERNATE])
def test_slot_save_talk_not_accepted_refused(conference, working, room, state):
    talk = accepted_talk(conference, "Streaming at Orbit", state=state)
    slot = new_slot(
        working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), submission=talk
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (error.value.messages, refusal_code(error), working.slots.count()) == (
        [f"“Streaming at Orbit” is {State(state).label.lower()} and cannot be scheduled."],
        "not_schedulable",
        0,
    )


@pytest.mark.parametrize("state", [ACCEPTED, CONFIRMED])
def test_slot_save_accepted_or_confirmed_talk_accepted(conference, working, room, state):
    talk = accepted_talk(conference, "Streaming at Orbit", state=state)

    slot_save(
        slot=new_slot(
            working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), submission=talk
        )
    )

    assert working.slots.get().submission == talk


def test_slot_save_talk_of_other_conference_refused(conference, working, room):
    talk = accepted_talk(ConferenceFactory(), "Elsewhere")
    slot = new_slot(
        working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), submission=talk
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (error.value.messages, working.slots.count()) == (
        ["That talk was submitted to another conference."],
        0,
    )


def test_slot_save_room_of_other_conference_refused(conference, working):
    slot = new_slot(
        working,
        RoomFactory(),
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        title="Coffee",
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (error.value.messages, working.slots.count()) == (
        ["That room belongs to another conference."],
        0,
    )


@pytest.mark.parametrize("length", [0, -30])
def test_slot_check_ending_at_or_before_start_refused(conference, working, room, length):
    start = at(conference, JUNE_10, 9)
    slot = new_slot(working, room, start, start + datetime.timedelta(minutes=length), title="X")

    with pytest.raises(ValidationError) as error:
        slot_check(slot=slot)

    assert error.value.messages == ["A slot must end after it starts."]


def test_slot_save_block_without_title_refused(conference, working, room):
    slot = new_slot(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    with pytest.raises(ValidationError):
        slot_save(slot=slot)

    assert working.slots.count() == 0


def test_slot_save_in_released_schedule_refused(conference, room):
    release = ScheduleFactory(conference=conference, released=True)
    slot = new_slot(
        release, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="Coffee"
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (error.value.messages, refusal_code(error), release.slots.count()) == (
        ["A released schedule cannot be changed; edit the working copy."],
        "released",
        0,
    )


def test_slot_save_changing_released_slot_refused(conference, room):
    release = ScheduleFactory(conference=conference, released=True)
    slot = place(
        release, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="Coffee"
    )
    slot.title = "Tea"

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (refusal_code(error), Slot.objects.get(pk=slot.pk).title) == ("released", "Coffee")


@pytest.mark.parametrize(
    ("kind", "with_talk", "title", "message"),
    [
        (
            Slot.Kind.TALK,
            False,
            "Mystery",
            "A talk slot needs a talk; use another kind for a block.",
        ),
        (Slot.Kind.MEAL, True, "", "Breaks, meals and socials carry no talk."),
        (Slot.Kind.OTHER, False, "  ", "A block without a talk needs a title."),
    ],
)
def test_slot_save_incoherent_kind_refused_with_message(
    conference, working, room, kind, with_talk, title, message
):
    slot = Slot(
        schedule=working,
        room=room,
        kind=kind,
        title=title,
        submission=accepted_talk(conference, "Streaming at Orbit") if with_talk else None,
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 10),
    )

    with pytest.raises(ValidationError) as error:
        slot_save(slot=slot)

    assert (error.value.messages, working.slots.count()) == ([message], 0)
