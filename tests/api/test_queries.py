"""Query budgets: every list endpoint runs the same number of queries for 10 rows as for
200 (all on one page), so no row costs a query of its own."""

import datetime
from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from events.attendance.services import signup_join
from events.models import Submission
from events.schedule.services import schedule_working
from members.roles import PROGRAM_COMMITTEE
from tests.factories import (
    AgendaItemFactory,
    CaseStudyFactory,
    ConferenceFactory,
    MemberCompanyFactory,
    MemberFactory,
    OrganizerFactory,
    ProductFactory,
    RegistrationFactory,
    ReviewerFactory,
    ReviewFactory,
    RoomFactory,
    ScheduleFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
    TrackFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db


def _base() -> SimpleNamespace:
    conference = ConferenceFactory()
    company = MemberCompanyFactory()
    return SimpleNamespace(
        conference=conference,
        company=company,
        speakers=[MemberFactory(company=company, public_profile=True) for _ in range(2)],
        track=TrackFactory(conference=conference),
        format=SessionFormatFactory(conference=conference),
        room=RoomFactory(conference=conference),
    )


def _talk(base: SimpleNamespace, speakers=None, **kwargs) -> Submission:
    return SubmissionFactory(
        conference=base.conference,
        format=base.format,
        track=base.track,
        speakers=base.speakers if speakers is None else speakers,
        **kwargs,
    )


def _slots(base: SimpleNamespace, schedule, rows: int, speakers_each: bool = False) -> None:
    day = base.conference.starts_on
    for index in range(rows):
        start = local_datetime(base.conference, day, 0) + datetime.timedelta(minutes=5 * index)
        speakers = [MemberFactory(company=base.company, public_profile=True)] * speakers_each
        SlotFactory(
            schedule=schedule,
            room=base.room,
            kind="talk",
            title="",
            submission=_talk(base, speakers=speakers or None, state="accepted"),
            start=start,
            end=start + datetime.timedelta(minutes=5),
        )


def make_conferences(base, rows, user):
    ConferenceFactory.create_batch(rows - 1)


def make_tracks(base, rows, user):
    TrackFactory.create_batch(rows - 1, conference=base.conference)


def make_rooms(base, rows, user):
    RoomFactory.create_batch(rows - 1, conference=base.conference)


def make_formats(base, rows, user):
    SessionFormatFactory.create_batch(rows - 1, conference=base.conference)


def make_sessions(base, rows, user):
    _slots(base, ScheduleFactory(conference=base.conference, released=True), rows)


def make_sessions_with_materials(base, rows, user):
    _slots(base, ScheduleFactory(conference=base.conference, released=True), rows)
    Submission.objects.filter(conference=base.conference).update(
        recording_url="https://video.example.org/watch/talk", slides="slides/talk.pdf"
    )


def make_speakers(base, rows, user):
    _slots(base, ScheduleFactory(conference=base.conference, released=True), rows, True)


def make_companies(base, rows, user):
    MemberCompanyFactory.create_batch(rows - 1)


def make_case_studies(base, rows, user):
    products = ProductFactory.create_batch(2)
    CaseStudyFactory.create_batch(rows, company=base.company, published=True, products=products)


def make_schedules(base, rows, user):
    ScheduleFactory.create_batch(rows, conference=base.conference, released=True)


def make_slots(base, rows, user):
    _slots(base, schedule_working(conference=base.conference), rows)


def make_submissions(base, rows, user):
    for _ in range(rows):
        _talk(base)


def make_registrations(base, rows, user):
    for _ in range(rows):
        registration = RegistrationFactory(conference=base.conference)
        AgendaItemFactory(registration=registration)


def make_signups(base, rows, user):
    release = ScheduleFactory(conference=base.conference, released=True)
    lab = SlotFactory(schedule=release, talk=True, signup_required=True, signup_cap=rows // 2)
    for _ in range(rows):
        signup_join(registration=RegistrationFactory(conference=base.conference), slot_uid=lab.uid)


def make_review_submissions(base, rows, user):
    for _ in range(rows):
        submission = _talk(base, state=Submission.State.SUBMITTED)
        ReviewFactory(submission=submission, reviewer=user)


def make_reviews(base, rows, user):
    for _ in range(rows):
        ReviewFactory(submission=_talk(base, state=Submission.State.SUBMITTED))


# name: (url, who asks, how to make the rows, queries)
LISTS = {
    "conferences": ("/api/v1/conferences/", "anonymous", make_conferences, 2),
    "tracks": ("/api/v1/tracks/", "anonymous", make_tracks, 2),
    "rooms": ("/api/v1/rooms/", "anonymous", make_rooms, 2),
    "formats": ("/api/v1/formats/", "anonymous", make_formats, 2),
    "sessions": ("/api/v1/sessions/", "anonymous", make_sessions, 3),
    # The member's session, user, groups, member row and membership: read once, not per row.
    "sessions-member-materials": (
        "/api/v1/sessions/",
        "member",
        make_sessions_with_materials,
        8,
    ),
    "speakers": ("/api/v1/speakers/", "anonymous", make_speakers, 2),
    "companies": ("/api/v1/companies/", "anonymous", make_companies, 1),
    "case-studies": ("/api/v1/case-studies/", "anonymous", make_case_studies, 3),
    "schedules": ("/api/v1/schedules/", "anonymous", make_schedules, 2),
    "slots": ("/api/v1/slots/", "organizer", make_slots, 5),
    "submissions": ("/api/v1/submissions/", "organizer", make_submissions, 7),
    "registrations": ("/api/v1/registrations/", "organizer", make_registrations, 6),
    "signups": ("/api/v1/signups/", "organizer", make_signups, 5),
    "review-submissions": ("/api/v1/review-submissions/", "reviewer", make_review_submissions, 7),
    "reviews": ("/api/v1/reviews/", "organizer", make_reviews, 5),
}


def _caller(role: str):
    if role == "member":
        return MemberFactory().user
    if role == "organizer":
        return OrganizerFactory()
    if role == "reviewer":
        return ReviewerFactory(roles=[PROGRAM_COMMITTEE])
    return None


@pytest.mark.parametrize("rows", [10, 200])
@pytest.mark.parametrize("name", sorted(LISTS))
def test_list_queries_do_not_grow_with_rows(name, rows, django_assert_num_queries):
    url, role, make, queries = LISTS[name]
    base = _base()
    user = _caller(role)
    make(base, rows, user)
    client = APIClient()
    if user is not None:
        client.force_login(user)
    client.get(url)  # warm the content-type cache

    with django_assert_num_queries(queries):
        response = client.get(url, {"page_size": 200})

    assert (response.status_code, len(response.json()["results"]) >= rows) == (200, True)
