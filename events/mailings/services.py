"""Writes of the mail composer: saving a mailing, queuing it to its audience (now or when its
time comes), and sending its failed messages again.

Queuing writes one `MailingRecipient` and one outbox row (`OutgoingEmail`) per person in
the transaction that marks the mailing sent, in a constant number of queries however large
the audience, and queues the mail task per batch once that transaction commits, each batch
held back so that no more than MAIL_SEND_RATE messages leave a minute.
"""

import datetime
import json
import logging
import string
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from events.mailings.selectors import (
    audience_recipients,
    mailing_audience,
    mailings_due,
    recipient_company,
)
from events.models import Conference, Mailing, MailingRecipient, Track
from members.models import MailKind, MembershipTier, OutgoingEmail
from members.services.mail import mail_build_many, mail_enqueue

logger = logging.getLogger(__name__)

PLACEHOLDERS = ("first_name", "last_name", "full_name", "company", "conference")


# Placeholders


def mailing_placeholders_refusal(text: str) -> str | None:
    """Why the text's placeholders cannot be filled in, or None when they can. Only the
    names of PLACEHOLDERS are allowed, bare: an attribute, an index, a conversion or a
    format ({user.password}, {0.__class__}, {company!r}) could read what it must not."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        return (
            f"The text has a stray brace ({error}). Write {{{{ and }}}} for a literal brace, "
            "or use a placeholder such as {first_name}."
        )
    refused = []
    for _literal, name, format_spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or format_spec or conversion:
            whole = name + (f"!{conversion}" if conversion else "")
            whole += f":{format_spec}" if format_spec else ""
            refused.append(f"{{{whole}}}")
    if refused:
        allowed = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        return f"Unknown or unsafe placeholders: {', '.join(refused)}. Use only {allowed}."
    return None


def mailing_render(*, text: str, person: dict[str, str]) -> str:
    """The text with one person's placeholders filled in (checked text only); `person` is
    what `mailing_person` gives."""
    return text.format_map(person)


def mailing_person(
    *, first_name: str, last_name: str, username: str, company: str | None, conference: str
) -> dict[str, str]:
    """The values of the placeholders for one person."""
    full_name = f"{first_name} {last_name}".strip()
    return {
        "first_name": first_name,
        "last_name": last_name,
        "full_name": full_name or username,
        "company": company or "",
        "conference": conference,
    }


def mailing_person_of(*, user: User, conference: str) -> dict[str, str]:
    """The placeholders' values for a user (their company loaded), for the preview."""
    return mailing_person(
        first_name=user.first_name,
        last_name=user.last_name,
        username=user.get_username(),
        company=recipient_company(user),
        conference=conference,
    )


