"""The group's announcements by e-mail: one message per person who wants announcements,
queued in batches by the `announcement_mail` task (members.tasks) when one is posted."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from members.models import Announcement, MailKind
from members.selectors import mail_recipients
from members.services.mail import absolute, mail_build, mail_queue
from webhooks.emit import EventType, WebhookEvent, webhook_emit

# A task waiting for a scheduled announcement looks again at least this often: the broker
# would hand a longer-held task to a second worker (its visibility timeout is one hour).
SCHEDULED_RECHECK = datetime.timedelta(minutes=50)


def announcement_mail_schedule(*, announcement: Announcement) -> None:
    """Queue the announcement's e-mail once the current transaction commits: at once, or at
    its publication time when that is later. Also sends the webhook `announcement.posted`
    (at once: its `published_at` says when the public sees it)."""
    webhook_emit(
        events=[
            WebhookEvent(
                type=EventType.ANNOUNCEMENT_POSTED,
                data={
                    "announcement": {
                        "id": announcement.pk,
                        "title": announcement.title,
                        "slug": announcement.slug,
                        "body": announcement.body,
                        "published_at": announcement.published_at,
                        "url": absolute(reverse("members:announcement", args=[announcement.slug])),
                    }
                },
            )
        ]
    )
    from members.tasks import announcement_mail  # the tasks module imports this one

    def enqueue() -> None:
        announcement_mail.apply_async(
            args=(announcement.pk,), eta=max(announcement.published_at, timezone.now())
        )

    transaction.on_commit(enqueue, robust=True)


def announcement_recipients() -> QuerySet[User]:
    """The people of the group (accounts with a profile) who want announcements by e-mail."""
    return mail_recipients(
        kind=MailKind.ANNOUNCEMENTS, users=User.objects.filter(member__isnull=False)
    )


def announcement_publication_pending(
    *, announcement_id: int, now: datetime.datetime
) -> datetime.datetime | None:
    """When the announcement is still to be published, the moment it will be; else None."""
    return (
        Announcement.objects.filter(pk=announcement_id, published_at__gt=now)
        .values_list("published_at", flat=True)
        .first()
    )


def announcement_mail_queue(*, announcement_id: int, now: datetime.datetime | None = None) -> int:
    """Queue the announcement's e-mail to every recipient, MAIL_BATCH_SIZE people at a time
    (a constant number of queries per batch; one mail task per batch).

    Each message's key names the announcement and the person, so running this again queues
    nothing twice. An announcement deleted meanwhile, or not yet published, is not sent.
    Returns how many messages were queued. Side effect: the mail task, once per batch.
    """
    now = now or timezone.now()
    announcement = Announcement.objects.filter(pk=announcement_id, published_at__lte=now).first()
    if announcement is None:
        return 0
    context = {
        "announcement": announcement,
        "announcement_url": absolute(announcement.get_absolute_url()),
        "site_name": settings.SITE_NAME,
    }
    subject = render_to_string("members/email/announcement_subject.txt", context)
    body = render_to_string("members/email/announcement.txt", context)
    recipients = announcement_recipients().order_by("pk").only("pk", "email")
    queued, after = 0, 0
    while True:
        batch = list(recipients.filter(pk__gt=after)[: settings.MAIL_BATCH_SIZE])
        if not batch:
            break
        after = batch[-1].pk
        queued += len(
            mail_queue(
                mails=[
                    mail_build(
                        key=f"announcement:{announcement.pk}:user:{user.pk}",
                        to=user.email,
                        subject=subject,
                        body=body,
                        kind=MailKind.ANNOUNCEMENTS,
                        user=user,
                    )
                    for user in batch
                ]
            )
        )
        if len(batch) < settings.MAIL_BATCH_SIZE:
            break
    return queued
