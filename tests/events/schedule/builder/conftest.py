"""What the agenda builder tests share: a two-day conference in Amsterdam with its working
copy and two rooms, a logged-in organizer, the builder's addresses, and helpers for a talk
to place and a block on the grid."""

import datetime

import pytest
from django.urls import reverse

from events.models import Submission
from events.schedule.services import schedule_working
from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)

JUNE_10 = datetime.date(2030, 6, 10)
JUNE_11 = datetime.date(2030, 6, 11)


@pytest.fixture
def conference():
    return ConferenceFactory(
        name="Polaris Summit 2030",
        starts_on=JUNE_10,
        ends_on=JUNE_11,
        timezone="Europe/Amsterdam",
    )


@pytest.fixture
def working(conference):
    return schedule_working(conference=conference)


@pytest.fixture
def auditorium(conference):
    return RoomFactory(conference=conference, name="Auditorium", capacity=100, order=0)


@pytest.fixture
def studio(conference):
    return RoomFactory(conference=conference, name="Studio", capacity=40, order=1)


@pytest.fixture
def organizer_client(client):
    client.force_login(OrganizerFactory())
    return client


def at(conference, day, hour, minute=0):
    return local_datetime(conference, day, hour, minute)


def builder_url(conference, **query) -> str:
    url = reverse("admin:events_conference_agenda", args=[conference.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def place_url(conference) -> str:
    return reverse("admin:events_conference_agenda_place", args=[conference.pk])


def move_url(slot) -> str:
    return reverse(
        "admin:events_conference_agenda_move", args=[slot.schedule.conference_id, slot.pk]
    )


def unschedule_url(slot) -> str:
    return reverse(
        "admin:events_conference_agenda_unschedule", args=[slot.schedule.conference_id, slot.pk]
    )


def talk(conference, title="Streaming at Orbit", **fields):
    fields.setdefault("state", Submission.State.ACCEPTED)
    return SubmissionFactory(conference=conference, title=title, **fields)


def block(working, room, start, end, title="Opening", **fields):
    return SlotFactory(schedule=working, room=room, start=start, end=end, title=title, **fields)
