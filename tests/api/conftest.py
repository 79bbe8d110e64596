"""The API's test world: one conference with a released agenda, two member companies (A in
the directory, B as well, a third one hidden), and a person in each role.

`world` is a SimpleNamespace of the rows; `api_client(role)` gives a DRF client signed in
(by session) as that role, or anonymous; `error(response)` reads the one error body;
`patch(client, url, body)` sends a JSON PATCH; `keep_test_connection` lets a test send
requests through the WSGI application itself (as an outside client would) inside its
transaction.
"""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.test import APIClient

from events.models import Submission
from events.schedule.services import schedule_release, schedule_working
from members.models import CaseStudy
from members.roles import PROGRAM_COMMITTEE
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    MemberCompanyFactory,
    MemberFactory,
    OrganizerFactory,
    ProductFactory,
    RegistrationFactory,
    ReviewFactory,
    RoomFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
    TrackFactory,
    local_datetime,
)

ROLES = ("anonymous", "member_a", "member_b", "reviewer", "organizer")


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # Throttle counters live in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def keep_test_connection():
    """Django closes the connection after each request, which would end the test's own
    transaction on PostgreSQL; its test client unhooks that, and so does this fixture."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def build_world() -> SimpleNamespace:
    company_a = MemberCompanyFactory(name="Orbit Bank", slug="orbit-bank", industry="banking")
    company_b = MemberCompanyFactory(name="Nimbus Retail", slug="nimbus-retail", industry="retail")
    hidden = MemberCompanyFactory(name="Quiet Corp", slug="quiet-corp", directory_opt_in=False)
    member_a = MemberFactory(company=company_a, user__username="ada", public_profile=True)
    member_b = MemberFactory(company=company_b, user__username="bob")
    reviewer = MemberFactory(
        company=company_a, user__username="rita", user__roles=[PROGRAM_COMMITTEE]
    )
    organizer = OrganizerFactory(username="olga")

    conference = ConferenceFactory(name="Orbit Summit", slug="orbit-summit")
    track = TrackFactory(conference=conference, name="Data", slug="data")
    room = RoomFactory(conference=conference, name="Auditorium")
    session_format = SessionFormatFactory(conference=conference, name="Case study")

    accepted = SubmissionFactory(
        conference=conference,
        title="Streaming at Orbit",
        format=session_format,
        track=track,
        state=Submission.State.ACCEPTED,
        speakers=[member_a],
    )
    draft_a = SubmissionFactory(
        conference=conference, title="Draft by A", format=session_format, speakers=[member_a]
    )
    submitted_a = SubmissionFactory(
        conference=conference,
        title="Submitted by A",
        format=session_format,
        state=Submission.State.SUBMITTED,
        speakers=[member_a],
    )
    submitted_b = SubmissionFactory(
        conference=conference,
        title="Submitted by B",
        format=session_format,
        state=Submission.State.SUBMITTED,
        speakers=[member_b],
    )
    unreviewed_b = SubmissionFactory(
        conference=conference,
        title="Another by B",
        format=session_format,
        state=Submission.State.SUBMITTED,
        speakers=[member_b],
    )
    unplaced = SubmissionFactory(
        conference=conference,
        title="Accepted, not placed",
        format=session_format,
        state=Submission.State.ACCEPTED,
        speakers=[member_b],
    )
    review = ReviewFactory(submission=submitted_b, reviewer=reviewer.user, score=4)

    working = schedule_working(conference=conference)
    day = conference.starts_on
    slot = SlotFactory(
        schedule=working,
        room=room,
        submission=accepted,
        kind="talk",
        title="",
        start=local_datetime(conference, day, 9),
        end=local_datetime(conference, day, 9, 30),
    )
    SlotFactory(
        schedule=working,
        room=None,
        kind="meal",
        title="Lunch",
        start=local_datetime(conference, day, 12),
        end=local_datetime(conference, day, 13),
    )
    release = schedule_release(conference=conference, version="1.0")
    session = release.slots.get(uid=slot.uid)

    product = ProductFactory(name="Orbit Stream", slug="orbit-stream")
    published_study = CaseStudyFactory(
        company=company_a, title="Fraud checks", published=True, products=[product]
    )
    draft_study = CaseStudyFactory(company=company_a, title="Draft study")
    review_study = CaseStudyFactory(
        company=company_a, title="Study in review", state=CaseStudy.State.IN_REVIEW
    )
    registration_a = RegistrationFactory(conference=conference, user=member_a.user)
    registration_b = RegistrationFactory(conference=conference, user=member_b.user)
    return SimpleNamespace(
        company_a=company_a,
        company_b=company_b,
        hidden_company=hidden,
        member_a=member_a,
        member_b=member_b,
        reviewer=reviewer,
        organizer=organizer,
        conference=conference,
        track=track,
        room=room,
        format=session_format,
        accepted=accepted,
        draft_a=draft_a,
        submitted_a=submitted_a,
        submitted_b=submitted_b,
        unreviewed_b=unreviewed_b,
        unplaced=unplaced,
        review=review,
        working=working,
        working_slot=slot,
        release=release,
        session=session,
        published_study=published_study,
        draft_study=draft_study,
        review_study=review_study,
        registration_a=registration_a,
        registration_b=registration_b,
        day=day,
    )


@pytest.fixture
def world(db) -> SimpleNamespace:
    return build_world()


def user_of(world: SimpleNamespace, role: str):
    return {
        "anonymous": None,
        "member_a": world.member_a.user,
        "member_b": world.member_b.user,
        "reviewer": world.reviewer.user,
        "organizer": world.organizer,
    }[role]


def error(response) -> tuple[int, str, dict]:
    """The error body's status, code and fields, once it is known to have exactly the four
    keys every error answers with."""
    body = response.json()
    assert set(body) == {"status", "code", "detail", "fields"}
    return body["status"], body["code"], body["fields"]


def patch(client: APIClient, url: str, body: dict):
    return client.patch(url, body, format="json")


@pytest.fixture
def api_client(world):
    def make(role: str) -> APIClient:
        client = APIClient()
        user = user_of(world, role)
        if user is not None:
            client.force_login(user)
        return client

    return make
