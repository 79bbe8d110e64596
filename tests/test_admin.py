"""The admin as organizers use it: every page opens, searches and filters work, the bulk
actions go through the state machine, the slot form shows the scheduling rule's refusals,
and people without the right role are kept out."""

import datetime
import io
from collections.abc import Callable
from uuid import uuid4

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from events.admin.submission import SubmissionAdmin
from events.cfp import emails
from events.cfp.services import submission_transition
from events.models import (
    Conference,
    EmailTemplate,
    Review,
    Schedule,
    Slot,
    Submission,
    SubmissionTransition,
)
from events.schedule.services import schedule_release, schedule_working
from members.models import CaseStudy, MemberCompany, Membership
from tests.factories import (
    AgendaItemFactory,
    AnnouncementFactory,
    ApiTokenFactory,
    CaseStudyFactory,
    CompanyDomainFactory,
    ConferenceFactory,
    EmailTemplateFactory,
    InvitationFactory,
    MemberCompanyFactory,
    MemberFactory,
    MembershipTierFactory,
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
    SubmissionInvitationFactory,
    SubmissionTransitionFactory,
    TrackFactory,
    UserFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db

# Organizers are not given the auth.Group permissions (see
# members.services.memberships.roles_ensure_groups), so the group admin is for superusers only;
# so are django-axes' login attempts and lockouts.
SUPERUSER_ONLY = {Group, AccessAttempt, AccessFailureLog, AccessLog}
ORGANIZER_MODELS = sorted(
    (model for model in admin.site._registry if model not in SUPERUSER_ONLY),
    key=lambda model: model._meta.label,
)
NOT_ADDABLE = {
    "events.EmailTemplate",
    "events.Review",
    "events.Schedule",
    "events.SubmissionInvitation",
    "events.SubmissionTransition",
    "members.Invitation",
    "members.ApiToken",
    "audit.AuditEntry",
}


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def model_ids(model) -> str:
    return model._meta.label


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

    working = schedule_working(conference=summit)
    slot = SlotFactory(
        schedule=working,
        room=auditorium,
        submission=accepted,
        title="",
        kind=Slot.Kind.TALK,
        start=local_datetime(summit, summit.starts_on, 9),
        end=local_datetime(summit, summit.starts_on, 10, 30),
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
    RegistrationFactory(conference=summit, user=grace.user, pass_type="member")
    AgendaItemFactory(registration=registration, slot_uid=slot.uid)
    SubmissionInvitationFactory(submission=talk, email="lin@orbit.example")
    SubmissionInvitationFactory(submission=talk, accepted_at=summit.cfp_opens_at)
    EmailTemplateFactory(subject="Orbit news for {speaker_name}")

    ApiTokenFactory(user=ada.user, name="Orbit CRM sync")


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
        "events.SubmissionInvitation": lambda: SubmissionInvitationFactory(
            submission__conference=conference
        ),
        "events.EmailTemplate": EmailTemplateFactory,
        "members.ApiToken": ApiTokenFactory,
        "audit.AuditEntry": lambda: schedule_release(
            conference=conference, version=uuid4().hex[:8], actor=OrganizerFactory()
        ),
    }
    make = makers[label]
    for _ in range(5):
        make()


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


def test_admin_released_slot_page_is_read_only(organizer_client, populated):
    released = Slot.objects.exclude(schedule__version="").first()
    assert released is not None

    response = organizer_client.get(admin_url(Slot, "change", released.pk))

    assert (response.status_code, response.context["has_change_permission"]) == (200, False)


def test_admin_release_history_shows_each_changelog(organizer_client, populated):
    release = Schedule.objects.get(version="1.0")

    listing = organizer_client.get(admin_url(Schedule, "changelist")).content.decode()
    page = organizer_client.get(admin_url(Schedule, "change", release.pk)).content.decode()

    assert "2 new, 0 moved, 0 changed, 0 cancelled" in listing
    assert "Orbit lunch (2030-06-10 12:00, all rooms)" in page
    assert "Nimbus lab (2030-06-10 09:00, Auditorium)" in page


def test_admin_standing_filter_lists_companies_in_good_standing(organizer_client, populated):
    response = organizer_client.get(admin_url(MemberCompany, "changelist"), {"standing": "good"})

    assert [company.name for company in response.context["cl"].result_list] == ["Orbit Bank"]


# Bulk actions go through the state machine


def test_admin_accept_action_accepts_submitted_and_refuses_draft(organizer_client, organizer):
    conference = ConferenceFactory()
    draft = SubmissionFactory(conference=conference, title="Half-written")
    submitted = SubmissionFactory(
        conference=conference, title="Ready", state=Submission.State.SUBMITTED
    )

    response = organizer_client.post(
        admin_url(Submission, "changelist"),
        {"action": "make_accepted", "_selected_action": [draft.pk, submitted.pk], "index": 0},
        follow=True,
    )

    assert (
        response.status_code,
        sorted(str(message) for message in get_messages(response.wsgi_request)),
        Submission.objects.get(pk=draft.pk).state,
        Submission.objects.get(pk=submitted.pk).state,
        list(
            SubmissionTransition.objects.values_list(
                "submission", "from_state", "to_state", "actor"
            )
        ),
    ) == (
        200,
        [
            "1 submission(s) now accepted; their speakers are e-mailed.",
            "“Half-written”: A draft submission cannot become accepted.",
        ],
        Submission.State.DRAFT,
        Submission.State.ACCEPTED,
        [(submitted.pk, "submitted", "accepted", organizer.pk)],
    )


def test_admin_reject_action_rejects_submitted(organizer_client, organizer):
    submitted = SubmissionFactory(state=Submission.State.SUBMITTED)

    organizer_client.post(
        admin_url(Submission, "changelist"),
        {"action": "make_rejected", "_selected_action": [submitted.pk], "index": 0},
    )

    assert list(SubmissionTransition.objects.values_list("to_state", "actor")) == [
        ("rejected", organizer.pk)
    ]


# The slot form applies the scheduling rule


@pytest.fixture
def agenda():
    conference = ConferenceFactory(
        starts_on=datetime.date(2030, 6, 10),
        ends_on=datetime.date(2030, 6, 11),
        timezone="Europe/Amsterdam",
    )
    working = schedule_working(conference=conference)
    room = RoomFactory(conference=conference, name="Auditorium")
    existing = SlotFactory(
        schedule=working,
        room=room,
        title="Opening",
        start=local_datetime(conference, conference.starts_on, 9),
        end=local_datetime(conference, conference.starts_on, 10),
    )
    talk = SubmissionFactory(
        conference=conference, title="Streaming at Orbit", state=Submission.State.ACCEPTED
    )
    return {"working": working, "room": room, "existing": existing, "talk": talk}


def slot_form(agenda, start: str, end: str) -> dict:
    """Admin form data; times are wall-clock times at the conference (Europe/Amsterdam)."""
    return {
        "schedule": agenda["working"].pk,
        "kind": Slot.Kind.TALK,
        "room": agenda["room"].pk,
        "start_0": "2030-06-10",
        "start_1": start,
        "end_0": "2030-06-10",
        "end_1": end,
        "submission": agenda["talk"].pk,
        "title": "",
        "description": "",
    }


def test_admin_slot_conflicting_with_room_shows_conflict_on_form(organizer_client, agenda):
    response = organizer_client.post(admin_url(Slot, "add"), slot_form(agenda, "09:30", "10:30"))

    assert (
        response.status_code,
        list(response.context["adminform"].form.non_field_errors()),
        Slot.objects.count(),
    ) == (
        200,
        ["Auditorium is taken from 09:00 to 10:00 by “Opening” (Auditorium)."],
        1,
    )


def test_admin_slot_without_conflict_saved_in_conference_time(organizer_client, agenda):
    response = organizer_client.post(admin_url(Slot, "add"), slot_form(agenda, "10:00", "11:00"))

    slot = Slot.objects.get(submission=agenda["talk"])
    assert (response.status_code, slot.start, slot.end) == (
        302,
        datetime.datetime(2030, 6, 10, 8, 0, tzinfo=datetime.UTC),
        datetime.datetime(2030, 6, 10, 9, 0, tzinfo=datetime.UTC),
    )


def test_admin_slot_change_form_shows_conference_time(organizer_client, agenda):
    response = organizer_client.get(admin_url(Slot, "change", agenda["existing"].pk))

    form = response.context["adminform"].form
    assert (form["start"].value().isoformat(), form["end"].value().isoformat()) == (
        "2030-06-10T09:00:00",
        "2030-06-10T10:00:00",
    )


def test_admin_company_with_two_overlapping_new_periods_refused(organizer_client):
    company = MemberCompanyFactory(membership=None)
    tier = MembershipTierFactory()
    data: dict[str, object] = {
        "name": company.name,
        "slug": company.slug,
        "industry": company.industry,
        "country": str(company.country),
        "website": "",
        "description": "",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "people-TOTAL_FORMS": "0",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "1000",
    }
    for index, (starts, ends) in enumerate(
        [("2030-01-01", "2030-12-31"), ("2030-06-01", "2031-05-31")]
    ):
        data.update(
            {
                f"memberships-{index}-tier": tier.pk,
                f"memberships-{index}-starts_on": starts,
                f"memberships-{index}-ends_on": ends,
                f"memberships-{index}-dues": "1000",
                f"memberships-{index}-state": Membership.State.ACTIVE,
            }
        )

    response = organizer_client.post(admin_url(MemberCompany, "change", company.pk), data)

    assert (response.status_code, company.memberships.count()) == (200, 0)
    assert "The periods 2030-01-01 to 2030-12-31 and 2030-06-01 to 2031-05-31 overlap." in (
        response.content.decode()
    )


# People without the role are kept out


def test_admin_user_who_is_not_staff_redirected_to_login(client):
    client.force_login(UserFactory(is_staff=False))
    url = admin_url(Membership, "changelist")

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('admin:login')}?next={url}",
    )


