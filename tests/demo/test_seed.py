"""Tests for `manage.py seed_demo`: the shape of the demo it builds, the logins it prints, that
a second run changes nothing, and its refusals.

Seeding takes a few thousand queries through the services, so the module seeds once, inside a
transaction it rolls back at the end; each test runs in a savepoint of its own on top of it.
"""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F, Max, Model
from django.utils import timezone

from audit.models import AuditEntry
from demo.data.conference import CONFERENCE_SLUG
from events.models import (
    AgendaItem,
    Conference,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    SessionSignup,
    Slot,
    Submission,
    SubmissionSpeaker,
    Track,
)
from events.schedule.selectors import schedule_slots
from events.schedule.timetable import agenda_clashes
from members.images import LOGO, PHOTO
from members.models import (
    Announcement,
    CaseStudy,
    CompanyDomain,
    Member,
    MemberCompany,
    Membership,
    MembershipTier,
    Product,
)
from members.roles import ORGANIZERS, PROGRAM_COMMITTEE, is_organizer, is_reviewer
from members.selectors import member_submission_refusal

pytestmark = pytest.mark.django_db

LOGIN_LINE = re.compile(r"^ +(organizer|reviewer|member|attendee) +(\S+) +(\S+)$", re.MULTILINE)


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def printed_logins(output: str) -> dict[str, tuple[str, str]]:
    return {role: (username, password) for role, username, password in LOGIN_LINE.findall(output)}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The command's output; the demo stays in the database until the module's tests end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed("--force")
        transaction.set_rollback(True)


def latest_release() -> Schedule:
    """The latest released schedule; the demo releases two."""
    release = Schedule.objects.released().first()
    assert release is not None
    return release


