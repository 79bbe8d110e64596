"""The admin site as a whole, as organizers use it: every registered model's changelist,
search, filters, add and change pages open with a query count that does not grow, rows that
come from a workflow cannot be added by hand, and people who are not staff are sent to log in.

What each app's admin adds on top is tested beside it: tests/events/admin/ and
tests/members/test_admin.py."""

from collections.abc import Callable
from uuid import uuid4

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.attendance.services import signup_join
from events.checkin.selectors import registration_checkin_code
from events.checkin.services import checkin_record, session_attendance_record
from events.evaluations.services import certificate_issue, evaluation_submit
from events.models import Conference, Slot
from events.schedule.services import schedule_release
from members.models import Membership
from members.services.mail import mail_build, mail_queue
from members.services.mail_batches import mail_batch_open
from tests.conftest import admin_url
from tests.factories import (
    AgendaItemFactory,
    AnnouncementFactory,
    ApiTokenFactory,
    CaseStudyFactory,
    CompanyDomainFactory,
    ConferenceFactory,
    DeliveryFactory,
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
    ScheduleFactory,
    SlotFactory,
    SubmissionFactory,
    SubmissionInvitationFactory,
    SubmissionTransitionFactory,
    UserFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db


# Organizers are not given the auth.Group permissions (see members.services.roles_ensure_groups),
# so the group admin is for superusers only; so are django-axes' login attempts and lockouts.
SUPERUSER_ONLY = {Group, AccessAttempt, AccessFailureLog, AccessLog}


ORGANIZER_MODELS = sorted(
    (model for model in admin.site._registry if model not in SUPERUSER_ONLY),
    key=lambda model: model._meta.label,
)


NOT_ADDABLE = {
    "events.Certificate",
    "events.CheckIn",
    "events.Evaluation",
    "events.SessionAttendance",
    "events.EmailTemplate",
    "events.Review",
    "events.Schedule",
    "events.SessionSignup",
    "events.SubmissionInvitation",
    "events.SubmissionTransition",
    "members.Invitation",
    "members.ApiToken",
    "members.MailBatch",
    "audit.AuditEntry",
    "webhooks.Delivery",
}


def model_ids(model) -> str:
    return model._meta.label


# Every page opens


@pytest.mark.parametrize("model", ORGANIZER_MODELS, ids=model_ids)
def test_admin_changelist_opens_for_organizer(organizer_client, populated, model):
    response = organizer_client.get(admin_url(model, "changelist"))

    assert (response.status_code, response.context["cl"].result_count > 0) == (200, True)


@pytest.mark.parametrize("model", ORGANIZER_MODELS, ids=model_ids)
def test_admin_changelist_search_finds_matching_rows(organizer_client, populated, model):
    url = admin_url(model, "changelist")

    found = organizer_client.get(url, {"q": "orbit"})
    missed = organizer_client.get(url, {"q": "no-such-thing-anywhere"})

    assert (
        found.status_code,
        found.context["cl"].result_count > 0,
        missed.status_code,
        missed.context["cl"].result_count,
    ) == (200, True, 200, 0)


def _held_batch() -> None:
    """A bulk decision's held mail: a batch with one e-mail in it."""
    batch = mail_batch_open(reason=f"Orbit {uuid4().hex}", actor=None)
    mail_queue(
        mails=[mail_build(key=uuid4().hex, to="ada@orbit.example", subject="Decided", body=".")],
        batch=batch,
    )


def _more_rows(label: str) -> None:
    """Five more rows of the model, with the related rows its list shows."""
    conference = Conference.objects.get(name="Orbit Summit 2030")
    working = conference.schedules.get(version="")
    makers: dict[str, Callable[[], object]] = {
        "auth.User": lambda: UserFactory(roles=["Program committee"]),
        "members.MembershipTier": MembershipTierFactory,
        "members.MemberCompany": lambda: MemberFactory(company__name=f"Orbit {uuid4().hex}"),
        "members.Membership": lambda: MemberCompanyFactory(name=f"Orbit {uuid4().hex}"),
        "members.Member": lambda: MemberFactory(company__name=f"Orbit {uuid4().hex}"),
        "members.Product": lambda: CaseStudyFactory(
            published=True, products=[ProductFactory()]
        ).products.first(),
        "members.CaseStudy": lambda: CaseStudyFactory(products=[ProductFactory()]),
        "members.CompanyDomain": lambda: CompanyDomainFactory(
            domain=f"orbit-{uuid4().hex[:8]}.example"
        ),
        "members.Invitation": lambda: InvitationFactory(email=f"orbit-{uuid4().hex[:8]}@x.example"),
        "members.Announcement": lambda: AnnouncementFactory(title=f"Orbit {uuid4().hex}"),
        "events.Conference": ConferenceFactory,
        "events.Submission": lambda: ReviewFactory(
            submission=SubmissionFactory(conference=conference, speakers=[MemberFactory()])
        ),
        "events.Review": lambda: ReviewFactory(submission__conference=conference),
        "events.SubmissionTransition": lambda: SubmissionTransitionFactory(
            submission__conference=conference, actor=UserFactory()
        ),
        "events.Schedule": lambda: ScheduleFactory(conference=conference, released=True),
        "events.Slot": lambda: SlotFactory(schedule=working, talk=True),
        "events.Registration": lambda: RegistrationFactory(conference=conference),
        "events.AgendaItem": lambda: AgendaItemFactory(registration__conference=conference),
        "events.SessionSignup": lambda: signup_join(
            registration=RegistrationFactory(conference=conference),
            slot_uid=conference.schedules.released().get().slots.get(signup_required=True).uid,
            now=conference.cfp_opens_at,
        ),
        "events.SubmissionInvitation": lambda: SubmissionInvitationFactory(
            submission__conference=conference
        ),
        "events.EmailTemplate": EmailTemplateFactory,
        "events.Mailing": lambda: MailingFactory(subject=f"Orbit {uuid4().hex}"),
        "members.MailBatch": _held_batch,
        "events.CheckIn": lambda: checkin_record(
            conference=conference,
            code=registration_checkin_code(RegistrationFactory(conference=conference)),
            by=None,
            now=local_datetime(conference, conference.starts_on, 9),
        ),
        "events.SessionAttendance": lambda: session_attendance_record(
            conference=conference,
            code=registration_checkin_code(RegistrationFactory(conference=conference)),
            slot_uid=Slot.objects.filter(
                schedule__conference=conference,
                schedule__released_at__isnull=False,
                submission__isnull=False,
            ).values_list("uid", flat=True)[0],
            by=None,
        ),
        "events.Evaluation": lambda: _evaluated(conference),
        "events.Certificate": lambda: certificate_issue(
            registration=_evaluated(conference).registration,
            now=local_datetime(conference, conference.ends_on, 18),
        ),
        "members.ApiToken": ApiTokenFactory,
        "webhooks.Endpoint": lambda: EndpointFactory(url=f"https://orbit-{uuid4().hex}.example/"),
        "webhooks.Delivery": lambda: DeliveryFactory(
            endpoint__url=f"https://orbit-{uuid4().hex}.example/"
        ),
        "audit.AuditEntry": lambda: schedule_release(
            conference=conference, version=uuid4().hex[:8], actor=OrganizerFactory()
        ),
    }
    for _ in range(5):
        makers[label]()


def _evaluated(conference: Conference):
    """A new attendee's evaluation of the conference's released talk."""
    uid = Slot.objects.filter(
        schedule__conference=conference,
        schedule__released_at__isnull=False,
        submission__isnull=False,
    ).values_list("uid", flat=True)[0]
    registration = RegistrationFactory(conference=conference, user__username=f"orbit-{uuid4()}")
    session_attendance_record(
        conference=conference,
        code=registration_checkin_code(registration),
        slot_uid=uid,
        by=None,
    )
    return evaluation_submit(
        registration=registration,
        slot_uid=uid,
        content_rating=3,
        speaker_rating=4,
        now=local_datetime(conference, conference.ends_on, 18),
    )


@pytest.mark.parametrize("model", ORGANIZER_MODELS, ids=model_ids)
def test_admin_changelist_queries_do_not_grow_with_rows(organizer_client, populated, model):
    url = admin_url(model, "changelist")
    organizer_client.get(url)  # warm the session and content-type caches
    with CaptureQueriesContext(connection) as few:
        before = organizer_client.get(url).context["cl"].result_count
    _more_rows(model._meta.label)

    with CaptureQueriesContext(connection) as many:
        after = organizer_client.get(url).context["cl"].result_count

    assert (after > before, len(many)) == (True, len(few))


@pytest.mark.parametrize(
    "model",
    [model for model in ORGANIZER_MODELS if admin.site._registry[model].list_filter],
    ids=model_ids,
)
def test_admin_changelist_each_filter_applies(organizer_client, populated, model):
    url = admin_url(model, "changelist")
    changelist = organizer_client.get(url).context["cl"]
    statuses = {}

    for spec in changelist.filter_specs:
        choices = [choice for choice in spec.choices(changelist) if not choice["selected"]]
        for choice in choices[:3]:
            response = organizer_client.get(url + choice["query_string"])
            statuses[f"{spec.title}: {choice['display']}"] = response.status_code

    assert (len(changelist.filter_specs), set(statuses.values())) == (
        len(admin.site._registry[model].list_filter),
        {200},
    )


@pytest.mark.parametrize(
    "model",
    [model for model in ORGANIZER_MODELS if model._meta.label not in NOT_ADDABLE],
    ids=model_ids,
)
def test_admin_add_page_opens_for_organizer(organizer_client, model):
    response = organizer_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.parametrize("label", sorted(NOT_ADDABLE))
def test_admin_add_page_refused_where_rows_come_from_a_workflow(organizer_client, label):
    model = next(model for model in ORGANIZER_MODELS if model._meta.label == label)

    response = organizer_client.get(admin_url(model, "add"))

    assert response.status_code == 403


@pytest.mark.parametrize("model", ORGANIZER_MODELS, ids=model_ids)
def test_admin_change_page_opens_for_organizer(organizer_client, populated, model):
    row = model._default_manager.order_by("pk").first()

    response = organizer_client.get(admin_url(model, "change", row.pk))

    assert response.status_code == 200


# People without the role are kept out


def test_admin_user_who_is_not_staff_redirected_to_login(client):
    client.force_login(UserFactory(is_staff=False))
    url = admin_url(Membership, "changelist")

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('admin:login')}?next={url}",
    )