def test_admin_program_committee_cannot_open_memberships(client):
    client.force_login(ReviewerFactory())

    response = client.get(admin_url(Membership, "changelist"))

    assert response.status_code == 403


@pytest.mark.parametrize("model", [Submission, Review])
def test_admin_program_committee_cannot_read_submissions_or_reviews(client, model):
    # The admin shows speakers and other reviewers' scores; anonymous review forbids both.
    client.force_login(ReviewerFactory())

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 403


def test_admin_program_committee_may_read_conferences(client):
    client.force_login(ReviewerFactory())

    response = client.get(admin_url(Conference, "changelist"))

    assert response.status_code == 200


def test_admin_conference_cfp_deadline_read_in_conference_timezone(organizer_client):
    conference = ConferenceFactory(timezone="Europe/Amsterdam")
    data = {
        "name": conference.name,
        "slug": conference.slug,
        "year": conference.year,
        "starts_on": conference.starts_on.isoformat(),
        "ends_on": conference.ends_on.isoformat(),
        "timezone": "America/Chicago",
        "venue": conference.venue,
        "venue_address": "",
        "welcome_text": "",
        "cfp_text": "",
        "cfp_opens_at_0": "2030-01-05",
        "cfp_opens_at_1": "09:00",
        "cfp_closes_at_0": "2030-03-01",
        "cfp_closes_at_1": "23:59",
        "reviews_anonymous": "on",
    }
    for prefix in ("rooms", "tracks", "formats"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )

    response = organizer_client.post(admin_url(Conference, "change", conference.pk), data)
    conference.refresh_from_db()
    shown = organizer_client.get(admin_url(Conference, "change", conference.pk))

    form = shown.context["adminform"].form
    assert (response.status_code, conference.cfp_opens_at, conference.cfp_closes_at) == (
        302,
        datetime.datetime(2030, 1, 5, 15, 0, tzinfo=datetime.UTC),
        datetime.datetime(2030, 3, 2, 5, 59, tzinfo=datetime.UTC),
    )
    assert form["cfp_closes_at"].value().isoformat() == "2030-03-01T23:59:00"