def _insert_many(model: type[models.Model], columns: Sequence[str], rows: list[tuple]) -> None:
    """INSERT the rows into the model's table in one statement run for every row
    (executemany: one round trip, one query as Django counts them), skipping rows that a
    unique constraint refuses. The ORM's bulk_create would issue one statement per hundred
    rows on SQLite (its limit of 999 parameters) and build a model instance per row, too
    slow for the composer's 12,000 people in a request. Values must be ready for the
    database (the callers pass strings, integers and adapted datetimes)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = {field.name: field.column for field in model._meta.concrete_fields if field.column}
    names = ", ".join(quote(fields[column]) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks}) "  # noqa: S608 - names from the model's own metadata, values bound
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


# Composing


def mailing_save(
    *,
    mailing: Mailing | None,
    actor: User | None,
    subject: str,
    body: str,
    kind: str,
    tiers: Iterable[MembershipTier] = (),
    standing: str = "",
    roles: Sequence[str] = (),
    conference: Conference | None = None,
    submission_states: Sequence[str] = (),
    registrants: bool = False,
    starred_session: str | None = None,
    starred_track: Track | None = None,
) -> Mailing:
    """Save a draft mailing (new, or a draft or scheduled one changed; a scheduled one goes
    back to draft). Refuses unsafe placeholders and a mailing already sent."""
    if mailing is not None and not mailing.editable:
        raise ValidationError("This mailing has been sent; it cannot be changed.")
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        refusal = mailing_placeholders_refusal(text)
        if refusal:
            errors[name] = refusal
    if errors:
        raise ValidationError(errors)
    mailing = mailing or Mailing(created_by=actor)
    mailing.subject = subject
    mailing.body = body
    mailing.kind = kind
    mailing.standing = standing
    mailing.roles = list(roles)
    mailing.conference = conference
    mailing.submission_states = list(submission_states)
    mailing.registrants = registrants
    mailing.starred_session = starred_session or None
    mailing.starred_track = starred_track
    mailing.state = Mailing.State.DRAFT
    mailing.send_at = None
    mailing.full_clean(exclude=["tiers"])
    with transaction.atomic():
        mailing.save()
        mailing.tiers.set(list(tiers))
    return mailing


def mailing_schedule(
    *, mailing: Mailing, send_at: datetime.datetime, now: datetime.datetime
) -> None:
    """Have a draft sent at `send_at` (by the beat task `events.tasks.mailings_send_due`).
    Refuses a time in the past and an audience that is empty now."""
    if send_at <= now:
        raise ValidationError({"send_at": "Choose a time in the future."})
    _refuse_empty(mailing)
    updated = Mailing.objects.filter(pk=mailing.pk, state=Mailing.State.DRAFT).update(
        state=Mailing.State.SCHEDULED, send_at=send_at
    )
    if not updated:
        raise ValidationError("Only a draft can be scheduled.")
    mailing.state, mailing.send_at = Mailing.State.SCHEDULED, send_at


def mailing_compose(
    *,
    mailing: Mailing | None,
    actor: User | None,
    action: str,
    send_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    **fields,
) -> tuple[Mailing, int]:
    """The composer's buttons in one transaction: save the mailing as a draft (action
    "draft"), then send it now ("send") or schedule it for `send_at` ("schedule"). A refusal
    (no recipients, a time in the past, an unsafe placeholder) leaves nothing written and
    nothing queued. Returns the mailing and how many messages were queued."""
    now = now or timezone.now()
    if action not in ("draft", "send", "schedule"):
        raise ValidationError(f"Unknown action {action!r}.")
    if action == "schedule" and send_at is None:
        raise ValidationError({"send_at": "Give the time to send the mailing at."})
    with transaction.atomic():
        mailing = mailing_save(mailing=mailing, actor=actor, **fields)
        queued = 0
        if action == "send":
            queued = mailing_send(mailing=mailing, now=now)
        elif action == "schedule" and send_at is not None:
            mailing_schedule(mailing=mailing, send_at=send_at, now=now)
    return mailing, queued


def _refuse_empty(mailing: Mailing) -> None:
    if not audience_recipients(audience=mailing_audience(mailing=mailing)).exists():
        raise ValidationError(
            "Nobody matches these filters (after opt-outs of this kind of mail), so there is "
            "nobody to send to. Widen the audience."
        )


# Sending


def mailing_send(*, mailing: Mailing, now: datetime.datetime | None = None) -> int:
    """Queue a draft or scheduled mailing to its audience now. Refuses an empty audience
    (nothing is queued) and a mailing already sent. Returns how many messages were queued.
    Side effect: the mail task, once per batch, when the transaction commits."""
    queued = mailing_queue(mailing_id=mailing.pk, now=now or timezone.now(), refuse_empty=True)
    if queued is None:
        raise ValidationError("This mailing has already been sent.")
    mailing.refresh_from_db()
    return queued


def mailing_queue(*, mailing_id: int, now: datetime.datetime, refuse_empty: bool) -> int | None:
    """Queue the mailing to everyone in its audience at this moment, less those who opted
    out of its kind of mail. Returns how many messages were queued, or None when another
    caller has taken the mailing (it is no longer a draft or scheduled): the conditional
    UPDATE that takes it makes concurrent runs queue it once.

    A constant number of queries whatever the audience: one to read it, one INSERT per
    table (on SQLite, one per batch its limit of 999 parameters allows), one to read the
    outbox ids back. An empty audience is refused when
    `refuse_empty` (rolled back), else the mailing is recorded as sent to nobody.
    """
    with transaction.atomic():
        taken = Mailing.objects.filter(
            pk=mailing_id, state__in=[Mailing.State.DRAFT, Mailing.State.SCHEDULED]
        ).update(state=Mailing.State.SENDING)
        if not taken:
            return None
        mailing = Mailing.objects.select_related("conference").get(pk=mailing_id)
        audience = mailing_audience(mailing=mailing)
        people = list(
            audience_recipients(audience=audience).values_list(
                "pk", "email", "first_name", "last_name", "username", "member__company__name"
            )
        )
        if not people and refuse_empty:
            _refuse_empty(mailing)  # raises, with the words
        conference = mailing.conference.name if mailing.conference else ""
        messages = []
        for user_id, email, first_name, last_name, username, company in people:
            person = mailing_person(
                first_name=first_name,
                last_name=last_name,
                username=username,
                company=company,
                conference=conference,
            )
            messages.append(
                (
                    f"mailing:{mailing.pk}:{user_id}",
                    email,
                    mailing_render(text=mailing.subject, person=person),
                    mailing_render(text=mailing.body, person=person),
                    user_id,
                )
            )
        mails = mail_build_many(kind=MailKind(mailing.kind), messages=messages)
        created_at = connection.ops.adapt_datetimefield_value(now)
        queued = OutgoingEmail.State.QUEUED
        # The key names mailing and person: a row already there is that person's copy.
        _insert_many(
            OutgoingEmail,
            [
                "key",
                "kind",
                "to",
                "user",
                "subject",
                "body",
                "headers",
                "state",
                "attempts",
                "last_error",
                "created_at",
            ],
            [
                (
                    mail.key,
                    mail.kind,
                    mail.to,
                    mail.user_id,
                    mail.subject,
                    mail.body,
                    json.dumps(mail.headers),
                    queued,
                    0,
                    "",
                    created_at,
                )
                for mail in mails
            ],
        )
        # Read back by a range of the unique key's index: "mailing:<id>:" up to "mailing:<id>;".
        outbox = dict(
            OutgoingEmail.objects.filter(
                key__gte=f"mailing:{mailing.pk}:", key__lt=f"mailing:{mailing.pk};"
            ).values_list("user_id", "pk")
        )
        _insert_many(
            MailingRecipient,
            ["mailing", "user", "email"],
            [(mailing.pk, user_id, outbox.get(user_id)) for user_id, *_ in people],
        )
        Mailing.objects.filter(pk=mailing.pk).update(
            state=Mailing.State.SENT, queued_at=now, recipient_count=len(people)
        )
        ids = sorted(outbox[user_id] for user_id, *_ in people if user_id in outbox)
        _enqueue_throttled(ids)
    logger.info("Mailing %s queued to %s people.", mailing_id, len(people))
    return len(people)


def _enqueue_throttled(ids: list[int]) -> None:
    """One mail task per MAIL_BATCH_SIZE messages, each held back so that no more than
    MAIL_SEND_RATE messages a minute are sent (no delay when the rate is 0)."""
    size = settings.MAIL_BATCH_SIZE
    rate = settings.MAIL_SEND_RATE
    for number, start in enumerate(range(0, len(ids), size)):
        countdown = number * size * 60 / rate if rate else 0
        mail_enqueue(ids=ids[start : start + size], countdown=countdown)


def mailing_resend_failed(*, mailing: Mailing) -> int:
    """Put the mailing's failed messages back in the queue (sent and queued ones are left
    alone) and queue their sending. Returns how many. Side effect: the mail task."""
    with transaction.atomic():
        failed = OutgoingEmail.objects.filter(
            pk__in=MailingRecipient.objects.filter(mailing=mailing).values("email_id"),
            state=OutgoingEmail.State.FAILED,
        )
        ids = sorted(failed.values_list("pk", flat=True))
        OutgoingEmail.objects.filter(pk__in=ids, state=OutgoingEmail.State.FAILED).update(
            state=OutgoingEmail.State.QUEUED, last_error="", attempts=0, claim=None
        )
        _enqueue_throttled(ids)
    return len(ids)


def mailings_send_due(*, now: datetime.datetime | None = None) -> int:
    """Queue every scheduled mailing whose time has come; run by the beat task and
    `manage.py mailings_send_due`. Safe to run concurrently: each mailing is taken by one
    caller. Returns how many mailings this call queued."""
    now = now or timezone.now()
    started = 0
    for mailing_id in mailings_due(now=now):
        if mailing_queue(mailing_id=mailing_id, now=now, refuse_empty=False) is not None:
            started += 1
    return started
