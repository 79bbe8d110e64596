"""Evaluations by program (api/views/evaluations.py): the site's rules in the API's JSON
shapes, and results for speakers (their own) and organizers (all)."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from events.models import Evaluation, SessionSignup
from tests.api.conftest import error
from tests.events.evaluations.conftest import make_hall
from tests.factories import (
    AgendaItemFactory,
    MemberFactory,
    OrganizerFactory,
    RegistrationFactory,
    SlotFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall(db):
    """The evaluation tests' conference, held three days ago: its sessions have ended."""
    return make_hall(timezone.localdate() - datetime.timedelta(days=3))


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def body(hall, **overrides) -> dict:
    return {
        "conference": hall.conference.slug,
        "session": str(hall.talk.uid),
        "content_rating": 4,
        "speaker_rating": 5,
        "comment": "Useful.",
    } | overrides


def test_evaluation_by_api_is_recorded_and_listed_as_ones_own(hall):
    client = client_for(hall.attendee.user)

    created = client.post("/api/v1/evaluations/", body(hall), format="json")
    listed = client.get("/api/v1/evaluations/")

    assert created.status_code == 201
    assert created.json()["session"] == str(hall.talk.uid)
    assert [row["content_rating"] for row in listed.json()["results"]] == [4]
    assert Evaluation.objects.get().registration == hall.registration


def test_evaluations_list_shows_no_one_elses(hall):
    client_for(hall.attendee.user).post("/api/v1/evaluations/", body(hall), format="json")

    listed = client_for(RegistrationFactory(conference=hall.conference).user).get(
        "/api/v1/evaluations/"
    )

    assert listed.json()["results"] == []


@pytest.mark.parametrize(
    ("who", "field", "code"),
    [
        ("stranger", "session", "not_attended"),
        ("unregistered", "conference", "not_registered"),
    ],
)
def test_evaluation_by_api_by_someone_who_did_not_attend_is_refused(hall, who, field, code):
    user = (
        RegistrationFactory(conference=hall.conference).user
        if who == "stranger"
        else MemberFactory().user
    )

    response = client_for(user).post("/api/v1/evaluations/", body(hall), format="json")

    assert error(response)[:2] == (400, code)
    assert field in response.json()["fields"]
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("state", "status"),
    [(SessionSignup.State.CONFIRMED, 201), (SessionSignup.State.WAITLISTED, 400)],
)
def test_evaluation_by_api_of_a_sign_up_session_needs_a_seat(hall, state, status):
    hall.talk.signup_required = True
    hall.talk.signup_cap = 1
    hall.talk.save(update_fields=["signup_required", "signup_cap"])
    registration = RegistrationFactory(conference=hall.conference)
    SessionSignup.objects.create(
        registration=registration, slot_uid=hall.talk.uid, state=state, position=1
    )
    AgendaItemFactory(registration=registration, slot_uid=hall.talk.uid)

    response = client_for(registration.user).post("/api/v1/evaluations/", body(hall), format="json")

    assert response.status_code == status
    if status == 400:
        assert error(response)[:2] == (400, "not_attended")
        assert "waitlist" in response.json()["fields"]["session"][0]
    assert Evaluation.objects.filter(registration=registration).exists() == (status == 201)


def test_evaluation_by_api_before_the_session_ends_is_refused(hall):
    late = SlotFactory(schedule=hall.release, talk=True, start=hall.at(9), end=hall.at(10))
    late.end = late.end.replace(year=2099)
    late.save()
    AgendaItemFactory(registration=hall.registration, slot_uid=late.uid)

    response = client_for(hall.attendee.user).post(
        "/api/v1/evaluations/", body(hall, session=str(late.uid)), format="json"
    )

    assert error(response)[:2] == (400, "not_ended")


def test_evaluation_by_api_a_second_time_is_refused(hall):
    client = client_for(hall.attendee.user)
    client.post("/api/v1/evaluations/", body(hall), format="json")

    response = client.post("/api/v1/evaluations/", body(hall, content_rating=1), format="json")

    assert error(response)[:2] == (400, "already_evaluated")
    assert Evaluation.objects.get().content_rating == 4


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"content_rating": 6}, "content_rating"),
        ({"speaker_rating": 0}, "speaker_rating"),
        ({"comment": "x" * 2001}, "comment"),
        ({"session": "not-a-uid"}, "session"),
    ],
)
def test_evaluation_by_api_with_bad_input_is_a_400_at_the_field(hall, overrides, field):
    response = client_for(hall.attendee.user).post(
        "/api/v1/evaluations/", body(hall, **overrides), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert not Evaluation.objects.exists()


def results(user, hall):
    return client_for(user).get(f"/api/v1/evaluation-results/?conference={hall.conference.slug}")


def test_evaluation_results_by_api_for_the_speaker_are_their_own(hall):
    SlotFactory(schedule=hall.release, talk=True, start=hall.at(11), end=hall.at(12))
    client_for(hall.attendee.user).post("/api/v1/evaluations/", body(hall), format="json")

    response = results(hall.speaker.user, hall)

    [row] = response.json()["results"]
    assert (row["title"], row["evaluations"], row["content_rating"], row["comments"]) == (
        "Compilers at scale",
        1,
        4.0,
        ["Useful."],
    )


def test_evaluation_results_by_api_for_organizers_are_every_session(hall):
    SlotFactory(schedule=hall.release, talk=True, start=hall.at(11), end=hall.at(12))

    response = results(OrganizerFactory(), hall)

    assert len(response.json()["results"]) == 2


def test_evaluation_results_by_api_for_an_attendee_are_none(hall):
    client_for(hall.attendee.user).post("/api/v1/evaluations/", body(hall), format="json")

    response = results(hall.attendee.user, hall)

    assert (response.status_code, response.json()["results"]) == (200, [])


def test_evaluation_results_by_api_need_a_known_conference(hall):
    client = client_for(OrganizerFactory())

    missing = client.get("/api/v1/evaluation-results/")
    unknown = client.get("/api/v1/evaluation-results/?conference=nope")

    assert error(missing)[:2] == (400, "required")
    assert unknown.status_code == 404


@pytest.mark.parametrize("talks", [1, 8])
def test_evaluation_results_by_api_take_the_same_queries_for_one_or_many(
    hall, talks, django_assert_num_queries
):
    client_for(hall.attendee.user).post("/api/v1/evaluations/", body(hall), format="json")
    for hour in range(10, 9 + talks):
        SlotFactory(schedule=hall.release, talk=True, start=hall.at(hour), end=hall.at(hour, 30))
    client = client_for(OrganizerFactory())
    client.get("/api/v1/evaluation-results/")  # warm the session and content-type caches

    with django_assert_num_queries(9):
        response = client.get(f"/api/v1/evaluation-results/?conference={hall.conference.slug}")

    assert len(response.json()["results"]) == talks
