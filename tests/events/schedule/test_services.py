"""The schedule's services (events/schedule/services.py): the scheduling rule, releases
with their changelogs, the agenda builder's writes (place, move, resize, unschedule, blocks,
stale edits), and two organizers saving at the same instant (PostgreSQL)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from events.cfp.services import submission_transition
from events.models import Conference, Schedule, Slot, Submission
from events.schedule.services import (
    schedule_release,
    schedule_working,
    slot_block_create,
    slot_check,
    slot_move,
    slot_place,
    slot_save,
    slot_unschedule,
    slots_drop_for_submission,
)
from tests.events.conftest import refusal_code
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    RoomFactory,
    ScheduleFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db

State = Submission.State
DRAFT, SUBMITTED, ACCEPTED, REJECTED, CONFIRMED, WITHDRAWN = (
    State.DRAFT,
    State.SUBMITTED,
    State.ACCEPTED,
    State.REJECTED,
    State.CONFIRMED,
    State.WITHDRAWN,
)
JUNE_10 = datetime.date(2030, 6, 10)
JUNE_11 = datetime.date(2030, 6, 11)
JUNE_12 = datetime.date(2030, 6, 12)
RELEASE_1 = datetime.datetime(2030, 5, 1, 12, tzinfo=datetime.UTC)
RELEASE_2 = datetime.datetime(2030, 5, 8, 12, tzinfo=datetime.UTC)
RELEASE_3 = datetime.datetime(2030, 5, 15, 12, tzinfo=datetime.UTC)

# Scheduling: the rule


@pytest.fixture
def conference() -> Conference:
    """10 and 11 June 2030 in Amsterdam, where summer time is UTC+2."""
    return ConferenceFactory(
        name="Polaris Summit 2030",
        starts_on=JUNE_10,
        ends_on=JUNE_11,
        year=2030,
        timezone="Europe/Amsterdam",
    )


@pytest.fixture
def working(conference) -> Schedule:
    return schedule_working(conference=conference)


@pytest.fixture
def room(conference):
    return RoomFactory(conference=conference, name="Auditorium")


@pytest.fixture
def other_room(conference):
    return RoomFactory(conference=conference, name="Studio")


def at(conference: Conference, day: datetime.date, hour: int, minute: int = 0):
    return local_datetime(conference, day, hour, minute)


def accepted_talk(conference, title: str, *speakers, state=ACCEPTED) -> Submission:
    return SubmissionFactory(
        conference=conference, title=title, state=state, speakers=list(speakers) or None
    )


def place(schedule, room, start, end, *, submission=None, title="", **fields) -> Slot:
    """Arrange: a slot written directly, without the scheduling rule."""
    return SlotFactory(
        schedule=schedule,
        room=room,
        start=start,
        end=end,
        submission=submission,
        title=title if submission is None else "",
        **fields,
    )


def new_slot(schedule, room, start, end, *, submission=None, title="") -> Slot:
    return Slot(
        schedule=schedule,
        room=room,
        start=start,
        end=end,
        submission=submission,
        title=title,
        kind=Slot.Kind.TALK if submission else Slot.Kind.BREAK,
    )


def test_schedule_working_created_once(conference):
    first = schedule_working(conference=conference)

    second = schedule_working(conference=conference)

    assert (first.pk, first.version, Schedule.objects.filter(conference=conference).count()) == (
        second.pk,
        "",
        1,
    )


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


@pytest.mark.parametrize("state", [DRAFT, SUBMITTED, REJECTED, WITHDRAWN])
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


# Releasing the schedule


@pytest.fixture
def agenda(conference, working, room, other_room) -> dict[str, Slot]:
    """A working copy with two talks and a lunch for the whole venue."""
    return {
        "keynote": place(
            working,
            room,
            at(conference, JUNE_10, 9),
            at(conference, JUNE_10, 10),
            submission=accepted_talk(conference, "Streaming at Orbit"),
        ),
        "lab": place(
            working,
            other_room,
            at(conference, JUNE_10, 9),
            at(conference, JUNE_10, 10, 30),
            submission=accepted_talk(conference, "Lakehouse lab", state=CONFIRMED),
        ),
        "lunch": place(
            working, None, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Lunch"
        ),
    }


def released(release: Schedule, slot: Slot) -> Slot:
    return release.slots.get(uid=slot.uid)


def uids(entries: list[dict]) -> list[str]:
    return sorted(entry["uid"] for entry in entries)


def test_schedule_release_copies_working_slots_with_same_uids(conference, working, agenda):
    release = schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    def fields(schedule):
        return sorted(
            schedule.slots.values_list(
                "uid", "kind", "room", "start", "end", "submission", "title", "cancelled"
            )
        )

    assert (fields(release), working.slots.count()) == (fields(working), 3)


def test_schedule_release_records_version_time_author_and_note(conference, agenda, organizer):
    release = schedule_release(
        conference=conference,
        version=" 1.0 ",
        note="First program.",
        actor=organizer,
        now=RELEASE_1,
    )

    release.refresh_from_db()
    assert (release.version, release.released_at, release.released_by, release.note) == (
        "1.0",
        RELEASE_1,
        organizer,
        "First program.",
    )


def test_schedule_release_first_lists_every_session_as_new(conference, agenda):
    release = schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    keynote = agenda["keynote"]
    assert release.changelog["new"][0] == {
        "uid": str(keynote.uid),
        "title": "Streaming at Orbit",
        "start": "2030-06-10T09:00:00+02:00",
        "room": "Auditorium",
    }
    assert (
        uids(release.changelog["new"]),
        release.changelog["moved"],
        release.changelog["changed"],
        release.changelog["cancelled"],
    ) == (sorted(str(slot.uid) for slot in agenda.values()), [], [], [])


def test_schedule_release_first_starts_every_sequence_at_zero(conference, agenda):
    release = schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    assert set(release.slots.values_list("sequence", "changed_in")) == {(0, release.pk)}


def test_schedule_release_without_changes_has_empty_changelog(conference, agenda):
    first = schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (
        second.changelog,
        set(second.slots.values_list("sequence", "changed_in", "cancelled")),
    ) == (
        {"new": [], "moved": [], "changed": [], "cancelled": []},
        {(0, first.pk, False)},
    )


def test_schedule_release_moved_in_time_raises_sequence(conference, agenda):
    first = schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    keynote = agenda["keynote"]
    keynote.start, keynote.end = at(conference, JUNE_10, 10, 30), at(conference, JUNE_10, 11, 30)
    slot_save(slot=keynote)

    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (
        second.changelog["moved"],
        second.changelog["changed"],
        second.changelog["new"],
        (released(second, keynote).sequence, released(second, keynote).changed_in),
        (released(second, agenda["lab"]).sequence, released(second, agenda["lab"]).changed_in),
    ) == (
        [
            {
                "uid": str(keynote.uid),
                "title": "Streaming at Orbit",
                "start": "2030-06-10T10:30:00+02:00",
                "room": "Auditorium",
            }
        ],
        [],
        [],
        (1, second),
        (0, first),
    )


def test_schedule_release_moved_to_other_room_listed_as_moved(conference, agenda):
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.room = RoomFactory(conference=conference, name="Foyer")
    slot_save(slot=lunch)

    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (uids(second.changelog["moved"]), released(second, lunch).sequence) == (
        [str(lunch.uid)],
        1,
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "Lunch and posters"), ("description", "Vegan options."), ("kind", Slot.Kind.MEAL)],
)
def test_schedule_release_changed_detail_listed_as_changed(conference, agenda, field, value):
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    lunch = agenda["lunch"]
    setattr(lunch, field, value)
    slot_save(slot=lunch)

    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (
        uids(second.changelog["changed"]),
        second.changelog["moved"],
        released(second, lunch).sequence,
        released(second, lunch).changed_in,
        getattr(released(second, lunch), field),
    ) == ([str(lunch.uid)], [], 1, second, value)


def test_schedule_release_changed_in_points_at_release_that_last_changed_it(conference, agenda):
    first = schedule_release(conference=conference, version="1", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.title = "Lunch and posters"
    slot_save(slot=lunch)
    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    third = schedule_release(conference=conference, version="3", now=RELEASE_3)

    assert (
        (released(third, lunch).sequence, released(third, lunch).changed_in),
        (
            released(third, agenda["keynote"]).sequence,
            released(third, agenda["keynote"]).changed_in,
        ),
    ) == ((1, second), (0, first))


def test_schedule_release_removed_session_kept_as_cancelled(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lab = agenda["lab"]
    lab.delete()

    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    copy = released(second, lab)
    assert (
        uids(second.changelog["cancelled"]),
        (copy.cancelled, copy.sequence, copy.changed_in, copy.submission.title),
        second.slots.count(),
    ) == ([str(lab.uid)], (True, 1, second, "Lakehouse lab"), 3)


def test_schedule_release_cancelled_session_not_reported_again(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lab = agenda["lab"]
    lab.delete()
    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    third = schedule_release(conference=conference, version="3", now=RELEASE_3)

    copy = released(third, lab)
    assert (
        third.changelog["cancelled"],
        (copy.cancelled, copy.sequence, copy.changed_in),
    ) == ([], (True, 1, second))


def test_schedule_release_cancelled_working_slot_released_as_cancelled(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.cancelled = True
    lunch.save(update_fields=["cancelled"])

    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    assert (uids(second.changelog["cancelled"]), released(second, lunch).cancelled) == (
        [str(lunch.uid)],
        True,
    )


def test_schedule_release_withdrawn_talk_released_as_cancelled(conference, agenda, organizer):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    keynote = agenda["keynote"]
    submission_transition(submission=keynote.submission, to_state=WITHDRAWN, actor=organizer)

    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    copy = released(second, keynote)
    assert (
        [entry["title"] for entry in second.changelog["cancelled"]],
        (copy.cancelled, copy.sequence, copy.changed_in),
    ) == (["Streaming at Orbit"], (True, 1, second))


def test_slots_drop_for_submission_empties_working_copy_keeps_release(
    conference, agenda, organizer
):
    release = schedule_release(conference=conference, version="1", now=RELEASE_1)
    keynote = agenda["keynote"]

    dropped = slots_drop_for_submission(submission=keynote.submission)

    assert (
        dropped,
        Slot.objects.filter(schedule__version="", submission=keynote.submission).exists(),
        release.slots.filter(submission=keynote.submission).exists(),
    ) == (1, False, True)


def test_schedule_release_talk_withdrawn_before_first_release_left_out(
    conference, agenda, organizer
):
    keynote = agenda["keynote"]
    submission_transition(submission=keynote.submission, to_state=WITHDRAWN, actor=organizer)

    release = schedule_release(conference=conference, version="1", now=RELEASE_1)

    assert (
        release.slots.filter(uid=keynote.uid).exists(),
        release.changelog["cancelled"],
        len(release.changelog["new"]),
    ) == (False, [], 2)


@pytest.mark.parametrize(
    ("from_state", "to_state"), [(ACCEPTED, WITHDRAWN), (CONFIRMED, WITHDRAWN)]
)
def test_submission_transition_out_of_program_frees_working_slot(
    conference, working, room, agenda, organizer, from_state, to_state
):
    keynote = agenda["keynote"]
    Submission.objects.filter(pk=keynote.submission_id).update(state=from_state)
    replacement = Slot(
        schedule=working,
        room=room,
        start=keynote.start,
        end=keynote.end,
        submission=accepted_talk(conference, "Replacement"),
    )

    submission_transition(submission=keynote.submission, to_state=to_state, actor=organizer)
    slot_save(slot=replacement)

    assert (
        working.slots.filter(uid=keynote.uid).exists(),
        working.slots.filter(submission__title="Replacement").count(),
    ) == (False, 1)


def test_schedule_release_restored_session_listed_as_new_with_raised_sequence(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.cancelled = True
    lunch.save(update_fields=["cancelled"])
    schedule_release(conference=conference, version="2", now=RELEASE_2)
    lunch.cancelled = False
    lunch.save(update_fields=["cancelled"])

    third = schedule_release(conference=conference, version="3", now=RELEASE_3)

    copy = released(third, lunch)
    assert (
        uids(third.changelog["new"]),
        (copy.cancelled, copy.sequence, copy.changed_in),
    ) == ([str(lunch.uid)], (False, 2, third))


def test_schedule_release_new_session_after_first_release_listed_as_new(
    conference, working, agenda
):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    coffee = slot_save(
        slot=new_slot(
            working,
            None,
            at(conference, JUNE_10, 10, 30),
            at(conference, JUNE_10, 11),
            title="Coffee",
        )
    )

    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    assert (uids(second.changelog["new"]), released(second, coffee).sequence) == (
        [str(coffee.uid)],
        0,
    )


def test_schedule_release_compares_with_latest_release(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.title = "Lunch and posters"
    slot_save(slot=lunch)
    schedule_release(conference=conference, version="2", now=RELEASE_2)

    third = schedule_release(conference=conference, version="3", now=RELEASE_3)

    assert third.changelog["changed"] == []


def test_schedule_release_ignores_other_conferences_releases(conference, agenda):
    other = ConferenceFactory()
    schedule_working(conference=other)
    schedule_release(conference=other, version="1", now=RELEASE_1)

    release = schedule_release(conference=conference, version="1", now=RELEASE_2)

    assert len(release.changelog["new"]) == 3


def test_schedule_release_same_version_twice_refused(conference, agenda):
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    with pytest.raises(ValidationError) as error:
        schedule_release(conference=conference, version=" 1.0", now=RELEASE_2)

    assert (error.value.message_dict, conference.schedules.released().count()) == (
        {"version": ["Version 1.0 has already been released."]},
        1,
    )


@pytest.mark.parametrize("version", ["", "   "])
def test_schedule_release_without_version_name_refused(conference, agenda, version):
    with pytest.raises(ValidationError) as error:
        schedule_release(conference=conference, version=version, now=RELEASE_1)

    assert (list(error.value.message_dict), conference.schedules.released().count()) == (
        ["version"],
        0,
    )


def test_schedule_release_without_working_copy_refused(conference):
    with pytest.raises(ValidationError) as error:
        schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    assert (error.value.messages, Schedule.objects.filter(conference=conference).count()) == (
        ["There is no working schedule to release."],
        0,
    )


def test_schedule_release_version_name_too_long_refused(conference, agenda):
    with pytest.raises(ValidationError) as error:
        schedule_release(conference=conference, version="v" * 51, now=RELEASE_1)

    assert (list(error.value.message_dict), conference.schedules.released().count()) == (
        ["version"],
        0,
    )


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


# The agenda builder's writes: place, move, resize, unschedule, blocks, stale edits


def code_of(error: pytest.ExceptionInfo) -> set[str]:
    return {item.code for item in error.value.error_list}


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


# Two organizers saving at the same instant, on real concurrent connections (PostgreSQL).
# SQLite's in-memory test database cannot hold two writers at once, so these run in the
# PostgreSQL pass of the suite; there the schedule row lock and the exclusion constraint
# are what keep the agenda consistent.


def run_at_once(*jobs) -> list:
    """Run each job in its own thread and connection, released together by a barrier."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except ValidationError as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_slot_save_two_overlapping_talks_at_once_exactly_one_wins():
    conference = ConferenceFactory(starts_on=datetime.date(2030, 6, 10))
    working = schedule_working(conference=conference)
    room = RoomFactory(conference=conference, name="Auditorium")
    talks = [
        SubmissionFactory(conference=conference, title=title, state=Submission.State.ACCEPTED)
        for title in ("Streaming at Orbit", "Lakehouse lab")
    ]

    def place(talk, hour, minute):
        def job():
            return slot_save(
                slot=Slot(
                    schedule=working,
                    room=room,
                    submission=talk,
                    start=local_datetime(conference, conference.starts_on, hour, minute),
                    end=local_datetime(conference, conference.starts_on, hour + 1, minute),
                )
            )

        return job

    outcomes = run_at_once(place(talks[0], 9, 0), place(talks[1], 9, 30))

    saved = [outcome for outcome in outcomes if isinstance(outcome, Slot)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert (len(saved), len(refused), working.slots.count()) == (1, 1, 1)
    assert refused[0].messages[0].startswith("Auditorium is taken from")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_slot_move_two_slots_into_one_place_at_once_exactly_one_wins():
    conference = ConferenceFactory(starts_on=datetime.date(2030, 6, 10))
    working = schedule_working(conference=conference)
    auditorium = RoomFactory(conference=conference, name="Auditorium")
    studio = RoomFactory(conference=conference, name="Studio")
    day = conference.starts_on
    slots = [
        slot_save(
            slot=Slot(
                schedule=working,
                room=room,
                kind=Slot.Kind.BREAK,
                title=title,
                start=local_datetime(conference, day, 9),
                end=local_datetime(conference, day, 10),
            )
        )
        for room, title in ((auditorium, "Coffee"), (studio, "Tea"))
    ]

    def move(slot, room):
        def job():
            return slot_move(
                slot=Slot.objects.get(pk=slot.pk),
                room=room,
                start=local_datetime(conference, day, 14),
                end=local_datetime(conference, day, 15),
                expected_updated_at=slot.updated_at,
            )

        return job

    # Both go to the Auditorium at 14:00; the Studio slot crosses rooms, the other stays put.
    outcomes = run_at_once(move(slots[0], auditorium), move(slots[1], auditorium))

    saved = [outcome for outcome in outcomes if isinstance(outcome, Slot)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert (len(saved), len(refused)) == (1, 1)
    assert (
        working.slots.filter(room=auditorium, start=local_datetime(conference, day, 14)).count()
        == 1
    )
    assert refused[0].messages[0].startswith("Auditorium is taken from 14:00 to 15:00")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_slot_move_same_slot_from_two_pages_at_once_one_refused_as_stale():
    conference = ConferenceFactory(starts_on=datetime.date(2030, 6, 10))
    working = schedule_working(conference=conference)
    room = RoomFactory(conference=conference, name="Auditorium")
    day = conference.starts_on
    slot = slot_save(
        slot=Slot(
            schedule=working,
            room=room,
            kind=Slot.Kind.BREAK,
            title="Coffee",
            start=local_datetime(conference, day, 9),
            end=local_datetime(conference, day, 10),
        )
    )
    read_at = slot.updated_at

    def move(hour):
        def job():
            return slot_move(
                slot=Slot.objects.get(pk=slot.pk),
                room=room,
                start=local_datetime(conference, day, hour),
                end=local_datetime(conference, day, hour + 1),
                expected_updated_at=read_at,
            )

        return job

    outcomes = run_at_once(move(11), move(15))

    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert (len(refused), [error.error_list[0].code for error in refused]) == (1, ["stale"])
    assert working.slots.get().start.hour in {9, 13}  # 11:00 or 15:00 in Amsterdam summer time
