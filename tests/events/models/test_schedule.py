"""The schedule models (events/models/schedule.py): one working copy and named releases
per conference, and the slot constraints the database enforces, overlaps included."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Schedule, Slot
from tests.factories import RoomFactory, ScheduleFactory, SlotFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
JUNE_10 = datetime.date(2030, 6, 10)
JUNE_11 = datetime.date(2030, 6, 11)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


# Schedules


def test_schedule_second_working_copy_refused_by_database(conference):
    ScheduleFactory(conference=conference)

    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(conference=conference)


def test_schedule_working_copies_of_two_conferences_accepted(conference):
    ScheduleFactory(conference=conference)
    ScheduleFactory()

    assert Schedule.objects.filter(version="").count() == 2


def test_schedule_same_version_twice_refused_by_database(conference):
    ScheduleFactory(conference=conference, released=True, version="1.0")

    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(conference=conference, released=True, version="1.0")


def test_schedule_same_version_in_other_conference_accepted(conference):
    ScheduleFactory(conference=conference, released=True, version="1.0")

    ScheduleFactory(released=True, version="1.0")

    assert Schedule.objects.filter(version="1.0").count() == 2


def test_schedule_version_without_release_time_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(conference=conference, version="1.0", released_at=None)


def test_schedule_working_copy_with_release_time_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduleFactory(
            conference=conference, version="", released_at=datetime.datetime(2030, 1, 1, tzinfo=UTC)
        )


def test_schedule_working_copy_is_the_one_without_version(conference):
    working = ScheduleFactory(conference=conference)
    release = ScheduleFactory(conference=conference, released=True)

    assert (working.is_working_copy, release.is_working_copy) == (True, False)


def test_schedule_released_lists_newest_release_first(conference):
    ScheduleFactory(conference=conference)
    first = ScheduleFactory(
        conference=conference, version="1", released_at=datetime.datetime(2030, 5, 1, tzinfo=UTC)
    )
    second = ScheduleFactory(
        conference=conference, version="2", released_at=datetime.datetime(2030, 5, 2, tzinfo=UTC)
    )

    assert list(Schedule.objects.released()) == [second, first]


# Slots


@pytest.fixture
def working(conference) -> Schedule:
    return ScheduleFactory(conference=conference)


@pytest.mark.parametrize("length", [datetime.timedelta(0), datetime.timedelta(minutes=-30)])
def test_slot_ending_at_or_before_start_refused_by_database(working, length):
    start = at(JUNE_10, 9)

    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, start=start, end=start + length)


def test_slot_without_submission_or_title_refused_by_database(working):
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, submission=None, title="")


def test_slot_without_submission_or_title_refused_by_full_clean(working):
    slot = SlotFactory.build(
        schedule=working, room=RoomFactory(conference=working.conference), title=""
    )

    with pytest.raises(ValidationError) as error:
        slot.full_clean()

    assert error.value.messages == ["A block without a talk needs a title."]


def test_talk_slot_without_talk_refused_by_database(working):
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, kind=Slot.Kind.TALK, submission=None, title="Mystery")


@pytest.mark.parametrize("kind", [Slot.Kind.BREAK, Slot.Kind.MEAL, Slot.Kind.SOCIAL])
def test_block_slot_with_talk_refused_by_database(working, kind):
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, talk=True, kind=kind)


def test_keynote_slot_with_or_without_talk_accepted(working):
    SlotFactory(schedule=working, kind=Slot.Kind.KEYNOTE, title="Opening keynote")
    SlotFactory(schedule=working, talk=True, kind=Slot.Kind.KEYNOTE, start=at(JUNE_10, 11))

    assert working.slots.filter(kind=Slot.Kind.KEYNOTE).count() == 2


def test_slot_with_submission_and_no_title_accepted(working):
    slot = SlotFactory(schedule=working, talk=True)

    assert slot.submission is not None
    assert (slot.title, slot.display_title) == ("", slot.submission.title)


def test_slot_same_talk_twice_in_one_schedule_refused_by_database(working):
    slot = SlotFactory(schedule=working, talk=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(
            schedule=working,
            submission=slot.submission,
            title="",
            start=at(JUNE_11, 9),
            end=at(JUNE_11, 10),
        )


def test_slot_same_uid_twice_in_one_schedule_refused_by_database(working):
    slot = SlotFactory(schedule=working)

    with pytest.raises(IntegrityError), transaction.atomic():
        SlotFactory(schedule=working, uid=slot.uid, start=at(JUNE_11, 9), end=at(JUNE_11, 10))


def test_slot_same_uid_in_a_release_accepted(working):
    slot = SlotFactory(schedule=working)

    SlotFactory(
        schedule=ScheduleFactory(conference=working.conference, released=True), uid=slot.uid
    )

    assert Slot.objects.filter(uid=slot.uid).count() == 2


def test_slot_duration_is_end_minus_start(working):
    slot = SlotFactory(schedule=working, start=at(JUNE_10, 9), end=at(JUNE_10, 10, 30))

    assert slot.duration == datetime.timedelta(minutes=90)


def test_slot_overlapping_in_one_room_refused_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.create(
            schedule=working,
            room=room,
            start=at(JUNE_10, 9, 30),
            end=at(JUNE_10, 10, 30),
            title="X",
            kind=Slot.Kind.OTHER,
        )


def test_slot_moved_into_overlap_refused_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))
    later = SlotFactory(schedule=working, room=room, start=at(JUNE_10, 11), end=at(JUNE_10, 12))

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=later.pk).update(start=at(JUNE_10, 9, 45))


def test_slot_moved_within_its_own_time_accepted_by_database(working):
    room = RoomFactory(conference=working.conference)
    slot = SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))

    Slot.objects.filter(pk=slot.pk).update(end=at(JUNE_10, 10, 15))

    slot.refresh_from_db()
    assert slot.end == at(JUNE_10, 10, 15)


def test_slot_overlapping_whole_venue_blocks_refused_by_database(working):
    SlotFactory(schedule=working, room=None, start=at(JUNE_10, 12), end=at(JUNE_10, 13))

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.create(
            schedule=working,
            room=None,
            start=at(JUNE_10, 12, 30),
            end=at(JUNE_10, 14),
            title="X",
            kind=Slot.Kind.OTHER,
        )


def test_slot_back_to_back_in_one_room_accepted_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))

    Slot.objects.create(
        schedule=working,
        room=room,
        start=at(JUNE_10, 10),
        end=at(JUNE_10, 11),
        title="Next",
        kind=Slot.Kind.OTHER,
    )

    assert room.slots.count() == 2


def test_slot_overlapping_cancelled_slot_accepted_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(
        schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10), cancelled=True
    )

    Slot.objects.create(
        schedule=working,
        room=room,
        start=at(JUNE_10, 9),
        end=at(JUNE_10, 10),
        title="Instead",
        kind=Slot.Kind.OTHER,
    )

    assert room.slots.count() == 2


def test_slot_overlapping_in_other_schedule_accepted_by_database(working):
    room = RoomFactory(conference=working.conference)
    SlotFactory(schedule=working, room=room, start=at(JUNE_10, 9), end=at(JUNE_10, 10))
    release = ScheduleFactory(conference=working.conference, released=True)

    Slot.objects.create(
        schedule=release,
        room=room,
        start=at(JUNE_10, 9),
        end=at(JUNE_10, 10),
        title="Copy",
        kind=Slot.Kind.OTHER,
    )

    assert room.slots.count() == 2


def test_slot_active_excludes_cancelled(working):
    active = SlotFactory(schedule=working)
    SlotFactory(schedule=working, cancelled=True)

    assert list(Slot.objects.active()) == [active]


def test_slot_str_names_utc_time_of_unsaved_local_datetime(conference):
    room = RoomFactory(conference=conference, name="Auditorium")
    slot = Slot(
        room=room,
        title="Opening",
        start=datetime.datetime(2030, 6, 10, 9, 30, tzinfo=conference.tz),
        end=datetime.datetime(2030, 6, 10, 10, 30, tzinfo=conference.tz),
    )

    assert str(slot) == "Opening · Auditorium · 2030-06-10 07:30 UTC"


# Control characters (members.validators.validate_single_line_text)


def test_schedule_version_with_control_character_refused(conference):
    release = ScheduleFactory.build(conference=conference, version="1.0\x0b")

    with pytest.raises(ValidationError) as refused:
        release.full_clean(validate_constraints=False)

    assert list(refused.value.message_dict) == ["version"]


def test_slot_title_with_control_character_refused(conference):
    slot = SlotFactory.build(schedule=ScheduleFactory(conference=conference), title="Lunch\x00")

    with pytest.raises(ValidationError) as refused:
        slot.full_clean(validate_constraints=False)

    assert "title" in refused.value.message_dict
