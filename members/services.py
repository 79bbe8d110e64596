"""Writes for members: role groups, membership periods and their daily transitions, renewal
notices, sign-up, colleagues and their invitations, profiles, case studies and API tokens."""

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify

from audit.services import Action, audit_record
from members import tokens
from members.models import (
    GRACE_PERIOD,
    Announcement,
    ApiToken,
    CaseStudy,
    CompanyDomain,
    Invitation,
    Member,
    MemberCompany,
    Membership,
    MembershipTier,
    Product,
    RenewalNotice,
)
from members.roles import ORGANIZERS, PROGRAM_COMMITTEE, is_organizer
from members.selectors import company_seat_refusal, invitations_open

# Reminders go out this many days before a period ends, the earliest first.
RENEWAL_NOTICE_DAYS = (60, 14)

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
    actor: User | None = None,
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


def _add_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _send(*, to: str, template: str, context: dict) -> None:
    """Send a plain-text e-mail from templates/members/email/<template>_subject.txt and .txt."""
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"members/email/{template}_subject.txt", context).split())
    body = render_to_string(f"members/email/{template}.txt", context)
    send_mail(subject, body, None, [to])


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


# Membership periods over time


def membership_renew(
    *,
    company: MemberCompany,
    today: datetime.date,
    tier: MembershipTier | None = None,
    paid_on: datetime.date | None = None,
    actor: User | None = None,
) -> Membership:
    """Add the company's next one-year period; the earlier periods stay as history.

    The new period follows the latest one without a gap when that one is still active or in
    its grace period, else it starts today. It is pending until paid (`paid_on` makes it
    active at once). The tier defaults to the latest period's.
    """
    latest = (
        company.memberships.exclude(state=Membership.State.CANCELLED)
        .select_related("tier")
        .order_by("-starts_on")
        .first()
    )
    if tier is None:
        if latest is None:
            raise ValidationError("The company has no membership yet: choose a tier.")
        tier = latest.tier
    continues = latest is not None and (
        latest.ends_on >= today
        or (latest.state == Membership.State.ACTIVE and latest.ends_on + GRACE_PERIOD >= today)
    )
    starts_on = (
        latest.ends_on + datetime.timedelta(days=1) if latest is not None and continues else today
    )
    return membership_create(
        company=company,
        tier=tier,
        starts_on=starts_on,
        ends_on=_add_year(starts_on) - datetime.timedelta(days=1),
        state=Membership.State.ACTIVE if paid_on else Membership.State.PENDING,
        paid_on=paid_on,
        actor=actor,
    )


def membership_run_daily(*, today: datetime.date) -> dict[str, int]:
    """The day's state changes; running it twice on a day changes nothing the second time.

    - A paid pending period whose first day has come becomes active.
    - An active period whose grace period is over and that no later period in effect follows
      (it was not renewed, or the renewal is unpaid) becomes lapsed; so does a pending period
      that ended unpaid.
    """
    with transaction.atomic():
        activated = Membership.objects.filter(
            state=Membership.State.PENDING,
            paid_on__isnull=False,
            starts_on__lte=today,
            ends_on__gte=today,
        ).update(state=Membership.State.ACTIVE)
        # A renewal counts once it took effect (it may have lapsed since); an unpaid one not.
        followed = Membership.objects.filter(
            company=OuterRef("company"),
            state__in=[Membership.State.ACTIVE, Membership.State.LAPSED],
            starts_on__gt=OuterRef("ends_on"),
        )
        lapsed = (
            Membership.objects.filter(
                Q(state=Membership.State.ACTIVE, ends_on__lt=today - GRACE_PERIOD)
                | Q(state=Membership.State.PENDING, ends_on__lt=today)
            )
            .exclude(Exists(followed))
            .update(state=Membership.State.LAPSED)
        )
    return {"activated": activated, "lapsed": lapsed}


def renewal_notices_send(*, today: datetime.date) -> list[RenewalNotice]:
    """E-mail each company whose active period ends within 60 days and is not yet renewed,
    60 and 14 days ahead; each reminder once per period (a RenewalNotice row records it, in
    the same transaction as the sending, so a failed send is retried the next day).

    A run that starts late sends only the nearest reminder, not a stale one as well. Companies
    without a primary contact with an e-mail address get nothing (and nothing is recorded).
    Side effect: one e-mail per reminder, to the primary contact, with an absolute link from
    settings.SITE_URL.
    """
    renewed = Membership.objects.filter(
        company=OuterRef("company"),
        starts_on__gt=OuterRef("ends_on"),
    ).exclude(state=Membership.State.CANCELLED)
    due = (
        Membership.objects.filter(
            state=Membership.State.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=max(RENEWAL_NOTICE_DAYS)),
        )
        .exclude(Exists(renewed))
        .select_related("company", "tier")
        .prefetch_related("renewal_notices")
    )
    primaries = {
        member.company_id: member
        for member in Member.objects.filter(
            is_primary_contact=True, company__in=[m.company_id for m in due]
        ).select_related("user")
    }
    sent = []
    for membership in due:
        days_left = (membership.ends_on - today).days
        days_before = min(days for days in RENEWAL_NOTICE_DAYS if days_left <= days)
        if any(n.days_before == days_before for n in membership.renewal_notices.all()):
            continue
        primary = primaries.get(membership.company_id)
        if primary is None or not primary.user.email:
            continue
        try:
            with transaction.atomic():
                notice = RenewalNotice.objects.create(
                    membership=membership, days_before=days_before, sent_to=primary.user.email
                )
                _send(
                    to=primary.user.email,
                    template="renewal_notice",
                    context={
                        "membership": membership,
                        "person": primary,
                        "days_left": days_left,
                        "company_url": _absolute(reverse("members:team")),
                    },
                )
        except IntegrityError:
            continue  # another run sent it a moment ago
        sent.append(notice)
    return sent


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


