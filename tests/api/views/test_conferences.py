"""Conferences, tracks, rooms and formats (api/views/conferences.py): search and ordering,
and the organizers' release of the working schedule."""

import datetime

from events.models import Schedule, Slot
from members.models import OutgoingEmail
from tests.api.conftest import error
from tests.factories import AgendaItemFactory, RegistrationFactory, TrackFactory


def test_search_and_ordering_apply_to_tracks(world, api_client):
    client = api_client("anonymous")
    TrackFactory(conference=world.conference, name="Analytics", slug="analytics")

    ordered = client.get("/api/v1/tracks/", {"ordering": "-name"}).json()["results"]
    found = client.get("/api/v1/tracks/", {"search": "analy"}).json()["results"]

    assert ([t["name"] for t in ordered], [t["name"] for t in found]) == (
        ["Data", "Analytics"],
        ["Analytics"],
    )


def test_release_creates_a_version_the_public_then_sees(world, api_client):
    response = api_client("organizer").post(
        f"/api/v1/conferences/{world.conference.slug}/release/", {"version": "2.0"}
    )
    conference = api_client("anonymous").get(f"/api/v1/conferences/{world.conference.slug}/")

    assert (
        response.status_code,
        response.json()["version"],
        conference.json()["latest_release"],
    ) == (
        201,
        "2.0",
        "2.0",
    )


def test_release_with_an_existing_version_is_a_field_error(world, api_client):
    response = api_client("organizer").post(
        f"/api/v1/conferences/{world.conference.slug}/release/", {"version": "1.0"}
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["version"])
    assert Schedule.objects.released().count() == 1


def test_release_with_a_control_character_in_the_version_is_a_field_error(world, api_client):
    response = api_client("organizer").post(
        f"/api/v1/conferences/{world.conference.slug}/release/", {"version": "2.0\x07"}
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["version"])
    assert Schedule.objects.released().count() == 1


def test_release_dry_run_answers_the_changelog_and_counts_and_releases_nothing(world, api_client):
    released = Schedule.objects.released().get()
    session = released.slots.filter(submission__isnull=False, cancelled=False).first()
    assert session is not None
    AgendaItemFactory(
        registration=RegistrationFactory(conference=world.conference), slot_uid=session.uid
    )
    Slot.objects.filter(schedule__version="", uid=session.uid).update(
        start=session.start + datetime.timedelta(minutes=30),
        end=session.end + datetime.timedelta(minutes=30),
    )

    response = api_client("organizer").post(
        f"/api/v1/conferences/{world.conference.slug}/release/",
        {"version": "2.0", "dry_run": True},
        format="json",
    )

    body = response.json()
    assert (response.status_code, body["version"], body["attendees"]) == (200, "2.0", 1)
    assert [entry["uid"] for entry in body["changelog"]["moved"]] == [str(session.uid)]
    assert body["speakers"] == session.submission.submission_speakers.count()
    assert Schedule.objects.released().count() == 1
    assert OutgoingEmail.objects.count() == 0


def test_release_dry_run_refuses_a_released_version_as_the_release_does(world, api_client):
    response = api_client("organizer").post(
        f"/api/v1/conferences/{world.conference.slug}/release/",
        {"version": "1.0", "dry_run": True},
        format="json",
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["version"])


def test_release_dry_run_is_refused_to_a_member(world, api_client):
    response = api_client("member_a").post(
        f"/api/v1/conferences/{world.conference.slug}/release/",
        {"version": "2.0", "dry_run": True},
        format="json",
    )

    assert response.status_code == 403
