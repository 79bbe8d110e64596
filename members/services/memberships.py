"""Role groups, membership periods and their daily transitions, and the renewal notices
that go out before a period ends."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from audit.services import Action, audit_record
from members.models import (
    GRACE_PERIOD,
    Member,
    MemberCompany,
    Membership,
    MembershipTier,
    RenewalNotice,
)
from members.roles import CHECKIN_STAFF, ORGANIZERS, PROGRAM_COMMITTEE
from members.services.mail import absolute, send
from webhooks.emit import EventType, WebhookEvent, webhook_emit

# Reminders go out this many days before a period ends, the earliest first.
RENEWAL_NOTICE_DAYS = (60, 14)

ORGANIZER_APPS = ("members", "events", "webhooks")
# Reviewers read the call for papers' settings in the admin and nothing more: the admin's
# submission and review pages show speakers and other reviewers' scores, which anonymous
# review must hide. They review on the site's own pages.
REVIEWER_PERMISSIONS = (("events", "view_conference"),)


def roles_ensure_groups() -> None:
    """Create the Organizers, Program committee and Check-in staff groups with their admin
    permissions (check-in staff have none: they work on the site's check-in page).

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
    Group.objects.get_or_create(name=CHECKIN_STAFF)


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
    Writes an audit entry naming the actor (the system when there is none), and sends the
    webhook `membership.changed` (change "created") once committed.
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
        membership.company = company
        membership.tier = tier
        webhook_emit(
            events=[_membership_event(membership=membership, change="created", from_state="")]
        )
    return membership


def _membership_event(*, membership: Membership, change: str, from_state: str) -> WebhookEvent:
    """The `membership.changed` webhook event of one period (company and tier loaded)."""
    return WebhookEvent(
        type=EventType.MEMBERSHIP_CHANGED,
        data={
            "change": change,
            "from_state": from_state,
            "membership": {
                "id": membership.pk,
                "company": {"slug": membership.company.slug, "name": membership.company.name},
                "tier": membership.tier.name,
                "starts_on": membership.starts_on,
                "ends_on": membership.ends_on,
                "state": membership.state,
            },
        },
    )


# Membership periods over time


def _add_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


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

    Each change sends the webhook `membership.changed` ("activated", "lapsed") once committed.
    """
    with transaction.atomic():
        to_activate = list(
            Membership.objects.select_for_update(of=("self",))
            .filter(
                state=Membership.State.PENDING,
                paid_on__isnull=False,
                starts_on__lte=today,
                ends_on__gte=today,
            )
            .select_related("company", "tier")
        )
        activated = Membership.objects.filter(
            pk__in=[membership.pk for membership in to_activate]
        ).update(state=Membership.State.ACTIVE)
        # A renewal counts once it took effect (it may have lapsed since); an unpaid one not.
        followed = Membership.objects.filter(
            company=OuterRef("company"),
            state__in=[Membership.State.ACTIVE, Membership.State.LAPSED],
            starts_on__gt=OuterRef("ends_on"),
        )
        to_lapse = list(
            Membership.objects.select_for_update(of=("self",))
            .filter(
                Q(state=Membership.State.ACTIVE, ends_on__lt=today - GRACE_PERIOD)
                | Q(state=Membership.State.PENDING, ends_on__lt=today)
            )
            .exclude(Exists(followed))
            .select_related("company", "tier")
        )
        lapsed = Membership.objects.filter(
            pk__in=[membership.pk for membership in to_lapse]
        ).update(state=Membership.State.LAPSED)
        events = []
        for change, memberships, state in (
            ("activated", to_activate, Membership.State.ACTIVE),
            ("lapsed", to_lapse, Membership.State.LAPSED),
        ):
            for membership in memberships:
                from_state = membership.state
                membership.state = state
                events.append(
                    _membership_event(membership=membership, change=change, from_state=from_state)
                )
        webhook_emit(events=events)
    return {"activated": activated, "lapsed": lapsed}


def renewal_notices_send(*, today: datetime.date) -> list[RenewalNotice]:
    """E-mail each company whose active period ends within 60 days and is not yet renewed,
    60 and 14 days ahead; each reminder once per period (a RenewalNotice row records it, in
    the same transaction as the e-mail's outbox row, which the mail task sends and retries).

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
                send(
                    key=f"renewal_notice:{notice.pk}",
                    to=primary.user.email,
                    template="renewal_notice",
                    context={
                        "membership": membership,
                        "person": primary,
                        "days_left": days_left,
                        "company_url": absolute(reverse("members:team")),
                    },
                )
        except IntegrityError:
            continue  # another run sent it a moment ago
        sent.append(notice)
    return sent