def signup_start(*, email: str, first_name: str, last_name: str) -> None:
    """Send a verification link to the address; the account is created only when its owner
    follows the link (see `signup_complete`). An address that already has an account gets
    a note saying so instead, so the form tells no one which addresses are registered.
    Side effect: one e-mail.
    """
    User = get_user_model()
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        _send(
            to=email,
            template="signup_exists",
            context={"reset_url": _absolute(reverse("password_reset"))},
        )
        return
    token = tokens.email_link_make(
        {"email": email, "first_name": first_name, "last_name": last_name},
        salt=tokens.SIGNUP_SALT,
    )
    _send(
        to=email,
        template="signup_verify",
        context={
            "first_name": first_name,
            "verify_url": _absolute(reverse("members:signup_verify", args=[token])),
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
        _send(
            to=email,
            template="invitation",
            context={
                "invitation": invitation,
                "inviter": invited_by.get_full_name() or invited_by.get_username(),
                "accept_url": _absolute(reverse("members:invitation", args=[token])),
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


# Case studies


def _unique_slug(*, company: MemberCompany, title: str, exclude_pk: int | None) -> str:
    base = slugify(title)[:180] or "case-study"
    others = CaseStudy.objects.filter(company=company, slug__startswith=base)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = set(others.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def case_study_save(
    *,
    member: Member,
    title: str,
    challenge: str,
    solution: str,
    results: str,
    products: list[Product],
    case_study: CaseStudy | None = None,
) -> CaseStudy:
    """Write or change a draft of the member's company. Only the company's people may, and
    only while it is a draft (in review and published ones are the organizers')."""
    company = member.company
    if company is None:
        raise PermissionDenied("Only people at a member company write case studies.")
    if case_study is None:
        case_study = CaseStudy(company=company, author=member, industry=company.industry)
    elif case_study.company_id != member.company_id:
        raise PermissionDenied("This case study belongs to another company.")
    elif case_study.state != CaseStudy.State.DRAFT:
        raise ValidationError(
            f"This case study is {case_study.get_state_display().lower()}; only drafts change."
        )
    case_study.title = title
    case_study.challenge = challenge
    case_study.solution = solution
    case_study.results = results
    case_study.slug = _unique_slug(
        company=case_study.company, title=title, exclude_pk=case_study.pk
    )
    with transaction.atomic():
        case_study.full_clean()
        case_study.save()
        case_study.products.set(products)
    return case_study


def case_study_submit(*, case_study: CaseStudy, member: Member) -> CaseStudy:
    """Send a draft to the organizers for review."""
    if member.company_id != case_study.company_id:
        raise PermissionDenied("This case study belongs to another company.")
    if case_study.state != CaseStudy.State.DRAFT:
        raise ValidationError("Only a draft can be submitted for review.")
    case_study.state = CaseStudy.State.IN_REVIEW
    case_study.save(update_fields=["state", "updated_at"])
    return case_study


def case_study_publish(*, case_study: CaseStudy, actor: User, now: datetime.datetime) -> CaseStudy:
    """Publish a case study in review (organizers only); it joins the library and its feed."""
    if not is_organizer(actor):
        raise PermissionDenied("Only organizers publish case studies.")
    if case_study.state != CaseStudy.State.IN_REVIEW:
        raise ValidationError(
            f"“{case_study.title}” is {case_study.get_state_display().lower()}; "
            "only a case study in review can be published."
        )
    case_study.state = CaseStudy.State.PUBLISHED
    case_study.published_at = now
    case_study.full_clean()
    case_study.save(update_fields=["state", "published_at", "updated_at"])
    return case_study


def case_study_return_to_draft(*, case_study: CaseStudy, actor: User) -> CaseStudy:
    """Send a case study in review back to its authors as a draft (organizers only)."""
    if not is_organizer(actor):
        raise PermissionDenied("Only organizers review case studies.")
    if case_study.state != CaseStudy.State.IN_REVIEW:
        raise ValidationError(f"“{case_study.title}” is not in review.")
    case_study.state = CaseStudy.State.DRAFT
    case_study.save(update_fields=["state", "updated_at"])
    return case_study


def announcement_post(
    *, title: str, body: str, author: User, published_at: datetime.datetime
) -> Announcement:
    """Post the group's news (the admin's add form does the same through the model)."""
    announcement = Announcement(
        title=title,
        slug=slugify(title)[:200],
        body=body,
        author=author,
        published_at=published_at,
    )
    announcement.full_clean()
    announcement.save()
    return announcement


API_TOKENS_PER_USER = 10
# Writing last_used_at on every request would turn each API read into a write; once a
# minute is precise enough for an owner deciding which token is stale.
API_TOKEN_TOUCH_INTERVAL = datetime.timedelta(minutes=1)


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
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
