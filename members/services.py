"""Writes for members: role groups, membership periods, profiles and API tokens."""

import datetime
import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction

from members.models import ApiToken, Member, MemberCompany, Membership, MembershipTier
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


# What a person may change of their own member profile; company and primary-contact status
# are the organizers' to set.
MEMBER_PROFILE_FIELDS = ("job_title", "bio", "public_profile", "linkedin", "mastodon", "github")


def member_profile_update(*, member: Member, **fields) -> Member:
    """Change the person's own profile fields (MEMBER_PROFILE_FIELDS only). Sends nothing."""
    unknown = set(fields) - set(MEMBER_PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    member.save(update_fields=list(fields))
    return member


API_TOKENS_PER_USER = 10
# Writing last_used_at on every request would turn each API read into a write; once a
# minute is precise enough for an owner deciding which token is stale.
API_TOKEN_TOUCH_INTERVAL = datetime.timedelta(minutes=1)


def api_token_create(*, user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """Make a new API token for the user; returns the row and the key, which is shown once.

    Refuses an empty or repeated name and more than API_TOKENS_PER_USER tokens. Only the
    key's digest is stored. Sends nothing.
    """
    key = ApiToken.KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), prefix=key[:10], digest=ApiToken.digest_of(key))
    with transaction.atomic():
        # The user's row lock keeps two concurrent requests from passing the limit together.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if ApiToken.objects.filter(user=user).count() >= API_TOKENS_PER_USER:
            raise ValidationError(
                f"You already have {API_TOKENS_PER_USER} tokens; revoke one you no longer use.",
                code="too_many_tokens",
            )
        if ApiToken.objects.filter(user=user, name=token.name).exists():
            raise ValidationError({"name": f"You already have a token called “{token.name}”."})
        token.full_clean()
        token.save()
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    """Delete the token: the next request that presents its key is refused."""
    token.delete()


def api_token_touch(*, token: ApiToken, now: datetime.datetime) -> None:
    """Record that the token was used, at most once per API_TOKEN_TOUCH_INTERVAL."""
    if token.last_used_at is None or now - token.last_used_at >= API_TOKEN_TOUCH_INTERVAL:
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
