"""Writes for members: role groups, membership periods and guest accounts."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from members.models import Member, MemberCompany, Membership, MembershipTier
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
) -> Membership:
    """Add a membership period to a company; refuses one that overlaps another period.

    The company row is locked so that two concurrent additions cannot both pass the check.
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
    return membership


def member_create_guest(*, email: str, first_name: str, last_name: str, password: str) -> Member:
    """Create an account and a member profile without a company, for someone invited to
    speak. The username is the e-mail address. Refuses (ValidationError, by field) an
    address that already has an account, empty names, and a password the validators reject.
    """
    user_model = get_user_model()
    email = email.strip().lower()
    errors: dict[str, list[str]] = {}
    if user_model.objects.filter(email__iexact=email).exists() or (
        user_model.objects.filter(username__iexact=email).exists()
    ):
        errors["email"] = ["An account with this e-mail address exists: log in instead."]
    if not first_name.strip():
        errors["first_name"] = ["Give your first name."]
    if not last_name.strip():
        errors["last_name"] = ["Give your last name."]
    user = user_model(
        username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip()
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
        member = Member(user=user)
        member.full_clean()
        member.save()
    return member
