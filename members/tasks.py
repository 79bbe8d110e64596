"""Background jobs of the members app, run by the Celery worker (config/celery.py): sending
the outbox's e-mail and fanning an announcement out to the people who want it."""

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.utils import timezone

from members.services import mail
from members.services.announcements import (
    SCHEDULED_RECHECK,
    announcement_mail_queue,
    announcement_publication_pending,
)


@shared_task(bind=True, max_retries=None)
def mail_send(self, ids: list[int]) -> int:
    """Send the outbox rows `ids` (members.services.mail.mail_deliver). After a connection or
    SMTP error the rows not yet sent are retried with exponential backoff and jitter, up to
    MAIL_MAX_RETRIES times, then marked failed. Returns how many were sent by this run."""
    delivery = mail.mail_deliver(ids=ids)
    if delivery.error is not None and delivery.remaining:
        if self.request.retries >= settings.MAIL_MAX_RETRIES:
            mail.mail_give_up(ids=delivery.remaining, error=delivery.error)
        else:
            countdown = get_exponential_backoff_interval(
                factor=settings.MAIL_RETRY_BACKOFF_SECONDS,
                retries=self.request.retries,
                maximum=30 * 60,  # below the broker's visibility timeout
                full_jitter=True,
            )
            raise self.retry(args=(delivery.remaining,), countdown=countdown, exc=delivery.error)
    return len(delivery.sent)


@shared_task(bind=True)
def announcement_mail(self, announcement_id: int) -> int:
    """Queue the announcement's e-mail to everyone who wants announcements, in batches.
    Running it again queues nothing twice. Returns how many messages were queued.

    An announcement scheduled for later (or moved later since) is looked at again at its
    publication time, at least every SCHEDULED_RECHECK. Without a worker (tasks run at
    once) nothing can wait, so a scheduled announcement is not mailed."""
    now = timezone.now()
    publish_at = announcement_publication_pending(announcement_id=announcement_id, now=now)
    if publish_at is not None:
        if not self.request.is_eager:
            self.apply_async(args=(announcement_id,), eta=min(publish_at, now + SCHEDULED_RECHECK))
        return 0
    return announcement_mail_queue(announcement_id=announcement_id, now=now)