# Organizers manage accounts without raising anyone's rights


def user_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00",
        "groups": [group.pk for group in user.groups.all()],
    }
    data.update(changes)
    return data


def test_admin_organizer_cannot_make_anyone_superuser(organizer_client, organizer):
    url = admin_url(organizer.__class__, "change", organizer.pk)

    page = organizer_client.get(url)
    response = organizer_client.post(url, user_form(organizer, is_superuser="on"))

    organizer.refresh_from_db()
    assert (page.status_code, response.status_code, organizer.is_superuser) == (200, 302, False)
    assert 'name="is_superuser"' not in page.content.decode()


def test_admin_organizer_can_give_someone_the_program_committee_role(organizer_client):
    person = UserFactory(is_staff=True)
    committee = Group.objects.get(name="Program committee")

    response = organizer_client.post(
        admin_url(person.__class__, "change", person.pk), user_form(person, groups=[committee.pk])
    )

    assert (response.status_code, list(person.groups.values_list("name", flat=True))) == (
        302,
        ["Program committee"],
    )


@pytest.mark.parametrize("view", ["change", "password"])
def test_admin_organizer_cannot_change_a_superuser(organizer_client, view):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    url = (
        admin_url(superuser.__class__, "change", superuser.pk)
        if view == "change"
        else reverse("admin:auth_user_password_change", args=[superuser.pk])
    )

    if view == "change":
        response = organizer_client.post(url, user_form(superuser, first_name="Mallory"))
    else:
        response = organizer_client.post(url, {"password1": "x" * 20, "password2": "x" * 20})

    superuser.refresh_from_db()
    assert (response.status_code, superuser.first_name != "Mallory") == (403, True)
    assert superuser.check_password("correct horse battery staple")


