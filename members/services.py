"""Writes for members: role groups and membership periods."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction

from audit.services import Action, audit_record
from members.models import MemberCompany, Membership, MembershipTier
from members.roles import ORGANIZERS, PROGRAM_COMMITTEE

ORGANIZER_APPS = ("members", "events")
# Reviewers read the call for papers' settings in the admin and nothing more: the admin's
# submission and review pages show speakers and other reviewers' scores, which anonymous
# review must hide. They review on the site's own pages.
REVIEWER_PERMISSIONS = (("events", "view_conference"),)


def roles_ensure_groups() -> None:
    """Create the Organizers and Program committee groups with their admin permissions.

    Runs after every migrate; adds what is missing and removes nothing an organizer added.
    """
    organizers, _ = Group.objects.get_or_create(name=ORGANIZERS)
    organizers.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=ORGANIZER_APPS),
        *Permission.objects.filter(content_type__app_label="auth", content_type__model="user"),
        *Permission.objects.filter(content_type__app_label="audit", codename="view_auditentry"),
    )
    reviewers, _ = Group.objects.get_or_create(name=PROGRAM_COMMITTEE)
    for app_label, codename in REVIEWER_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            reviewers.permissions.add(permission)


def membership_create(
    *,
    company: MemberCompany,
    tier: MembershipTier,
    starts_on: datetime.date,
    ends_on: datetime.date,
    dues: Decimal | None = None,
    state: str = Membership.State.PENDING,
    paid_on: datetime.date | None = None,
    actor: AbstractBaseUser | None = None,
) -> Membership:
    """Add a membership period to a company; refuses one that overlaps another period.

    The company row is locked so that two concurrent additions cannot both pass the check.
    Writes an audit entry naming the actor (the system when there is none).
    """
    with transaction.atomic():
        MemberCompany.objects.select_for_update().filter(pk=company.pk).first()
        membership = Membership(
            company=company,
            tier=tier,
            starts_on=starts_on,
            ends_on=ends_on,
            dues=tier.annual_dues if dues is None else dues,
            state=state,
            paid_on=paid_on,
        )
        membership.full_clean()
        membership.save()
        audit_record(actor=actor, action=Action.MEMBERSHIP_CREATED, target=membership)
    return membership
