"""Role groups, membership periods, renewal and the daily transitions, and renewal
notices (members.services.memberships)."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError

from members.models import Membership, RenewalNotice
from members.roles import CHECKIN_STAFF, ORGANIZERS, PROGRAM_COMMITTEE
from members.services.memberships import (
    membership_create,
    membership_renew,
    membership_run_daily,
    renewal_notices_send,
    roles_ensure_groups,
)
from tests.factories import (
    MemberCompanyFactory,
    MemberFactory,
    MembershipFactory,
    MembershipTierFactory,
)

pytestmark = pytest.mark.django_db


JAN_1 = datetime.date(2030, 1, 1)
DEC_31 = datetime.date(2030, 12, 31)


def permission_names(group: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


# Role groups


def test_roles_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))

    assert {ORGANIZERS, PROGRAM_COMMITTEE} <= names


def test_roles_organizers_hold_members_events_user_admin_and_audit_reading_permissions():
    expected = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.filter(
            content_type__app_label__in=["members", "events", "webhooks"]
        ).values_list("content_type__app_label", "codename")
    } | {
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "audit.view_auditentry",
    }

    organizers = Group.objects.get(name=ORGANIZERS)

    assert permission_names(organizers) == expected


def test_roles_organizers_include_slot_and_membership_permissions():
    organizers = Group.objects.get(name=ORGANIZERS)

    assert {
        "events.change_slot",
        "events.add_slot",
        "members.change_membership",
        "members.view_casestudy",
    } <= permission_names(organizers)


def test_roles_program_committee_may_only_view_conferences_in_admin():
    reviewers = Group.objects.get(name=PROGRAM_COMMITTEE)

    assert permission_names(reviewers) == {"events.view_conference"}


def test_roles_checkin_staff_group_exists_without_admin_permissions():
    staff = Group.objects.get(name=CHECKIN_STAFF)

    assert permission_names(staff) == set()


def test_roles_ensure_groups_again_adds_nothing_twice():
    groups_before = Group.objects.count()
    links_before = Group.permissions.through.objects.count()

    roles_ensure_groups()
    roles_ensure_groups()

    assert (Group.objects.count(), Group.permissions.through.objects.count()) == (
        groups_before,
        links_before,
    )


def test_roles_ensure_groups_keeps_permissions_an_organizer_added():
    reviewers = Group.objects.get(name=PROGRAM_COMMITTEE)
    extra = Permission.objects.get(content_type__app_label="events", codename="view_slot")
    reviewers.permissions.add(extra)

    roles_ensure_groups()

    assert "events.view_slot" in permission_names(reviewers)


def test_roles_ensure_groups_recreates_deleted_group():
    Group.objects.filter(name=PROGRAM_COMMITTEE).delete()

    roles_ensure_groups()

    assert permission_names(Group.objects.get(name=PROGRAM_COMMITTEE)) == {"events.view_conference"}


# Membership periods


def test_membership_create_takes_tier_dues_by_default():
    company = MemberCompanyFactory(membership=None)
    tier = MembershipTierFactory(annual_dues=Decimal("7500.00"))

    membership = membership_create(company=company, tier=tier, starts_on=JAN_1, ends_on=DEC_31)

    membership.refresh_from_db()
    assert (membership.dues, membership.state, membership.company) == (
        Decimal("7500.00"),
        Membership.State.PENDING,
        company,
    )


def test_membership_create_keeps_agreed_dues_state_and_payment():
    company = MemberCompanyFactory(membership=None)

    membership = membership_create(
        company=company,
        tier=MembershipTierFactory(annual_dues=Decimal("7500.00")),
        starts_on=JAN_1,
        ends_on=DEC_31,
        dues=Decimal("0.00"),
        state=Membership.State.ACTIVE,
        paid_on=JAN_1,
    )

    membership.refresh_from_db()
    assert (membership.dues, membership.state, membership.paid_on) == (
        Decimal("0.00"),
        Membership.State.ACTIVE,
        JAN_1,
    )


def test_membership_create_renewal_after_current_period_accepted():
    current = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    membership_create(
        company=current.company,
        tier=current.tier,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
    )

    assert current.company.memberships.count() == 2


def test_membership_create_overlapping_period_refused():
    current = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    with pytest.raises(ValidationError) as error:
        membership_create(
            company=current.company,
            tier=current.tier,
            starts_on=datetime.date(2030, 7, 1),
            ends_on=datetime.date(2031, 6, 30),
        )

    assert (error.value.messages, current.company.memberships.count()) == (
        ["This period overlaps the company's membership 2030-01-01 to 2030-12-31 (Active)."],
        1,
    )


def test_membership_create_period_ending_before_start_refused():
    company = MemberCompanyFactory(membership=None)

    with pytest.raises(ValidationError) as error:
        membership_create(
            company=company, tier=MembershipTierFactory(), starts_on=DEC_31, ends_on=JAN_1
        )

    assert (error.value.message_dict["ends_on"], company.memberships.count()) == (
        ["The period must end after it starts."],
        0,
    )


def test_membership_create_negative_dues_refused():
    company = MemberCompanyFactory(membership=None)

    with pytest.raises(ValidationError) as error:
        membership_create(
            company=company,
            tier=MembershipTierFactory(),
            starts_on=JAN_1,
            ends_on=DEC_31,
            dues=Decimal("-1.00"),
        )

    assert ("dues" in error.value.message_dict, company.memberships.count()) == (True, 0)


def test_membership_create_overlap_with_cancelled_period_accepted():
    cancelled = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.CANCELLED)

    membership_create(
        company=cancelled.company, tier=cancelled.tier, starts_on=JAN_1, ends_on=DEC_31
    )

    assert cancelled.company.memberships.count() == 2


# Renewal and the daily transitions


def test_membership_renew_follows_current_period_without_gap():
    current = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    renewal = membership_renew(company=current.company, today=datetime.date(2030, 11, 1))

    assert (renewal.starts_on, renewal.ends_on, renewal.state, renewal.tier) == (
        datetime.date(2031, 1, 1),
        datetime.date(2031, 12, 31),
        Membership.State.PENDING,
        current.tier,
    )
    assert current.company.memberships.count() == 2


def test_membership_renew_in_grace_period_still_follows_without_gap():
    current = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    renewal = membership_renew(
        company=current.company,
        today=datetime.date(2031, 1, 20),
        paid_on=datetime.date(2031, 1, 20),
    )

    assert (renewal.starts_on, renewal.state) == (datetime.date(2031, 1, 1), "active")


def test_membership_renew_after_lapse_starts_today():
    lapsed = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.LAPSED)

    renewal = membership_renew(company=lapsed.company, today=datetime.date(2031, 5, 2))

    assert (renewal.starts_on, renewal.ends_on) == (
        datetime.date(2031, 5, 2),
        datetime.date(2032, 5, 1),
    )


def test_membership_renew_company_without_membership_needs_tier():
    company = MemberCompanyFactory(membership=None)

    with pytest.raises(ValidationError) as error:
        membership_renew(company=company, today=JAN_1)

    assert error.value.messages == ["The company has no membership yet: choose a tier."]


def test_membership_daily_lapses_unrenewed_period_after_grace_only():
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    in_grace = membership_run_daily(today=datetime.date(2031, 1, 30))
    after = membership_run_daily(today=datetime.date(2031, 1, 31))
    again = membership_run_daily(today=datetime.date(2031, 1, 31))

    membership.refresh_from_db()
    assert (in_grace["lapsed"], after["lapsed"], again["lapsed"], membership.state) == (
        0,
        1,
        0,
        Membership.State.LAPSED,
    )


def test_membership_daily_keeps_renewed_period_active():
    old = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)
    MembershipFactory(
        company=old.company,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
    )

    membership_run_daily(today=datetime.date(2031, 6, 1))

    old.refresh_from_db()
    assert old.state == Membership.State.ACTIVE


def test_membership_daily_lapses_period_whose_renewal_is_unpaid():
    old = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)
    MembershipFactory(
        company=old.company,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
        state=Membership.State.PENDING,
        paid_on=None,
    )

    membership_run_daily(today=datetime.date(2031, 2, 1))

    old.refresh_from_db()
    assert old.state == Membership.State.LAPSED


def test_membership_daily_activates_paid_pending_period_once_started():
    pending = MembershipFactory(
        starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.PENDING, paid_on=JAN_1
    )
    unpaid = MembershipFactory(
        starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.PENDING, paid_on=None
    )

    before = membership_run_daily(today=datetime.date(2029, 12, 31))
    on_start = membership_run_daily(today=JAN_1)

    pending.refresh_from_db()
    unpaid.refresh_from_db()
    assert (before["activated"], on_start["activated"], pending.state, unpaid.state) == (
        0,
        1,
        Membership.State.ACTIVE,
        Membership.State.PENDING,
    )


# Renewal notices


@pytest.fixture
def ending():
    """An active period ending on 2030-12-31 of a company with a primary contact."""
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, company__name="Orbit Bank")
    MemberFactory(
        company=membership.company, is_primary_contact=True, user__email="ada@orbit.example"
    )
    MemberFactory(company=membership.company, user__email="grace@orbit.example")
    return membership


def test_renewal_notice_sent_60_days_ahead_to_primary_contact(
    ending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = renewal_notices_send(today=DEC_31 - datetime.timedelta(days=60))

    assert ([n.days_before for n in sent], [m.to for m in mail.outbox]) == (
        [60],
        [["ada@orbit.example"]],
    )
    assert mail.outbox[0].subject == (
        "Polaris Users' Group: the membership of Orbit Bank ends in 60 days"
    )
    assert f"{settings.SITE_URL}/company/" in mail.outbox[0].body


def test_renewal_notice_not_sent_twice(ending, django_capture_on_commit_callbacks):
    day = DEC_31 - datetime.timedelta(days=59)
    with django_capture_on_commit_callbacks(execute=True):
        renewal_notices_send(today=day)

        again = renewal_notices_send(today=day)
        next_day = renewal_notices_send(today=day + datetime.timedelta(days=1))

    assert (again, next_day, len(mail.outbox), RenewalNotice.objects.count()) == ([], [], 1, 1)


def test_renewal_notice_14_days_sent_after_60_days_one(ending, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        renewal_notices_send(today=DEC_31 - datetime.timedelta(days=60))

        sent = renewal_notices_send(today=DEC_31 - datetime.timedelta(days=14))
        renewal_notices_send(today=DEC_31 - datetime.timedelta(days=13))

    assert ([n.days_before for n in sent], len(mail.outbox)) == ([14], 2)


def test_renewal_notice_late_run_sends_only_the_nearest_reminder(
    ending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = renewal_notices_send(today=DEC_31 - datetime.timedelta(days=10))

    assert ([n.days_before for n in sent], len(mail.outbox)) == ([14], 1)


def test_renewal_notice_none_more_than_60_days_ahead(ending):
    assert renewal_notices_send(today=DEC_31 - datetime.timedelta(days=61)) == []


def test_renewal_notice_none_for_renewed_period(ending):
    MembershipFactory(
        company=ending.company,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
        state=Membership.State.PENDING,
    )

    assert renewal_notices_send(today=DEC_31 - datetime.timedelta(days=14)) == []


def test_renewal_notice_none_without_primary_contact():
    MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    sent = renewal_notices_send(today=DEC_31 - datetime.timedelta(days=14))

    assert (sent, RenewalNotice.objects.count()) == ([], 0)
