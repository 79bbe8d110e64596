"""Background jobs of webhooks, run by the Celery worker (config/celery.py): one delivery at a
time, retried with exponential backoff."""

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings

from webhooks import services


@shared_task(bind=True, max_retries=None)
def webhook_deliver(self, delivery_id: int) -> str:
    """POST the delivery to its endpoint (webhooks.services.delivery_attempt). After a network
    error, a timeout, a 5xx or a 429 it is retried with exponential backoff and jitter, up to
    WEBHOOK_MAX_RETRIES times, then marked failed. Returns the delivery's status."""
    attempt = services.delivery_attempt(delivery_id=delivery_id)
    if attempt.retry:
        if self.request.retries >= settings.WEBHOOK_MAX_RETRIES:
            services.delivery_give_up(delivery_id=delivery_id)
            return "failed"
        countdown = get_exponential_backoff_interval(
            factor=settings.WEBHOOK_RETRY_BACKOFF_SECONDS,
            retries=self.request.retries,
            maximum=30 * 60,  # below the broker's visibility timeout
            full_jitter=True,
        )
        raise self.retry(args=(delivery_id,), countdown=countdown)
    return attempt.status