# The call for papers in the admin


def test_admin_accept_action_emails_the_speakers(
    organizer_client, django_capture_on_commit_callbacks
):
    speaker = MemberFactory(user__email="ada@orbit.example")
    submitted = SubmissionFactory(state=Submission.State.SUBMITTED, speakers=[speaker])

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            admin_url(Submission, "changelist"),
            {"action": "make_accepted", "_selected_action": [submitted.pk], "index": 0},
        )

    assert [message.to for message in mail.outbox] == [["ada@orbit.example"]]
    assert "http://testserver/my/submissions/" in mail.outbox[0].body


def test_admin_remind_action_emails_only_unconfirmed_speakers(organizer_client):
    waiting = SubmissionFactory(state=Submission.State.ACCEPTED, title="Waiting")
    confirmed = SubmissionFactory(state=Submission.State.CONFIRMED)

    response = organizer_client.post(
        admin_url(Submission, "changelist"),
        {"action": "remind_to_confirm", "_selected_action": [waiting.pk, confirmed.pk]},
        follow=True,
    )

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Reminded the speakers of 1 accepted submission(s); 1 not awaiting confirmation "
        "were left out."
    ]
    assert [message.subject for message in mail.outbox] == ["Please confirm “Waiting”"]


def test_admin_submissions_sorted_by_average_score(organizer_client):
    conference = ConferenceFactory()
    low, high = (
        SubmissionFactory(
            conference=conference,
            state=Submission.State.SUBMITTED,
            title=title,
            speakers=[MemberFactory(company__name=company)],
        )
        for title, company in [("Low", "Nimbus"), ("High", "Orbit")]
    )
    for submission, scores in [(low, (1, 2)), (high, (5, 4, 5))]:
        for score in scores:
            ReviewFactory(submission=submission, score=score)
    changelist = admin.site._registry[Submission]
    assert isinstance(changelist, SubmissionAdmin)

    response = organizer_client.get(admin_url(Submission, "changelist"), {"o": "-6"})

    rows = response.context["cl"].result_list
    assert [(s.title, changelist.average_score(s), changelist.review_count(s)) for s in rows] == [
        ("High", "4.7", 3),
        ("Low", "1.5", 2),
    ]
    assert [changelist.speaker_names(s).split(" (")[1] for s in rows] == ["Orbit)", "Nimbus)"]


