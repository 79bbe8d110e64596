"""Signing up for sessions and leaving them through the API (api/views/sessions.py: signup;
api/views/signups.py), with the same rules as the site."""

import pytest
from rest_framework.test import APIClient

from events.attendance.services import signup_join
from events.models import SessionSignup
from tests.api.conftest import error
from tests.factories import RegistrationFactory, SlotFactory


@pytest.fixture
def lab(world):
    """A hands-on lab in the world's release with one seat, taken by someone else."""
    slot = SlotFactory(
        schedule=world.release,
        room=world.room,
        talk=True,
        submission__title="Streaming lab",
        signup_required=True,
        signup_cap=1,
        start=world.session.end,
        end=world.session.end + (world.session.end - world.session.start),
    )
    signup_join(registration=RegistrationFactory(conference=world.conference), slot_uid=slot.uid)
    return slot


def test_session_shows_signup_and_seats(world, api_client, lab):
    session = api_client("anonymous").get(f"/api/v1/sessions/{lab.uid}/").json()

    assert (session["signup_required"], session["seats"]) == (True, 1)


def test_signup_when_full_joins_waitlist_with_position(world, api_client, lab):
    client = api_client("member_a")

    response = client.post(f"/api/v1/sessions/{lab.uid}/signup/")

    assert response.status_code == 200
    body = response.json()
    assert (body["session"], body["state"], body["waitlist_position"]) == (
        str(lab.uid),
        "waitlisted",
        1,
    )


def test_signup_with_seat_left_is_confirmed(world, api_client, lab):
    lab.signup_cap = 2
    lab.save()

    body = api_client("member_a").post(f"/api/v1/sessions/{lab.uid}/signup/").json()

    assert (body["state"], body["waitlist_position"]) == ("confirmed", None)


def test_signups_list_shows_own_waitlist_places_only(world, api_client, lab):
    api_client("member_a").post(f"/api/v1/sessions/{lab.uid}/signup/")
    api_client("member_b").post(f"/api/v1/sessions/{lab.uid}/signup/")

    results = api_client("member_b").get("/api/v1/signups/").json()["results"]

    assert [(r["session"], r["state"], r["waitlist_position"]) for r in results] == [
        (str(lab.uid), "waitlisted", 2)
    ]


def test_leave_gives_seat_to_first_waiting(world, api_client, lab):
    seated = SessionSignup.objects.get(slot_uid=lab.uid)
    api_client("member_a").post(f"/api/v1/sessions/{lab.uid}/signup/")
    seated_client = APIClient()
    seated_client.force_login(seated.registration.user)

    response = seated_client.delete(f"/api/v1/sessions/{lab.uid}/signup/")

    assert response.status_code == 204
    assert SessionSignup.objects.get(slot_uid=lab.uid).registration == world.registration_a


def test_signup_without_registration_refused(world, api_client, lab):
    response = api_client("reviewer").post(f"/api/v1/sessions/{lab.uid}/signup/")

    assert error(response)[:2] == (400, "not_registered")


def test_signup_for_session_without_signup_refused(world, api_client):
    response = api_client("member_a").post(f"/api/v1/sessions/{world.session.uid}/signup/")

    assert error(response)[:2] == (400, "no_signup")
    assert not SessionSignup.objects.exists()


def test_signup_anonymous_refused(world, api_client, lab):
    assert api_client("anonymous").post(f"/api/v1/sessions/{lab.uid}/signup/").status_code == 401
