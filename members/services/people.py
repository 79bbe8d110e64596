"""Accounts and the people at member companies: verified accounts, guest speakers, sign-up
and joining by e-mail domain, colleague invitations, removal, the primary contact's
hand-over and a person's own profile."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from members import tokens
from members.models import CompanyDomain, Invitation, Member, MemberCompany
from members.selectors import company_seat_refusal, invitations_open
from members.services.mail import absolute, send

# Accounts


def account_create_verified(
    *, email: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create an active account for an address whose owner has just proved they read its
    mail (they followed a signed link sent to it). The user name is the address.

    Refuses an address that already has an account and a password that the site's password
    rules refuse. Reusable by any flow that verified an address by e-mail (sign-up,
    colleague and co-speaker invitations).
    """
    User = get_user_model()
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        raise ValidationError(
            "There is already an account for this address. Log in, or reset your password.",
            code="exists",
        )
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


def member_create_guest(*, email: str, first_name: str, last_name: str, password: str) -> Member:
    """Create an account (through `account_create_verified`) and a member profile without a
    company, for someone invited to speak. Refuses (ValidationError, by field) empty names,
    an address that already has an account and a password the validators reject.
    """
    errors: dict[str, list[str]] = {}
    if not first_name.strip():
        errors["first_name"] = ["Give your first name."]
    if not last_name.strip():
        errors["last_name"] = ["Give your last name."]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            user = account_create_verified(
                email=email,
                password=password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
            )
        except ValidationError as error:
            about_address = getattr(error, "code", None) == "exists" or hasattr(error, "error_dict")
            raise ValidationError(
                {"email" if about_address else "password": error.messages}
            ) from error
        member = Member(user=user)
        member.full_clean()
        member.save()
    return member


def signup_start(*, email: str, first_name: str, last_name: str) -> None:
    """Send a verification link to the address; the account is created only when its owner
    follows the link (see `signup_complete`). An address that already has an account gets
    a note saying so instead, so the form tells no one which addresses are registered.
    Side effect: one e-mail.
    """
    User = get_user_model()
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        send(
            to=email,
            template="signup_exists",
            context={"reset_url": absolute(reverse("password_reset"))},
        )
        return
    token = tokens.email_link_make(
        {"email": email, "first_name": first_name, "last_name": last_name},
        salt=tokens.SIGNUP_SALT,
    )
    send(
        to=email,
        template="signup_verify",
        context={
            "first_name": first_name,
            "verify_url": absolute(reverse("members:signup_verify", args=[token])),
            "max_age_days": tokens.SIGNUP_MAX_AGE.days,
        },
    )


def signup_complete(
    *, email: str, first_name: str, last_name: str, password: str, now: datetime.datetime
) -> tuple[User, Member | None, str | None]:
    """Create the account of a verified address and let it join its company by e-mail domain.

    Returns the user, their member row if they joined a company, and why they did not when
    the domain is a member's but its seats are taken.
    """
    with transaction.atomic():
        user = account_create_verified(
            email=email, password=password, first_name=first_name, last_name=last_name
        )
        member, refusal = member_join_by_domain(user=user, now=now)
    return user, member, refusal


def member_join_by_domain(
    *, user: User, now: datetime.datetime
) -> tuple[Member | None, str | None]:
    """Join the company that registered the domain of the user's (verified) address, seats
    permitting. Returns the member row, or None and why not (None, None: no such domain)."""
    domain = user.email.rsplit("@", 1)[-1].lower()
    registered = CompanyDomain.objects.select_related("company").filter(domain=domain).first()
    if registered is None:
        return None, None
    company = registered.company
    with transaction.atomic():
        MemberCompany.objects.select_for_update().filter(pk=company.pk).first()
        existing = Member.objects.filter(user=user).first()
        if existing is not None and existing.company_id:
            return None, None
        refusal = company_seat_refusal(company=company, now=now, counting_invitations=False)
        if refusal:
            return None, refusal
        member = existing or Member(user=user)
        member.company = company
        member.full_clean()
        member.save()
    return member, None


# Colleagues


def _require_primary_contact(*, company: MemberCompany | None, actor: User) -> Member:
    member = Member.objects.filter(user=actor, company=company, is_primary_contact=True).first()
    if member is None:
        raise PermissionDenied("Only the company's primary contact manages its people.")
    return member


