"""Every e-mail Guildhall sends passes through here: written to the outbox (OutgoingEmail) in
the transaction of the change that causes it, and sent by one task (members.tasks.mail_send)
once that transaction commits.

Sending is idempotent: each message has a key, and a row that is already sent is never sent
again, however often its task runs. A worker that dies between the SMTP server's acceptance
and recording it leaves the row claimed; after MAIL_CLAIM_SECONDS it is sent again with the
same Message-ID, so at worst a recipient's server receives one message twice and their mail
client shows it once (sending exactly once is impossible over SMTP). Connection and SMTP
errors are retried with exponential backoff.

Optional mail (announcements, schedule changes, CfP news) carries List-Unsubscribe and
List-Unsubscribe-Post (RFC 8058) headers and a footer link to the one-click unsubscribe page;
its signed token names the person and the kind and does not expire.
"""

import datetime
import logging
import smtplib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from members.models import MailBatch, MailKind, MailOptOut, OutgoingEmail

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "members.unsubscribe"
# Errors worth another try later: the mail server or the network (timeouts and refused
# connections are OSErrors). A refused recipient is not: that message fails alone.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)


def absolute(url: str) -> str:
    """The URL with the site's address in front, for links in e-mails."""
    return f"{settings.SITE_URL}{url}"


# Queuing


@dataclass(frozen=True)
class Mail:
    """One message to queue: to one address, about one kind of thing."""

    key: str
    to: str
    subject: str
    body: str
    kind: MailKind = MailKind.TRANSACTIONAL
    user_id: int | None = None
    headers: dict[str, str] = field(default_factory=dict)


def mail_build(
    *,
    key: str,
    to: str,
    subject: str,
    body: str,
    kind: MailKind = MailKind.TRANSACTIONAL,
    user: User | None = None,
) -> Mail:
    """A message ready to queue. Optional kinds must name the recipient's account: they get the
    unsubscribe headers and the footer link."""
    subject = " ".join(subject.split())  # one header line, whatever was typed
    if kind == MailKind.TRANSACTIONAL:
        user_id = user.pk if user is not None else None
        return Mail(key=key, to=to, subject=subject, body=body, kind=kind, user_id=user_id)
    if user is None:
        raise ValueError(f"{kind} mail needs the recipient's account, for its unsubscribe link.")
    url = unsubscribe_url(user_id=user.pk, kind=kind)
    footer = render_to_string(
        "members/email/unsubscribe_footer.txt",
        {
            "kind": MailKind(kind).label,
            "unsubscribe_url": url,
            "profile_url": absolute(reverse("members:profile")),
            "site_name": settings.SITE_NAME,
        },
    )
    return Mail(
        key=key,
        to=to,
        subject=subject,
        body=f"{body.rstrip()}\n\n{footer}",
        kind=kind,
        user_id=user.pk,
        headers=unsubscribe_headers(url),
    )


def mail_build_many(
    *, kind: MailKind, messages: Iterable[tuple[str, str, str, str, int]]
) -> list[Mail]:
    """Messages of one optional kind ready to queue, each (key, to, subject, body, user id):
    what mail_build gives, for thousands of people at once. The footer is rendered and the
    unsubscribe URL reversed once; only each person's signed token differs."""
    if kind == MailKind.TRANSACTIONAL:
        raise ValueError("mail_build_many is for optional kinds of mail.")
    marker = "UNSUBSCRIBE-TOKEN"
    url_pattern = absolute(reverse("members:unsubscribe", args=[marker]))
    footer_pattern = render_to_string(
        "members/email/unsubscribe_footer.txt",
        {
            "kind": MailKind(kind).label,
            "unsubscribe_url": url_pattern,
            "profile_url": absolute(reverse("members:profile")),
            "site_name": settings.SITE_NAME,
        },
    )
    signer = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)  # as signing.dumps signs
    mails = []
    for key, to, subject, body, user_id in messages:
        token = signer.sign_object({"u": user_id, "k": str(kind)}, compress=True)
        url = url_pattern.replace(marker, token)
        footer = footer_pattern.replace(url_pattern, url)
        mails.append(
            Mail(
                key=key,
                to=to,
                subject=" ".join(subject.split()),
                body=f"{body.rstrip()}\n\n{footer}",
                kind=kind,
                user_id=user_id,
                headers=unsubscribe_headers(url),
            )
        )
    return mails