def test_admin_confirmation_filter_lists_talks_awaiting_confirmation(organizer_client):
    SubmissionFactory(state=Submission.State.ACCEPTED, title="Waiting")
    SubmissionFactory(state=Submission.State.CONFIRMED, title="Confirmed")

    response = organizer_client.get(
        admin_url(Submission, "changelist"), {"confirmation": "waiting"}
    )

    assert [s.title for s in response.context["cl"].result_list] == ["Waiting"]


def email_template_form(template, **changes) -> dict:
    return {"subject": template.subject, "body": template.body, **changes}


def test_admin_email_template_edited(organizer_client):
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_ACCEPTED)

    response = organizer_client.post(
        admin_url(EmailTemplate, "change", template.pk),
        email_template_form(template, subject="Welcome aboard, {speaker_name}"),
    )

    template.refresh_from_db()
    assert (response.status_code, template.subject) == (302, "Welcome aboard, {speaker_name}")


def test_admin_email_template_with_unknown_placeholder_refused(organizer_client):
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_ACCEPTED)

    response = organizer_client.post(
        admin_url(EmailTemplate, "change", template.pk),
        email_template_form(template, body="Hello {speakr_name}"),
    )

    assert response.status_code == 200
    assert (
        response.context["adminform"]
        .form.errors["body"][0]
        .startswith(
            "Unknown placeholder {speakr_name}; this e-mail can use {site_name}, {conference}"
        )
    )
    assert EmailTemplate.objects.get(pk=template.pk).body == template.body


def test_admin_email_template_restored_to_shipped_wording(organizer_client):
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_REJECTED)
    EmailTemplate.objects.filter(pk=template.pk).update(subject="Changed")

    organizer_client.post(
        admin_url(EmailTemplate, "changelist"),
        {"action": "restore_default", "_selected_action": [template.pk]},
    )

    assert (
        EmailTemplate.objects.get(pk=template.pk).subject
        == emails.DEFAULTS[emails.SUBMISSION_REJECTED][0]
    )


def test_admin_email_template_page_escapes_organizer_text(organizer_client):
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_RECEIVED)
    EmailTemplate.objects.filter(pk=template.pk).update(subject="<script>alert(1)</script>")

    response = organizer_client.get(admin_url(EmailTemplate, "changelist"))

    assert "<script>alert(1)</script>" not in response.content.decode()


def test_admin_submission_list_escapes_speaker_text(organizer_client):
    SubmissionFactory(
        title="<script>alert('title')</script>",
        speakers=[MemberFactory(user__first_name="<b>Ada</b>")],
    )

    response = organizer_client.get(admin_url(Submission, "changelist"))

    text = response.content.decode()
    assert "<script>alert(" not in text
    assert "<b>Ada</b>" not in text
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in text


# The programme preview prints the working copy, for organizers only


def test_admin_conference_page_offers_program_preview_to_organizer(organizer_client):
    conference = ConferenceFactory()

    response = organizer_client.get(admin_url(Conference, "change", conference.pk))

    preview = reverse("admin:events_conference_program_preview", args=[conference.pk])
    assert f'href="{preview}"' in response.content.decode()


def test_admin_program_preview_prints_working_copy(organizer_client):
    conference = ConferenceFactory(starts_on=datetime.date(2030, 6, 10))
    working = schedule_working(conference=conference)
    SlotFactory(schedule=working, title="Unreleased opening", kind=Slot.Kind.OTHER)

    response = organizer_client.get(
        reverse("admin:events_conference_program_preview", args=[conference.pk])
    )

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert "Unreleased opening" in text
    assert "Working copy, not released" in text


def test_admin_program_preview_refused_to_program_committee(client):
    client.force_login(ReviewerFactory())
    conference = ConferenceFactory()

    page = client.get(admin_url(Conference, "change", conference.pk))
    response = client.get(reverse("admin:events_conference_program_preview", args=[conference.pk]))

    assert "Preview program" not in page.content.decode()
    assert response.status_code == 403


def test_admin_program_preview_of_unknown_conference_is_404(organizer_client):
    response = organizer_client.get(
        reverse("admin:events_conference_program_preview", args=["999999"])
    )

    assert response.status_code == 404
