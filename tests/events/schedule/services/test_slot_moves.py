"""The agenda builder's writes on talks (events/schedule/services.py: slot_place,
slot_move, slot_unschedule): placing a talk for its format's length, moving and resizing
it, taking it off the agenda, and refusing stale edits and edits to a release."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import Slot, Submission
from events.schedule.services import schedule_release, slot_move, slot_place, slot_unschedule
from tests.events.schedule.services.conftest import (
    ACCEPTED,
    CONFIRMED,
    JUNE_10,
    JUNE_11,
    REJECTED,
    RELEASE_1,
    RELEASE_2,
    SUBMITTED,
    WITHDRAWN,
    accepted_talk,
    at,
    code_of,
    place,
    uids,
)
from tests.factories import (
    MemberFactory,
    ScheduleFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


def test_slot_place_lasts_as_long_as_the_talks_format(conference, working, room):
    talk = SubmissionFactory(
        conference=conference,
        state=ACCEPTED,
        format=SessionFormatFactory(conference=conference, duration_minutes=90),
    )

    slot = slot_place(
        schedule=working, submission=talk, room=room, start=at(conference, JUNE_10, 11)
    )

    assert (slot.kind, slot.end, working.slots.get().submission) == (
        Slot.Kind.TALK,
        at(conference, JUNE_10, 12, 30),
        talk,
    )


def test_slot_place_talk_in_keynote_format_is_a_keynote(conference, working, room):
    keynote = SessionFormatFactory(conference=conference, slug="keynote", duration_minutes=45)
    talk = SubmissionFactory(conference=conference, state=CONFIRMED, format=keynote)

    slot = slot_place(
        schedule=working, submission=talk, room=room, start=at(conference, JUNE_10, 9)
    )

    assert (slot.kind, slot.duration) == (Slot.Kind.KEYNOTE, datetime.timedelta(minutes=45))


def test_slot_place_on_taken_room_refused_naming_the_collision(conference, working, room):
    place(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="Opening")
    talk = accepted_talk(conference, "Streaming at Orbit")

    with pytest.raises(ValidationError) as error:
        slot_place(
            schedule=working, submission=talk, room=room, start=at(conference, JUNE_10, 9, 30)
        )

    assert (error.value.messages, code_of(error), working.slots.count()) == (
        ["Auditorium is taken from 09:00 to 10:00 by “Opening” (Auditorium)."],
        {"room_overlap"},
        1,
    )


@pytest.mark.parametrize("state", [REJECTED, WITHDRAWN, SUBMITTED])
def test_slot_place_talk_not_in_program_refused(conference, working, room, state):
    talk = accepted_talk(conference, "Streaming at Orbit", state=state)

    with pytest.raises(ValidationError) as error:
        slot_place(schedule=working, submission=talk, room=room, start=at(conference, JUNE_10, 9))

    assert (code_of(error), working.slots.count()) == ({"not_schedulable"}, 0)


def test_slot_place_after_last_day_refused(conference, working, room):
    talk = accepted_talk(conference, "Streaming at Orbit")

    with pytest.raises(ValidationError) as error:
        slot_place(
            schedule=working, submission=talk, room=room, start=at(conference, JUNE_11, 23, 45)
        )

    assert code_of(error) == {"outside_conference"}


def test_slot_place_again_after_unscheduling_keeps_released_uid(conference, working, room):
    talk = accepted_talk(conference, "Streaming at Orbit")
    first = slot_place(
        schedule=working, submission=talk, room=room, start=at(conference, JUNE_10, 9)
    )
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    slot_unschedule(slot=first)

    again = slot_place(
        schedule=working, submission=talk, room=room, start=at(conference, JUNE_10, 14)
    )
    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (again.uid, uids(second.changelog["moved"]), second.changelog["cancelled"]) == (
        first.uid,
        [str(first.uid)],
        [],
    )


def test_slot_move_to_other_room_and_day_saved(conference, working, room, other_room):
    slot = place(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit"),
    )

    slot_move(
        slot=slot,
        room=other_room,
        start=at(conference, JUNE_11, 14),
        end=at(conference, JUNE_11, 15),
        expected_updated_at=slot.updated_at,
    )

    stored = Slot.objects.get(pk=slot.pk)
    assert (stored.room, stored.start, stored.end) == (
        other_room,
        at(conference, JUNE_11, 14),
        at(conference, JUNE_11, 15),
    )


def test_slot_move_resize_into_next_slot_refused_and_nothing_changed(conference, working, room):
    slot = place(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="A")
    place(working, room, at(conference, JUNE_10, 10), at(conference, JUNE_10, 11), title="Next")

    with pytest.raises(ValidationError) as error:
        slot_move(
            slot=slot,
            room=room,
            start=at(conference, JUNE_10, 9),
            end=at(conference, JUNE_10, 10, 5),
            expected_updated_at=slot.updated_at,
        )

    assert (error.value.messages, Slot.objects.get(pk=slot.pk).end) == (
        ["Auditorium is taken from 10:00 to 11:00 by “Next” (Auditorium)."],
        at(conference, JUNE_10, 10),
    )


def test_slot_move_speaker_into_second_room_refused(conference, working, room, other_room):
    ada = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    place(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit", ada),
    )
    later = place(
        working,
        other_room,
        at(conference, JUNE_10, 11),
        at(conference, JUNE_10, 12),
        submission=accepted_talk(conference, "Lakehouse lessons", ada),
    )

    with pytest.raises(ValidationError) as error:
        slot_move(
            slot=later,
            room=other_room,
            start=at(conference, JUNE_10, 9, 30),
            end=at(conference, JUNE_10, 10, 30),
        )

    assert error.value.messages == [
        "Ada Lovelace already speaks in “Streaming at Orbit” (Auditorium, 09:00 to 10:00)."
    ]


def test_slot_move_of_slot_changed_since_read_refused_as_stale(conference, working, room):
    slot = place(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="A")
    read_at = slot.updated_at
    other_tab = Slot.objects.get(pk=slot.pk)
    slot_move(
        slot=other_tab,
        room=room,
        start=at(conference, JUNE_10, 14),
        end=at(conference, JUNE_10, 15),
        expected_updated_at=read_at,
    )

    with pytest.raises(ValidationError) as error:
        slot_move(
            slot=slot,
            room=room,
            start=at(conference, JUNE_10, 11),
            end=at(conference, JUNE_10, 12),
            expected_updated_at=read_at,
        )

    assert (code_of(error), Slot.objects.get(pk=slot.pk).start) == (
        {"stale"},
        at(conference, JUNE_10, 14),
    )
    assert "changed this slot since you loaded the page" in error.value.messages[0]


def test_slot_move_of_slot_removed_since_read_refused_as_stale(conference, working, room):
    slot = place(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="A")
    Slot.objects.filter(pk=slot.pk).delete()

    with pytest.raises(ValidationError) as error:
        slot_move(
            slot=slot,
            room=room,
            start=at(conference, JUNE_10, 11),
            end=at(conference, JUNE_10, 12),
            expected_updated_at=slot.updated_at,
        )

    assert (code_of(error), working.slots.count()) == ({"stale"}, 0)


def test_slot_move_in_released_schedule_refused(conference, room):
    release = ScheduleFactory(conference=conference, released=True)
    slot = place(release, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="A")

    with pytest.raises(ValidationError) as error:
        slot_move(
            slot=slot, room=room, start=at(conference, JUNE_10, 11), end=at(conference, JUNE_10, 12)
        )

    assert (code_of(error), Slot.objects.get(pk=slot.pk).start) == (
        {"released"},
        at(conference, JUNE_10, 9),
    )


@pytest.mark.parametrize("existing", [1, 30])
def test_slot_move_query_count_independent_of_schedule_size(
    django_assert_num_queries, conference, working, room, existing
):
    for _ in range(existing):
        SlotFactory(
            schedule=working,
            talk=True,
            start=at(conference, JUNE_10, 9),
            end=at(conference, JUNE_10, 10),
        )
    slot = place(
        working,
        room,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        submission=accepted_talk(conference, "Streaming at Orbit", MemberFactory()),
    )
    slot = Slot.objects.select_related("room", "submission", "schedule").get(pk=slot.pk)

    with django_assert_num_queries(13):
        slot_move(
            slot=slot,
            room=room,
            start=at(conference, JUNE_10, 11),
            end=at(conference, JUNE_10, 12),
            expected_updated_at=slot.updated_at,
        )

    assert Slot.objects.get(pk=slot.pk).start == at(conference, JUNE_10, 11)


def test_slot_unschedule_puts_talk_back_and_next_release_cancels_it(conference, working, room):
    talk = accepted_talk(conference, "Streaming at Orbit")
    slot = slot_place(
        schedule=working, submission=talk, room=room, start=at(conference, JUNE_10, 9)
    )
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    slot_unschedule(slot=slot, expected_updated_at=slot.updated_at)
    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (
        working.slots.count(),
        Submission.objects.get(pk=talk.pk).state,
        uids(second.changelog["cancelled"]),
        second.slots.get(uid=slot.uid).cancelled,
    ) == (0, ACCEPTED, [str(slot.uid)], True)


def test_slot_unschedule_of_slot_changed_since_read_refused_as_stale(conference, working, room):
    slot = place(working, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="A")
    read_at = slot.updated_at
    Slot.objects.filter(pk=slot.pk).update(
        title="Renamed", updated_at=read_at + datetime.timedelta(seconds=1)
    )

    with pytest.raises(ValidationError) as error:
        slot_unschedule(slot=slot, expected_updated_at=read_at)

    assert (code_of(error), working.slots.count()) == ({"stale"}, 1)


def test_slot_unschedule_in_released_schedule_refused(conference, room):
    release = ScheduleFactory(conference=conference, released=True)
    slot = place(release, room, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10), title="A")

    with pytest.raises(ValidationError) as error:
        slot_unschedule(slot=slot)

    assert (code_of(error), release.slots.count()) == ({"released"}, 1)
