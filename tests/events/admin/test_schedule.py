"""The schedule admin (events/admin/schedule.py): released slots are read only, releases
show their changelogs, and the slot form applies the scheduling rule in conference time."""

import datetime

import pytest

from events.models import Schedule, Slot, Submission
from events.schedule.services import schedule_working
from tests.conftest import admin_url
from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db


def test_admin_released_slot_page_is_read_only(organizer_client, populated):
    released = Slot.objects.exclude(schedule__version="").first()
    assert released is not None

    response = organizer_client.get(admin_url(Slot, "change", released.pk))

    assert (response.status_code, response.context["has_change_permission"]) == (200, False)


def test_admin_release_history_shows_each_changelog(organizer_client, populated):
    release = Schedule.objects.get(version="1.0")

    listing = organizer_client.get(admin_url(Schedule, "changelist")).content.decode()
    page = organizer_client.get(admin_url(Schedule, "change", release.pk)).content.decode()

    assert "2 new, 0 moved, 0 changed, 0 cancelled" in listing
    assert "Orbit lunch (2030-06-10 12:00, all rooms)" in page
    assert "Nimbus lab (2030-06-10 09:00, Auditorium)" in page


# The slot form applies the scheduling rule


@pytest.fixture
def agenda():
    conference = ConferenceFactory(
        starts_on=datetime.date(2030, 6, 10),
        ends_on=datetime.date(2030, 6, 11),
        timezone="Europe/Amsterdam",
    )
    working = schedule_working(conference=conference)
    room = RoomFactory(conference=conference, name="Auditorium")
    existing = SlotFactory(
        schedule=working,
        room=room,
        title="Opening",
        start=local_datetime(conference, conference.starts_on, 9),
        end=local_datetime(conference, conference.starts_on, 10),
    )
    talk = SubmissionFactory(
        conference=conference, title="Streaming at Orbit", state=Submission.State.ACCEPTED
    )
    return {"working": working, "room": room, "existing": existing, "talk": talk}


def slot_form(agenda, start: str, end: str) -> dict:
    """Admin form data; times are wall-clock times at the conference (Europe/Amsterdam)."""
    return {
        "schedule": agenda["working"].pk,
        "kind": Slot.Kind.TALK,
        "room": agenda["room"].pk,
        "start_0": "2030-06-10",
        "start_1": start,
        "end_0": "2030-06-10",
        "end_1": end,
        "submission": agenda["talk"].pk,
        "title": "",
        "description": "",
    }


def test_admin_slot_conflicting_with_room_shows_conflict_on_form(organizer_client, agenda):
    response = organizer_client.post(admin_url(Slot, "add"), slot_form(agenda, "09:30", "10:30"))

    assert (
        response.status_code,
        list(response.context["adminform"].form.non_field_errors()),
        Slot.objects.count(),
    ) == (
        200,
        ["Auditorium is taken from 09:00 to 10:00 by “Opening” (Auditorium)."],
        1,
    )


def test_admin_slot_without_conflict_saved_in_conference_time(organizer_client, agenda):
    response = organizer_client.post(admin_url(Slot, "add"), slot_form(agenda, "10:00", "11:00"))

    slot = Slot.objects.get(submission=agenda["talk"])
    assert (response.status_code, slot.start, slot.end) == (
        302,
        datetime.datetime(2030, 6, 10, 8, 0, tzinfo=datetime.UTC),
        datetime.datetime(2030, 6, 10, 9, 0, tzinfo=datetime.UTC),
    )


def test_admin_slot_change_form_shows_conference_time(organizer_client, agenda):
    response = organizer_client.get(admin_url(Slot, "change", agenda["existing"].pk))

    form = response.context["adminform"].form
    assert (form["start"].value().isoformat(), form["end"].value().isoformat()) == (
        "2030-06-10T09:00:00",
        "2030-06-10T10:00:00",
    )


def test_admin_slot_saves_signup_and_cap(organizer_client, agenda):
    data = slot_form(agenda, "10:00", "11:00") | {"signup_required": "on", "signup_cap": "16"}

    response = organizer_client.post(admin_url(Slot, "add"), data)

    slot = Slot.objects.get(submission=agenda["talk"])
    assert (response.status_code, slot.signup_required, slot.signup_cap, slot.seats) == (
        302,
        True,
        16,
        16,
    )


def test_admin_slot_signup_without_room_or_cap_refused_at_cap(organizer_client, agenda):
    data = slot_form(agenda, "10:00", "11:00") | {"room": "", "signup_required": "on"}

    response = organizer_client.post(admin_url(Slot, "add"), data)

    assert (response.status_code, response.context["adminform"].form.errors["signup_cap"]) == (
        200,
        ["A session with sign-up in no particular room needs a number of seats."],
    )
    assert not Slot.objects.filter(submission=agenda["talk"]).exists()
