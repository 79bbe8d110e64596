"""Suite-wide test configuration: which tests apply to the database under test, the
strict mode CI uses, and the organizer and admin data the admin tests of every app share.

Tests marked `postgres` are about PostgreSQL itself (exclusion constraints, row locks);
they are deselected, not skipped, when the database under test is SQLite, because CI runs
the suite once on each database. With GUILDHALL_STRICT_TESTS=1 any skip fails the run, so
a missing Chromium or a missing schema folder cannot pass silently.
"""

import datetime
import os

import pytest
from django.conf import settings
from django.urls import reverse

from events.attendance.services import signup_join
from events.cfp.services import submission_transition
from events.checkin.selectors import registration_checkin_code
from events.checkin.services import checkin_record, session_attendance_record
from events.evaluations.services import certificate_issue, evaluation_submit
from events.mailings.services import mailing_save, mailing_send
from events.models import Slot, Submission
from events.schedule.services import schedule_release, schedule_working
from members.models import CaseStudy, Membership
from members.services.mail import mail_build, mail_queue
from members.services.mail_batches import mail_batch_approve, mail_batch_open
from tests.factories import (
    AgendaItemFactory,
    AnnouncementFactory,
    ApiTokenFactory,
    CaseStudyFactory,
    CompanyDomainFactory,
    ConferenceFactory,
    EmailTemplateFactory,
    EndpointFactory,
    InvitationFactory,
    MailingFactory,
    MemberCompanyFactory,
    MemberFactory,
    MembershipTierFactory,
    OrganizerFactory,
    ProductFactory,
    RegistrationFactory,
    ReviewFactory,
    RoomFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
    SubmissionInvitationFactory,
    SubmissionTransitionFactory,
    TrackFactory,
    local_datetime,
)
from tests.processes import redis_url  # noqa: F401 - a fixture, for every test that needs Redis
from webhooks.models import EventType

STRICT = os.environ.get("GUILDHALL_STRICT_TESTS") == "1"


def database_vendor() -> str:
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" if "postgresql" in engine else engine.rsplit(".", 1)[-1]


def pytest_report_header(config) -> list[str]:
    lines = [
        f"database under test: {database_vendor()}; strict (no skips): {'yes' if STRICT else 'no'}"
    ]
    if database_vendor() != "postgresql":
        lines.append(
            "tests marked 'postgres' are deselected: they run when DATABASE_URL names PostgreSQL"
        )
    return lines


