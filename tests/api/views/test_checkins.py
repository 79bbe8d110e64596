"""Check-in and session attendance by program (api/views/checkins.py): the staff page's
rules, in the API's JSON shapes."""

import zoneinfo

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from events.checkin.selectors import registration_checkin_code
from events.models import CheckIn, SessionAttendance
from members.roles import CHECKIN_STAFF, PROGRAM_COMMITTEE
from tests.api.conftest import error
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    RegistrationFactory,
    ScheduleFactory,
    SlotFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    today = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo("Europe/Amsterdam")).date()
    conference = ConferenceFactory(slug="summit", starts_on=today)
    release = ScheduleFactory(conference=conference, released=True)
    talk = SlotFactory(schedule=release, talk=True)
    member = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    registration = RegistrationFactory(conference=conference, user=member.user)
    return conference, talk, member, registration


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def test_check_in_by_api_then_again(door):
    _, _, _, registration = door
    client = client_for(UserFactory(roles=[CHECKIN_STAFF]))
    body = {"conference": "summit", "code": registration_checkin_code(registration)}

    first = client.post("/api/v1/check-ins/", body, format="json")
    again = client.post("/api/v1/check-ins/", body, format="json")

    assert (first.status_code, first.json()["status"], first.json()["name"]) == (
        201,
        "checked_in",
        "Ada Lovelace",
    )
    assert (again.status_code, again.json()["status"], again.json()["at"]) == (
        200,
        "already_checked_in",
        first.json()["at"],
    )
    assert CheckIn.objects.count() == 1


def test_check_in_by_api_refuses_a_forged_code(door):
    client = client_for(OrganizerFactory())

    response = client.post(
        "/api/v1/check-ins/", {"conference": "summit", "code": "1-AAAAA-AAAAA"}, format="json"
    )

    status, code, fields = error(response)
    assert (status, code, list(fields)) == (400, "invalid_code", ["code"])
    assert CheckIn.objects.count() == 0


def test_check_in_by_api_refuses_a_missing_code(door):
    response = client_for(OrganizerFactory()).post(
        "/api/v1/check-ins/", {"conference": "summit"}, format="json"
    )

    status, _, fields = error(response)
    assert (status, list(fields)) == (400, ["code"])


@pytest.mark.parametrize("who", ["anonymous", "attendee", "reviewer"])
def test_check_in_by_api_is_refused_to_all_but_staff(door, who):
    _, _, member, registration = door
    user = {
        "anonymous": None,
        "attendee": member.user,
        "reviewer": UserFactory(roles=[PROGRAM_COMMITTEE]),
    }[who]

    response = client_for(user).post(
        "/api/v1/check-ins/",
        {"conference": "summit", "code": registration_checkin_code(registration)},
        format="json",
    )

    assert error(response)[0] == (401 if who == "anonymous" else 403)
    assert CheckIn.objects.count() == 0


def test_session_attendance_by_api(door):
    _, talk, _, registration = door
    client = client_for(UserFactory(roles=[CHECKIN_STAFF]))
    body = {
        "conference": "summit",
        "session": str(talk.uid),
        "code": registration_checkin_code(registration),
    }

    first = client.post("/api/v1/session-attendance/", body, format="json")
    again = client.post("/api/v1/session-attendance/", body, format="json")

    assert (first.status_code, first.json()["session"]) == (201, str(talk.uid))
    assert (again.status_code, again.json()["status"]) == (200, "already_checked_in")
    assert SessionAttendance.objects.count() == 1


def test_session_attendance_by_api_refuses_an_unknown_session(door):
    _, _, _, registration = door

    response = client_for(OrganizerFactory()).post(
        "/api/v1/session-attendance/",
        {
            "conference": "summit",
            "session": "00000000-0000-0000-0000-000000000000",
            "code": registration_checkin_code(registration),
        },
        format="json",
    )

    status, code, fields = error(response)
    assert (status, code, list(fields)) == (400, "unknown_session", ["session"])
