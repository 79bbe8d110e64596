"""Reads of the mail composer: who a mailing's audience is (after opt-outs), and each
recipient's status in the outbox. Every read here is a constant number of queries, however
large the audience."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from events.models import (
    AgendaItem,
    Mailing,
    MailingRecipient,
    Registration,
    Slot,
    SubmissionSpeaker,
)
from members.models import GRACE_PERIOD, MailKind, Member, MemberCompany, Membership, OutgoingEmail
from members.roles import CHECKIN_STAFF, ORGANIZERS, PROGRAM_COMMITTEE
from members.selectors import mail_recipients

ROLE_GROUPS: dict[str, str] = {
    Mailing.Role.ORGANIZERS: ORGANIZERS,
    Mailing.Role.PROGRAM_COMMITTEE: PROGRAM_COMMITTEE,
    Mailing.Role.CHECKIN_STAFF: CHECKIN_STAFF,
}


@dataclass(frozen=True)
class Audience:
    """A mailing's filters, saved or not yet (the composer previews before saving)."""

    tier_ids: tuple[int, ...] = ()
    standing: str = ""
    roles: tuple[str, ...] = ()
    conference_id: int | None = None
    submission_states: tuple[str, ...] = ()
    registrants: bool = False
    starred_session: str | None = None
    starred_track_id: int | None = None
    kind: str = MailKind.ANNOUNCEMENTS


def mailing_audience(*, mailing: Mailing) -> Audience:
    """The saved filters of a mailing (one query, for its tiers)."""
    return Audience(
        tier_ids=tuple(mailing.tiers.values_list("pk", flat=True)),
        standing=mailing.standing,
        roles=tuple(mailing.roles),
        conference_id=mailing.conference_id,
        submission_states=tuple(mailing.submission_states),
        registrants=mailing.registrants,
        starred_session=str(mailing.starred_session) if mailing.starred_session else None,
        starred_track_id=mailing.starred_track_id,
        kind=mailing.kind,
    )


def _companies_current(on: datetime.date) -> QuerySet[Membership]:
    return Membership.objects.filter(
        company=OuterRef("pk"),
        state=Membership.State.ACTIVE,
        starts_on__lte=on,
        ends_on__gte=on - GRACE_PERIOD,
    )


def audience_users(*, audience: Audience, on: datetime.date | None = None) -> QuerySet[User]:
    """Everyone the filters select, before opt-outs. Filters combine with AND; the values of
    one filter with OR. A company's tier is that of its latest membership period that was not
    cancelled."""
    on = on or timezone.localdate()
    users = User.objects.all()
    if audience.tier_ids or audience.standing:
        companies = MemberCompany.objects.all()
        if audience.tier_ids:
            latest_tier = (
                Membership.objects.filter(company=OuterRef("pk"))
                .exclude(state=Membership.State.CANCELLED)
                .order_by("-starts_on")
                .values("tier")[:1]
            )
            companies = companies.annotate(latest_tier=latest_tier).filter(
                latest_tier__in=audience.tier_ids
            )
        if audience.standing == Mailing.Standing.GOOD:
            companies = companies.filter(Exists(_companies_current(on)))
        elif audience.standing == Mailing.Standing.NOT_GOOD:
            companies = companies.exclude(Exists(_companies_current(on)))
        users = users.filter(member__company__in=companies.values("pk"))
    if audience.roles:
        groups = [ROLE_GROUPS[role] for role in audience.roles if role in ROLE_GROUPS]
        holds = Q(groups__name__in=groups) if groups else Q(pk__in=[])
        if Mailing.Role.PRIMARY_CONTACTS in audience.roles:
            holds |= Q(member__is_primary_contact=True)
        users = users.filter(pk__in=User.objects.filter(holds).values("pk"))
    if audience.conference_id is not None:
        conference_id = audience.conference_id
        if audience.submission_states:
            speakers = SubmissionSpeaker.objects.filter(
                submission__conference_id=conference_id,
                submission__state__in=audience.submission_states,
            ).values("member__user_id")
            users = users.filter(pk__in=speakers)
        if audience.registrants:
            users = users.filter(
                Exists(
                    Registration.objects.filter(conference_id=conference_id, user=OuterRef("pk"))
                )
            )
        if audience.starred_session or audience.starred_track_id:
            starred = AgendaItem.objects.filter(registration__conference_id=conference_id)
            if audience.starred_session:
                starred = starred.filter(slot_uid=audience.starred_session)
            if audience.starred_track_id:
                starred = starred.filter(
                    slot_uid__in=Slot.objects.filter(
                        schedule__conference_id=conference_id,
                        submission__track_id=audience.starred_track_id,
                    ).values("uid")
                )
            users = users.filter(pk__in=starred.values("registration__user_id"))
    return users


def audience_recipients(*, audience: Audience, on: datetime.date | None = None) -> QuerySet[User]:
    """The people the mailing goes to: the audience less those who turned its kind of mail
    off, inactive accounts and accounts without an address; by account, with their company
    loaded for the placeholders."""
    return (
        mail_recipients(
            kind=MailKind(audience.kind), users=audience_users(audience=audience, on=on)
        )
        .select_related("member__company")
        .order_by("pk")
    )


def audience_preview(*, audience: Audience) -> tuple[int, User | None]:
    """How many people a mailing would reach now, and the first of them; two queries."""
    recipients = audience_recipients(audience=audience)
    return recipients.count(), recipients.first()


def recipient_company(user: User) -> str:
    """The company name a mail's {company} placeholder shows ("" for none)."""
    member: Member | None = getattr(user, "member", None)
    if member is None or member.company is None:
        return ""
    return member.company.name


def mailing_outbox(*, mailing: Mailing) -> QuerySet[MailingRecipient]:
    """The mailing's recipients with their outbox copies, for the outbox page (paginated
    by the caller; one query a page)."""
    return (
        MailingRecipient.objects.filter(mailing=mailing)
        .select_related("user", "email")
        .order_by("pk")
    )


def mailing_counts(*, mailing: Mailing) -> dict[str, int]:
    """How many of the mailing's messages are queued, being sent, sent and failed; one query."""
    rows = (
        OutgoingEmail.objects.filter(
            pk__in=MailingRecipient.objects.filter(mailing=mailing).values("email_id")
        )
        .values("state")
        .annotate(n=Count("pk"))
    )
    counts = {state.value: 0 for state in OutgoingEmail.State}
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


def mailings_due(*, now: datetime.datetime) -> list[int]:
    """Ids of scheduled mailings whose time has come."""
    return list(
        Mailing.objects.filter(state=Mailing.State.SCHEDULED, send_at__lte=now)
        .order_by("send_at", "pk")
        .values_list("pk", flat=True)
    )
