"""The audit log records organizers' actions on memberships, submissions and the schedule,
through the services every writer calls, and the admin shows it read-only."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import audit_record
from events.cfp.services import submission_transition
from events.models import Slot, Submission
from events.schedule.services import schedule_release, schedule_working, slot_save
from members.models import Membership
from members.services.memberships import membership_create
from tests.factories import (
    ConferenceFactory,
    MemberCompanyFactory,
    MembershipFactory,
    MembershipTierFactory,
    OrganizerFactory,
    RoomFactory,
    SubmissionFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action


def entries() -> list[tuple]:
    return list(
        AuditEntry.objects.order_by("pk").values_list("actor_name", "action", "target_type")
    )


def test_audit_record_keeps_actor_name_when_user_is_deleted():
    organizer = OrganizerFactory(username="olga")
    company = MemberCompanyFactory(name="Orbit Bank")
    audit_record(actor=organizer, action=Action.MEMBERSHIP_CHANGED, target=company)

    organizer.delete()

    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_name, entry.target_repr) == (None, "olga", "Orbit Bank")


def test_submission_accepted_by_organizer_recorded_with_states():
    organizer = OrganizerFactory(username="olga")
    submission = SubmissionFactory(state=Submission.State.SUBMITTED)

    submission_transition(submission=submission, to_state="accepted", actor=organizer)

    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_id, entry.details) == (
        organizer,
        Action.SUBMISSION_ACCEPTED,
        str(submission.pk),
        {"from": "submitted", "to": "accepted"},
    )


def test_submission_submitted_by_its_speaker_not_recorded():
    submission = SubmissionFactory()
    speaker = submission.speakers.get().user

    submission_transition(submission=submission, to_state="submitted", actor=speaker)

    assert entries() == []


def test_schedule_release_recorded_with_its_actor():
    organizer = OrganizerFactory(username="olga")
    conference = ConferenceFactory()
    schedule_working(conference=conference)

    release = schedule_release(conference=conference, version="1.0", actor=organizer)

    assert (entries(), AuditEntry.objects.get().target_id) == (
        [("olga", Action.SCHEDULE_RELEASED, "events.schedule")],
        str(release.pk),
    )


def test_slot_save_recorded_with_its_actor():
    organizer = OrganizerFactory(username="olga")
    conference = ConferenceFactory()
    slot = Slot(
        schedule=schedule_working(conference=conference),
        room=RoomFactory(conference=conference),
        kind=Slot.Kind.BREAK,
        title="Coffee",
        start=local_datetime(conference, conference.starts_on, 10),
        end=local_datetime(conference, conference.starts_on, 10, 30),
    )

    slot_save(slot=slot, actor=organizer)

    assert entries() == [("olga", Action.SLOT_SAVED, "events.slot")]


def test_membership_create_without_actor_recorded_as_system():
    company = MemberCompanyFactory(membership=None)

    membership_create(
        company=company,
        tier=MembershipTierFactory(),
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )

    assert entries() == [("", Action.MEMBERSHIP_CREATED, "members.membership")]


def test_refused_change_leaves_no_entry():
    organizer = OrganizerFactory()
    draft = SubmissionFactory()

    with pytest.raises(Exception, match="cannot become accepted"):
        submission_transition(submission=draft, to_state="accepted", actor=organizer)

    assert entries() == []


# The admin


def membership_form(membership: Membership, **changes) -> dict:
    data = {
        "company": membership.company_id,
        "tier": membership.tier_id,
        "starts_on": membership.starts_on.isoformat(),
        "ends_on": membership.ends_on.isoformat(),
        "dues": str(membership.dues),
        "paid_on": "",
        "state": membership.state,
        # The page's read-only inline of the renewal notices sent for this period.
        "renewal_notices-TOTAL_FORMS": "0",
        "renewal_notices-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_admin_membership_change_recorded_with_changed_values(client):
    organizer = OrganizerFactory(username="olga")
    client.force_login(organizer)
    membership = MembershipFactory(state=Membership.State.PENDING, paid_on=None)

    response = client.post(
        reverse("admin:members_membership_change", args=[membership.pk]),
        membership_form(membership, state="active", paid_on="2030-01-15"),
    )

    entry = AuditEntry.objects.get()
    assert (response.status_code, entry.action, entry.actor, entry.details) == (
        302,
        Action.MEMBERSHIP_CHANGED,
        organizer,
        {"changed": {"paid_on": "2030-01-15", "state": "active"}},
    )


def test_admin_membership_delete_recorded(client):
    client.force_login(OrganizerFactory(username="olga"))
    membership = MembershipFactory()

    client.post(reverse("admin:members_membership_delete", args=[membership.pk]), {"post": "yes"})

    assert (entries(), Membership.objects.count()) == (
        [("olga", Action.MEMBERSHIP_DELETED, "members.membership")],
        0,
    )


def test_admin_company_inline_membership_added_recorded(client):
    client.force_login(OrganizerFactory(username="olga"))
    company = MemberCompanyFactory(membership=None)
    tier = MembershipTierFactory()
    data = {
        "name": company.name,
        "slug": company.slug,
        "industry": company.industry,
        "country": str(company.country),
        "website": "",
        "description": "",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-0-tier": tier.pk,
        "memberships-0-starts_on": "2030-01-01",
        "memberships-0-ends_on": "2030-12-31",
        "memberships-0-dues": "1000",
        "memberships-0-state": Membership.State.ACTIVE,
        "people-TOTAL_FORMS": "0",
        "people-INITIAL_FORMS": "0",
        "domains-TOTAL_FORMS": "0",
        "domains-INITIAL_FORMS": "0",
    }

    response = client.post(reverse("admin:members_membercompany_change", args=[company.pk]), data)

    entry = AuditEntry.objects.get()
    assert (response.status_code, entry.action, entry.actor_name, entry.details["changed"]) == (
        302,
        Action.MEMBERSHIP_CREATED,
        "olga",
        {
            "tier": str(tier),
            "starts_on": "2030-01-01",
            "ends_on": "2030-12-31",
            "dues": "1000",
            "state": "active",
        },
    )


def test_admin_audit_entry_cannot_be_changed_or_deleted(client):
    client.force_login(OrganizerFactory())
    entry = audit_record(
        actor=None, action=Action.MEMBERSHIP_CHANGED, target=MemberCompanyFactory()
    )

    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    edit = client.post(
        reverse("admin:audit_auditentry_change", args=[entry.pk]), {"actor_name": "mallory"}
    )
    delete = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})

    entry.refresh_from_db()
    assert (page.status_code, edit.status_code, delete.status_code, entry.actor_name) == (
        200,
        403,
        403,
        "",
    )
    assert b'name="_save"' not in page.content