def mail_queue(*, mails: Sequence[Mail], batch: MailBatch | None = None) -> list[int]:
    """Write the messages to the outbox and send them once the current transaction commits.

    A message whose key is already in the outbox is not written again (nor sent again).
    Empty addresses are skipped. Returns the ids of the rows written or found. Side effect:
    the mail task is queued on commit (run at once when there is no broker). Given a
    `batch` held for approval, the messages are written as held in it and not sent:
    members.services.mail_batches sends them when an organizer approves the batch.
    """
    mails = [mail for mail in mails if mail.to]
    if not mails:
        return []
    state = OutgoingEmail.State.QUEUED if batch is None else OutgoingEmail.State.HELD
    with transaction.atomic():
        OutgoingEmail.objects.bulk_create(
            [
                OutgoingEmail(
                    key=mail.key,
                    kind=mail.kind,
                    to=mail.to,
                    user_id=mail.user_id,
                    subject=mail.subject,
                    body=mail.body,
                    headers=mail.headers,
                    state=state,
                    batch=batch,
                )
                for mail in mails
            ],
            ignore_conflicts=True,
        )
        written = OutgoingEmail.objects.filter(key__in=[mail.key for mail in mails], state=state)
        if batch is not None:
            written = written.filter(batch=batch)
        ids = list(written.order_by("pk").values_list("pk", flat=True))
        if ids and batch is None:
            mail_enqueue(ids=ids)
    return ids


def mail_enqueue(*, ids: list[int], countdown: float = 0) -> None:
    """Queue the mail task for these outbox rows when the transaction commits, to run
    `countdown` seconds later (how bulk senders keep to MAIL_SEND_RATE). A broker that
    cannot be reached is logged, not raised: the change is committed, and
    `manage.py mail_flush` queues what is left."""
    from members.tasks import mail_send  # the tasks module imports this one

    def enqueue() -> None:
        if countdown:
            mail_send.apply_async(args=(ids,), countdown=countdown)
        else:
            mail_send.delay(ids)

    transaction.on_commit(enqueue, robust=True)


def send(*, to: str, template: str, context: dict, key: str | None = None) -> None:
    """Queue a transactional e-mail from templates/members/email/<template>_subject.txt and
    .txt (sent when the transaction commits)."""
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"members/email/{template}_subject.txt", context)
    body = render_to_string(f"members/email/{template}.txt", context)
    mail_queue(
        mails=[
            mail_build(
                key=key or f"{template}:{uuid.uuid4().hex}", to=to, subject=subject, body=body
            )
        ]
    )


# Sending


def _message_id(row: OutgoingEmail) -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<guildhall.outbox.{row.pk}@{domain}>"


def _message(row: OutgoingEmail, connection) -> EmailMessage:
    headers = {**row.headers, "Message-ID": _message_id(row)}
    return EmailMessage(row.subject, row.body, to=[row.to], headers=headers, connection=connection)


@dataclass
class Delivery:
    """What one run of the mail task did: ids sent, ids refused by the mail server for good,
    and the ids still to send after a transient error (retried later), with that error."""

    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    remaining: list[int] = field(default_factory=list)
    error: BaseException | None = None


def mail_deliver(*, ids: Iterable[int]) -> Delivery:
    """Send the queued outbox rows among `ids` over one connection, and record each as sent.

    Rows already sent, or being sent by another worker, are passed over. On a transient
    error the unsent rows are put back in the queue and returned in `remaining` with the
    error, for the caller to retry. Sends mail.
    """
    now = timezone.now()
    claim = uuid.uuid4()
    stale = now - datetime.timedelta(seconds=settings.MAIL_CLAIM_SECONDS)
    claimable = Q(state=OutgoingEmail.State.QUEUED) | Q(
        state=OutgoingEmail.State.SENDING, claimed_at__lt=stale
    )
    OutgoingEmail.objects.filter(claimable, pk__in=list(ids)).update(
        state=OutgoingEmail.State.SENDING, claim=claim, claimed_at=now, attempts=F("attempts") + 1
    )
    rows = list(OutgoingEmail.objects.filter(claim=claim).order_by("pk"))
    delivery = Delivery()
    if not rows:
        return delivery
    try:
        with get_connection() as connection:
            for row in rows:
                try:
                    _message(row, connection).send()
                except smtplib.SMTPRecipientsRefused as error:
                    _fail(row=row, claim=claim, error=error)
                    delivery.failed.append(row.pk)
                    continue
                # Recorded one by one: a worker lost mid-batch resends only the message in flight.
                OutgoingEmail.objects.filter(pk=row.pk, claim=claim).update(
                    state=OutgoingEmail.State.SENT, sent_at=timezone.now(), claim=None
                )
                delivery.sent.append(row.pk)
    except TRANSIENT_ERRORS as error:
        delivery.error = error
        done = {*delivery.sent, *delivery.failed}
        delivery.remaining = [row.pk for row in rows if row.pk not in done]
        OutgoingEmail.objects.filter(pk__in=delivery.remaining, claim=claim).update(
            state=OutgoingEmail.State.QUEUED, claim=None, last_error=repr(error)[:2000]
        )
    return delivery


