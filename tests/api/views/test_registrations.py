"""The caller's registrations (api/views/registrations.py)."""

import datetime

from django.utils import timezone

from tests.api.conftest import error
from tests.factories import ConferenceFactory


def test_registration_create_then_star(world, api_client):
    client = api_client("reviewer")

    registered = client.post(
        "/api/v1/registrations/", {"conference": world.conference.slug}, format="json"
    )
    starred = client.post(f"/api/v1/sessions/{world.session.uid}/star/")

    assert (registered.status_code, registered.json()["conference"], starred.status_code) == (
        201,
        world.conference.slug,
        200,
    )


def test_registration_create_twice_is_refused(world, api_client):
    response = api_client("member_a").post(
        "/api/v1/registrations/", {"conference": world.conference.slug}, format="json"
    )

    assert error(response)[:2] == (400, "already_registered")


def test_registration_create_after_the_conference_is_refused(world, api_client):
    past = ConferenceFactory(
        starts_on=timezone.localdate() - datetime.timedelta(days=10),
        ends_on=timezone.localdate() - datetime.timedelta(days=9),
    )

    response = api_client("reviewer").post(
        "/api/v1/registrations/", {"conference": past.slug}, format="json"
    )

    assert error(response)[:2] == (400, "conference_over")


def test_registration_create_for_an_unknown_conference_is_a_field_error(world, api_client):
    response = api_client("reviewer").post(
        "/api/v1/registrations/", {"conference": "no-such-thing"}, format="json"
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["conference"])
