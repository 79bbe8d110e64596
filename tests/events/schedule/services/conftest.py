"""What the schedule service tests share: a two-day conference in Amsterdam with its
working copy and two rooms, the dates and states they use, and helpers that place slots
with or without the scheduling rule and read the codes of a refusal."""

import datetime

import pytest

from events.models import Conference, Schedule, Slot, Submission
from events.schedule.services import schedule_working
from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)

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


def uids(entries: list[dict]) -> list[str]:
    return sorted(entry["uid"] for entry in entries)


def code_of(error: pytest.ExceptionInfo) -> set[str]:
    return {item.code for item in error.value.error_list}