def _fail(*, row: OutgoingEmail, claim: uuid.UUID, error: BaseException) -> None:
    logger.error("E-mail %s to %s refused: %r", row.pk, row.to, error)
    OutgoingEmail.objects.filter(pk=row.pk, claim=claim).update(
        state=OutgoingEmail.State.FAILED, claim=None, last_error=repr(error)[:2000]
    )


def mail_give_up(*, ids: Iterable[int], error: BaseException) -> int:
    """Mark queued rows as failed after the last retry. Returns how many."""
    logger.error("Giving up on e-mails %s: %r", list(ids), error)
    return OutgoingEmail.objects.filter(pk__in=list(ids), state=OutgoingEmail.State.QUEUED).update(
        state=OutgoingEmail.State.FAILED, last_error=repr(error)[:2000]
    )


def mail_flush(*, older_than: datetime.timedelta) -> int:
    """Queue the mail task again for rows left queued longer than `older_than` (a broker that
    was down when they were written, a task lost with its queue). Returns how many rows."""
    ids = list(
        OutgoingEmail.objects.filter(
            state=OutgoingEmail.State.QUEUED, created_at__lt=timezone.now() - older_than
        ).values_list("pk", flat=True)
    )
    for start in range(0, len(ids), settings.MAIL_BATCH_SIZE):
        mail_enqueue(ids=ids[start : start + settings.MAIL_BATCH_SIZE])
    return len(ids)


# Preferences and unsubscribing


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    """The signed token of a one-click unsubscribe link: the person and the kind of mail. It
    carries no expiry, so a link in a years-old message still works."""
    return signing.dumps({"u": user_id, "k": str(kind)}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return absolute(reverse("members:unsubscribe", args=[token]))


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail clients offer an unsubscribe button that POSTs to `url`."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def unsubscribe_token_read(token: str) -> tuple[User, MailKind]:
    """The person and kind named by an unsubscribe token; ValidationError when it was altered,
    names no optional kind, or no longer names an account."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        kind = MailKind(payload["k"])
        user = User.objects.get(pk=int(payload["u"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, User.DoesNotExist) as error:
        raise ValidationError(
            "This unsubscribe link is not valid. Check that you copied all of it from the "
            "e-mail, or choose your e-mail on your profile page.",
            code="invalid",
        ) from error
    if kind == MailKind.TRANSACTIONAL:
        raise ValidationError("This mail cannot be turned off.", code="invalid")
    return user, kind


def mail_unsubscribe(*, user: User, kind: MailKind) -> None:
    """Stop one optional kind of mail for the person (again is harmless)."""
    if kind == MailKind.TRANSACTIONAL:
        raise ValidationError("Account and submission mail cannot be turned off.")
    MailOptOut.objects.get_or_create(user=user, kind=kind)


def mail_preferences_set(*, user: User, wanted: Iterable[str]) -> None:
    """Keep exactly the optional kinds in `wanted` coming to the person; stop the others."""
    wanted_kinds = {MailKind(kind) for kind in wanted}
    optional = set(MailKind.optional())
    with transaction.atomic():
        MailOptOut.objects.filter(user=user, kind__in=wanted_kinds & optional).delete()
        MailOptOut.objects.bulk_create(
            [MailOptOut(user=user, kind=kind) for kind in optional - wanted_kinds],
            ignore_conflicts=True,
        )
