"""The caller's registrations (api/views/registrations.py)."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AuditEntry
from events.models import Registration
from tests.api.conftest import error
from tests.factories import ConferenceFactory, MemberFactory, RegistrationFactory


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


# Cancelling and transferring


def test_registration_cancel_own(world, api_client):
    response = api_client("member_a").delete(f"/api/v1/registrations/{world.registration_a.pk}/")

    assert response.status_code == 204
    assert not Registration.objects.filter(user=world.member_a.user).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REGISTRATION_CANCELLED).exists()


def test_registration_cancel_of_someone_else_refused_even_to_organizers(world, api_client):
    response = api_client("organizer").delete(f"/api/v1/registrations/{world.registration_a.pk}/")

    assert error(response)[:2] == (403, "permission_denied")
    assert Registration.objects.filter(pk=world.registration_a.pk).exists()


@pytest.fixture
def primary(world):
    """Orbit Bank (member A's company) with one complimentary pass, and its primary contact."""
    tier = world.company_a.memberships.get().tier
    tier.conference_passes = 1
    tier.save()
    return MemberFactory(company=world.company_a, is_primary_contact=True)


def transfer(client, registration, member):
    return client.post(
        "/api/v1/registrations/transfer/",
        {"registration": registration.pk, "member": member.pk},
        format="json",
    )


def test_registration_transfer_by_primary_contact(world, primary):
    client = APIClient()
    client.force_login(primary.user)

    response = transfer(client, world.registration_a, world.reviewer)

    assert response.status_code == 201
    assert (response.json()["conference"], response.json()["pass_type"]) == (
        world.conference.slug,
        "member",
    )
    assert Registration.objects.get(conference=world.conference, user=world.reviewer.user)
    assert not Registration.objects.filter(user=world.member_a.user).exists()


def test_registration_transfer_beyond_passes_refused(world, primary):
    colleague = MemberFactory(company=world.company_a)
    RegistrationFactory(
        conference=world.conference, user=colleague.user, pass_type=Registration.PassType.MEMBER
    )
    world.registration_a.pass_type = Registration.PassType.SPEAKER
    world.registration_a.save()
    client = APIClient()
    client.force_login(primary.user)

    response = transfer(client, world.registration_a, world.reviewer)

    status, code, fields = error(response)
    assert (status, code, list(fields)) == (400, "no_pass_left", ["member"])
    assert fields["member"][0].endswith(f"the speaker pass cannot go to {world.reviewer.name}.")
    assert Registration.objects.get(pk=world.registration_a.pk).user == world.member_a.user


def test_registration_transfer_of_another_company_is_a_field_error(world, primary):
    client = APIClient()
    client.force_login(primary.user)

    response = transfer(client, world.registration_b, world.reviewer)

    assert (error(response)[0], list(error(response)[2])) == (400, ["registration"])
    assert Registration.objects.get(pk=world.registration_b.pk).user == world.member_b.user


def test_registration_transfer_to_another_company_is_a_field_error(world, primary):
    client = APIClient()
    client.force_login(primary.user)

    response = transfer(client, world.registration_a, world.member_b)

    assert (error(response)[0], list(error(response)[2])) == (400, ["member"])
