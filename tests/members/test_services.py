"""Writes for members: the role groups and adding membership periods."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from members.models import Membership
from members.roles import ORGANIZERS, PROGRAM_COMMITTEE
from members.services import membership_create, roles_ensure_groups
from tests.factories import MemberCompanyFactory, MembershipFactory, MembershipTierFactory

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
            content_type__app_label__in=["members", "events"]
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