def invitation_create(
    *,
    company: MemberCompany,
    email: str,
    invited_by: User,
    now: datetime.datetime,
) -> Invitation:
    """Invite a colleague by e-mail. Only the primary contact may; refuses an address that is
    already at this or another company or already invited, and an invitation beyond the
    tier's seats (open invitations hold a seat until they expire).

    Side effect: an e-mail to the address with a signed link valid for
    tokens.INVITATION_MAX_AGE.
    """
    _require_primary_contact(company=company, actor=invited_by)
    User = get_user_model()
    email = User.objects.normalize_email(email).strip().lower()
    with transaction.atomic():
        MemberCompany.objects.select_for_update().filter(pk=company.pk).first()
        member = Member.objects.select_related("company").filter(user__email__iexact=email).first()
        if member is not None and member.company_id == company.pk:
            raise ValidationError({"email": f"{email} already works at {company.name} here."})
        if member is not None and member.company_id:
            raise ValidationError(
                {
                    "email": f"{email} belongs to another member company. They must leave it "
                    "(ask its primary contact) before they can join yours."
                }
            )
        if invitations_open(company=company, now=now).filter(email__iexact=email).exists():
            raise ValidationError(
                {"email": f"{email} has already been invited; the link is still valid."}
            )
        refusal = company_seat_refusal(company=company, now=now)
        if refusal:
            raise ValidationError(refusal)
        invitation = Invitation(company=company, email=email, invited_by=invited_by, created_at=now)
        invitation.full_clean()
        invitation.save()
        token = tokens.email_link_make({"invitation": invitation.pk}, salt=tokens.INVITATION_SALT)
        send(
            to=email,
            template="invitation",
            context={
                "invitation": invitation,
                "inviter": invited_by.get_full_name() or invited_by.get_username(),
                "accept_url": absolute(reverse("members:invitation", args=[token])),
                "max_age_days": tokens.INVITATION_MAX_AGE.days,
            },
        )
    return invitation


def invitation_from_link(*, token: str) -> Invitation:
    """The invitation a link names, if it may still be used; ValidationError saying why not
    (expired, altered, already used, withdrawn)."""
    payload = tokens.email_link_read(
        token, salt=tokens.INVITATION_SALT, max_age=tokens.INVITATION_MAX_AGE
    )
    invitation = (
        Invitation.objects.select_related("company").filter(pk=payload["invitation"]).first()
    )
    if invitation is None or invitation.withdrawn:
        raise ValidationError(
            "This invitation has been withdrawn. Ask your company's primary contact for a new one.",
            code="withdrawn",
        )
    if invitation.accepted_at is not None:
        raise ValidationError(
            "This invitation has already been used. Log in with the account it created.",
            code="used",
        )
    return invitation


def invitation_accept(*, invitation: Invitation, user: User, now: datetime.datetime) -> Member:
    """Join the inviting company as the invited address's account. Refuses another account,
    a person already at another company, and a company whose seats are taken meanwhile."""
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            f"This invitation is for {invitation.email}; you are logged in as {user.email}."
        )
    company = invitation.company
    with transaction.atomic():
        MemberCompany.objects.select_for_update().filter(pk=company.pk).first()
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if current.accepted_at is not None or current.withdrawn:
            raise ValidationError("This invitation has already been used.")
        member = Member.objects.filter(user=user).first()
        if member is not None and member.company_id and member.company_id != company.pk:
            raise ValidationError(
                "You belong to another member company. Leave it before joining this one."
            )
        if member is None or member.company_id != company.pk:
            refusal = company_seat_refusal(company=company, now=now, counting_invitations=False)
            if refusal:
                raise ValidationError(refusal)
            member = member or Member(user=user)
            member.company = company
            member.full_clean()
            member.save()
        current.accepted_at = now
        current.accepted_by = user
        current.save(update_fields=["accepted_at", "accepted_by"])
    return member


def invitation_withdraw(*, invitation: Invitation, actor: User) -> None:
    """Withdraw an unused invitation; its link stops working and its seat is free again."""
    _require_primary_contact(company=invitation.company, actor=actor)
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has been accepted already.")
    invitation.withdrawn = True
    invitation.save(update_fields=["withdrawn"])


def member_remove(*, member: Member, actor: User) -> None:
    """Take a colleague off the company (their account stays, without a company). The primary
    contact may not remove themselves: they hand the role over first."""
    company = member.company
    primary = _require_primary_contact(company=company, actor=actor)
    if member.pk == primary.pk:
        raise ValidationError(
            "You are the primary contact: hand the role to a colleague before you leave."
        )
    member.company = None
    member.is_primary_contact = False
    member.save(update_fields=["company", "is_primary_contact"])


def primary_contact_hand_over(*, to_member: Member, actor: User) -> None:
    """Make a colleague the company's primary contact; the actor stays a plain member."""
    company = to_member.company
    primary = _require_primary_contact(company=company, actor=actor)
    if to_member.pk == primary.pk:
        raise ValidationError("You are the primary contact already.")
    with transaction.atomic():
        # The old contact first: the database allows one primary contact per company.
        Member.objects.filter(pk=primary.pk).update(is_primary_contact=False)
        Member.objects.filter(pk=to_member.pk).update(is_primary_contact=True)


# What a person may change of their own member profile; company and primary-contact status
# are the organizers' to set.
MEMBER_PROFILE_FIELDS = ("job_title", "bio", "public_profile", "linkedin", "mastodon", "github")


def member_profile_update(*, user: User, **fields) -> Member:
    """Save a person's own profile fields (job title, bio, opt-in, handles), creating their
    member row the first time."""
    unknown = set(fields) - set(MEMBER_PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {', '.join(sorted(unknown))}")
    member = Member.objects.filter(user=user).first() or Member(user=user)
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    member.save()
    return member
