"""Background jobs of the events app, run by the Celery worker (config/celery.py)."""

from celery import shared_task

from events.mailings.services import mailings_send_due as mailings_send_due_service


@shared_task
def mailings_send_due() -> int:
    """Queue the scheduled mailings whose time has come; run by `celery beat` every
    MAILINGS_DUE_CHECK_SECONDS (config/celery.py). Running it twice at once queues each
    mailing once. Returns how many mailings were queued."""
    return mailings_send_due_service()