def snapshot() -> dict[str, tuple]:
    """Per model: row count, primary keys and the latest updated_at, where there is one."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        rows = model._default_manager.all()
        has_updated_at = any(field.name == "updated_at" for field in model._meta.fields)
        latest = rows.aggregate(latest=Max("updated_at"))["latest"] if has_updated_at else None
        state[model._meta.label] = (
            rows.count(),
            frozenset(rows.values_list("pk", flat=True)),
            latest,
        )
    return state


def test_seed_demo_creates_member_companies_in_three_tiers(seeded):
    companies = MemberCompany.objects.all()
    in_good_standing = MemberCompany.objects.in_good_standing()

    assert 20 <= companies.count() <= 30
    assert MembershipTier.objects.count() == 3
    assert MembershipTier.objects.filter(may_submit_talks=False).count() == 1
    assert MembershipTier.objects.get(may_submit_talks=False).conference_passes == 1
    assert set(companies.values_list("industry", flat=True)) >= {
        "retail",
        "banking",
        "insurance",
        "telecom",
        "logistics",
        "healthcare",
    }
    assert Product.objects.filter(name="Polaris Warehouse").exists()
    assert in_good_standing.count() >= 15
    with_history = (
        Membership.objects.filter(company__in=in_good_standing, ends_on__lt=timezone.localdate())
        .values("company")
        .distinct()
    )
    assert with_history.count() > in_good_standing.count() / 2


def test_seed_demo_keeps_lapsed_and_pending_memberships(seeded):
    not_in_good_standing = MemberCompany.objects.exclude(
        pk__in=MemberCompany.objects.in_good_standing()
    )

    lapsed = not_in_good_standing.filter(memberships__state=Membership.State.LAPSED).distinct()
    pending = not_in_good_standing.filter(memberships__state=Membership.State.PENDING)
    assert lapsed.count() >= 2
    assert pending.count() == 1
    assert Membership.objects.filter(state=Membership.State.PENDING, paid_on__isnull=True).exists()


def test_seed_demo_gives_each_company_people_and_one_primary_contact(seeded):
    companies = MemberCompany.objects.count()

    assert Member.objects.filter(is_primary_contact=True).count() == companies
    assert Member.objects.count() >= 2 * companies
    for member in Member.objects.select_related("user", "company"):
        assert member.company is not None
        domain = member.company.website.removeprefix("https://www.").rstrip("/")
        assert member.user.email.endswith(f"@{domain}")
        assert member.user.first_name
        assert member.job_title
        assert member.bio


def test_seed_demo_publishes_most_case_studies_with_results(seeded):
    case_studies = CaseStudy.objects.all()

    assert 8 <= case_studies.count() <= 12
    assert CaseStudy.objects.published().count() > case_studies.count() / 2
    assert case_studies.exclude(state=CaseStudy.State.PUBLISHED).exists()
    assert not case_studies.filter(results="").exists()
    assert not case_studies.filter(products=None).exists()
    assert Submission.objects.filter(case_study__isnull=False).count() >= 5


def test_seed_demo_builds_a_current_three_day_conference(seeded):
    conference = Conference.objects.get(slug=CONFERENCE_SLUG)
    now = timezone.now()

    assert conference.starts_on.weekday() == 1
    assert 100 <= (conference.starts_on - timezone.localdate()).days <= 140
    assert len(conference.days) == 3
    assert conference.timezone == "Europe/Amsterdam"
    assert conference.reviews_anonymous
    assert conference.cfp_state(now) == "closed"
    assert conference.cfp_opens_at is not None
    assert conference.cfp_closes_at is not None
    assert 95 <= (now - conference.cfp_opens_at).days <= 105
    assert 5 <= (now - conference.cfp_closes_at).days <= 15
    assert conference.rooms.count() == 6
    assert conference.tracks.count() == 4
    assert {(f.slug, f.duration_minutes) for f in conference.formats.all()} == {
        ("keynote", 45),
        ("case-study", 30),
        ("panel", 60),
        ("hands-on-lab", 90),
        ("lightning-talk", 10),
    }


def test_seed_demo_has_submissions_in_every_state_with_reviews(seeded):
    conference = Conference.objects.get(slug=CONFERENCE_SLUG)

    assert set(Submission.objects.values_list("state", flat=True)) == set(Submission.State.values)
    assert Review.objects.count() >= 100
    assert not Review.objects.exclude(reviewer__groups__name=PROGRAM_COMMITTEE).exists()
    assert not Review.objects.filter(
        submission__speakers__company=F("reviewer__member__company")
    ).exists()
    assert SubmissionSpeaker.objects.filter(is_primary=False).count() >= 10
    submitted = Submission.objects.filter(conference=conference).exclude(submitted_at=None)
    assert submitted.count() > 50
    assert not submitted.filter(submitted_at__lt=conference.cfp_opens_at).exists()
    assert not submitted.filter(submitted_at__gte=conference.cfp_closes_at).exists()
    assert (
        not Submission.objects.exclude(state=Submission.State.DRAFT)
        .filter(transitions=None)
        .exists()
    )


def test_seed_demo_opens_next_years_call_for_papers(seeded):
    current = Conference.objects.get(slug=CONFERENCE_SLUG)
    following = Conference.objects.get(starts_on__gt=current.starts_on)
    member = get_user_model().objects.get(username="member").member
    reviewer = get_user_model().objects.get(username="reviewer")

    assert following.cfp_state(timezone.now()) == "open"
    assert following.starts_on.weekday() == current.starts_on.weekday()
    assert following.formats.exists()
    assert following.tracks.count() == 4
    assert not following.schedules.exists()
    assert following.submissions.filter(state=Submission.State.SUBMITTED).count() >= 3
    assert not following.submissions.filter(speakers=member).exists()
    assert following.submissions.exclude(speakers__company=reviewer.member.company).exists()
    assert not Review.objects.filter(submission__conference=following, reviewer=reviewer).exists()


def test_seed_demo_releases_about_sixty_sessions(seeded):
    conference = Conference.objects.get(slug=CONFERENCE_SLUG)
    latest = latest_release()
    slots = latest.slots.all()
    active = slots.filter(cancelled=False)

    assert list(
        Schedule.objects.released().filter(conference=conference).values_list("version", flat=True)
    ) == ["1.1", "1.0"]
    assert 50 <= active.count() <= 70
    assert set(active.values_list("kind", flat=True)) >= {"talk", "keynote", "break", "meal"}
    assert not active.filter(kind=Slot.Kind.MEAL).exclude(room=None).exists()
    assert active.filter(kind=Slot.Kind.SOCIAL).exists()
    keynote_days = {
        timezone.localtime(slot.start, conference.tz).date()
        for slot in active.filter(kind=Slot.Kind.KEYNOTE)
    }
    assert keynote_days == set(conference.days)
    assert not slots.filter(start__lt=conference.opens_at).exists()
    assert not slots.filter(end__gt=conference.closes_at).exists()
    assert (
        not active.exclude(submission=None)
        .exclude(submission__state__in=Submission.SCHEDULABLE_STATES)
        .exists()
    )
    assert [entry["title"] for entry in latest.changelog["moved"]] == [
        "Tagging every query: chargeback for 60 teams"
    ]
    assert len(latest.changelog["cancelled"]) == 1
    cancelled = slots.filter(cancelled=True).get()
    assert cancelled.submission is not None
    assert cancelled.submission.state == Submission.State.WITHDRAWN


def test_seed_demo_leaves_accepted_talks_to_place_in_the_builder(seeded):
    working = Schedule.objects.get(version="", conference__slug=CONFERENCE_SLUG)
    unplaced = (
        Submission.objects.in_program()
        .filter(conference=working.conference)
        .exclude(slots__schedule=working)
        .values_list("format__slug", flat=True)
    )

    assert len(unplaced) >= 6
    assert {"case-study", "lightning-talk", "panel", "hands-on-lab"} <= set(unplaced)


def test_seed_demo_registers_people_with_starred_sessions(seeded):
    released_uids = set(latest_release().slots.values_list("uid", flat=True))
    attendee = Registration.objects.get(user__username="attendee")

    assert Registration.objects.count() >= 20
    assert attendee.agenda_items.count() >= 5
    assert set(AgendaItem.objects.values_list("slot_uid", flat=True)) <= released_uids
    assert Registration.objects.filter(agenda_items__isnull=False).distinct().count() > 5


def test_seed_demo_gives_every_speaker_in_the_program_a_speaker_pass(seeded):
    conference = Conference.objects.get(slug=CONFERENCE_SLUG)
    speakers = SubmissionSpeaker.objects.filter(
        submission__conference=conference,
        submission__state__in=Submission.SCHEDULABLE_STATES,
    ).values("member__user")
    registered = Registration.objects.filter(conference=conference, user__in=speakers)

    assert registered.count() > 40
    assert set(registered.values_list("pass_type", flat=True)) == {Registration.PassType.SPEAKER}


def test_seed_demo_attendee_has_a_clash_and_has_not_seen_the_latest_release(seeded):
    attendee = Registration.objects.get(user__username="attendee")
    latest = latest_release()
    starred = schedule_slots(schedule=latest).filter(
        uid__in=attendee.agenda_items.values("slot_uid")
    )

    assert agenda_clashes(list(starred))
    assert attendee.last_seen_release is not None
    assert attendee.last_seen_release.version == "1.0"
    assert latest.version == "1.1"


def test_seed_demo_prints_four_logins_that_authenticate(seeded):
    logins = printed_logins(seeded)

    assert set(logins) == {"organizer", "reviewer", "member", "attendee"}
    assert "http://127.0.0.1:8000/" in seeded
    assert "http://127.0.0.1:8000/admin/" in seeded
    for role, (username, password) in logins.items():
        user = authenticate(username=username, password=password)
        assert user is not None, role
        validate_password(password, user)


def test_seed_demo_logins_hold_their_roles(seeded):
    logins = printed_logins(seeded)
    users = {
        role: get_user_model().objects.get(username=username)
        for role, (username, _) in logins.items()
    }
    today = timezone.localdate()

    organizer = users["organizer"]
    assert organizer.is_staff
    assert not organizer.is_superuser
    assert organizer.groups.filter(name=ORGANIZERS).exists()
    assert is_organizer(organizer)

    reviewer = users["reviewer"]
    assert reviewer.is_staff
    assert is_reviewer(reviewer)
    assert reviewer.member.company is not None
    assert Review.objects.filter(reviewer=reviewer).exists()

    member = users["member"].member
    assert member_submission_refusal(member=member, on=today) is None
    assert {
        speaker.submission.state
        for speaker in SubmissionSpeaker.objects.filter(member=member, is_primary=True)
    } >= {Submission.State.CONFIRMED, Submission.State.SUBMITTED, Submission.State.DRAFT}

    attendee = users["attendee"]
    assert not attendee.is_staff
    assert not is_organizer(attendee)
    assert Registration.objects.filter(user=attendee).exists()


def test_seed_demo_second_run_changes_nothing(seeded):
    before = snapshot()

    output = seed("--force")

    assert snapshot() == before
    assert "already there" in output
    assert printed_logins(output) == printed_logins(seeded)


def test_seed_demo_refuses_without_force_when_debug_is_off(seeded, settings):
    settings.DEBUG = False
    before = snapshot()

    with pytest.raises(CommandError, match="DEBUG"):
        seed()

    assert snapshot() == before


def test_seed_demo_runs_without_force_when_debug_is_on(seeded, settings):
    settings.DEBUG = True

    output = seed()

    assert "already there" in output
    assert set(printed_logins(output)) == {"organizer", "reviewer", "member", "attendee"}


def test_seed_demo_refuses_a_database_holding_its_rows_but_not_the_conference(seeded):
    Conference.objects.filter(slug=CONFERENCE_SLUG).update(slug="renamed-summit")
    before = snapshot()

    with pytest.raises(CommandError, match="already holds rows"):
        seed("--force")

    assert snapshot() == before


def test_seed_demo_rows_pass_full_clean(seeded):
    models: list[type[Model]] = [
        MemberCompany,
        Membership,
        Member,
        CaseStudy,
        Conference,
        Room,
        Track,
        SessionFormat,
        Submission,
        Review,
        Slot,
        Registration,
        get_user_model(),
    ]

    for model in models:
        rows = list(model._default_manager.all())
        assert rows, model
        for row in rows:
            row.full_clean()


def test_seed_demo_has_company_with_lapsed_and_active_history(seeded):
    comeback = (
        MemberCompany.objects.in_good_standing()
        .filter(memberships__state=Membership.State.LAPSED)
        .distinct()
    )

    assert comeback.exists()
    assert CompanyDomain.objects.count() == MemberCompany.objects.count()
    assert Announcement.objects.published().count() == 3


def test_seed_demo_records_the_organizers_actions_in_the_audit_log(seeded):
    organizer = printed_logins(seeded)["organizer"][0]
    actions = set(
        AuditEntry.objects.filter(actor__username=organizer).values_list("action", flat=True)
    )

    assert {
        AuditEntry.Action.MEMBERSHIP_CREATED,
        AuditEntry.Action.SUBMISSION_ACCEPTED,
        AuditEntry.Action.SUBMISSION_REJECTED,
        AuditEntry.Action.SLOT_SAVED,
        AuditEntry.Action.SCHEDULE_RELEASED,
    } <= actions


def test_seed_demo_has_labs_with_signup_one_full_with_a_waitlist(seeded):
    labs = latest_release().slots.filter(signup_required=True)
    attendee = Registration.objects.get(user__username="attendee")
    waiting = SessionSignup.objects.filter(state=SessionSignup.State.WAITLISTED)

    assert labs.count() == 3
    assert {lab.seats for lab in labs.select_related("room")} == {4, 12, 48}
    assert list(waiting.order_by("position").values_list("registration", flat=True))[-1] == (
        attendee.pk
    )
    assert attendee.signups.filter(state=SessionSignup.State.CONFIRMED).count() == 1


def test_seed_demo_gives_some_speakers_photos_and_some_companies_logos(seeded):
    public = Member.objects.filter(public_profile=True)
    with_photo = public.exclude(photo="")
    with_logo = MemberCompany.objects.exclude(logo="")

    assert 0 < with_photo.count() < public.count()
    assert 0 < with_logo.count() < MemberCompany.objects.count()
    assert all(default_storage.exists(name) for m in with_photo for name in PHOTO.names(m.photo))
    assert all(default_storage.exists(name) for c in with_logo for name in LOGO.names(c.logo))


def test_seed_demo_has_last_years_talks_with_slides_and_recordings(seeded):
    current = Conference.objects.get(slug=CONFERENCE_SLUG)
    past = Conference.objects.get(starts_on__lt=current.starts_on)
    talks = past.submissions.filter(state=Submission.State.CONFIRMED)
    release = past.schedules.released().get()

    assert past.materials_public_from is not None
    assert past.materials_public_from > timezone.localdate()
    assert talks.exclude(slides="").count() >= 3
    assert talks.exclude(recording_url="").count() >= 2
    assert release.slots.filter(submission__in=talks).count() == talks.count()
    for talk in talks.exclude(slides=""):
        with default_storage.open(str(talk.slides.name), "rb") as file:
            assert file.read(5) == b"%PDF-"
    assert talks.filter(case_study__state="published").exists()