def pytest_collection_modifyitems(config, items) -> None:
    if database_vendor() == "postgresql":
        return
    selected: list[pytest.Item] = []
    deselected: list[pytest.Item] = []
    for item in items:
        (deselected if item.get_closest_marker("postgres") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under GUILDHALL_STRICT_TESTS=1: {reason}"


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def organizer():
    return OrganizerFactory()


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


@pytest.fixture
def populated():
    """Two of everything, varied enough that every list filter offers a choice.

    Each model has at least one row whose searchable text contains "orbit".
    """
    gold = MembershipTierFactory(name="Orbit Gold")
    associate = MembershipTierFactory(name="Associate", may_submit_talks=False)
    orbit = MemberCompanyFactory(
        name="Orbit Bank", industry="banking", country="NL", membership__tier=gold
    )
    nimbus = MemberCompanyFactory(
        name="Nimbus Retail",
        industry="retail",
        country="DE",
        directory_opt_in=False,
        membership__tier=associate,
        membership__state=Membership.State.LAPSED,
    )
    ada = MemberFactory(
        company=orbit,
        user__username="orbit-ada",
        is_primary_contact=True,
        public_profile=True,
    )
    grace = MemberFactory(company=nimbus, user__username="grace")
    stream, _ = ProductFactory(name="Orbit Stream"), ProductFactory(name="Nimbus DB")
    CaseStudyFactory(company=orbit, title="Orbit fraud checks", published=True, products=[stream])
    CaseStudyFactory(company=nimbus, title="Stock levels", state=CaseStudy.State.IN_REVIEW)
    CompanyDomainFactory(company=orbit, domain="orbit-bank.example")
    InvitationFactory(company=orbit, email="new@orbit-bank.example", invited_by=ada.user)
    AnnouncementFactory(title="Orbit Summit dates announced")

    summit = ConferenceFactory(
        name="Orbit Summit 2030",
        starts_on=datetime.date(2030, 6, 10),
        ends_on=datetime.date(2030, 6, 11),
    )
    ConferenceFactory(
        name="Orbit Summit 2031",
        starts_on=datetime.date(2031, 6, 10),
        ends_on=datetime.date(2031, 6, 11),
    )
    auditorium = RoomFactory(conference=summit, name="Auditorium")
    RoomFactory(conference=summit, name="Studio")
    data, _ = TrackFactory(conference=summit), TrackFactory(conference=summit)
    lab = SessionFormatFactory(conference=summit, name="Hands-on lab", duration_minutes=90)
    talk = SubmissionFactory(
        conference=summit,
        title="Orbit streaming",
        state=Submission.State.SUBMITTED,
        track=data,
        speakers=[ada],
    )
    accepted = SubmissionFactory(
        conference=summit,
        title="Nimbus lab",
        state=Submission.State.ACCEPTED,
        format=lab,
        audience_level=Submission.AudienceLevel.ADVANCED,
        speakers=[grace],
    )
    ReviewFactory(submission=talk, score=4)
    ReviewFactory(submission=talk, score=2)
    SubmissionTransitionFactory(
        submission=talk, from_state="draft", to_state="submitted", actor=ada.user
    )

    # Registered before the release and the decision below, which send them deliveries.
    EndpointFactory(
        url="https://orbit-crm.example/hooks",
        event_types=[value for value, _ in EventType.subscribable()],
    )
    EndpointFactory(
        url="https://nimbus.example/in",
        description="Nimbus intranet",
        active=False,
        consecutive_failures=15,
    )

    working = schedule_working(conference=summit)
    slot = SlotFactory(
        schedule=working,
        room=auditorium,
        submission=accepted,
        title="",
        kind=Slot.Kind.TALK,
        start=local_datetime(summit, summit.starts_on, 9),
        end=local_datetime(summit, summit.starts_on, 10, 30),
        signup_required=True,
        signup_cap=1,
    )
    SlotFactory(
        schedule=working,
        room=None,
        title="Orbit lunch",
        kind=Slot.Kind.MEAL,
        start=local_datetime(summit, summit.starts_on, 12),
        end=local_datetime(summit, summit.starts_on, 13),
    )
    SlotFactory(
        schedule=working,
        room=auditorium,
        title="Cancelled panel",
        cancelled=True,
        start=local_datetime(summit, summit.starts_on, 14),
        end=local_datetime(summit, summit.starts_on, 15),
    )
    schedule_release(conference=summit, version="1.0")
    submission_transition(
        submission=talk,
        to_state=Submission.State.ACCEPTED,
        actor=OrganizerFactory(username="orbit-organizer"),
    )

    registration = RegistrationFactory(conference=summit, user=ada.user)
    graces = RegistrationFactory(conference=summit, user=grace.user, pass_type="member")
    AgendaItemFactory(registration=registration, slot_uid=slot.uid)
    for attendee in summit.registrations.order_by("pk"):  # Ada gets the seat, Grace waits
        signup_join(registration=attendee, slot_uid=slot.uid, now=summit.cfp_opens_at)

    for person, day in ((registration, 0), (graces, 1)):
        checkin_record(
            conference=summit,
            code=registration_checkin_code(person),
            by=None,
            now=local_datetime(summit, summit.starts_on + datetime.timedelta(days=day), 9),
        )
    session_attendance_record(
        conference=summit, code=registration_checkin_code(registration), slot_uid=slot.uid, by=None
    )
    after = local_datetime(summit, summit.ends_on, 18)
    evaluation_submit(
        registration=registration,
        slot_uid=slot.uid,
        content_rating=4,
        speaker_rating=5,
        comment="Orbit streaming, clearly told.",
        now=after,
    )
    certificate_issue(registration=registration, now=after)
    SubmissionInvitationFactory(submission=talk, email="lin@orbit.example")
    SubmissionInvitationFactory(submission=talk, accepted_at=summit.cfp_opens_at)
    EmailTemplateFactory(subject="Orbit news for {speaker_name}")

    ApiTokenFactory(user=ada.user, name="Orbit CRM sync")
    orbit_mailing = mailing_save(
        mailing=None,
        actor=OrganizerFactory(),
        subject="Orbit Summit: your agenda",
        body="Dear {first_name}, see you at {conference}.",
        kind="announcements",
        conference=summit,
        registrants=True,
    )
    mailing_send(mailing=orbit_mailing)
    MailingFactory(subject="Nimbus call for papers", kind="cfp")
    decider = OrganizerFactory()
    for reason, approve in (("Orbit Summit: 2 accepted", False), ("Nimbus: 1 rejected", True)):
        batch = mail_batch_open(reason=reason, actor=decider)
        mail_queue(
            mails=[
                mail_build(
                    key=f"populated:{reason}",
                    to=ada.user.email,
                    subject=reason,
                    body="Your talk was decided.",
                )
            ],
            batch=batch,
        )
        if approve:
            mail_batch_approve(batch=batch, actor=decider)
